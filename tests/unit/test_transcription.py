"""The default data in data/ is the source documents, transcribed exactly.

Every expected value below was read in the seed documents (../shared/seeds/), not in data/;
the comment next to it names the seed and the section (and the seed line numbers of the audit,
see data/TRANSCRIPTION.md). Seeds: 000 Molenbeek report (nl + fr annexes), 001 Molenbeek
WePulse meeting, 002 Ottignies-LLN PST 2019-2024, 003 Tournai joint council minutes
27/01/2025, 004 Mons synergy table (OCR).

Row counts are checked twice: in the files (what a reviewer reads) and in the seeded database
(what the app shows), so a loader that drops or duplicates rows fails here too.
"""

from __future__ import annotations

import csv
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from dashboard.queries import brussels, contracts, matrix, pst, social, synergies
from tests.conftest import DATA_DIR

TOURNAI = "tournai"
MONS = "mons"
OLLN = "ottignies-louvain-la-neuve"
MSJ = "molenbeek-saint-jean"


def rows(relative: str) -> list[dict[str, str]]:
    with (Path(DATA_DIR) / relative).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --------------------------------------------------------------------------- row counts

FILE_ROWS = {
    "communes.csv": 4,
    "reference/sources.csv": 5,  # the five seeds
    "reference/registers.csv": 5,  # 003 III.3: five registers
    "reference/levels.csv": 6,  # 003 III.3: levels 0..5
    "reference/procedures.csv": 5,  # 003 III.5.2/5.3 legends + P.O ou PNSPP
    # seed 003 (Tournai)
    "tournai/services.csv": 18,
    "tournai/synergies.csv": 112,  # 003 III.1 (105 rows) + III.2 (7 rows)
    "tournai/matrix.csv": 60,  # 003 III.3: 12 matrices x 5 registers
    "tournai/synthesis_reported.csv": 12,  # 003 III.4: 2019..2024 x 2 groups
    "tournai/contract_counts.csv": 6,  # 003 III.5.1: 3 bodies x 2023, 2024
    "tournai/contracts.csv": 56,  # 003 III.5.2 (12) + III.5.3 (44)
    "tournai/ris.csv": 15,  # 003 Moyenne annuelle des bénéficiaires du RIS 2010..2024
    "tournai/ris_households.csv": 3,  # 003 répartition au 30 novembre 2024
    "tournai/placements.csv": 20,  # 003 Art. 60 §7 (8 lines) + art. 61 (1) + SINE (1), x 2 years
    "tournai/placement_totals.csv": 6,  # 003 the three Total lines x 2 years
    "tournai/indicators.csv": 16,  # 003 IWEPS 9 + santé 2 + logement 3 + travail 2
    "tournai/indicator_values.csv": 64,  # 16 indicators x 4 territories
    "tournai/key_figures.csv": 90,
    # seed 004 (Mons)
    "mons/services.csv": 11,
    "mons/synergies.csv": 35,  # 004: 35 table rows
    # seed 002 (Ottignies-Louvain-la-Neuve)
    "ottignies-louvain-la-neuve/pst.csv": 1,
    "ottignies-louvain-la-neuve/pst_objectives.csv": 23,  # 002 p.10-11: 5 OS + 18 OP
    "ottignies-louvain-la-neuve/pst_actions.csv": 43,  # 002 Nos projets: 43 actions
    "ottignies-louvain-la-neuve/pst_indicators.csv": 84,  # 002 Annexe 1: numbered Indicateurs of the 43 fiches
    "ottignies-louvain-la-neuve/pst_budget.csv": 54,  # 002 Annexe 2: 9 eco groups x 2019..2024
    "ottignies-louvain-la-neuve/pst_action_budget.csv": 64,  # 002 Annexe 2: non-empty cells 2020-2021
    # seeds 000 and 001 (Molenbeek-Saint-Jean)
    "molenbeek-saint-jean/services.csv": 11,
    "molenbeek-saint-jean/synergies.csv": 96,  # 000 §3 (65 bullets) + §4 (31 bullets)
    "molenbeek-saint-jean/staffing.csv": 10,  # 000 COFIL 19/01/2023: 5 services x 2 bodies
    "molenbeek-saint-jean/cost_comparison.csv": 220,  # 000 §3.9: 2 options x 11 lines x 10 years
    "molenbeek-saint-jean/wepulse.csv": 13,
}


