"""Public contracts and social indicators: queries, pure figure builders and the two pages."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard import create_app
from dashboard.figures import contracts as fig_contracts
from dashboard.figures import social as fig_social
from dashboard.i18n import fmt_number, fmt_percent, t
from dashboard.pages import contracts as contracts_page
from dashboard.pages import social as social_page
from dashboard.queries import contracts as contract_q
from dashboard.queries import social as social_q
from tests.unit.test_pages_synergy import render

BODY_LABELS = {"cpas": "CPAS", "commune": "Ville", "conjoint": "Conjointement"}


@pytest.fixture(scope="module")
def app(settings, engine):
    return create_app(settings, engine=engine)


# --- contracts -----------------------------------------------------------------------------------


def test_con001_partial_count_is_hatched_and_labelled(session):
    counts = contract_q.contract_counts(session, commune="tournai")
    fig = fig_contracts.awarded_by_year(
        counts,
        contract_q.contract_summary(counts),
        body_labels=BODY_LABELS,
        partial_text=lambda d: f"au {d:%d/%m/%Y}",
        share_text=lambda s: f"part conjointe {s}",
        lang="fr",
    )
    ville = next(trace for trace in fig.data if trace.name == "Ville")
    assert list(ville.x) == ["2023", "2024"] and list(ville.y) == [188, 93]
    assert list(ville.marker.pattern.shape) == ["", "/"]  # 2024 is partial: hatched, not a plain drop
    assert ville.text[1] == "93*"
    notes = [a.text for a in fig.layout.annotations]
    assert any("25/10/2024" in n for n in notes)
    assert "part conjointe " + fmt_percent(100 * 10 / 320, "fr", 1) in notes
    for annotation in fig.layout.annotations:  # placed by category index on the year axis
        assert annotation.xref == "paper" or annotation.x in (0, 1)


def test_con002_year_over_year_leaves_partial_out_unless_asked(session):
    counts = contract_q.contract_counts(session, commune="tournai")
    changes = contract_q.year_over_year(counts).set_index(["year", "body"])
    assert bool(changes.loc[(2024, "commune"), "excluded"])
    assert pd.isna(changes.loc[(2024, "commune"), "change"])
    assert changes.loc[(2024, "cpas"), "change"] == -15
    assert changes.loc[(2024, "conjoint"), "percent_change"] == pytest.approx(-70.0)
    included = contract_q.year_over_year(counts, include_partial=True).set_index(["year", "body"])
    assert included.loc[(2024, "commune"), "change"] == 93 - 188


def test_con003_joint_totals_by_type_and_procedure(session):
    joint = contract_q.contracts(session, commune="tournai", stage="conjoint")
    assert len(joint) == 12
    by_type = contract_q.contract_totals(joint, "type").set_index("type")
    assert by_type.loc["fournitures", "count"] == 6
    assert by_type["count"].sum() == 12
    assert by_type["amount"].sum() == pytest.approx(2_646_475.75)
    by_procedure = contract_q.contract_totals(joint, "procedure").set_index("procedure")
    assert by_procedure.loc["PNDAPP", "amount"] == pytest.approx(108_562.40 + 189_562.40 + 1_012_085.40)


def test_con004_pipeline_amounts_unknown_not_zero(session):
    pipeline = contract_q.contracts(session, commune="tournai", stage="candidat")
    assert len(pipeline) == 44
    assert pipeline["estimated_amount"].isna().all()
    totals = contract_q.contract_totals(pipeline, "type")
    assert totals["amount"].isna().all() and totals["unknown"].sum() == 44


def test_con005_contracts_page(app):
    text, graphs = render(app, contracts_page, commune="tournai")
    assert "comptage partiel au 25/10/2024" in text
    assert t("con.change_excluded", "fr") in text
    assert "2\u202f646\u202f475,75\u00a0€" in text  # fr-BE currency
    assert "procédure négociée sans publication préalable" in text
    assert len(graphs) == 3
    text, _ = render(app, contracts_page, commune="tournai", partial="1", type="services")
    assert "−95" in text  # 188 → 93 compared on request
    pipeline = text.split(t("con.pipeline", "fr"), 1)[1]
    assert "17 marché(s)" in pipeline and "Terminaux de paiement" not in pipeline


def test_con006_contracts_page_empty_commune(app):
    text, graphs = render(app, contracts_page, commune="molenbeek-saint-jean")
    assert t("con.empty.counts", "fr", commune="Molenbeek-Saint-Jean") in text
    assert graphs == []


# --- social --------------------------------------------------------------------------------------


def test_soc001_ris_line_fifteen_points_last_partial(session):
    ris = social_q.ris(session, commune="tournai")
    fig = fig_social.ris_trend(
        ris,
        name="RIS",
        partial_text=lambda d: f"au {d:%d/%m/%Y}",
        lang="fr",
        base_year=2010,
        growth_label="x",
    )
    line = fig.data[0]
    assert len(line.x) == 15 and line.x[0] == 2010 and line.x[-1] == 2024
    assert line.y[-1] == 1736 and line.text[-1] == "1\u202f736"
    assert list(line.marker.color).count("#ffffff") == 1  # only 2024 is hollow (partial)
    assert any("30/11/2024" in a.text for a in fig.layout.annotations)


def test_soc002_growth_since_base_year(session):
    growth = social_q.ris_growth(social_q.ris(session, commune="tournai"), 2010).set_index("year")["growth"]
    assert growth[2024] == pytest.approx(100 * (1736 / 1004 - 1))


def test_soc003_art60_total_2024_is_205(session):
    art60 = social_q.placements(session, commune="tournai", schemes=["art60"])
    assert art60[art60["year"] == 2024]["count"].sum() == 205
    fig = fig_social.placements_by_category(
        art60,
        category_labels=dict(zip(art60["employer_category"], art60["employer_label"], strict=False)),
        lang="fr",
    )
    by_year = {trace.name: trace for trace in fig.data}
    assert set(by_year) == {"2023", "2024"}
    assert sum(by_year["2024"].x) == 205
    assert any("†" in text for text in by_year["2023"].text)  # cells with a note are marked


def test_soc004_benchmark_non_diffuse_is_words_not_zero(session):
    values = social_q.indicators(session, commune="tournai", themes=["iweps"])
    iweps4 = values[values["code"] == "iweps_4"]
    fig = fig_social.benchmark(
        iweps4,
        level_names={
            "commune": "Tournai",
            "arrondissement": "Arrondissement de Tournai-Mouscron",
            "province": "Prov.",
            "region": "Wallonie",
        },
        value_text=lambda v: f"{v:.0f}",
        non_diffuse="non diffusé",
        lang="fr",
    )
    bar = fig.data[0]
    # a long territory name wraps instead of being clipped by a narrow card
    assert list(bar.y) == ["Tournai", "Arrondissement de<br>Tournai-Mouscron", "Prov.", "Wallonie"]
    assert list(bar.text) == ["5289", "non diffusé", "non diffusé", "non diffusé"]
    # the right margin holds the longest label ("non diffusé"), which a narrow card would clip
    assert fig.layout.margin.r >= len("non diffusé") * 13 * 0.6


def test_soc005_households(session):
    split = social_q.ris_households(session, commune="tournai")
    fig = fig_social.households(
        split, labels={"isoles": "Isolés", "cohabitants": "Cohab.", "familles": "Fam."}, lang="fr"
    )
    assert list(fig.data[0].x) == [854, 469, 413]
    assert fig.data[0].text[0] == "854 (" + fmt_percent(100 * 854 / 1736, "fr", 1) + ")"


def test_soc006_social_page(app):
    text, graphs = render(app, social_page, commune="tournai")
    assert fmt_number(1736, "fr") in text and "+" + fmt_percent(100 * (1736 / 1004 - 1), "fr", 1) in text
    assert "partiel : au 30/11/2024" in text
    assert "non diffusé" in text
    assert "205" in text
    assert len(graphs) >= 3 + 9
    text, _ = render(app, social_page, commune="tournai", base="2019")
    assert "Évolution depuis 2019" in text


def test_soc007_social_page_empty_commune(app):
    text, graphs = render(app, social_page, commune="molenbeek-saint-jean")
    assert t("soc.empty.ris", "fr", commune="Molenbeek-Saint-Jean") in text
    assert graphs == []


def test_soc008_partial_is_a_date_before_year_end():
    assert contract_q.is_partial(2024, dt.date(2024, 11, 30))
    assert not contract_q.is_partial(2024, dt.date(2024, 12, 31))
    assert not contract_q.is_partial(2024, None)
