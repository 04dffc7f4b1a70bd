"""Every server callback treats its inputs as hostile: forged values posted straight to
/_dash-update-component get a 2xx or 4xx answer, never a 500, and never change the database.

The payloads are built from the app's own /_dash-dependencies, so a new page's callbacks
are covered as soon as they exist.
"""

from __future__ import annotations

import json
from urllib.parse import quote

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


# --- every registered callback, one by one (issue 7) -------------------------------------------
# The tests above draw callbacks at random; the ones below go through app.callback_map so that
# each server callback, including the Dash pages router (which hands the URL's query string to
# a page's layout), gets its own forged requests.

URL_PARAMS = st.sampled_from(
    ["commune", "year", "lang", "service", "services", "status", "group", "pilot", "q", "mode",
     "years", "base", "partial", "type", "os", "page", "sort", "action", "ref", "measure", "x"]
)
HOSTILE_SEARCH = st.lists(st.tuples(URL_PARAMS, HOSTILE_TEXT), max_size=6).map(
    # repeated keys are in the lists on purpose: Dash hands them to the layout as a list
    lambda pairs: "?" + "&".join(f"{key}={quote(value[:3000])}" for key, value in pairs)
)
HOSTILE_PATH = st.sampled_from(
    ["/", "/synergies", "/matrices", "/synthese", "/marches", "/indicateurs-sociaux", "/pst",
     "/bruxelles", "/404", "/../../etc/passwd", "/" + "x" * 5000, "/%00", "//evil.example"]
)
PAGES_ROUTER = "_pages_content"


def _fingerprint(engine) -> str:
    """A digest of every row of every table of the app: an UPDATE shows, not only an INSERT."""
    import hashlib

    digest = hashlib.sha256()
    with engine.connect() as connection:
        for table in M.Base.metadata.sorted_tables:
            rows = sorted(repr(tuple(row)) for row in connection.execute(table.select()))
            digest.update(f"{table.name}:{len(rows)}:{''.join(rows)}".encode())
    return digest.hexdigest()


def _server_callbacks(app) -> list[dict]:
    """Every server-side callback of the app, as /_dash-dependencies describes it."""
    client = app.server.test_client()
    client.get("/")
    deps = {d["output"]: d for d in client.get("/_dash-dependencies").get_json()}
    server_side = [key for key, entry in app.callback_map.items() if "callback" in entry]
    missing = [key for key in server_side if key not in deps]
    assert not missing, missing
    return [deps[key] for key in server_side]


def _concrete(pattern: str, draw) -> dict:
    """A concrete id for a wildcard id pattern: its ALL/MATCH keys get hostile values."""
    return {
        key: (draw(HOSTILE_TEXT) if isinstance(value, list) else value)
        for key, value in json.loads(pattern).items()
    }


def _forged_payload(callback: dict, draw) -> dict:
    def dependency(dep: dict) -> dict | list:
        if not dep["id"].startswith("{"):
            value = draw(HOSTILE_PATH) if dep["property"] == "pathname" else (
                draw(st.one_of(HOSTILE_SEARCH, HOSTILE_VALUE)) if dep["property"] == "search"
                else draw(HOSTILE_VALUE)
            )
            return {"id": dep["id"], "property": dep["property"], "value": value}
        pattern = json.loads(dep["id"])
        if any(isinstance(v, list) and v and v[0] in ("ALL", "ALLSMALLER") for v in pattern.values()):
            return [
                {"id": _concrete(dep["id"], draw), "property": dep["property"], "value": draw(HOSTILE_VALUE)}
                for _ in range(draw(st.integers(0, 3)))
            ]
        return {"id": _concrete(dep["id"], draw), "property": dep["property"], "value": draw(HOSTILE_VALUE)}

    inputs = [dependency(i) for i in callback["inputs"]]
    state = [dependency(s) for s in callback["state"]]
    outputs = _outputs(callback["output"])
    first = callback["inputs"][0]
    return {
        "output": callback["output"],
        "outputs": outputs if callback["output"].startswith("..") else outputs[0],
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{first['id']}.{first['property']}"],
    }


def _forged_requests(client, callback: dict):
    """A hypothesis test posting forged inputs to one callback (one per callback, so each gets its share)."""

    @settings(max_examples=25, deadline=None, database=None)
    @given(data=st.data())
    def forged(data):
        payload = _forged_payload(callback, data.draw)
        response = client.post("/_dash-update-component", json=payload)
        body = response.get_data(as_text=True)
        assert response.status_code < 500, (callback["output"], payload, body[:300])
        assert "Traceback" not in body and 'File "' not in body

    return forged


def test_hos005_every_registered_callback_survives_forged_inputs(app, engine):
    callbacks = _server_callbacks(app)
    assert any(PAGES_ROUTER in c["output"] for c in callbacks)
    client = app.server.test_client()
    before = _fingerprint(engine)

    for callback in callbacks:
        _forged_requests(client, callback)()

    assert _fingerprint(engine) == before


@pytest.mark.parametrize(
    "search",
    [
        "?commune=tournai&commune=mons",  # a repeated key reaches the layout as a list
        "?commune=tournai&year=2024&year=2023&lang=nl&lang=en",
        "?lang=nl&lang=fr&service=rh&service=informatique",
        "?commune=%00&year=1e309&lang=" + "x" * 3000,
    ],
)
def test_hos006_page_router_with_repeated_or_odd_params(app, search):
    client = app.server.test_client()
    client.get("/")
    for path in [p["path"] for p in __import__("dash").page_registry.values()]:
        payload = {
            "output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"},
                        {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                       {"id": "_pages_location", "property": "search", "value": search}],
            "state": [],
            "changedPropIds": ["_pages_location.search"],
        }
        response = client.post("/_dash-update-component", json=payload)
        assert response.status_code < 500, (path, search, response.get_data(as_text=True)[:300])
