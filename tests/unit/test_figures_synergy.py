"""Figure builders of the synergy, matrix and synthesis pages: pure functions checked on their data."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.figures import matrix as fig_matrix
from dashboard.figures import synergies as fig_synergies
from dashboard.figures import synthesis as fig_synthesis
from dashboard.figures.theme import PILOT_COLOURS, graph_config
from dashboard.queries import matrix as matrix_q
from dashboard.queries import synergies as synergies_q
from dashboard.views.matrices import labels

REGISTERS = ["fonctionnement", "management", "competences", "formalisation", "ressources"]


def _radar(session, *, services, years, series):
    register_labels, level_labels = labels("fr")
    levels = matrix_q.matrix_levels(session, commune="tournai", years=years, services=services)
    return fig_matrix.radar(
        levels.assign(series=levels[series].astype(str)),
        series_column="series",
        register_labels=register_labels,
        level_labels=level_labels,
        lang="fr",
    )


def test_figs001_tournai_2024_hr_radar(session):
    fig = _radar(session, services=["rh"], years=[2024], series="year")
    assert len(fig.data) == 1
    trace = fig.data[0]
    assert list(trace.r) == [4, 5, 5, 4, 4, 4]  # closed polygon: first vertex repeated
    assert list(trace.text[:5]) == ["4", "5", "5", "4", "4"]  # levels written on the chart
    assert tuple(fig.layout.polar.radialaxis.range) == (0, 5)
    ticks = list(fig.layout.polar.radialaxis.ticktext)
    assert len(ticks) == 6 and all(tick for tick in ticks)


def test_figs002_overlay_services_one_polygon_each(session):
    fig = _radar(session, services=["rh", "informatique"], years=[2024], series="service_name")
    assert len(fig.data) == 2
    assert fig.data[0].line.color != fig.data[1].line.color
    assert fig.data[0].line.dash != fig.data[1].line.dash  # not told apart by colour alone


def test_figs003_heatmap_has_level_names_in_cells(session):
    register_labels, level_labels = labels("fr")
    levels = matrix_q.matrix_levels(session, commune="tournai", years=[2024])
    fig = fig_matrix.heatmap(levels, register_labels=register_labels, level_labels=level_labels, lang="fr")
    heat = fig.data[0]
    services = levels["service"].nunique()
    assert len(heat.z) == services and all(len(row) == 5 for row in heat.z)
    assert (heat.zmin, heat.zmax) == (0, 5)
    first = heat.text[0][0]
    assert first.split(" · ")[1] == level_labels[int(first.split(" · ")[0])]


def test_figs004_radar_grid_one_subplot_per_service(session):
    register_labels, _ = labels("fr")
    levels = matrix_q.matrix_levels(session, commune="tournai", years=[2024])
    support = levels[levels["group"] == "support"]
    short = {r: r[:4] for r in REGISTERS}
    fig = fig_matrix.radar_grid(support, register_labels=register_labels, short_labels=short, lang="fr")
    assert len(fig.data) == support["service"].nunique() == 4
    titles = [a.text for a in fig.layout.annotations]
    assert sum("/25" in title for title in titles) == 4


def _trend(session, measure="percent"):
    data = matrix_q.synthesis(session, commune="tournai")
    fig = fig_synthesis.trend(
        data,
        group_labels={"support": "Support", "autre": "Autres"},
        origin_labels={"computed": "calculé", "reported": "rapporté"},
        disagree_label="désaccord",
        lang="fr",
        measure=measure,
    )
    return data, fig


def test_figs005_support_trend_six_points_36_to_78(session):
    _, fig = _trend(session, measure="total")
    support = next(trace for trace in fig.data if trace.name == "Support")
    assert list(support.x) == [2019, 2020, 2021, 2022, 2023, 2024]
    assert support.y[0] == 36 and support.y[-1] == 78
    assert support.text[-1] == "78/100"


def test_figs006_computed_and_reported_points_are_distinguishable(session):
    data, fig = _trend(session)
    support = next(trace for trace in fig.data if trace.name == "Support")
    origins = list(data[data["group"] == "support"].sort_values("year")["origin"])
    fills = list(support.marker.color)
    assert origins[-1] == "computed" and "reported" in origins
    hollow = {fill for fill, origin in zip(fills, origins, strict=True) if origin == "reported"}
    solid = {fill for fill, origin in zip(fills, origins, strict=True) if origin == "computed"}
    assert hollow == {"#ffffff"} and "#ffffff" not in solid
    legend = {trace.name for trace in fig.data}
    assert {"calculé", "rapporté"} <= legend


def test_figs007_disagreement_is_marked():
    data = pd.DataFrame(
        {
            "commune": ["x", "x"],
            "year": [2023, 2024],
            "group": ["support", "support"],
            "total": [70, 80],
            "maximum": [100, 100],
            "percent": [70.0, 80.0],
            "origin": ["reported", "computed"],
            "disagrees": [False, True],
            "change": [pd.NA, 10],
        }
    )
    fig = fig_synthesis.trend(
        data,
        group_labels={"support": "Support"},
        origin_labels={"computed": "c", "reported": "r"},
        disagree_label="désaccord",
        lang="fr",
    )
    ring = next(trace for trace in fig.data if trace.name == "désaccord")
    assert list(ring.x) == [2024]


def test_figs008_synergy_counts_by_status_and_pilot(session):
    df = synergies_q.synergies(session, commune="molenbeek-saint-jean")
    fig = fig_synergies.status_by_pilot(
        df,
        status_labels={"realisee": "réalisée", "en_cours": "en cours", "projetee": "projetée"},
        pilot_labels={"commune": "Ville", "cpas": "CPAS", "les_deux": "les deux", "none": "non précisé"},
        lang="fr",
    )
    bars = [trace for trace in fig.data if trace.type == "bar"]
    total = sum(
        sum(v for v in trace.x if v) if trace.orientation == "h" else sum(v for v in trace.y if v)
        for trace in bars
    )
    assert total == len(df) == 96


@pytest.mark.parametrize("pilot", ["commune", "cpas", "les_deux"])
def test_figs009_one_colour_per_pilot(pilot):
    assert PILOT_COLOURS[pilot] not in [c for p, c in PILOT_COLOURS.items() if p != pilot]


def test_figs010_share_to_cloud_is_off():
    config = graph_config("radar", "fr")
    assert config["showSendToCloud"] is False
    assert "sendDataToCloud" in config["modeBarButtonsToRemove"]
