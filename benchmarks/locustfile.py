"""50 viewers switching filters (run by benchmarks/loadtest.py; loopback only, bounded in time).

Each viewer opens pages for random communes and changes the pages' filters, posting the same
requests as a browser does to /_dash-update-component.
"""

from __future__ import annotations

import copy
import json
import os
import random

from locust import HttpUser, between, task

from benchmarks.callbacks import build_scenarios

COMMUNES = json.loads(os.environ.get("LOADTEST_COMMUNES", '["tournai", "mons"]'))
PATHS = ("/", "/synthese", "/matrices", "/synergies", "/marches", "/indicateurs-sociaux")
SYNTHESIS_MEASURES = ("percent", "total")
MATRIX_MODES = ("years", "services", "group")
STATUSES = (["realisee"], ["en_cours"], ["projetee"], [], ["realisee", "en_cours"])


class _Client:
    def __init__(self, client) -> None:
        self.client = client

    def get(self, path):
        response = self.client.get(path, name="GET " + path)
        response.get_json = response.json
        return response


class Viewer(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        self.client.headers["Accept-Encoding"] = "br, gzip"
        self.client.get("/", name="GET /")
        self.scenarios = {s.name.split(":")[0]: s for s in build_scenarios(_Client(self.client))}

    def _post(self, kind: str, change) -> None:
        payload = copy.deepcopy(self.scenarios[kind].payload)
        change(payload)
        with self.client.post(
            "/_dash-update-component", json=payload, name=f"callback {kind}", catch_response=True
        ) as response:
            if response.status_code not in (200, 204):
                response.failure(f"HTTP {response.status_code}")

    @staticmethod
    def _items(payload: dict) -> list[dict]:
        # pattern-matching inputs (sort/page buttons) are lists of matched components: none here
        return [item for item in payload["inputs"] + payload["state"] if isinstance(item, dict)]

    def _set(self, payload: dict, component: str, value) -> None:
        for item in self._items(payload):
            if item["id"] == component and item["property"] != "search":
                item["value"] = value

    def _search(self, payload: dict, search: str) -> None:
        for item in self._items(payload):
            if item["property"] == "search":
                item["value"] = search

    @task(4)
    def open_page(self) -> None:
        path, commune = random.choice(PATHS), random.choice(COMMUNES)

        def change(p):
            self._set(p, "_pages_location", path)
            self._search(p, f"?commune={commune}")

        self._post("page", change)

    @task(2)
    def synthesis_measure(self) -> None:
        self._post(
            "synthesis", lambda p: self._set(p, "synthesis-measure", random.choice(SYNTHESIS_MEASURES))
        )

    @task(2)
    def matrix_mode(self) -> None:
        self._post("matrices", lambda p: self._set(p, "mat-mode", random.choice(MATRIX_MODES)))

    @task(2)
    def synergy_status(self) -> None:
        self._post("synergies", lambda p: self._set(p, "syn-status", random.choice(STATUSES)))
