"""The strategic-plan (PST) page: figure builders on their data, the budget totals against the printed
annex, the view ⇄ URL round trip, and the page rendered from URL parameters (no browser).
"""

from __future__ import annotations

import datetime as dt
import json

import dash
import pandas as pd
import pytest
from dash import dcc

import dashboard
from dashboard import create_app, ids
from dashboard.figures import pst as fig_pst
from dashboard.i18n import t
from dashboard.pages import pst as page
from dashboard.queries import pst as pst_q
from dashboard.views import pst as view

OTTIGNIES = "ottignies-louvain-la-neuve"
LABELS = {"en_cours": "En cours", "a_l_etude": "À l'étude", "termine": "Terminée", "annule": "Annulée"}
# Annexe 2 of seed 002, "Budget global PST": the printed totals per year and over the plan.
PRINTED_REVENUES = {2019: 0, 2020: 471_500, 2021: 346_400, 2022: 308_800, 2023: 448_700, 2024: 465_100}
PRINTED_EXPENSES = {2019: 0, 2020: 588_100, 2021: 536_650, 2022: 516_650, 2023: 686_400, 2024: 697_400}
PRINTED_NET_COST = {2019: 0, 2020: 116_600, 2021: 190_250, 2022: 207_850, 2023: 237_700, 2024: 232_300}
PRINTED_PLAN_COST = 984_700


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


def _synthetic_actions() -> pd.DataFrame:
    """Two strategic objectives, three operational ones, five actions (one done, one cancelled)."""
    rows = [
        ("OS1", "OP1", "A1", "en_cours", "2019-10-01", "2024-12-31"),
        ("OS1", "OP1", "A2", "a_l_etude", "2020-01-01", "2020-06-30"),
        ("OS1", "OP2", "A3", "termine", "2020-01-01", "2020-12-31"),
        ("OS2", "OP3", "A4", "annule", "2021-01-01", "2021-06-30"),
        ("OS2", "OP3", "A5", "en_cours", "2022-03-01", "2023-02-28"),
    ]
    return pd.DataFrame(
        [
            {
                "os": os_,
                "os_title": f"Objectif stratégique {os_}",
                "op": op,
                "op_title": f"Objectif opérationnel {op}",
                "code": code,
                "reference": f"{os_}-{op}-{code}",
                "title": f"Action {code}",
                "start_date": dt.date.fromisoformat(start),
                "end_date": dt.date.fromisoformat(end),
                "status": status,
            }
            for os_, op, code, status, start, end in rows
        ]
    )


def _bars(fig) -> list:
    return [trace for trace in fig.data if trace.type == "bar"]


def _bar_dates(fig) -> dict[str, tuple[dt.date, dt.date]]:
    found = {}
    for trace in _bars(fig):
        for ref, base, width in zip(trace.y, trace.base, trace.x, strict=True):
            start = pd.Timestamp(base)
            found[ref] = (start.date(), (start + pd.Timedelta(milliseconds=width)).date())
    return found


# --- figures --------------------------------------------------------------------------------------


def test_pst001_tree_levels_and_status_words_synthetic():
    fig = fig_pst.plan_tree(_synthetic_actions(), status_labels=LABELS, lang="fr")
    tree = fig.data[0]
    depth = [node.count("/") for node in tree.ids]
    assert depth.count(0) == 2 and depth.count(1) == 3 and depth.count(2) == 5
    actions = {node.rsplit("/", 1)[1]: i for i, node in enumerate(tree.ids) if node.count("/") == 2}
    assert tree.text[actions["A3"]] == "Terminée"  # the status is written in the tile
    assert tree.marker.colors[actions["A3"]] == fig_pst.PST_STATUS_COLOURS["termine"]
    assert tree.marker.colors[actions["A1"]] != tree.marker.colors[actions["A2"]]
    assert tree.values[tree.ids.index("OS1")] == 3  # an objective counts its actions


