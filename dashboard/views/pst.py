"""Strategic-plan (PST) page: URL parameters ⇄ filters, the objectives overview, the filtered timeline
and action list with an action's record, and the yearly budget annex.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html
from sqlalchemy.orm import Session

from components.cards import empty_state
from components.charts import chart_card
from components.table import Cell, Column, TableLabels, data_table, sort_and_page, static_table
from dashboard import ids
from dashboard.figures import pst as fig_pst
from dashboard.i18n import fmt_currency, fmt_date, fmt_number, fmt_percent, t
from dashboard.queries import pst as pst_q
from dashboard.urlstate import page_number
from dashboard.views.shell import PageContext

STATUSES = fig_pst.STATUS_ORDER
IMPACTS = ("oui", "non", "indetermine")
SORT_KEYS = ("reference", "title", "start_date", "end_date", "status", "budget_impact")
PAGE_SIZE = 15
ALL = "all"  # the "every strategic objective" choice of the select (a select cannot show an empty value)
MAX_CODE = 20
URL_KEYS = ("os", "status", "sort", "dir", "page", "action")
PATH = "/pst"


def _codes(value: str | None, allowed: tuple[str, ...]) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(code for code in dict.fromkeys(value.split(",")) if code in allowed)


@dataclass(frozen=True)
class PstFilters:
    """The page's view; every field has a URL parameter. Unknown codes are dropped, never an error."""

    os: str | None = None
    statuses: tuple[str, ...] = ()
    sort: str | None = None
    desc: bool = False
    page: int = 1
    action: str | None = None
    os_codes: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def from_params(cls, params: dict[str, str], os_codes: tuple[str, ...]) -> PstFilters:
        page = page_number(params.get("page", 1))
        os_code = params.get("os")
        sort = params.get("sort")
        action = params.get("action")
        return cls(
            os=os_code if os_code in os_codes else None,
            statuses=_codes(params.get("status"), STATUSES),
            sort=sort if sort in SORT_KEYS else None,
            desc=params.get("dir") == "desc",
            page=page,
            action=str(action)[:MAX_CODE] if action else None,
            os_codes=os_codes,
        )

    def to_params(self) -> dict[str, object]:
        return {
            "os": self.os,
            "status": ",".join(self.statuses),
            "sort": self.sort,
            "dir": "desc" if self.desc and self.sort else None,
            "page": self.page if self.page > 1 else None,
            "action": self.action,
        }

    def with_changes(self, **changes: object) -> PstFilters:
        return replace(self, **changes)


def os_codes(session: Session, commune: str) -> tuple[str, ...]:
    objectives = pst_q.objectives(session, commune=commune)
    return tuple(objectives.loc[objectives["level"] == "os", "code"])


def status_labels(lang: str) -> dict[str, str]:
    return {s: t(f"pst.status.{s}", lang) for s in STATUSES}


def _present(value: object) -> bool:
    if value is None or value is pd.NaT:
        return False
    if isinstance(value, float) and pd.isna(value):
        return False
    return value != ""


def status_badge(status: str, lang: str) -> html.Span:
    """The status in words on its chart colour (the same colours as the tree and timeline)."""
    return html.Span(
        t(f"pst.status.{status}", lang) if status in STATUSES else status,
        className="badge status-badge",
        style={
            "backgroundColor": fig_pst.status_colour(status),
            "color": fig_pst.STATUS_TEXT_COLOURS.get(status, fig_pst.TEXT_COLOUR),
        },
    )


def overdue_badge(lang: str) -> html.Span:
    return html.Span(["✕ ", t("pst.overdue.badge", lang)], className="badge badge-overdue ms-1")


def _impact(code: object, lang: str) -> str:
    return t(f"pst.impact.{code}", lang) if code in IMPACTS else t("pst.not_stated", lang)


def source_language(session: Session, df: pd.DataFrame) -> str:
    languages = pst_q.source_languages(session)
    found = [languages.get(s) for s in df["source"].unique() if languages.get(s)]
    return found[0] if found else "fr"


def plan_actions(session: Session, commune: str, today: dt.date) -> pd.DataFrame:
    """All actions of the commune's plan with their position in the plan and the overdue flag."""
    df = pst_q.actions(session, commune=commune)
    return df.assign(order=range(len(df)), overdue=pst_q.overdue(df, today).astype(bool))


def filter_actions(df: pd.DataFrame, f: PstFilters) -> pd.DataFrame:
    if f.os:
        df = df[df["os"] == f.os]
    if f.statuses:
        df = df[df["status"].isin(f.statuses)]
    return df