@pytest.mark.parametrize("relative, expected", sorted(FILE_ROWS.items()))
def test_dat001_row_count_per_file(relative, expected):
    assert len(rows(relative)) == expected


def test_dat002_row_counts_in_the_seeded_database(session):
    tournai = synergies.synergies(session, commune=TOURNAI)
    mons = synergies.synergies(session, commune=MONS)
    molenbeek = synergies.synergies(session, commune=MSJ)
    # 003 III.1/III.2; 004 (OCR table: 3 rows say "En cours"); 000 §3 bestaande / §4 voorgesteld
    assert Counter(tournai["status"]) == {"realisee": 83, "en_cours": 22, "projetee": 7}
    assert Counter(mons["status"]) == {"realisee": 32, "en_cours": 3}
    assert Counter(molenbeek["status"]) == {"realisee": 65, "projetee": 31}
    assert len(synergies.synergies(session, commune=OLLN)) == 0
    assert len(contracts.contracts(session, commune=TOURNAI)) == 56
    assert len(matrix.matrix_levels(session, commune=TOURNAI, years=[2024])) == 60
    assert len(social.placements(session, commune=TOURNAI)) == 20
    assert len(social.indicators(session, commune=TOURNAI)) == 64
    assert len(social.key_figures(session, commune=TOURNAI)) == 90
    assert len(social.ris(session, commune=TOURNAI)) == 15
    assert len(pst.actions(session, commune=OLLN)) == 43
    assert len(pst.budget(session, commune=OLLN)) == 54
    assert len(brussels.staffing(session, commune=MSJ)) == 10
    assert len(brussels.cost_comparison(session, commune=MSJ)) == 20  # 2 options x 10 years


def test_dat003_tournai_synergies_per_service_and_status():
    # 003 III.1.1 / III.1.2 / III.2: rows under each "Synergies réalisées / en cours / projetées"
    counts = Counter((r["service"], r["status"]) for r in rows("tournai/synergies.csv"))
    assert counts == {
        ("rh", "realisee"): 10,
        ("rh", "en_cours"): 8,
        ("rh", "projetee"): 1,
        ("informatique", "realisee"): 32,
        ("informatique", "en_cours"): 2,
        ("marches-publics", "realisee"): 10,  # "Synergies en cours: Néant"
        ("maintenance", "realisee"): 2,
        ("maintenance", "en_cours"): 4,
        ("direction-generale", "realisee"): 12,
        ("direction-generale", "en_cours"): 2,
        ("finances", "realisee"): 11,
        ("finances", "en_cours"): 1,
        ("planification-urgence", "realisee"): 1,
        ("creches", "en_cours"): 1,  # réalisées: Néant
        ("patrimoine", "en_cours"): 3,  # réalisées: Néant
        ("bureau-etudes", "realisee"): 4,
        ("bureau-etudes", "en_cours"): 1,
        ("tourisme-culture", "realisee"): 1,
        ("courrier", "projetee"): 1,
        ("divers", "projetee"): 5,
    }
    # modes and pilots as printed (Coopératif / Délégatif / Coopératif et délégitif|délégué;
    # Ville / CPAS / Ville-CPAS)
    assert Counter(r["mode"] for r in rows("tournai/synergies.csv")) == {
        "cooperatif": 104,
        "cooperatif_et_delegatif": 5,
        "delegatif": 3,
    }
    assert Counter(r["pilot"] for r in rows("tournai/synergies.csv")) == {
        "les_deux": 69,
        "commune": 29,
        "cpas": 14,
    }


# --------------------------------------------------------------------------- key totals


def test_dat004_tournai_synthesis_trend(session):
    # 003 III.4.1 TOTAL: "78/100 – statu quo (78/100 en 2023 76/100 au 2022 69/100 en 2021
    # 64/100 en 2020 36/100 en 2019)"; III.4.2: "114/200 (113/200 en 2023 110/200 en 2022
    # 106/200 en 2021 90/200 en 2020 84/200 en 2019)"
    reported = {(int(r["year"]), r["group"]): int(r["total"]) for r in rows("tournai/synthesis_reported.csv")}
    assert [reported[(y, "support")] for y in range(2019, 2025)] == [36, 64, 69, 76, 78, 78]
    assert [reported[(y, "autre")] for y in range(2019, 2025)] == [84, 90, 106, 110, 113, 114]
    df = matrix.synthesis(session, commune=TOURNAI)
    support = df[df["group"] == "support"].set_index("year")["total"]
    assert support.loc[2024] - support.loc[2019] == 42  # 36 -> 78 over the six years
    assert support.loc[2024] == 78