def test_pst002_tree_of_the_ottignies_plan(session):
    actions = pst_q.actions(session, commune=OTTIGNIES)
    tree = fig_pst.plan_tree(actions, status_labels=view.status_labels("fr"), lang="fr").data[0]
    depth = [node.count("/") for node in tree.ids]
    assert (depth.count(0), depth.count(1), depth.count(2)) == (5, 18, 43)
    texts = {tree.text[i] for i, d in enumerate(depth) if d == 2}
    assert texts == {"En cours", "À l'étude"}


def test_pst003_timeline_one_bar_per_action_with_its_dates_synthetic():
    actions = _synthetic_actions()
    today = dt.date(2022, 1, 1)
    actions["overdue"] = pst_q.overdue(actions, today)
    fig = fig_pst.action_timeline(
        actions,
        today=today,
        status_labels=LABELS,
        today_label="Aujourd'hui (01/01/2022)",
        overdue_label="en retard",
        lang="fr",
    )
    dates = _bar_dates(fig)
    assert sum(len(trace.y) for trace in _bars(fig)) == 5
    assert dates["OS1-OP1-A2"] == (dt.date(2020, 1, 1), dt.date(2020, 6, 30))
    assert dates["OS2-OP3-A5"] == (dt.date(2022, 3, 1), dt.date(2023, 2, 28))
    # Overdue = end passed and neither done nor cancelled: A2 only (A3 is done, A4 cancelled).
    marker = next(trace for trace in fig.data if trace.type == "scatter" and trace.mode == "markers")
    assert list(marker.y) == ["OS1-OP1-A2"] and marker.name == "en retard"
    labels = next(trace for trace in fig.data if trace.type == "scatter" and trace.mode == "text")
    written = dict(zip(labels.y, labels.text, strict=True))
    assert written["OS1-OP1-A2"].strip() == "À l'étude — en retard"  # a word, not only a colour
    assert written["OS1-OP2-A3"].strip() == "Terminée"
    line = next(shape for shape in fig.layout.shapes if shape.type == "line")
    assert line.x0 == line.x1 == "2022-01-01"
    assert any("Aujourd'hui (01/01/2022)" in a.text for a in fig.layout.annotations)
    assert list(fig.layout.yaxis.categoryarray) == list(actions["reference"])  # plan order


def test_pst003b_timeline_with_nothing_overdue_synthetic():
    """A plan whose actions all end later (or a status filter leaving no late one) still draws."""
    actions = _synthetic_actions()
    today = dt.date(2019, 1, 1)  # before every end date
    actions["overdue"] = pst_q.overdue(actions, today)
    assert not actions["overdue"].any()
    fig = fig_pst.action_timeline(
        actions, today=today, status_labels=LABELS, today_label="t", overdue_label="en retard", lang="fr"
    )
    assert sum(len(trace.y) for trace in _bars(fig)) == 5
    late = [trace for trace in fig.data if trace.type == "scatter" and trace.mode == "markers"]
    assert all(not trace.y or list(trace.y) == [None] for trace in late)  # no action marked late


def test_pst004_timeline_of_the_ottignies_plan(session):
    actions = view.plan_actions(session, OTTIGNIES, dt.date(2026, 1, 1))
    fig = fig_pst.action_timeline(
        actions,
        today=dt.date(2026, 1, 1),
        status_labels=view.status_labels("fr"),
        today_label="today",
        overdue_label="en retard",
        lang="fr",
    )
    dates = _bar_dates(fig)
    assert len(dates) == 43 == sum(len(trace.y) for trace in _bars(fig))
    assert dates["OS1-OP1-A4"] == (dt.date(2020, 1, 1), dt.date(2020, 6, 30))
    assert dates["OS5-OP18-A43"] == (dt.date(2019, 9, 1), dt.date(2024, 12, 31))
    assert {trace.name for trace in _bars(fig)} == {"En cours", "À l'étude"}


