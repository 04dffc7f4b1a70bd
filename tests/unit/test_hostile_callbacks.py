"""Every server callback treats its inputs as hostile: forged values posted straight to
/_dash-update-component get a 2xx or 4xx answer, never a 500, and never change the database.

The payloads are built from the app's own /_dash-dependencies, so a new page's callbacks
are covered as soon as they exist.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from dashboard import create_app
from dashboard.db import models as M

HOSTILE_TEXT = st.sampled_from(
    [
        "",
        "tournai",
        "'; DROP TABLE synergy; --",
        "<script>alert(1)</script>",
        "x" * 20_000,
        "../../etc/passwd",
        "2024",
        "-1",
        "1e309",
        "NaN",
        "\u0000",
        "?commune=atlantis&year=99999&lang=xx",
        "?commune=tournai&service=" + "a," * 500,
    ]
)
HOSTILE_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), HOSTILE_TEXT),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(HOSTILE_TEXT, children, max_size=3),
    max_leaves=8,
)


@pytest.fixture(scope="module")
def app(settings, engine):
    return create_app(settings, engine=engine)


@pytest.fixture(scope="module")
def server_callbacks(app):
    client = app.server.test_client()
    client.get("/")
    deps = client.get("/_dash-dependencies").get_json()
    callbacks = [d for d in deps if not d.get("clientside_function") and "_pages_content" not in d["output"]]
    assert len(callbacks) >= 6  # synergies, matrices, synthesis, contracts, social, shell filters
    return callbacks


def _outputs(output: str) -> list[dict]:
    parts = output.strip(".").split("...") if output.startswith("..") else [output]
    found = []
    for part in parts:
        component, prop = part.rsplit(".", 1)
        found.append({"id": json.loads(component) if component.startswith("{") else component, "property": prop.split("@")[0]})
    return found


def _row_counts(engine) -> dict[str, int]:
    from sqlalchemy.orm import Session

    with Session(engine) as session:
        return {
            name: session.scalar(select(func.count()).select_from(model)) or 0
            for name, model in (("synergy", M.Synergy), ("matrix", M.MatrixLevel), ("contract", M.Contract))
        }


def _payload(callback: dict, values: list, state_values: list) -> dict:
    inputs = [
        {
            "id": i["id"] if not i["id"].startswith("{") else json.loads(i["id"]),
            "property": i["property"],
            "value": v,
        }
        for i, v in zip(callback["inputs"], values, strict=False)
    ]
    state = [
        {
            "id": s["id"] if not s["id"].startswith("{") else json.loads(s["id"]),
            "property": s["property"],
            "value": v,
        }
        for s, v in zip(callback["state"], state_values, strict=False)
    ]
    outputs = _outputs(callback["output"])
    return {
        "output": callback["output"],
        "outputs": outputs if callback["output"].startswith("..") else outputs[0],
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{callback['inputs'][0]['id']}.{callback['inputs'][0]['property']}"],
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_hos001_forged_callback_inputs_never_500(app, engine, server_callbacks, data):
    client = app.server.test_client()
    before = _row_counts(engine)
    callback = data.draw(st.sampled_from(server_callbacks))
    values = [data.draw(HOSTILE_VALUE) for _ in callback["inputs"]]
    state = [data.draw(HOSTILE_VALUE) for _ in callback["state"]]
    response = client.post("/_dash-update-component", json=_payload(callback, values, state))
    assert response.status_code < 500, (
        callback["output"],
        values,
        state,
        response.get_data(as_text=True)[:300],
    )
    assert "Traceback" not in response.get_data(as_text=True)
    assert _row_counts(engine) == before


def test_hos002_malformed_bodies_are_client_errors(app):
    client = app.server.test_client()
    for body in (b"", b"not json", b"[]", b'{"output": 5}'):
        response = client.post("/_dash-update-component", data=body, content_type="application/json")
        assert response.status_code < 500, body


def test_hos003_database_untouched_by_sql_in_filters(app, engine):
    client = app.server.test_client()
    before = _row_counts(engine)
    for url in (
        "/synergies?commune=tournai&q=%27%3B%20DROP%20TABLE%20synergy%3B--",
        "/api/v1/synergies?commune='OR 1=1",
    ):
        assert client.get(url).status_code < 500
    with engine.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM synergy")).scalar() == before["synergy"]


def _wildcard_payload(callback: dict, items: list) -> dict | None:
    """The body Dash sends when an input is an ALL wildcard: the input is a list of matches."""
    wildcard = [i for i in callback["inputs"] if i["id"].startswith("{")]
    if not wildcard:
        return None
    payload = _payload(callback, [None] * len(callback["inputs"]), [None] * len(callback["state"]))
    for position, dependency in enumerate(callback["inputs"]):
        if dependency["id"].startswith("{"):
            payload["inputs"][position] = items
    return payload


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_hos004_forged_wildcard_lists_never_500(app, engine, server_callbacks, data):
    wildcard_callbacks = [c for c in server_callbacks if any(i["id"].startswith("{") for i in c["inputs"])]
    assert wildcard_callbacks, "the synergy and PST pages use ALL-wildcard inputs"
    callback = data.draw(st.sampled_from(wildcard_callbacks))
    items = data.draw(
        st.lists(
            st.fixed_dictionaries(
                {"id": st.one_of(HOSTILE_TEXT, st.dictionaries(HOSTILE_TEXT, HOSTILE_VALUE, max_size=2)),
                 "property": HOSTILE_TEXT, "value": HOSTILE_VALUE}
            ),
            max_size=4,
        )
    )
    before = _row_counts(engine)
    response = app.server.test_client().post("/_dash-update-component", json=_wildcard_payload(callback, items))
    assert response.status_code < 500, (callback["output"], items, response.get_data(as_text=True)[:300])
    assert _row_counts(engine) == before