# 003 III.3 matrices, read from the X positions (order: fonctionnement, management,
# compétences, formalisation, ressources)
MATRICES_2024 = {
    "rh": [4, 5, 5, 4, 4],
    "informatique": [5, 5, 5, 5, 5],
    "marches-publics": [5, 5, 5, 5, 5],
    "maintenance": [2, 1, 1, 1, 1],
    "direction-generale": [4, 3, 2, 3, 2],
    "finances": [2, 1, 2, 1, 2],
    "communication": [3, 1, 2, 2, 3],
    "securite-information": [5, 5, 5, 5, 5],
    "archives": [5, 3, 5, 5, 4],
    "reprographie": [4, 2, 3, 4, 3],
    "planification-urgence": [3, 1, 3, 2, 2],
    "creches": [1, 1, 2, 1, 2],
}
REGISTERS = ["fonctionnement", "management", "competences", "formalisation", "ressources"]


def test_dat005_tournai_matrices_2024_cell_by_cell():
    levels = {
        (r["service"], r["register"]): int(r["level"])
        for r in rows("tournai/matrix.csv")
        if r["year"] == "2024"
    }
    for service, expected in MATRICES_2024.items():
        assert [levels[(service, reg)] for reg in REGISTERS] == expected, service
    # the radar of the HR service (003 III.3.1 Direction des ressources humaines)
    assert [levels[("rh", reg)] for reg in REGISTERS] == [4, 5, 5, 4, 4]


def test_dat006_art60_table(session):
    # 003 Rapport sur la politique d'insertion socioprofessionnelle, Article 60 §7
    detail = {
        (int(r["year"]), r["employer_category"]): int(r["count"])
        for r in rows("tournai/placements.csv")
        if r["scheme"] == "art60"
    }
    assert [detail[(2023, c)] for c in ("cpas", "commune", "asbl", "intercommunale")] == [82, 45, 36, 0]
    assert [detail[(2023, c)] for c in ("hopital", "economie_sociale", "autre", "prive")] == [7, 19, 0, 4]
    assert [detail[(2024, c)] for c in ("cpas", "commune", "asbl", "intercommunale")] == [90, 42, 26, 2]
    assert [detail[(2024, c)] for c in ("hopital", "economie_sociale", "autre", "prive")] == [7, 31, 2, 5]
    assert sum(v for (y, _), v in detail.items() if y == 2024) == 205  # "Total 205"
    assert sum(v for (y, _), v in detail.items() if y == 2023) == 193  # "Total 193"
    totals = social.placement_totals(session, commune=TOURNAI).set_index(["scheme", "year"])["total"]
    assert totals.to_dict() == {
        ("art60", 2023): 193,
        ("art60", 2024): 205,
        ("art61", 2023): 0,  # Article 61, Entreprise privée commerciale
        ("art61", 2024): 2,
        ("sine", 2023): 11,  # SINE (Vitale, Vitalemanne, Eko services, Corelap)
        ("sine", 2024): 12,
    }
    notes = {(int(r["year"]), r["employer_category"]): r["note"] for r in rows("tournai/placements.csv")}
    assert notes[(2024, "economie_sociale")] == "+ 8 déjà comptabilisés au CPAS"
    assert notes[(2023, "prive")] == "dont 2 ont été mutés : 1 au CPAS et 1 en économie sociale"