def test_pst005_overdue_for_a_given_today(session):
    actions = pst_q.actions(session, commune=OTTIGNIES)
    late = set(actions.loc[pst_q.overdue(actions, dt.date(2022, 1, 1)), "code"])
    assert late == {
        "A4",
        "A6",
        "A9",
        "A15",
        "A19",
        "A21",
        "A22",
        "A28",
        "A31",
        "A32",
        "A33",
        "A34",
        "A35",
        "A36",
    }
    assert not pst_q.overdue(actions, dt.date(2018, 1, 1)).any()


# --- budget ---------------------------------------------------------------------------------------


def test_pst006_budget_totals_equal_the_printed_annex(session):
    lines = pst_q.budget(session, commune=OTTIGNIES)
    totals = pst_q.budget_totals(lines).set_index("year")
    assert totals["revenues"].to_dict() == PRINTED_REVENUES
    assert totals["expenses"].to_dict() == PRINTED_EXPENSES
    assert totals["net_cost"].to_dict() == PRINTED_NET_COST
    assert pst_q.plan_net_cost(totals.reset_index()) == PRINTED_PLAN_COST
    # 80 Transferts (extraordinary revenues) is empty in the source from 2021: unknown, not zero.
    assert totals["revenues_unknown"].to_dict() == {2019: 0, 2020: 0, 2021: 1, 2022: 1, 2023: 1, 2024: 1}
    assert list(totals["partial"]) == [False, False, True, True, True, True]


def test_pst007_unknown_amounts_stay_unknown():
    nan = float("nan")
    lines = pd.DataFrame(
        [
            ("c", 2020, "ordinaire", "depense", "70", "Personnel", 100.0),
            ("c", 2020, "ordinaire", "recette", "61", "Transferts", 40.0),
            ("c", 2021, "ordinaire", "depense", "70", "Personnel", 120.0),
            ("c", 2021, "ordinaire", "recette", "61", "Transferts", nan),
        ],
        columns=["commune", "year", "budget_section", "kind", "eco_group", "label", "amount"],
    )
    old = pst_q.budget_by_year(lines).set_index("year")
    assert old.loc[2021, "revenues"] == 0  # the old helper turns "not stated" into 0 …
    totals = pst_q.budget_totals(lines).set_index("year")
    assert totals.loc[2020, "net_cost"] == 60 and not totals.loc[2020, "partial"]
    assert pd.isna(totals.loc[2021, "revenues"]) and pd.isna(
        totals.loc[2021, "net_cost"]
    )  # … this one does not
    assert totals.loc[2021, "revenues_unknown"] == 1 and totals.loc[2021, "partial"]
    assert pd.isna(pst_q.plan_net_cost(totals.reset_index()))
    assert pst_q.budget_totals(lines.iloc[0:0]).empty

    fig = fig_pst.budget_by_year(
        lines,
        pst_q.budget_totals(lines),
        labels={
            "depense.ordinaire": "Dép. ord.",
            "depense.extraordinaire": "Dép. extra.",
            "recette.ordinaire": "Rec. ord.",
            "recette.extraordinaire": "Rec. extra.",
            "net_cost": "Coût net",
        },
        unknown_note="non communiqué",
        lang="fr",
    )
    net = next(trace for trace in fig.data if trace.name == "Coût net")
    assert net.y[1] is None and net.text[1] == "— *"  # written as unknown, never drawn as 0
    assert _plain(net.text[0]) == "60 €"
    assert any("non communiqué" in a.text for a in fig.layout.annotations)


def test_pst008_budget_matrix_keeps_source_order_and_empty_cells(session):
    matrix = pst_q.budget_matrix(pst_q.budget(session, commune=OTTIGNIES))
    assert list(matrix["eco_group"]) == ["91", "80", "82", "88", "70", "71", "7X", "60", "61"]
    transfers = matrix[(matrix["eco_group"] == "80")].iloc[0]
    assert transfers[2020] == 64_100 and all(pd.isna(transfers[y]) for y in (2021, 2022, 2023, 2024))