# --- header and overview -------------------------------------------------------------------------


def header(ctx: PageContext, plan: pd.DataFrame | None) -> list:
    lang = ctx.lang
    content: list = [html.H1(t("pst.title", lang, commune=ctx.commune_name), className="h2 mb-0")]
    if plan is not None and not plan.empty:
        row = plan.iloc[0]
        content.append(
            html.P(
                t(
                    "pst.subtitle",
                    lang,
                    plan=row["title"],
                    body=t(f"body.{row['body']}", lang),
                    start=int(row["start_year"]),
                    end=int(row["end_year"]),
                ),
                className="text-body-secondary",
            )
        )
    return content


def _status_card(title: str, count: int, line: str, swatch: dict | None, card_id: str, lang: str) -> html.Li:
    marker = (
        html.Span(className="d-inline-block me-2 align-baseline", style=swatch, **{"aria-hidden": "true"})
        if swatch
        else None
    )
    return html.Li(
        dbc.Card(
            dbc.CardBody(
                [
                    html.H3([marker, title], className="h6 mb-1 kpi-title"),
                    html.P(fmt_number(count, lang), className="kpi-value mb-0"),
                    html.P(line, className="kpi-line small mb-0"),
                ],
                className="py-2",
            ),
            className="kpi-card h-100",
            id=card_id,
        ),
        className="col",
    )


def status_cards(actions: pd.DataFrame, lang: str) -> html.Ul:
    """Small cards: actions per status present (in words, with the chart colour) and overdue actions."""
    total = len(actions)
    counts = actions["status"].value_counts()
    cards = []
    for status in [s for s in STATUSES if s in counts.index]:
        count = int(counts[status])
        swatch = {
            "width": "0.9em",
            "height": "0.9em",
            "backgroundColor": fig_pst.status_colour(status),
            "border": "1px solid #495057",
        }
        cards.append(
            _status_card(
                t(f"pst.status.{status}", lang),
                count,
                t("pst.cards.share", lang, percent=fmt_percent(100 * count / total, lang, 0)),
                swatch,
                f"pst-card-{status}",
                lang,
            )
        )
    late = int(actions["overdue"].sum())
    cards.append(
        _status_card(
            "✕ " + t("pst.overdue.badge", lang),
            late,
            t("pst.cards.overdue_line", lang),
            None,
            "pst-card-overdue",
            lang,
        )
    )
    return html.Ul(
        cards,
        id=ids.PST_STATUS_CARDS,
        className="row row-cols-2 row-cols-md-4 g-2 list-unstyled mb-3",
        **{"aria-label": t("pst.cards.label", lang)},
    )


def objectives_list(actions: pd.DataFrame, lang: str, source_lang: str) -> html.Details:
    """The tree as nested lists (the accessible, complete text of the treemap)."""
    items = []
    for os_code, os_rows in actions.groupby("os", sort=False):
        ops = []
        for op_code, op_rows in os_rows.groupby("op", sort=False):
            counts = op_rows["status"].value_counts()
            detail = ", ".join(
                f"{fmt_number(int(counts[s]), lang)} {t(f'pst.status.{s}', lang).lower()}"
                for s in STATUSES
                if s in counts.index
            )
            ops.append(
                html.Li(
                    [
                        html.Strong(f"{op_code} "),
                        html.Span(op_rows["op_title"].iloc[0], lang=source_lang),
                        f" — {t('pst.actions_count', lang, count=len(op_rows))} ({detail})",
                    ]
                )
            )
        items.append(
            html.Li(
                [
                    html.Strong(f"{os_code} "),
                    html.Span(os_rows["os_title"].iloc[0], lang=source_lang),
                    f" — {t('pst.actions_count', lang, count=len(os_rows))}",
                    html.Ul(ops),
                ],
                className="mb-2",
            )
        )
    return html.Details(
        [html.Summary(t("pst.tree.list", lang), className="h6"), html.Ul(items, className="mt-2")],
        id=ids.PST_TREE_LIST,
        className="mt-2",
        open=True,
    )