def test_dat007_ris_fifteen_points(session):
    # 003 "Moyenne annuelle des bénéficiaires du RIS", 2010..2024 (2024 au 30/11/2024)
    df = social.ris(session, commune=TOURNAI).set_index("year")["beneficiaries"]
    assert df.to_dict() == {
        2010: 1004, 2011: 1060, 2012: 1140, 2013: 1216, 2014: 1312,
        2015: 1484, 2016: 1606, 2017: 1826, 2018: 1902, 2019: 1917,
        2020: 1902, 2021: 1790, 2022: 1673, 2023: 1753, 2024: 1736,
    }  # fmt: skip
    last = rows("tournai/ris.csv")[-1]
    assert (last["year"], last["counted_until"], last["note"]) == ("2024", "2024-11-30", "au 30/11/2024")


def test_dat008_software_cost_comparison():
    # 000 §3.9 OCMW van Schaarbeek, tables "EOS (CIVADIS)" and "Sociabili (CPAS Charleroi)"
    cells = {
        (r["option"], r["line"], int(r["year"])): int(r["amount"])
        for r in rows("molenbeek-saint-jean/cost_comparison.csv")
    }
    eos, soc = "EOS (CIVADIS)", "Sociabili (CPAS Charleroi)"
    assert [cells[(eos, "cout_logiciel", y)] for y in range(2018, 2028)] == [
        0, 69064, 138129, 138129, 138129, 173717, 173717, 173717, 173717, 173717,
    ]  # fmt: skip
    assert [cells[(soc, "cout_logiciel", y)] for y in range(2018, 2028)] == [
        90778, 91685, 92602, 32848, 33177, 33508, 33843, 34182, 34524, 34869,
    ]  # fmt: skip
    assert [cells[(soc, "support_reprise", y)] for y in (2018, 2019, 2020)] == [25000, 75000, 50000]
    assert cells[(eos, "total", 2024)] == 253967 and cells[(soc, "total", 2024)] == 134093
    assert cells[(eos, "total_cumule", 2027)] == 2230787
    assert cells[(soc, "total_cumule", 2027)] == 1580766
    # cumulative difference after ten years, printed totals
    assert cells[(eos, "total_cumule", 2027)] - cells[(soc, "total_cumule", 2027)] == 650021


def test_dat009_joint_contracts_as_printed():
    # 003 III.5.2 Marchés publics conjoints: title, type, procedure, amount, date
    joint = [r for r in rows("tournai/contracts.csv") if r["stage"] == "conjoint"]
    printed = [
        ("Fourniture d'écochèques", "fournitures", "PNSPP", "15500.00", "2023-04-13"),
        ("Fourniture de café 2023", "fournitures", "PNSPP", "52198.44", "2023-06-15"),
        ("Équipement d'appareils de géolocalisation des véhicules", "fournitures", "PNDAPP", "108562.40", "2023-12-14"),
        ("Vêtements de travail", "fournitures", "PO", "636294.62", "2024-02-15"),
        ("Location de licences d'un logiciel de marchés publics", "fournitures", "PNDAPP", "189562.40", "2024-03-02"),
        ("Fourniture de café 2024", "fournitures", "PNSPP", "68613.00", "2024-05-30"),
        ("Organisation d'un séminaire de sensibilisation à la cybersécurité", "services", "PNSPP", "30492.00", "2023-03-23"),
        ("Maintenance et réparation de smartphones", "services", "FA", "15285.59", "2023-06-01"),
        (
            "Dépannage, maintenance et optimisation liés aux logiciels, matériel et réseaux informatiques",
            "services", "PNSPP", "145502.50", "2023-12-14",
        ),
        ("SEPP", "services", "PNDAPP", "1012085.40", "2024-12-12"),
        ("Sécurisation des installations IT", "travaux", "PO", "364935.40", "2023-11-16"),
        ("Remplacement clôture carrière La Lapinière", "travaux", "FA", "7444.00", "2024-09-05"),
    ]  # fmt: skip
    got = [
        (r["title"], r["type"], r["procedure"], r["estimated_amount"], r["planned_award_date"]) for r in joint
    ]
    assert got == printed
    assert sum(Decimal(r["estimated_amount"]) for r in joint) == Decimal("2646475.75")
    # 003 III.5.3: 44 candidates, every amount and date "À déterminer" (empty, never zero)
    candidates = [r for r in rows("tournai/contracts.csv") if r["stage"] == "candidat"]
    assert len(candidates) == 44
    assert Counter(r["type"] for r in candidates) == {"fournitures": 27, "services": 17}
    assert {r["procedure"] for r in candidates} == {"PO_OU_PNSPP"}
    assert all(r["estimated_amount"] == "" and r["planned_award_date"] == "" for r in candidates)
    assert candidates[0]["title"] == "Maintenance alarmes anti intrusion + télésurveillance + gardiennage"
    assert candidates[-1]["title"] == "Achat de véhicules"