def test_pst009_budget_chart_writes_totals(session):
    lines = pst_q.budget(session, commune=OTTIGNIES)
    totals = pst_q.budget_totals(lines)
    labels = {
        key: t(f"pst.budget.series.{key}", "fr")
        for key in (
            "depense.ordinaire",
            "depense.extraordinaire",
            "recette.ordinaire",
            "recette.extraordinaire",
            "net_cost",
        )
    }
    fig = fig_pst.budget_by_year(lines, totals, labels=labels, unknown_note="x", lang="fr")
    net = next(trace for trace in fig.data if trace.name == t("pst.budget.series.net_cost", "fr"))
    assert list(net.y) == [float(v) for v in PRINTED_NET_COST.values()]
    assert _plain(net.text[1]) == "116 600 €" and _plain(net.text[2]) == "190 250 € *"
    top_expenses = next(trace for trace in fig.data if trace.name == labels["depense.extraordinaire"])
    assert _plain(top_expenses.text[1]) == "588 100 €"


# --- view state -----------------------------------------------------------------------------------


def test_pst010_filters_round_trip_and_drop_unknown_codes():
    codes = ("OS1", "OS2")
    f = view.PstFilters.from_params(
        {
            "os": "OS2",
            "status": "a_l_etude,bogus,en_cours",
            "sort": "end_date",
            "dir": "desc",
            "page": "2",
            "action": "A7",
        },
        codes,
    )
    assert (f.os, f.statuses, f.sort, f.desc, f.page, f.action) == (
        "OS2",
        ("a_l_etude", "en_cours"),
        "end_date",
        True,
        2,
        "A7",
    )
    assert view.PstFilters.from_params({k: str(v) for k, v in f.to_params().items() if v}, codes) == f
    hostile = view.PstFilters.from_params(
        {"os": "OS9", "page": "-4", "sort": "<x>", "action": "A" * 500}, codes
    )
    assert (
        hostile.os is None
        and hostile.page == 1
        and hostile.sort is None
        and len(hostile.action) == view.MAX_CODE
    )


def test_pst011_apply_event():
    f = view.PstFilters(os="OS1", sort="title", page=3, os_codes=("OS1", "OS2"))
    assert page.apply_event(f, {"type": ids.PST_SORT_BUTTON, "key": "title"}, os_code="", statuses=[]).desc
    assert (
        page.apply_event(f, {"type": ids.PST_PAGE_BUTTON, "dir": "next"}, os_code="", statuses=[]).page == 4
    )
    opened = page.apply_event(f, {"type": ids.PST_DETAIL_BUTTON, "code": "A2"}, os_code="", statuses=[])
    assert opened.action == "A2"
    assert (
        page.apply_event(
            opened, {"type": ids.PST_DETAIL_BUTTON, "code": "A2"}, os_code="", statuses=[]
        ).action
        is None
    )
    changed = page.apply_event(f, ids.PST_STATUS, os_code="all", statuses=["en_cours"])
    assert (changed.os, changed.statuses, changed.page, changed.sort) == (None, ("en_cours",), 1, "title")


# --- the page -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app(settings, engine):
    """The app with the PST page registered (and Dash's global page registry restored afterwards)."""
    saved = dash.page_registry.copy()
    with pytest.MonkeyPatch.context() as patch:
        if "dashboard.pages.pst" not in dashboard.PAGE_MODULES:
            patch.setattr(dashboard, "PAGE_MODULES", (*dashboard.PAGE_MODULES, "dashboard.pages.pst"))
        built = create_app(settings, engine=engine)
        yield built
    dash.page_registry.clear()
    dash.page_registry.update(saved)