def overview_section(actions: pd.DataFrame, ctx: PageContext, source_lang: str) -> html.Section:
    lang = ctx.lang
    n_os = actions["os"].nunique()
    n_op = actions["op"].nunique()
    return html.Section(
        [
            html.H2(t("pst.overview", lang), className="h4 mt-3"),
            html.P(t("pst.overview.summary", lang, os=n_os, op=n_op, actions=len(actions)), className="mb-2"),
            status_cards(actions, lang),
            chart_card(
                ids.PST_TREE,
                fig_pst.plan_tree(actions, status_labels=status_labels(lang), lang=lang),
                title=t("pst.tree.title", lang),
                filename="pst-arborescence",
                lang=lang,
                note=t("pst.tree.note", lang),
                fill=False,
            ),
            objectives_list(actions, lang, source_lang),
            html.P(t("pst.status_note", lang), className="small text-body-secondary mt-2"),
        ],
        id=ids.PST_OVERVIEW,
    )


# --- filters, timeline, action list, record ------------------------------------------------------


def filter_form(ctx: PageContext, actions: pd.DataFrame, f: PstFilters) -> html.Form:
    """Strategic objective (select) and statuses (checkboxes) in one row above the timeline and list."""
    lang = ctx.lang
    objectives = actions.drop_duplicates("os")[["os", "os_title"]]
    present = [s for s in STATUSES if s in set(actions["status"])]
    # A status asked for in the URL stays visible so that it can be unticked.
    shown = present + [s for s in f.statuses if s not in present]
    return html.Form(
        [
            html.H3(t("pst.filters", lang), className="h6 text-uppercase filter-heading"),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label(t("pst.filter.os", lang), html_for=ids.PST_OS),
                            dbc.Select(
                                id=ids.PST_OS,
                                options=[{"label": t("pst.filter.os.all", lang), "value": ALL}]
                                + [
                                    {"label": f"{code} — {title}", "value": code}
                                    for code, title in zip(
                                        objectives["os"], objectives["os_title"], strict=True
                                    )
                                ],
                                value=f.os or ALL,
                            ),
                        ],
                        md=6,
                    ),
                    dbc.Col(
                        html.Fieldset(
                            [
                                html.Legend(t("pst.filter.status", lang), className="filter-legend"),
                                dbc.Checklist(
                                    id=ids.PST_STATUS,
                                    inline=True,
                                    options=[
                                        {"label": t(f"pst.status.{s}", lang), "value": s} for s in shown
                                    ],
                                    value=list(f.statuses),
                                ),
                            ]
                        ),
                        md=4,
                    ),
                    dbc.Col(
                        dcc.Link(
                            t("pst.reset", lang),
                            href=PATH + ctx.search(),
                            className="btn btn-outline-secondary btn-sm",
                            id=ids.PST_RESET,
                        ),
                        md=2,
                        className="d-flex align-items-end",
                    ),
                ],
                className="g-3",
            ),
        ],
        id=ids.PST_FILTERS,
        className="filter-form mb-3",
        role="search",
        **{"aria-label": t("pst.filters", lang)},
    )


def _dates_cell(row: dict, lang: str, key: str) -> list:
    content: list = [fmt_date(row[key], lang) if _present(row[key]) else t("pst.not_stated", lang)]
    if key == "end_date":
        if _present(row.get("end_note")):
            content += [
                html.Br(),
                html.Span(t("pst.end_note", lang, note=row["end_note"]), className="small"),
            ]
        if row.get("overdue"):
            content += [html.Br(), overdue_badge(lang)]
    return content


def _indicators(text: str, source_lang: str, lang: str) -> html.Ul | html.Span:
    items = [line for line in (text or "").split("\n") if line.strip()]
    if not items:
        return html.Span(t("pst.no_indicators", lang), className="text-body-secondary fst-italic")
    return html.Ul([html.Li(i) for i in items], className="small mb-0 ps-3", lang=source_lang)


def _table_labels(lang: str) -> TableLabels:
    return TableLabels(
        caption=t("pst.table.caption", lang),
        sort_ascending=t("table.sort_ascending", lang),
        sort_descending=t("table.sort_descending", lang),
        sort_by=t("table.sort_by", lang),
        page_of=t("table.page_of", lang),
        previous=t("table.previous", lang),
        next=t("table.next", lang),
        rows=t("table.rows", lang),
        empty=t("pst.empty.filters", lang),
    )