def test_dat010_iweps_table():
    # 003 Politique sociale concertée, IWEPS table (Wallonie / Province / Arrondissement / Tournai)
    values = {
        (r["indicator"], r["territory_level"]): r["value"] for r in rows("tournai/indicator_values.csv")
    }
    iweps = {
        "iweps_1": ["25193.00", "23843.00", "24432.00", "24281.00"],
        "iweps_2": ["12.50", "15.50", "10.60", "12.90"],
        "iweps_3": ["5.54", "5.81", "4.41", "5.31"],
        "iweps_4": ["", "", "", "5289.00"],
        "iweps_5": ["0.74", "0.69", "0.64", "0.65"],
        "iweps_6": ["98", "91", "92", "97"],
        "iweps_7": ["3.59", "4.04", "2.85", "4.05"],
        "iweps_8": ["", "", "", "1.1"],
        "iweps_9": ["3705", "1643", "", "54"],
        # Santé (2012-2021), Logement, Marché du travail
        "sante_mortalite_hommes": ["1397", "1507", "1465", "1476"],
        "sante_mortalite_femmes": ["910", "944", "882", "859"],
        "logement_part_public": ["5.93", "7.45", "7.06", "6.60"],
        "logement_candidatures_slsp": ["44491", "17904", "3127", "1264"],
        "logement_ais": ["8591", "3411", "598", "181"],
        "travail_dei": ["219601", "88954", "11842", "4182"],
        "travail_chomage": ["13.40", "15.30", "12.00", "13.90"],
    }
    levels = ["region", "province", "arrondissement", "commune"]
    for code, expected in iweps.items():
        assert [values[(code, lvl)] for lvl in levels] == expected, code
    status = {
        (r["indicator"], r["territory_level"]): r["status"] for r in rows("tournai/indicator_values.csv")
    }
    # "Non diffusé" cells: 3 (indic. 4) + 3 (indic. 8) + 1 (indic. 9, arrondissement)
    assert sorted(k for k, v in status.items() if v == "non_diffuse") == sorted(
        [("iweps_4", lvl) for lvl in levels[:3]]
        + [("iweps_8", lvl) for lvl in levels[:3]]
        + [("iweps_9", "arrondissement")]
    )


def test_dat011_ottignies_budget_annex():
    # 002 Annexe 2, Budget global PST, Total par groupe économique (2019..2024)
    annex = {
        (int(r["year"]), r["eco_group"]): r["amount"]
        for r in rows("ottignies-louvain-la-neuve/pst_budget.csv")
    }
    printed = {
        "91": ["0", "287500", "96000", "22000", "42000", "22000"],
        "80": ["0", "64100", "", "", "", ""],  # cells left empty in the source
        "82": ["0", "193400", "96000", "22000", "42000", "22000"],
        "88": ["0", "0", "0", "0", "0", "0"],
        "70": ["0", "279500", "390500", "431000", "551500", "592000"],
        "71": ["0", "18000", "21000", "16600", "41600", "23600"],
        "7X": ["0", "3100", "29150", "47050", "51300", "59800"],
        "60": ["0", "37000", "37000", "37000", "44500", "44500"],
        "61": ["0", "177000", "213400", "249800", "362200", "398600"],
    }
    for group, expected in printed.items():
        assert [annex[(y, group)] for y in range(2019, 2025)] == expected, group

    def amount(year, groups):
        return sum(Decimal(annex[(year, g)] or 0) for g in groups)

    # "Coût net" line: 0, 116.600, 190.250, 207.850, 237.700, 232.300; "Coût total" -984.700
    net = [
        amount(y, ("91", "70", "71", "7X")) - amount(y, ("80", "82", "88", "60", "61"))
        for y in range(2019, 2025)
    ]
    assert net == [0, 116600, 190250, 207850, 237700, 232300]
    assert sum(net) == 984700
    # 1. Budget détaillé par actions: the column sums equal the annex for 2020 and 2021
    detail = Counter()
    for r in rows("ottignies-louvain-la-neuve/pst_action_budget.csv"):
        detail[(int(r["year"]), r["eco_group"])] += Decimal(r["amount"])
    for (year, group), total in detail.items():
        assert total == Decimal(annex[(year, group)] or 0), (year, group)


