"""Filter-callback scenarios: the requests a viewer's browser posts when switching filters.

Each scenario is one real callback of the app, found in its own /_dash-dependencies, with the
values a person would pick. The floor is a bare Flask route of the same app answering the
same JSON body without Dash, the database, nor figure building: what serving that answer
costs at the least.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from flask import Response

# (name, a fragment of the callback's output, URL search, {input id: value}, changed input id)
SCENARIOS: tuple[tuple[str, str, str, dict, str], ...] = (
    (
        "synthesis: measure",
        "synthesis-trend-area",
        "?commune=tournai",
        {"synthesis-measure": "total"},
        "synthesis-measure",
    ),
    (
        "matrices: mode",
        "mat-radar-area",
        "?commune=tournai",
        {"mat-mode": "group", "mat-group": "support"},
        "mat-mode",
    ),
    ("synergies: status", "syn-results", "?commune=tournai", {"syn-status": ["realisee"]}, "syn-status"),
    (
        "contracts: type",
        "con-pipeline-area",
        "?commune=tournai",
        {"con-pipeline-type": "services"},
        "con-pipeline-type",
    ),
    ("social: base year", "soc-ris-area", "?commune=tournai", {"soc-base-year": "2019"}, "soc-base-year"),
    (
        "pst: status",
        "pst-results",
        "?commune=ottignies-louvain-la-neuve",
        {"pst-status": ["en_cours"]},
        "pst-status",
    ),
    (
        "page: commune switch",
        "_pages_content",
        "?commune=mons",
        {"_pages_location": "/synthese"},
        "_pages_location",
    ),
)


@dataclass
class Scenario:
    name: str
    payload: dict


def _outputs(output: str) -> list[dict]:
    parts = output.strip(".").split("...") if output.startswith("..") else [output]
    return [{"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1].split("@")[0]} for p in parts]


def _dependency(item: dict, values: dict, search: str) -> dict | list:
    component, prop = item["id"], item["property"]
    if component.startswith("{"):
        return []  # pattern-matching buttons: none clicked
    if prop == "search":
        value = search
    elif component == "_pages_location" and prop == "pathname":
        value = values.get("_pages_location")
    else:
        value = values.get(component)
    return {"id": component, "property": prop, "value": value}


def build_scenarios(client) -> list[Scenario]:
    deps = client.get("/_dash-dependencies").get_json()
    found = []
    for name, fragment, search, values, changed in SCENARIOS:
        callback = next(d for d in deps if fragment in d["output"] and not d.get("clientside_function"))
        outputs = _outputs(callback["output"])
        changed_prop = next(i["property"] for i in callback["inputs"] if i["id"] == changed)
        found.append(
            Scenario(
                name,
                {
                    "output": callback["output"],
                    "outputs": outputs if callback["output"].startswith("..") else outputs[0],
                    "inputs": [_dependency(i, values, search) for i in callback["inputs"]],
                    "state": [_dependency(s, values, search) for s in callback["state"]],
                    "changedPropIds": [f"{changed}.{changed_prop}"],
                },
            )
        )
    return found


def add_floor_route(server, bodies: dict[str, bytes]) -> None:
    """A bare Flask route answering a stored callback body: the floor of (c)."""

    def floor(index: int) -> Response:
        return Response(bodies[str(index)], mimetype="application/json")

    server.add_url_rule("/_bench/floor/<int:index>", "bench_floor", floor)


def time_request(call) -> tuple[float, object]:
    start = time.perf_counter()
    response = call()
    return (time.perf_counter() - start) * 1000, response


def check(response, name: str) -> bytes:
    body = response.get_data()
    if response.status_code != 200:
        raise RuntimeError(f"{name}: HTTP {response.status_code} {body[:200]!r}")
    json.loads(body)
    return body