def action_table(df: pd.DataFrame, f: PstFilters, lang: str, source_lang: str) -> html.Div:
    records = df.to_dict(orient="records")
    for record in records:
        record["status_order"] = STATUSES.index(record["status"]) if record["status"] in STATUSES else 99
        record["impact_order"] = (
            IMPACTS.index(record["budget_impact"]) if record["budget_impact"] in IMPACTS else 99
        )
    sort_field = {"reference": "order", "status": "status_order", "budget_impact": "impact_order"}.get(
        f.sort or "", f.sort
    )
    rows, total, page = sort_and_page(
        records, sort_key=sort_field, descending=f.desc, page=f.page, page_size=PAGE_SIZE
    )
    columns = [
        Column("reference", t("pst.col.reference", lang), class_name="text-nowrap"),
        Column("title", t("pst.col.title", lang), render=lambda r: html.Span(r["title"], lang=source_lang)),
        Column(
            "start_date",
            t("pst.col.start", lang),
            render=lambda r: _dates_cell(r, lang, "start_date"),
            class_name="text-nowrap",
        ),
        Column(
            "end_date",
            t("pst.col.end", lang),
            render=lambda r: _dates_cell(r, lang, "end_date"),
            class_name="text-nowrap",
        ),
        Column(
            "status",
            t("pst.col.status", lang),
            render=lambda r: status_badge(r["status"], lang),
            class_name="text-nowrap",
        ),
        Column(
            "budget_impact",
            t("pst.col.budget_impact", lang),
            render=lambda r: _impact(r["budget_impact"], lang),
        ),
        Column(
            "indicators",
            t("pst.col.indicators", lang),
            sortable=False,
            render=lambda r: _indicators(r["indicators"], source_lang, lang),
        ),
        Column(
            "detail",
            t("pst.col.detail", lang),
            sortable=False,
            render=lambda r: html.Button(
                [t("pst.detail.open", lang), html.Span(f" : {r['reference']}", className="visually-hidden")],
                id={"type": ids.PST_DETAIL_BUTTON, "code": r["code"]},
                type="button",
                n_clicks=0,
                className="btn btn-sm " + ("btn-primary" if r["code"] == f.action else "btn-outline-primary"),
                **{"aria-pressed": "true" if r["code"] == f.action else "false"},
            ),
        ),
    ]
    return data_table(
        table_id=ids.PST_TABLE,
        columns=columns,
        rows=rows,
        labels=_table_labels(lang),
        sort_key=f.sort,
        descending=f.desc,
        page=page,
        page_size=PAGE_SIZE,
        total=total,
        sort_button_id=lambda key: {"type": ids.PST_SORT_BUTTON, "key": key},
        page_button_id=lambda direction: {"type": ids.PST_PAGE_BUTTON, "dir": direction},
        row_class=lambda r: " ".join(
            c
            for c in ("row-overdue" if r["overdue"] else "", "table-active" if r["code"] == f.action else "")
            if c
        ),
    )


def results(session: Session, ctx: PageContext, f: PstFilters, *, today: dt.date | None = None) -> list:
    """Everything right of the filter form, rendered for the filters `f`."""
    lang = ctx.lang
    today = today or dt.date.today()
    everything = plan_actions(session, ctx.commune, today)
    if everything.empty:
        return [empty_state(t("pst.empty.actions", lang))]
    source_lang = source_language(session, everything)
    df = filter_actions(everything, f)
    count = html.P(
        t("pst.count", lang, count=len(df), total=len(everything)),
        className="result-count mb-2",
        role="status",
        **{"aria-live": "polite"},
    )
    selected = everything[everything["code"] == f.action]
    record = selected.iloc[0].to_dict() if not selected.empty else None
    panel = detail_panel(session, ctx, record, source_lang, today)
    if df.empty:
        return [count, empty_state(t("pst.empty.filters", lang)), panel]
    timeline = chart_card(
        ids.PST_GANTT,
        fig_pst.action_timeline(
            df,
            today=today,
            status_labels=status_labels(lang),
            today_label=t("pst.today", lang, date=fmt_date(today, lang)),
            overdue_label=t("pst.overdue", lang),
            lang=lang,
        ),
        title=t("pst.timeline.chart", lang),
        filename="pst-calendrier",
        lang=lang,
        note=t("pst.timeline.note", lang),
        fill=False,
    )
    return [
        count,
        timeline,
        html.H2(t("pst.actions", lang), className="h4 mt-4"),
        action_table(df, f, lang, source_lang),
        panel,
    ]


def _text_block(value: object, source_lang: str) -> html.Span | None:
    return html.Span(value, lang=source_lang, className="pre-line") if _present(value) else None