def test_dat012_ottignies_pst_fiches():
    # 002 Annexe 1: reference, dates, status, budget impact of each fiche
    actions = {r["code"]: r for r in rows("ottignies-louvain-la-neuve/pst_actions.csv")}
    assert Counter(r["status"] for r in actions.values()) == {"en_cours": 25, "a_l_etude": 18}
    assert Counter(r["budget_impact"] for r in actions.values()) == {"non": 22, "oui": 18, "indetermine": 3}
    a1 = actions["A1"]  # "OS1-OP1-A1 01/10/2019 31/12/2024 (indéterminée) En cours"
    assert (a1["start_date"], a1["end_date"], a1["end_note"], a1["status"]) == (
        "2019-10-01", "2024-12-31", "indéterminée", "en_cours",
    )  # fmt: skip
    a9 = actions["A9"]  # "OS1-OP3-A9 01/04/2018 30/09/2020 En cours"
    assert (a9["start_date"], a9["end_date"]) == ("2018-04-01", "2020-09-30")
    a19 = actions["A19"]  # "OS2/OP6/A19 01/01/2020 28/02/2020 En cours"
    assert (a19["op"], a19["start_date"], a19["end_date"], a19["status"]) == (
        "OP6",
        "2020-01-01",
        "2020-02-28",
        "en_cours",
    )
    assert actions["A7"]["title"] == (
        "Etablir un rapport annuel relatif aux mises à l'emploi comprenant le calcul du taux "
        "d'engagement \"à maintenir\" via l'article 60 ainsi que l'analyse du « public » à mettre à l'emploi."
    )
    assert actions["A40"]["title"] == (
        'Favoriser les collaborations entre CPAS et prioritairement finaliser le projet de "cluster" '
        "de CPAS pour la gestion mutualisée des dispositions légales en matière de RGPD"
    )
    indicators = Counter(r["action"] for r in rows("ottignies-louvain-la-neuve/pst_indicators.csv"))
    assert indicators["A1"] == 6 and indicators["A43"] == 4 and sum(indicators.values()) == 84
    objectives = {
        r["code"]: (r["parent"], r["title"]) for r in rows("ottignies-louvain-la-neuve/pst_objectives.csv")
    }
    assert objectives["OP11"] == (
        "OS4",
        "Valoriser le patrimoine du CPAS en assurant la rénovation, l'entretien et la maintenance "
        "régulière des bâtiments dont le CPAS est le propriétaire et/ou le gestionnaire",
    )


# --------------------------------------------------------------------------- exact text cells


def _by_title(relative: str) -> dict[str, dict[str, str]]:
    return {r["title"]: r for r in rows(relative)}


