"""One partial Plotly bundle holding every trace type the pages draw, compressed static files and
answers, and the per-filter-set callback cache retired by a data-version change."""

from __future__ import annotations

import gzip
import json
import re

import brotli
import pytest
from sqlalchemy.orm import Session

from dashboard import create_app, ids
from dashboard.db.meta import DATA_VERSION, get_meta, set_meta
from dashboard.plotly_bundle import BUNDLE, DASH_PLOTLY_PATH, bundled_trace_types, bundled_version

PAGE_URLS = [
    ("/", "?commune=tournai"),
    ("/synergies", "?commune=molenbeek-saint-jean"),
    ("/matrices", "?commune=tournai"),
    ("/matrices", "?commune=tournai&mode=group"),
    ("/synthese", "?commune=tournai"),
    ("/marches", "?commune=tournai"),
    ("/indicateurs-sociaux", "?commune=tournai"),
    ("/pst", "?commune=ottignies-louvain-la-neuve"),
    ("/bruxelles", "?commune=molenbeek-saint-jean"),
]


@pytest.fixture(scope="module")
def app(settings, engine):
    return create_app(settings, engine=engine)


@pytest.fixture(scope="module")
def deps(app):
    client = app.server.test_client()
    client.get("/")
    return client.get("/_dash-dependencies").get_json()


def _callback(deps, fragment: str) -> dict:
    return next(d for d in deps if fragment in d["output"] and not d.get("clientside_function"))