def action_budget_table(session: Session, ctx: PageContext, code: str) -> html.Div | html.P:
    lang = ctx.lang
    detail = pst_q.action_budget(session, commune=ctx.commune, action=code)
    if detail.empty:
        return html.P(t("pst.action_budget.none", lang), className="mb-0 text-body-secondary")
    lines = pst_q.budget(session, commune=ctx.commune)
    names = {
        (r.budget_section, r.kind, r.eco_group): r.label
        for r in lines.drop_duplicates(["budget_section", "kind", "eco_group"]).itertuples()
    }
    rows = [
        [
            str(int(r.year)),
            t(f"pst.section.{r.budget_section}", lang),
            t(f"pst.kind.{r.kind}", lang),
            html.Span(
                f"{r.eco_group} {names.get((r.budget_section, r.kind, r.eco_group), '')}".strip(), lang="fr"
            ),
            Cell(fmt_currency(r.amount, lang, 0), numeric=True),
        ]
        for r in detail.itertuples()
    ]
    return static_table(
        table_id=ids.PST_ACTION_BUDGET,
        caption=t("pst.action_budget.caption", lang),
        headers=[
            t("pst.col.year", lang),
            t("pst.col.section", lang),
            t("pst.col.kind", lang),
            t("pst.col.eco_group", lang),
            Cell(t("pst.col.amount", lang), numeric=True),
        ],
        rows=rows,
    )


def detail_panel(
    session: Session, ctx: PageContext, record: dict | None, source_lang: str, today: dt.date
) -> html.Section:
    lang = ctx.lang
    if record is None:
        heading: object = t("pst.detail.title", lang)
        body: list = [html.P(t("pst.detail.none", lang), className="mb-0 text-body-secondary")]
    else:
        not_stated = t("pst.not_stated", lang)

        def item(key: str, value: object) -> list:
            return [
                html.Dt(t(f"pst.field.{key}", lang), className="col-sm-3"),
                html.Dd(value if _present(value) else not_stated, className="col-sm-9 detail-value"),
            ]

        period = t(
            "pst.period",
            lang,
            start=fmt_date(record["start_date"], lang) if _present(record["start_date"]) else not_stated,
            end=fmt_date(record["end_date"], lang) if _present(record["end_date"]) else not_stated,
        )
        if _present(record.get("end_note")):
            period += f" ({t('pst.end_note', lang, note=record['end_note'])})"
        status: list = [status_badge(record["status"], lang)]
        if record.get("overdue"):
            status.append(overdue_badge(lang))
        indicators = [line for line in (record["indicators"] or "").split("\n") if line.strip()]
        fields: list = []
        fields += item("reference", record["reference"])
        fields += item("os", html.Span(f"{record['os']} — {record['os_title']}", lang=source_lang))
        fields += item("op", html.Span(f"{record['op']} — {record['op_title']}", lang=source_lang))
        fields += item("period", period)
        fields += item("status", status)
        fields += item("budget_impact", _impact(record["budget_impact"], lang))
        fields += item("context", _text_block(record["context"], source_lang))
        fields += item("description", _text_block(record["description"], source_lang))
        fields += item("risks", _text_block(record["risks"], source_lang))
        fields += item(
            "indicators",
            html.Ol([html.Li(i) for i in indicators], className="mb-0 ps-3", lang=source_lang)
            if indicators
            else None,
        )
        fields += item("budget_note", _text_block(record["budget_note"], source_lang))
        fields += item("action_budget", action_budget_table(session, ctx, record["code"]))
        fields += item("source", f"{record['source']} — {record['section']}")
        heading = html.Span(f"{record['reference']} — {record['title']}", lang=source_lang)
        body = [html.Dl(fields, className="row mb-0")]
        if source_lang != lang:
            body.insert(
                0, html.P(t("pst.detail.source_language", lang), className="small text-body-secondary")
            )
    return html.Section(
        dbc.Card(dbc.CardBody([html.H2(heading, className="h5"), *body])),
        id=ids.PST_DETAIL,
        className="mt-3 detail-panel",
        **{"aria-label": t("pst.detail.title", lang)},
    )


# --- budget annex --------------------------------------------------------------------------------


def _amount_cell(value: object, lang: str, *, partial: bool = False, strong: bool = False) -> Cell:
    if value is None or pd.isna(value):
        content: object = [
            html.Span("—", **{"aria-hidden": "true"}),
            html.Span(t("pst.budget.not_communicated", lang), className="visually-hidden"),
        ]
        if partial:
            content.append(" *")
    else:
        content = fmt_currency(value, lang, 0) + (" *" if partial else "")
    return Cell(html.Strong(content) if strong else content, numeric=True)


