"""The open-data API: datasets, filters, formats, and errors that never leak a stack trace."""

from __future__ import annotations

import csv
import io

import pytest

from dashboard import create_app
from dashboard.api import DATASETS, neutralise


@pytest.fixture(scope="module")
def client(settings, engine):
    app = create_app(settings, engine=engine)
    return app.server.test_client()


def test_api001_synthesis_for_tournai(client):
    response = client.get("/api/v1/synthesis.json?commune=tournai")
    assert response.status_code == 200
    rows = response.get_json()["rows"]
    assert len(rows) == 12
    support = [(r["year"], r["total"], r["maximum"], r["origin"]) for r in rows if r["group"] == "support"]
    assert support == [
        (2019, 36, 100, "reported"),
        (2020, 64, 100, "reported"),
        (2021, 69, 100, "reported"),
        (2022, 76, 100, "reported"),
        (2023, 78, 100, "reported"),
        (2024, 78, 100, "computed"),
    ]
    other = [r["total"] for r in rows if r["group"] == "autre"]
    assert other == [84, 90, 106, 110, 113, 114]


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_api002_every_dataset_answers_json_and_csv(client, name):
    params = "?commune=tournai" if "commune" in DATASETS[name].params else ""
    as_json = client.get(f"/api/v1/{name}.json{params}")
    assert as_json.status_code == 200, as_json.data
    body = as_json.get_json()
    assert body["dataset"] == name and body["count"] == len(body["rows"])
    as_csv = client.get(f"/api/v1/{name}.csv{params}")
    assert as_csv.status_code == 200 and as_csv.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(as_csv.get_data(as_text=True))))
    assert len(rows) == body["count"] + 1


def test_api003_filters(client):
    rows = client.get("/api/v1/matrix.json?commune=tournai&year=2024&service=rh").get_json()["rows"]
    assert [r["level"] for r in rows] == [4, 5, 5, 4, 4]
    rows = client.get("/api/v1/ris.json?commune=tournai&year=2017,2024").get_json()["rows"]
    assert [(r["year"], r["beneficiaries"], r["partial"]) for r in rows] == [
        (2017, 1826, False),
        (2024, 1736, True),
    ]


def test_api004_non_diffuse_is_null_in_json(client):
    rows = client.get("/api/v1/indicators.json?commune=tournai").get_json()["rows"]
    i4 = next(r for r in rows if r["code"] == "iweps_4" and r["territory_level"] == "region")
    assert i4["value"] is None and i4["status"] == "non_diffuse"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/nope.json", 404),
        ("/api/v1/synthesis.xml", 404),
        ("/api/v1/synthesis.json?commune=atlantis", 404),
        ("/api/v1/synthesis.json?year=abc", 400),
        ("/api/v1/synthesis.json?year=1789", 400),
        ("/api/v1/synthesis.json?colour=blue", 400),
        ("/api/v1/communes.json?year=2024", 400),
        ("/api/v1/synthesis.json?commune=" + "x" * 5000, 400),
        ("/api/v1/synthesis.json?commune=tournai'%20OR%201=1--", 404),
    ],
)
def test_api005_bad_requests_answer_json_errors(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response.mimetype == "application/json"
    assert "error" in response.get_json()
    assert b"Traceback" not in response.data


def test_api006_read_only(client):
    assert client.post("/api/v1/synthesis.json").status_code == 405


def test_api007_index_lists_datasets(client):
    body = client.get("/api/v1").get_json()
    assert set(body["datasets"]) == set(DATASETS)


@pytest.mark.parametrize("value", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx"])
def test_api008_formula_cells_are_neutralised(value):
    assert neutralise(value).startswith("'")
    assert neutralise("Réalisé") == "Réalisé" and neutralise(-2) == -2