def test_dat013_tournai_text_cells_verbatim():
    syn = _by_title("tournai/synergies.csv")
    # 003 III.1.1 Direction des marchés publics, Synergies réalisées
    row = syn["Élaboration d'une convention globale de tous les marchés conjoints"]
    assert row["responsible"] == "Directeurs généraux Chef de division de la direction"
    assert row["result"] == (
        "Réalisée au proposée au conseil communal de janvier 2021. Elle est adaptée à chaque nouveau "
        "marché pouvant être conjoint."
    )
    # 003 III.1.1 Direction informatique, Synergies en cours (last row)
    row = syn["Nouveau local serveurs commun à la Halle aux draps"]
    assert row["status"] == "en_cours" and row["pilot"] == "les_deux"
    assert row["responsible"] == "Responsables direction informatique Bureau d'études bâtiments"
    assert row["result"].endswith("Le déménagement est prévu S2 2025")
    # 003 III.1.2 Service planification d'urgence ("Déléгатif" in the source)
    row = syn["Mise à disposition par le CPAS d'un travailleur social dans le cadre du PIPS"]
    assert (row["mode"], row["pilot"], row["responsible"]) == ("delegatif", "cpas", "Directeur général")
    # 003 III.1.2 Direction générale: "Coopératif et délégué"
    row = syn["Création d'un service commun de sécurité de l'information et engagement d'un DPO commun"]
    assert (row["mode"], row["responsible"]) == (
        "cooperatif_et_delegatif",
        "Directeur général faisant fonction",
    )
    # 003 III.2 Synergies projetées: means, expected result, deadline as written
    row = syn["Marché conjoint pour l'acquisition de mobilier dans le cadre du futur déménagement à l'HTV"]
    assert (row["means"], row["deadline"]) == ("Logistique Financier", "2025-2026")
    assert row["expected_result"] == "Le marché sera établi dans le cadre du budget extraordinaire 2025-2026"
    row = syn["Assurer la complémentarité de l'offre « Vélo » (cf. PST)"]
    assert (row["mode"], row["pilot"], row["deadline"]) == ("delegatif", "cpas", "À déterminer")
    assert (
        syn["Rechercher d'autres pistes de synergies entre la Ville et le CPAS (cf. PST)"]["deadline"]
        == "2019-2024"
    )
    # 003 III.1.1 Division maintenance: "Coopératif et délégitif", pilot Ville
    row = syn["Partage de l'atelier mécanique"]
    assert (row["mode"], row["pilot"]) == ("cooperatif_et_delegatif", "commune")
    # 003 III.1.2 Division Tourisme et culture (the source writes "musées communales")
    row = syn[
        "Extension de l'octroi de la gratuité d'accès des bénéficiaires du CPAS, à certaines infrastructures communales"
    ]
    assert "l'accès gratuit aux musées communales, piscines communales, au Beffroi" in row["result"]


def test_dat014_mons_text_cells():
    syn = {r["ref"]: r for r in rows("mons/synergies.csv")}
    # 004 l.123-128: GRH / Formations bureautiques des agents — Délégatif, Ville, DG Ville via Direction RH Ville
    row = next(r for r in syn.values() if r["title"] == "Formations bureautiques des agents")
    assert (row["mode"], row["pilot"], row["responsible"], row["result"]) == (
        "delegatif", "commune", "DG Ville via Direction RH Ville", "100%",
    )  # fmt: skip
    # 004 l.218-222: Pôle accueil / Etat civil/Pop. — pilot "Les deux", responsible "CPAS"
    row = next(r for r in syn.values() if r["title"] == "Etat civil/Pop.")
    assert (row["mode"], row["pilot"], row["responsible"]) == ("delegatif", "les_deux", "CPAS")
    # 004 l.429-440: Archives — coopératif, CPAS, DG CPAS, Effectif
    row = next(r for r in syn.values() if r["service"] == "archives")
    assert row["title"] == "Mise à disposition de locaux au sein de la caserne Cabuy"
    assert (row["mode"], row["pilot"], row["responsible"], row["result"]) == (
        "cooperatif",
        "cpas",
        "DG CPAS",
        "Effectif",
    )
    # statuses: 3 rows say "En cours" (l.335, l.365, l.420)
    assert {r["title"] for r in syn.values() if r["status"] == "en_cours"} == {
        "Renouvellement de nos d'infrastructures de virtualisation/hébergement",
        "Acquisitions de logiciel de bureau",
        "Sites Internet/ Intranet",
    }
    assert Counter(r["mode"] for r in syn.values()) == {
        "cooperatif": 20, "delegatif": 9, "cooperatif_et_delegatif": 3, "": 3,
    }  # fmt: skip