def _walk(node, out):
    if isinstance(node, (list, tuple)):
        for item in node:
            _walk(item, out)
    elif hasattr(node, "to_plotly_json"):
        out.append(node)
        _walk(getattr(node, "children", None), out)


def render(app, **query):
    with app.server.test_request_context("/pst"):
        layout = page.layout(**query)
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
    graphs = {n.id: n for n in nodes if isinstance(n, dcc.Graph)}
    return _plain(" ".join(texts)), graphs, nodes


def test_pst012_page_for_ottignies(app):
    text, graphs, nodes = render(app, commune=OTTIGNIES)
    h1 = next(n for n in nodes if n.__class__.__name__ == "H1")
    assert "Ottignies-Louvain-la-Neuve" in h1.children
    assert set(graphs) == {ids.PST_TREE, ids.PST_GANTT, ids.PST_BUDGET_CHART}
    assert all(g.config["showSendToCloud"] is False for g in graphs.values())
    assert "43 action(s) sur 43" in text
    assert "984 700 €" in text  # the plan's total net cost, as printed
    assert "25" in text and "18" in text  # status cards: 25 ongoing, 18 under study
    assert t("pst.table.caption", "fr") in text and t("pst.budget.table.caption", "fr") in text
    assert text.count("non communiqué") >= 4  # 80 Transferts 2021-2024: words, not 0
    assert sum(1 for n in nodes if n.__class__.__name__ == "H2") >= 4


def test_pst013_filters_and_record_from_the_url(app):
    text, graphs, _ = render(app, commune=OTTIGNIES, os="OS3", status="a_l_etude", action="A25")
    assert "3 action(s) sur 43" in text  # A25, A26, A27
    bars = _bars(graphs[ids.PST_GANTT].figure)
    assert sorted(ref for trace in bars for ref in trace.y) == ["OS3-OP9-A25", "OS3-OP9-A26", "OS3-OP9-A27"]
    assert t("pst.field.risks", "fr") in text and t("pst.field.budget_note", "fr") in text
    text, _, _ = render(app, commune=OTTIGNIES, action="A1")
    assert "Remplacement de la directrice de crèche de la Pyramide" in text  # an indicator
    assert "133 000 €" in text  # the action's budget detail from annex 2