def budget_table(lines: pd.DataFrame, totals: pd.DataFrame, plan_total: float, lang: str) -> html.Div:
    matrix = pst_q.budget_matrix(lines)
    years = [int(y) for y in totals["year"]]
    rows = []
    for row in matrix.to_dict(orient="records"):
        values = [row.get(y) for y in years]
        known = [v for v in values if not pd.isna(v)]
        unknown = len(known) < len(values)
        label = [
            html.Span(t(f"pst.budget.series.{row['kind']}.{row['budget_section']}", lang) + " · "),
            html.Span(f"{row['eco_group']} {row['label']}", lang="fr"),
        ]
        total = sum(known) if known else None
        rows.append(
            [
                label,
                *(_amount_cell(v, lang) for v in values),
                _amount_cell(total, lang, partial=unknown and bool(known)),
            ]
        )

    def total_row(label: str, column: str, unknown_column: str | None, plan_value: object) -> list:
        cells = []
        for r in totals.itertuples():
            partial = bool(getattr(r, unknown_column)) if unknown_column else bool(r.partial)
            cells.append(_amount_cell(getattr(r, column), lang, partial=partial, strong=True))
        return [label, *cells, plan_value]

    revenue_sum = totals["revenues"].sum(min_count=1) if not totals["revenues"].isna().any() else None
    expense_sum = totals["expenses"].sum(min_count=1) if not totals["expenses"].isna().any() else None
    footer = [
        total_row(
            t("pst.budget.total_revenues", lang),
            "revenues",
            "revenues_unknown",
            _amount_cell(revenue_sum, lang, partial=bool(totals["revenues_unknown"].sum()), strong=True),
        ),
        total_row(
            t("pst.budget.total_expenses", lang),
            "expenses",
            "expenses_unknown",
            _amount_cell(expense_sum, lang, partial=bool(totals["expenses_unknown"].sum()), strong=True),
        ),
        total_row(
            t("pst.budget.net_cost", lang),
            "net_cost",
            None,
            _amount_cell(plan_total, lang, partial=bool(totals["partial"].any()), strong=True),
        ),
    ]
    headers = [
        t("pst.budget.col.group", lang),
        *(Cell(str(y), numeric=True) for y in years),
        Cell(t("pst.budget.col.total", lang), numeric=True),
    ]
    return static_table(
        table_id=ids.PST_BUDGET_TABLE,
        caption=t("pst.budget.table.caption", lang),
        headers=headers,
        rows=rows,
        footer=footer,
        caption_visible=True,
    )


def budget_section(session: Session, ctx: PageContext, plan: pd.DataFrame) -> html.Section:
    lang = ctx.lang
    title = html.H2(t("pst.budget", lang), className="h4 mt-4")
    lines = pst_q.budget(session, commune=ctx.commune)
    if lines.empty:
        return html.Section([title, empty_state(t("pst.budget.empty", lang))])
    totals = pst_q.budget_totals(lines)
    total = pst_q.plan_net_cost(totals)
    start = int(plan["start_year"].iloc[0]) if not plan.empty else int(totals["year"].min())
    end = int(plan["end_year"].iloc[0]) if not plan.empty else int(totals["year"].max())
    if pd.isna(total):
        headline = t("pst.budget.total_unknown", lang, start=start, end=end)
    else:
        amount = fmt_currency(total, lang, 0) + (" *" if totals["partial"].any() else "")
        headline = t("pst.budget.total", lang, start=start, end=end, amount=amount)
    series = {
        key: t(f"pst.budget.series.{key}", lang)
        for key in (
            "depense.ordinaire",
            "depense.extraordinaire",
            "recette.ordinaire",
            "recette.extraordinaire",
            "net_cost",
        )
    }
    chart = chart_card(
        ids.PST_BUDGET_CHART,
        fig_pst.budget_by_year(
            lines, totals, labels=series, unknown_note=t("pst.budget.unknown_note", lang), lang=lang
        ),
        title=t("pst.budget.chart", lang),
        filename="pst-budget",
        lang=lang,
        note=t("pst.budget.net_help", lang),
        fill=False,
    )
    return html.Section(
        [
            title,
            html.P(html.Strong(headline), className="fs-5 mb-2"),
            chart,
            budget_table(lines, totals, total, lang),
            html.P(t("pst.budget.legend", lang), className="small text-body-secondary mt-1"),
        ]
    )