def test_dat015_molenbeek_text_cells_and_staffing():
    syn = _by_title("molenbeek-saint-jean/synergies.csv")
    # 000 §3.7 Openbare diensten, bold = initiative from 2023
    row = syn["Integratie van de sociale kruidenier als dienst van het OCMW"]
    assert (row["status"], row["started_year"], row["language"]) == ("realisee", "2023", "nl")
    # 000 §4.8 (source spelling "uithuiszettingsprevenie" kept)
    row = syn[
        "Versterken van het partnerschap en van de synergieën tussen het OCMW, de Vredesrechter en de "
        "gemeente inzake uithuiszettingsprevenie"
    ]
    assert row["status"] == "projetee" and row["section"] == "4.8 Maatschappelijk"
    assert sum(r["started_year"] == "2023" for r in syn.values()) == 11
    # 000 COFIL 19/01/2023 staffing table (Réel / Théorique)
    staff = {
        (r["body"], r["service"]): (r["real_fte"], r["theoretical_fte"])
        for r in rows("molenbeek-saint-jean/staffing.csv")
    }
    assert staff == {
        ("commune", "IT"): ("3", "5"), ("cpas", "IT"): ("5.5", "7"),
        ("commune", "SIPPT"): ("3", "3"), ("cpas", "SIPPT"): ("3", "3"),
        ("commune", "RH"): ("19", "20"), ("cpas", "RH"): ("20", "20"),
        ("commune", "Marchés publics"): ("2", "5"), ("cpas", "Marchés publics"): ("0.8", "1.8"),
        ("commune", "Communication"): ("3", "5"), ("cpas", "Communication"): ("2.2", "3"),
    }  # fmt: skip


def test_dat016_reference_texts_as_printed():
    # 003 III.5.2 legend: "PNDAP = procédure négociée directe avec publication" (no "préalable")
    procedures = {r["code"]: r for r in rows("reference/procedures.csv")}
    assert procedures["PNDAPP"]["name"] == "procédure négociée directe avec publication"
    assert procedures["PNSPP"]["name"] == "procédure négociée sans publication préalable"
    assert (procedures["PO"]["abbreviation"], procedures["FA"]["abbreviation"]) == ("P.O.", "F.A.")
    # 003 III.3 definitions of the levels
    levels = {int(r["level"]): r["name"] for r in rows("reference/levels.csv")}
    assert levels == {
        0: "Inexistant",
        1: "Initial",
        2: "Opérationnel",
        3: "Efficace",
        4: "Maîtrisé",
        5: "Optimisé",
    }


def test_dat017_tournai_key_figures():
    # 003 Politique sociale concertée: CPAS services, Relais social, prévention citoyenne
    figures = {r["code"]: r["value"] for r in rows("tournai/key_figures.csv")}
    assert figures["maisons-repos-lits"] == "347"
    assert figures["energie-aides"] == "623"
    assert figures["csl-enfants-jour"] == "13.2"
    assert figures["srg-carliers-occupation"] == "15.44"
    assert figures["oliviers-nuitees"] == "3856"
    assert figures["consoude-nuitees"] == "3586"
    assert figures["depenses-cpas"] == "72254779.43"  # MB2024-2: 72.254.779,43 €
    assert figures["brasero-repit-accueils-pgf-2023-2024"] == "8241"
    assert figures["fse-plus-subside"] == "197837"


def test_dat018_wepulse_positions_and_quoted_notes():
    # 001 l.60-63 (AC: "GRC et Finances : ok", "GRH : pourrait p-ê être intéressant");
    # 000 l.650 (CPAS GRH/FIN adhesions), l.692-698 (GRC/SOC reports), l.714 (régularisation)
    stances = rows("molenbeek-saint-jean/wepulse.csv")
    positions = Counter((r["date"], r["body"], r["domain"], r["position"]) for r in stances)
    assert positions == {
        ("2023-01-16", "commune", "GRC", "favorable"): 1,
        ("2023-01-16", "commune", "FIN", "favorable"): 1,
        ("2023-01-16", "commune", "GRH", "interesse"): 1,
        ("2023-06-29", "cpas", "GRH", "adhesion"): 1,
        ("2023-06-29", "cpas", "FIN", "adhesion"): 1,
        ("2023-06-29", "cpas", "GRC", "report"): 1,
        ("2023-06-29", "cpas", "SOC", "report"): 1,
        **{
            ("2023-08-03", body, domain, "regularisation"): 1
            for body in ("commune", "cpas")
            for domain in ("GRH_SOFT", "GRH_HARD", "FIN")
        },
    }
    # quoted sentences are whole, not cut
    adhesion = next(r["note"] for r in stances if r["position"] == "adhesion")
    assert adhesion.endswith("du seuil d’adhésion minimal pour ces domaines dans tous les cas de figure.")
    regularisation = next(r["note"] for r in stances if r["position"] == "regularisation")
    assert regularisation.endswith(
        "sous le statut \"en régularisation\" dans la perspective d'une conclusion heureuse à l'issue des échanges annoncés."
    )
