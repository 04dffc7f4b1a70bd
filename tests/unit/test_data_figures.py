"""The default data says what the source documents say (figures checked against the seeds)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from dashboard.db import models as M
from dashboard.queries import brussels, contracts, matrix, pst, social, synergies
from dashboard.queries import communes as commune_q


def test_fig001_four_communes_with_ins_codes(session):
    df = commune_q.communes(session).set_index("slug")
    assert df.loc["tournai", "ins_code"] == "57081"
    assert df.loc["mons", "ins_code"] == "53053"
    assert df.loc["ottignies-louvain-la-neuve", "ins_code"] == "25121"
    assert df.loc["molenbeek-saint-jean", "ins_code"] == "21012"
    assert df.loc["molenbeek-saint-jean", "region"] == "bruxelles"
    assert df.loc["tournai", "province"] == "Hainaut"


def test_fig002_ris_tournai(session):
    df = social.ris(session, commune="tournai").set_index("year")
    assert df.loc[2017, "beneficiaries"] == 1826
    assert df.loc[2010, "beneficiaries"] == 1004
    assert list(df.index) == list(range(2010, 2025))
    assert df.loc[2024, "beneficiaries"] == 1736
    assert bool(df.loc[2024, "partial"]) is True
    assert not df.loc[2010:2023, "partial"].any()
    households = social.ris_households(session, commune="tournai").set_index("household")["count"]
    assert households.to_dict() == {"isoles": 854, "cohabitants": 469, "familles": 413}
    assert households.sum() == 1736


def test_fig003_synthesis_2024_computed_from_matrices(session):
    df = matrix.synthesis(session, commune="tournai", years=[2024]).set_index("group")
    assert (df.loc["support", "total"], df.loc["support", "maximum"]) == (78, 100)
    assert (df.loc["autre", "total"], df.loc["autre", "maximum"]) == (114, 200)
    assert set(df["origin"]) == {"computed"}
    # the printed totals agree with the matrices
    assert not df["disagrees"].any()


def test_fig004_synthesis_history(session):
    df = matrix.synthesis(session, commune="tournai")
    support = df[df["group"] == "support"].set_index("year")
    other = df[df["group"] == "autre"].set_index("year")
    assert support["total"].tolist() == [36, 64, 69, 76, 78, 78]
    assert other["total"].tolist() == [84, 90, 106, 110, 113, 114]
    assert list(support.index) == [2019, 2020, 2021, 2022, 2023, 2024]
    assert support.loc[2023, "origin"] == "reported" and support.loc[2024, "origin"] == "computed"
    assert support.loc[2020, "change"] == 28 and support.loc[2024, "change"] == 0
    assert other.loc[2024, "change"] == 1


def test_fig005_matrix_per_service_matches_synthesis_grid(session):
    """The 12 matrices (X positions) agree with the printed synthesis grid, service by service."""
    levels = matrix.matrix_levels(session, commune="tournai", years=[2024])
    totals = matrix.service_totals(levels).set_index("service")["total"].to_dict()
    assert totals == {
        "rh": 22,
        "informatique": 25,
        "marches-publics": 25,
        "maintenance": 6,
        "direction-generale": 14,
        "finances": 8,
        "communication": 11,
        "securite-information": 25,
        "archives": 22,
        "reprographie": 16,
        "planification-urgence": 11,
        "creches": 7,
    }
    hr = levels[levels["service"] == "rh"].sort_values("register_position")["level"].tolist()
    assert hr == [4, 5, 5, 4, 4]
    registers = matrix.register_totals(levels)
    support = registers[registers["group"] == "support"]["total"].tolist()
    other = registers[registers["group"] == "autre"]["total"].tolist()
    assert support == [16, 16, 16, 15, 15]
    assert other == [27, 17, 24, 23, 23]


def test_fig006_contract_counts(session):
    df = contracts.contract_counts(session, commune="tournai").set_index(["year", "body"])
    assert df.loc[(2023, "conjoint"), "count"] == 10
    assert df.loc[(2023, "cpas"), "count"] == 122
    assert df.loc[(2023, "commune"), "count"] == 188
    assert df.loc[(2024, "commune"), "count"] == 93
    assert bool(df.loc[(2024, "commune"), "partial"]) is True
    assert str(df.loc[(2024, "commune"), "counted_until"]) == "2024-10-25"
    assert not df.loc[(2024, "cpas"), "partial"]
    summary = contracts.contract_summary(contracts.contract_counts(session, commune="tournai")).set_index(
        "year"
    )
    assert summary.loc[2023, "total"] == 320
    assert summary.loc[2023, "joint_share"] == pytest.approx(100 * 10 / 320)
    assert bool(summary.loc[2024, "partial"]) is True


def test_fig007_art60_totals(session):
    totals = social.placement_totals(session, commune="tournai").set_index(["scheme", "year"])
    assert totals.loc[("art60", 2024), "total"] == 205
    assert totals.loc[("art60", 2023), "total"] == 193
    assert not totals["disagrees"].any()
    df = social.placements(session, commune="tournai", years=[2023], schemes=["art60"]).set_index(
        "employer_category"
    )
    assert df.loc["cpas", "count"] == 82
    assert "déjà comptabilisé" in df.loc["cpas", "note"]


def test_fig008_iweps_indicator_7_and_non_diffuse(session):
    df = social.indicators(session, commune="tournai")
    i7 = df[df["code"] == "iweps_7"].set_index("territory_level")
    assert i7.loc["region", "value"] == pytest.approx(3.59)
    assert i7.loc["commune", "value"] == pytest.approx(4.05)
    assert i7.loc["region", "unit"] == "%"
    assert int(i7.loc["region", "reference_year"]) == 2023
    i4 = df[df["code"] == "iweps_4"].set_index("territory_level")
    assert i4.loc["region", "status"] == "non_diffuse"
    assert i4.loc["region", "value"] is None or i4["value"].isna()["region"]
    raw = session.execute(
        select(M.IndicatorValue.value)
        .join(M.Indicator)
        .where(M.Indicator.code == "iweps_8", M.IndicatorValue.territory_level == "region")
    ).scalar_one()
    assert raw is None
    assert len(df[df["theme"] == "iweps"]["code"].unique()) == 9


def test_fig009_ottignies_pst_tree(session):
    objectives = pst.objectives(session, commune="ottignies-louvain-la-neuve")
    actions = pst.actions(session, commune="ottignies-louvain-la-neuve")
    assert (objectives["level"] == "os").sum() == 5
    assert (objectives["level"] == "op").sum() == 18
    assert len(actions) == 43
    assert actions["op"].nunique() == 18 and actions["os"].nunique() == 5
    a1 = actions.set_index("code").loc["A1"]
    assert a1["reference"] == "OS1-OP1-A1" and str(a1["start_date"]) == "2019-10-01"
    assert a1["status"] == "en_cours"


def test_fig010_ottignies_budget_annex(session):
    lines = pst.budget(session, commune="ottignies-louvain-la-neuve")
    by_year = pst.budget_by_year(lines).set_index("year")
    assert by_year.loc[2020, "net_cost"] == pytest.approx(116600.00)
    assert by_year.loc[2024, "net_cost"] == pytest.approx(232300.00)
    assert by_year["net_cost"].sum() == pytest.approx(984700.00)


def test_fig011_molenbeek_costs_and_staffing(session):
    costs = brussels.cost_comparison(session, commune="molenbeek-saint-jean")
    last = costs[costs["year"] == 2027].set_index("option")["cumulative"]
    assert last["EOS (CIVADIS)"] == pytest.approx(2230787)
    assert last["Sociabili (CPAS Charleroi)"] == pytest.approx(1580766)
    saving = brussels.cumulative_saving(costs, "EOS (CIVADIS)", "Sociabili (CPAS Charleroi)")
    assert saving.iloc[-1]["saving"] == pytest.approx(650021)
    assert not costs["disagrees"].any()
    staff = brussels.staffing(session, commune="molenbeek-saint-jean")
    it = staff[(staff["service"] == "IT")].set_index("body")
    assert it.loc["commune", "real_fte"] == 3 and it.loc["commune", "theoretical_fte"] == 5
    assert it.loc["cpas", "real_fte"] == pytest.approx(5.5)


def test_fig012_synergy_register_counts(session):
    tournai = synergies.synergies(session, commune="tournai")
    assert len(tournai) > 100
    assert set(tournai["report_year"]) == {2024}
    counts = synergies.status_counts(tournai)
    assert all(counts[s] > 0 for s in ("realisee", "en_cours", "projetee"))
    it_ongoing = synergies.synergies(
        session, commune="tournai", services=["informatique"], statuses=["en_cours"]
    )
    assert set(it_ongoing["title"]) == {
        "Centrale téléphonique commune Ville-CPAS",
        "Nouveau local serveurs commun à la Halle aux draps",
    }
    mons = synergies.synergies(session, commune="mons")
    assert len(mons) > 20 and mons["report_year"].isna().all()
    molenbeek = synergies.synergies(session, commune="molenbeek-saint-jean")
    assert set(molenbeek["language"]) == {"nl"}


def test_fig013_every_row_has_a_source(session):
    for model in (
        M.Synergy,
        M.MatrixLevel,
        M.ContractCount,
        M.RisYear,
        M.Placement,
        M.IndicatorValue,
        M.PstAction,
        M.Staffing,
        M.CostComparison,
        M.KeyFigure,
    ):
        missing = session.scalar(
            select(func.count()).select_from(model).where((model.source_id.is_(None)) | (model.section == ""))
        )
        assert missing == 0, model.__name__
