"""The synergy, matrix and synthesis pages render from the URL parameters (no browser).

Each page is rendered as Dash would for a given query string, then searched for the
figures and messages a person would read.
"""

from __future__ import annotations

import json

import pytest
from dash import dcc

from dashboard import create_app
from dashboard.i18n import t
from dashboard.pages import matrices, synergies, synthesis


@pytest.fixture(scope="module")
def app(settings, engine):
    return create_app(settings, engine=engine)


def _walk(node, out):
    if isinstance(node, (list, tuple)):
        for item in node:
            _walk(item, out)
    elif hasattr(node, "to_plotly_json"):
        out.append(node)
        _walk(getattr(node, "children", None), out)


def render(app, module, **query):
    with app.server.test_request_context("/"):
        layout = module.layout(**query)
    json.dumps(layout.to_plotly_json(), default=lambda o: o.to_plotly_json())  # Dash can send it
    nodes: list = []
    _walk(layout, nodes)
    texts = []
    for node in nodes:
        children = getattr(node, "children", None)
        if isinstance(children, str):
            texts.append(children)
        elif isinstance(children, (list, tuple)):
            texts.extend(c for c in children if isinstance(c, str))
    graphs = [n for n in nodes if isinstance(n, dcc.Graph)]
    return " ".join(texts), graphs


def test_pg001_synergies_register_molenbeek(app):
    text, graphs = render(app, synergies, commune="molenbeek-saint-jean")
    assert "96" in text  # the count of synergies shown
    assert len(graphs) >= 2  # counts by status and by service
    for graph in graphs:
        assert graph.config["showSendToCloud"] is False


def test_pg002_synergies_filters_from_the_url(app):
    all_text, _ = render(app, synergies, commune="molenbeek-saint-jean")
    text, _ = render(app, synergies, commune="molenbeek-saint-jean", status="projetee")
    assert "31" in text
    assert text != all_text


def test_pg003_commune_without_synergies_says_so(app):
    text, graphs = render(app, synergies, commune="ottignies-louvain-la-neuve")
    assert t("syn.empty.commune", "fr", commune="Ottignies-Louvain-la-Neuve") in text
    assert graphs == []


def test_pg004_matrices_radar_and_heatmap_for_tournai(app):
    text, graphs = render(app, matrices, commune="tournai", year="2024", service="rh")
    radar = next(g for g in graphs if g.figure.data and g.figure.data[0].type == "scatterpolar")
    assert list(radar.figure.data[0].r[:5]) == [4, 5, 5, 4, 4]
    assert any(g.figure.data and g.figure.data[0].type == "heatmap" for g in graphs)
    assert t("level.5", "fr") in text  # level definitions are printed in the page


def test_pg005_matrices_year_without_detail_and_commune_without_matrix(app):
    text, _ = render(app, matrices, commune="tournai", year="2022", mode="services")
    assert "2022" in text and "totaux" in text
    text, graphs = render(app, matrices, commune="molenbeek-saint-jean")
    assert "aucune matrice" in text
    assert graphs == []


def test_pg006_synthesis_grid_trend_and_empty(app):
    text, graphs = render(app, synthesis, commune="tournai", year="2024")
    assert "78" in text and "/100" in text.replace(" ", "")
    trend = next(g for g in graphs if any(tr.type == "scatter" for tr in g.figure.data))
    assert len(trend.figure.data[0].x) == 6
    text, graphs = render(app, synthesis, commune="molenbeek-saint-jean")
    assert t("syn2.empty.commune", "fr", commune="Molenbeek-Saint-Jean") in text


@pytest.mark.parametrize("module", [synergies, matrices, synthesis])
@pytest.mark.parametrize(
    "query",
    [
        {"commune": "atlantis"},
        {"commune": "tournai", "year": "'; DROP TABLE synergy; --"},
        {"commune": "tournai", "service": "x" * 5000, "status": "bogus", "page": "-3", "sort": "nope"},
        {"lang": "de", "mode": "<script>"},
    ],
)
def test_pg007_hostile_parameters_never_raise(app, module, query):
    text, _ = render(app, module, **query)
    assert text  # a page (or a clear message), never an exception
