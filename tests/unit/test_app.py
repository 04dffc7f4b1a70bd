"""The app builds, serves its pages, and the home page shows the headline figures (no browser)."""

from __future__ import annotations

import json

import pytest
from dash import html

from dashboard import create_app
from dashboard.queries.home import headline


@pytest.fixture(scope="module")
def app(settings, engine):
    return create_app(settings, engine=engine)


def _texts(component) -> list[str]:
    """Every string in a serialised component tree."""
    out: list[str] = []

    def walk(node):
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, (list, tuple)):
            for item in node:
                walk(item)
        elif hasattr(node, "children"):
            walk(node.children)

    walk(component)
    return out


def _by_id(component, wanted: str):
    """The component with id `wanted` in a tree (None when absent)."""
    if getattr(component, "id", None) == wanted:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, str):
            found = _by_id(child, wanted)
            if found is not None:
                return found
    return None


def _layout(app, **query):
    from dashboard.pages import home

    with app.server.test_request_context("/"):
        return home.layout(**query)


def test_app001_index_and_assets_are_local(app):
    client = app.server.test_client()
    page = client.get("/")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert '<html lang="fr">' in text
    assert "cdn" not in text.lower() and "https://" not in text
    assert client.get("/assets/00-bootstrap.min.css").status_code == 200


def test_app002_home_headline_tournai_2024(session):
    h = headline(session, commune="tournai", year=2024)
    assert (h.scores["support"].total, h.scores["support"].maximum) == (78, 100)
    assert h.scores["support"].change == 0 and h.scores["support"].previous_year == 2023
    assert h.joint_contracts == 3 and h.contracts_partial_until is not None
    assert h.joint_partial_until is None  # only the Ville's 2024 count stops early, not the joint one
    assert h.ris == 1736 and h.ris_partial
    assert h.art60 == 205


def test_app003_home_layout_shows_real_figures(app):
    texts = " ".join(_texts(_layout(app)))
    assert "Tournai" in texts
    assert "78 / 100" in texts and "114 / 200" in texts
    assert "205" in texts
    assert "1\u202f736" in texts  # French grouping
    assert "Partiel" in texts  # the RIS average of 2024
    # the joint count (3) is complete: no badge on it, but its total (203) is said to be partial
    card = _by_id(_layout(app), "kpi-joint-contracts")
    card_text = " ".join(_texts(card))
    assert "Partiel" not in card_text and "total partiel : un comptage arrêté au 25/10/2024" in card_text


def test_app004_home_in_dutch_and_unknown_commune(app):
    texts = " ".join(_texts(_layout(app, lang="nl")))
    assert "Doornik" in texts and "Gedeeltelijk" in texts and "1.736" in texts
    texts = " ".join(_texts(_layout(app, commune="atlantis")))
    assert "Commune inconnue" in texts


def test_app005_commune_without_some_datasets(app):
    texts = " ".join(_texts(_layout(app, commune="ottignies-louvain-la-neuve")))
    assert "n'a aucune donnée annuelle" in texts or "Pas de donnée" in texts


def test_app006_layout_is_json_serialisable(app):
    layout = _layout(app, commune="molenbeek-saint-jean")
    assert isinstance(layout, html.Div)
    json.dumps(layout.to_plotly_json(), default=lambda o: o.to_plotly_json())