def test_pst014_commune_without_a_plan_says_so(app):
    text, graphs, nodes = render(app, commune="tournai")
    assert t("pst.empty.commune", "fr", commune="Tournai") in text
    assert graphs == {}
    # one click away from the plan that exists
    links = [n.href for n in nodes if n.__class__.__name__ == "A" and str(n.href).startswith("/pst")]
    assert links == [f"/pst?commune={OTTIGNIES}&lang=fr"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pst015_other_languages(app, lang):
    text, graphs, _ = render(app, commune=OTTIGNIES, lang=lang, action="A3")
    assert t("pst.budget", lang) in text and len(graphs) == 3


@pytest.mark.parametrize(
    "query",
    [
        {"commune": "atlantis"},
        {
            "commune": OTTIGNIES,
            "os": "'; DROP TABLE pst; --",
            "status": "x" * 5000,
            "page": "-3",
            "sort": "nope",
        },
        {"commune": OTTIGNIES, "action": "<script>alert(1)</script>", "page": "99999", "dir": "sideways"},
        {"commune": OTTIGNIES, "status": "termine", "lang": "de"},
        {"commune": "tournai", "os": "OS1", "action": "A1"},
    ],
)
def test_pst016_hostile_parameters_never_raise(app, query):
    text, _, _ = render(app, **query)
    assert text


SAMPLE_KEYS = {"key": "title", "dir": "next", "code": "A1"}


def _payload(callback: dict, values: list, search: object, trigger: str | dict) -> dict:
    """A callback request shaped as the browser sends it (an ALL wildcard input is a list of entries)."""
    inputs: list = []
    for spec, value in zip(callback["inputs"], values, strict=True):
        component = json.loads(spec["id"]) if spec["id"].startswith("{") else spec["id"]
        if isinstance(component, dict):
            concrete = {k: SAMPLE_KEYS.get(k, v) for k, v in component.items()}
            inputs.append([{"id": concrete, "property": spec["property"], "value": value}])
        else:
            inputs.append({"id": component, "property": spec["property"], "value": value})
    if isinstance(trigger, dict):
        changed = json.dumps(trigger, separators=(",", ":"), sort_keys=True) + ".n_clicks"
    else:
        changed = f"{trigger}.value"
    return {
        "output": callback["output"],
        "outputs": [
            {"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1].split("@")[0]}
            for part in callback["output"].strip(".").split("...")
        ],
        "inputs": inputs,
        "state": [{"id": ids.URL, "property": "search", "value": search}],
        "changedPropIds": [changed],
    }


@pytest.fixture
def pst_callback(app) -> dict:
    client = app.server.test_client()
    client.get("/")
    deps = client.get("/_dash-dependencies").get_json()
    return next(d for d in deps if ids.PST_RESULTS in d["output"])


@pytest.fixture
def without_prefilter(app):
    """Reach the page's callback itself: lift the app-wide filter of malformed bodies for one test."""
    from dashboard import security

    funcs = app.server.before_request_funcs.setdefault(None, [])
    saved = list(funcs)
    funcs[:] = [f for f in funcs if f is not security.refuse_malformed_callbacks]
    yield app.server.test_client()
    funcs[:] = saved


def _search_of(response) -> str:
    return response.get_json()["response"]["url"]["search"]


def test_pst017_callback_puts_the_view_in_the_url(pst_callback, without_prefilter):
    client, start = without_prefilter, f"?commune={OTTIGNIES}"
    response = client.post(
        "/_dash-update-component",
        json=_payload(pst_callback, ["OS2", ["en_cours"], 0, 0, 0], start, ids.PST_OS),
    )
    assert response.status_code == 200
    assert _search_of(response) == f"?commune={OTTIGNIES}&os=OS2&status=en_cours"
    detail = {"type": ids.PST_DETAIL_BUTTON, "code": "A1"}
    response = client.post(
        "/_dash-update-component", json=_payload(pst_callback, ["all", [], 0, 0, 1], start, detail)
    )
    assert response.status_code == 200 and _search_of(response) == f"?commune={OTTIGNIES}&action=A1"
    same = client.post(
        "/_dash-update-component", json=_payload(pst_callback, ["all", [], 0, 0, 0], start, ids.PST_OS)
    )
    assert same.status_code == 204  # nothing changed: the page on screen already shows that view


def test_pst018_forged_callback_values_never_500(pst_callback, without_prefilter):
    forged = [
        [None, None, None, None, None],
        [["x"], {"a": 1}, "x" * 20_000, -1, 1e300],
        ["<script>", ["'; DROP TABLE pst; --"] * 60, None, None, True],
    ]
    searches = [
        None,
        "",
        f"?commune={OTTIGNIES}",
        "?commune=tournai",
        f"?commune={OTTIGNIES}&page=-1&action=" + "A" * 300 + "&os=" + "a," * 500,
        "x" * 5000,
    ]
    for values in forged:
        for search in searches:
            for trigger in ({"type": ids.PST_DETAIL_BUTTON, "code": "A1"}, ids.PST_OS):
                payload = _payload(pst_callback, values, search, trigger)
                response = without_prefilter.post("/_dash-update-component", json=payload)
                assert response.status_code < 500, (values, search, response.get_data(as_text=True)[:300])


def test_pst019_browser_shaped_request_passes_the_security_filter(app, pst_callback):
    payload = _payload(pst_callback, ["OS2", [], 0, 0, 0], f"?commune={OTTIGNIES}", ids.PST_OS)
    assert app.server.test_client().post("/_dash-update-component", json=payload).status_code == 200