def _outputs(output: str) -> list[dict]:
    parts = output.strip(".").split("...") if output.startswith("..") else [output]
    return [{"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1].split("@")[0]} for p in parts]


def _page_payload(deps, path: str, search: str) -> dict:
    cb = _callback(deps, "_pages_content")
    values = {"pathname": path, "search": search}
    return {
        "output": cb["output"],
        "outputs": _outputs(cb["output"]),
        "inputs": [
            {"id": i["id"], "property": i["property"], "value": values.get(i["property"])}
            for i in cb["inputs"]
        ],
        "state": [
            {"id": s["id"], "property": s["property"], "value": values.get(s["property"])}
            for s in cb["state"]
        ],
        "changedPropIds": [f"{cb['inputs'][0]['id']}.{cb['inputs'][0]['property']}"],
    }


def _trace_types(node, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        figure = node.get("figure")
        if isinstance(figure, dict):
            for trace in figure.get("data") or []:
                found.add(trace.get("type", "scatter"))
        for value in node.values():
            _trace_types(value, found)
    elif isinstance(node, list):
        for value in node:
            _trace_types(value, found)
    return found


def test_prf001_every_trace_type_drawn_is_in_the_bundle(app, deps):
    client = app.server.test_client()
    drawn: set[str] = set()
    for path, search in PAGE_URLS:
        response = client.post("/_dash-update-component", json=_page_payload(deps, path, search))
        assert response.status_code == 200, path
        _trace_types(response.get_json(), drawn)
    assert {"scatter", "bar", "scatterpolar"} <= drawn  # the walk does find figures
    assert drawn <= bundled_trace_types(), (
        f"traces missing from the Plotly bundle: {drawn - bundled_trace_types()}"
    )


def test_prf002_figure_builders_use_only_bundled_traces():
    """A go.<Trace> added to a figure builder must be added to tools/plotly-bundle/entry.js too."""
    from dashboard.config import PACKAGE_DIR

    source = " ".join(p.read_text(encoding="utf-8") for p in (PACKAGE_DIR / "figures").glob("*.py"))
    used = {name.lower() for name in re.findall(r"\bgo\.([A-Z][a-z]+)\(", source)} - {"figure", "layout"}
    assert used <= bundled_trace_types(), used - bundled_trace_types()


def test_prf003_dash_plotly_url_serves_the_partial_bundle(app):
    from plotly.offline import get_plotlyjs_version

    client = app.server.test_client()
    index = client.get("/").get_data(as_text=True)
    assert not [s for s in re.findall(r'<script src="([^"]+)"', index) if "plotly" in s.lower()]  # lazy
    served = client.get(DASH_PLOTLY_PATH)
    assert served.status_code == 200 and served.get_data() == BUNDLE.read_bytes()
    assert len(served.get_data()) < 2_000_000  # not the 4.8 MB full bundle
    assert bundled_version() == get_plotlyjs_version()
    assert f"plotly.js v{get_plotlyjs_version()}" in BUNDLE.read_text(encoding="utf-8")[:200]
    again = client.get(DASH_PLOTLY_PATH, headers={"If-None-Match": served.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(("encoding", "decode"), [("br", brotli.decompress), ("gzip", gzip.decompress)])
def test_prf004_the_bundle_is_sent_pre_compressed(app, encoding, decode):
    client = app.server.test_client()
    response = client.get(DASH_PLOTLY_PATH, headers={"Accept-Encoding": f"{encoding}, deflate"})
    assert response.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response.headers["Vary"]
    body = response.get_data()
    assert int(response.headers["Content-Length"]) == len(body) < BUNDLE.stat().st_size / 2
    assert decode(body) == BUNDLE.read_bytes()
    plain = client.get(DASH_PLOTLY_PATH)
    assert "Content-Encoding" not in plain.headers and plain.get_data() == BUNDLE.read_bytes()


def test_prf005_dash_bundles_and_callback_answers_compressed(app, deps):
    client = app.server.test_client()
    index = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert index.headers.get("Content-Encoding") == "gzip"
    scripts = re.findall(r'<script src="([^"]+)"', gzip.decompress(index.get_data()).decode())
    renderer = next(s for s in scripts if "dash_renderer" in s)
    compressed = client.get(renderer, headers={"Accept-Encoding": "br"})
    assert compressed.headers["Content-Encoding"] == "br"
    assert brotli.decompress(compressed.get_data()) == client.get(renderer).get_data()
    answer = client.post(
        "/_dash-update-component",
        json=_page_payload(deps, "/synthese", "?commune=mons"),
        headers={"Accept-Encoding": "br"},
    )
    assert answer.headers["Content-Encoding"] == "br"
    assert json.loads(brotli.decompress(answer.get_data()))["response"]


def test_prf006_same_filter_set_served_from_cache_until_data_changes(app, deps, engine):
    client = app.server.test_client()
    payload = _page_payload(deps, "/synthese", "?commune=tournai&lang=nl")
    first = client.post("/_dash-update-component", json=payload)
    second = client.post("/_dash-update-component", json=payload)
    assert first.headers["X-Dashboard-Cache"] == "miss" and second.headers["X-Dashboard-Cache"] == "hit"
    assert first.get_data() == second.get_data()
    other = client.post(
        "/_dash-update-component", json=_page_payload(deps, "/synthese", "?commune=tournai&lang=en")
    )
    assert other.headers["X-Dashboard-Cache"] == "miss"  # another filter set, another entry
    with Session(engine) as session, session.begin():
        old = get_meta(session, DATA_VERSION)
        set_meta(session, DATA_VERSION, "changed-by-test")  # what every writer does via mark_changed
    try:
        after = client.post("/_dash-update-component", json=payload)
        assert after.headers["X-Dashboard-Cache"] == "miss"
    finally:
        with Session(engine) as session, session.begin():
            set_meta(session, DATA_VERSION, old)


def test_prf007_signed_in_users_and_other_callbacks_are_never_cached(app, deps):
    client = app.server.test_client()
    payload = _page_payload(deps, "/marches", "?commune=tournai")
    with client.session_transaction() as flask_session:
        flask_session["_user_id"] = "editor-1"
    for _ in range(2):
        answer = client.post("/_dash-update-component", json=payload)
        assert answer.status_code == 200 and "X-Dashboard-Cache" not in answer.headers
    anonymous = app.server.test_client()
    shell = next(d for d in deps if any(i["id"] == ids.COMMUNE_SELECT for i in d["inputs"]))
    assert f"{ids.URL}.search" in shell["output"]
    body = {
        "output": shell["output"],
        "outputs": _outputs(shell["output"]),
        "inputs": [
            {
                "id": i["id"],
                "property": i["property"],
                "value": "mons" if i["id"] == ids.COMMUNE_SELECT else None,
            }
            for i in shell["inputs"]
        ],
        "state": [{"id": s["id"], "property": s["property"], "value": ""} for s in shell["state"]],
        "changedPropIds": [f"{ids.COMMUNE_SELECT}.value"],
    }
    for _ in range(2):
        answer = anonymous.post("/_dash-update-component", json=body)
        assert answer.status_code == 200 and "commune=mons" in answer.get_data(as_text=True)
        assert "X-Dashboard-Cache" not in answer.headers


def test_prf008_function_cache_keys_do_not_depend_on_the_process(tmp_path):
    """Workers sharing Redis must compute the same key: sets are ordered by per-process hashing."""
    import subprocess
    import sys

    code = (
        "from dashboard.cache import _stable; "
        "print(repr(_stable((frozenset({'home', 'synergies', 'matrices', 'pst', 'brussels'}), {'b': 1, 'a': {2, 1}}))))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(outputs) == 1, outputs


def test_prf009_only_public_pages_are_cached(app, deps):
    from importlib import import_module

    from dashboard import PAGE_MODULES
    from dashboard.cache import CACHEABLE_PAGE_PATHS

    public = {"home", "synergies", "matrices", "synthesis", "contracts", "social", "pst", "brussels"}
    paths = {m.PAGE["path"] for m in map(import_module, PAGE_MODULES) if m.KEY in public}
    assert paths == CACHEABLE_PAGE_PATHS
    client = app.server.test_client()
    for _ in range(2):
        answer = client.post(
            "/_dash-update-component", json=_page_payload(deps, "/gestion/import", "?commune=tournai")
        )
        assert answer.status_code == 200 and "X-Dashboard-Cache" not in answer.headers
    with client.session_transaction() as flask_session:
        flask_session["some_login_key"] = "x"  # whatever the accounts module stores
    answer = client.post(
        "/_dash-update-component", json=_page_payload(deps, "/synthese", "?commune=mons&lang=en")
    )
    assert "X-Dashboard-Cache" not in answer.headers
