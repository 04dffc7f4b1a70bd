"""The production entry point: gunicorn with the shipped config and two workers serves pages and
callbacks from the test database (SQLite or PostgreSQL), each worker with its own connections."""

from __future__ import annotations

from benchmarks import callbacks as C
from benchmarks import server as S


def test_dep001_gunicorn_two_workers_serve_pages_and_callbacks(engine):
    url = engine.url.render_as_string(hide_password=False)
    with S.gunicorn(url, workers=2) as (base, master):
        assert len(S.worker_pids(master.pid)) == 2
        client = S.HttpClient(base)
        index = client.get("/")
        assert index.status_code == 200 and index.headers.get("Content-Encoding") in ("br", "gzip")
        for scenario in C.build_scenarios(client):
            for _ in range(3):  # several requests: both workers answer, each with its own pool
                answer = client.post("/_dash-update-component", json=scenario.payload)
                assert answer.status_code == 200, (scenario.name, answer.text[:200])
                assert answer.json()["response"]
