"""Brussels views page: staffing real vs theoretical, the software cost comparison, synergies per
domain, WePulse positions. Each section says in a sentence when the commune has no such data."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html
from sqlalchemy.orm import Session

from components.cards import empty_state
from components.charts import chart_card
from components.table import Cell, static_table
from dashboard import ids
from dashboard.figures import brussels as fig_bxl
from dashboard.i18n import fmt_currency, fmt_date, fmt_number, fmt_signed, has_key, t
from dashboard.queries import brussels as bxl_q
from dashboard.queries import synergies as synergy_q
from dashboard.views.shell import PageContext, available_elsewhere

BODIES = ("commune", "cpas")
STATUSES = ("realisee", "en_cours", "projetee")
POSITIONS = ("favorable", "interesse", "adhesion", "regularisation", "report", "indecis")
SECTIONS = (
    ("staffing", ids.BXL_STAFFING),
    ("costs", ids.BXL_COSTS),
    ("synergies", ids.BXL_SYNERGIES),
    ("wepulse", ids.BXL_WEPULSE),
)


def _fte(value: float, lang: str) -> str:
    return fmt_number(round(float(value), 2), lang)


def _gap(value: float, lang: str) -> str:
    return fmt_signed(round(float(value), 2), lang)


def _euro(value: float, lang: str) -> str:
    return fmt_currency(value, lang, 0)


def _body_labels(lang: str) -> dict[str, str]:
    return {b: t(f"bxl.body.{b}", lang) for b in BODIES}


def _section(key: str, anchor: str, lang: str, body: list) -> html.Section:
    return html.Section(
        [html.H2(t(f"bxl.{key}", lang), className="h4 mt-4", id=anchor), *body],
        **{"aria-labelledby": anchor},
    )


def _source(section: object, lang: str) -> html.P:
    return html.P(t("bxl.source", lang, section=str(section)), className="small text-body-secondary")


def header(ctx: PageContext, session: Session) -> list:
    lang = ctx.lang
    out: list = [
        html.H1(t("bxl.title", lang, commune=ctx.commune_name), className="h2 mb-0"),
        html.P(t("bxl.subtitle", lang), className="text-body-secondary"),
    ]
    if ctx.commune_row.get("region") != "bruxelles":
        out.append(html.P(t("bxl.not_brussels", lang, commune=ctx.commune_name), className="mb-2"))
        out.append(available_elsewhere(session, ctx, "brussels", "brussels"))
    out.append(
        html.Nav(
            html.Ul(
                [
                    html.Li(html.A(t(f"bxl.{key}", lang), href=f"#{anchor}"), className="list-inline-item")
                    for key, anchor in SECTIONS
                ],
                className="list-inline mb-2",
            ),
            **{"aria-label": t("bxl.nav", lang)},
        )
    )
    return out


# --- staffing ------------------------------------------------------------------------------------


def staffing_section(session: Session, ctx: PageContext) -> html.Section:
    lang = ctx.lang
    data = bxl_q.latest_staffing(bxl_q.staffing(session, commune=ctx.commune))
    if data.empty:
        return _section(
            "staffing",
            ids.BXL_STAFFING,
            lang,
            [empty_state(t("bxl.empty.staffing", lang, commune=ctx.commune_name))],
        )
    date = fmt_date(data["date"].iloc[0], lang)
    labels = _body_labels(lang)
    figure = fig_bxl.staffing_dumbbell(
        data,
        body_labels=labels,
        real_label=t("bxl.staffing.real", lang),
        theoretical_label=t("bxl.staffing.theoretical", lang),
        gap_header=t("bxl.staffing.gap", lang),
        unit=t("bxl.staffing.unit", lang),
        lang=lang,
    )
    rows = [
        [
            str(r.service),
            labels.get(r.body, r.body),
            Cell(_fte(r.real_fte, lang), numeric=True),
            Cell(_fte(r.theoretical_fte, lang), numeric=True),
            Cell(_gap(r.gap_fte, lang), numeric=True, class_name="fw-bold" if r.gap_fte < 0 else ""),
        ]
        for r in data.itertuples()
    ]
    footer = [
        [
            t("bxl.staffing.total", lang, body=labels.get(r.body, r.body)),
            labels.get(r.body, r.body),
            Cell(_fte(r.real_fte, lang), numeric=True),
            Cell(_fte(r.theoretical_fte, lang), numeric=True),
            Cell(_gap(r.gap_fte, lang), numeric=True),
        ]
        for r in bxl_q.staffing_totals(data).itertuples()
    ]
    table = static_table(
        table_id=ids.BXL_STAFFING_TABLE,
        caption=t("bxl.staffing.table", lang, date=date),
        headers=[
            t("bxl.col.service", lang),
            t("bxl.col.body", lang),
            Cell(t("bxl.col.real", lang), numeric=True),
            Cell(t("bxl.col.theoretical", lang), numeric=True),
            Cell(t("bxl.col.gap", lang), numeric=True),
        ],
        rows=rows,
        footer=footer,
        caption_visible=True,
        wrap_headers=True,
    )
    return _section(
        "staffing",
        ids.BXL_STAFFING,
        lang,
        [
            html.P(t("bxl.staffing.help", lang, date=date), className="text-body-secondary"),
            dbc.Row(
                [
                    dbc.Col(
                        chart_card(
                            ids.BXL_STAFFING_CHART,
                            figure,
                            title=t("bxl.staffing.chart", lang, date=date),
                            filename="effectifs-reel-theorique",
                            lang=lang,
                        ),
                        lg=6,
                        className="mb-3",
                    ),
                    dbc.Col(table, lg=6, className="mb-3"),
                ]
            ),
            _source(data["section"].iloc[0], lang),
        ],
    )


# --- cost comparison -----------------------------------------------------------------------------


def _printed_cell(printed: float, computed: float, lang: str) -> Cell:
    """The printed amount; when the recomputed sum differs, it is written underneath."""
    content: list = [_euro(printed, lang)]
    if round(printed - computed, 2) != 0:
        content += [
            html.Br(),
            html.Span(
                t("bxl.costs.sum_differs", lang, amount=_euro(computed, lang)),
                className="small text-body-secondary",
            ),
        ]
    return Cell(content, numeric=True)


def costs_section(session: Session, ctx: PageContext) -> html.Section:
    lang = ctx.lang
    costs = bxl_q.cost_comparison(session, commune=ctx.commune)
    if costs.empty:
        return _section(
            "costs", ids.BXL_COSTS, lang, [empty_state(t("bxl.empty.costs", lang, commune=ctx.commune_name))]
        )
    options = bxl_q.options_by_cost(costs)
    periods = bxl_q.period_totals(costs).set_index("option")
    first, last = int(costs["year"].min()), int(costs["year"].max())
    years = int(costs["year"].nunique())
    span = {"first": first, "last": last}
    body: list = [html.P(t("bxl.costs.help", lang, **span), className="text-body-secondary")]

    saving = pd.DataFrame(columns=["year", "saving"])
    saving_text = None
    rounding_note = None
    if len(options) >= 2:
        expensive, cheaper = options[0], options[1]
        saving = bxl_q.cumulative_saving(costs, expensive, cheaper)
        final = float(saving["saving"].iloc[-1])
        computed = float(periods.loc[expensive, "computed"] - periods.loc[cheaper, "computed"])
        saving_text = f"{t('bxl.costs.saving_after', lang, years=years)}<br>{_euro(final, lang)}"
        body.append(
            html.P(
                t(
                    "bxl.costs.lead",
                    lang,
                    years=years,
                    cheaper=cheaper,
                    expensive=expensive,
                    saving=_euro(final, lang),
                    **span,
                ),
                className="lead",
                id=ids.BXL_COSTS_LEAD,
            )
        )
        if round(final - computed, 2) != 0 or bool(
            (costs["cumulative"] != costs["computed_cumulative"]).any()
        ):
            rounding_note = t("bxl.costs.rounding_note", lang, computed=_euro(computed, lang))

    for graph_id, measure, title_key, filename in (
        (ids.BXL_COSTS_YEARLY, "total", "bxl.costs.yearly", "couts-annuels"),
        (ids.BXL_COSTS_CUMULATIVE, "cumulative", "bxl.costs.cumulative", "couts-cumules"),
    ):
        figure = fig_bxl.cost_lines(
            costs,
            measure=measure,
            options=options,
            lang=lang,
            y_title=t("bxl.costs.axis", lang),
            saving_text=saving_text if measure == "cumulative" else None,
        )
        body.append(
            html.Div(
                chart_card(graph_id, figure, title=t(title_key, lang, **span), filename=filename, lang=lang),
                className="mb-3",
            )
        )
    body.append(_costs_table(costs, options, periods, saving, span, lang))
    if rounding_note:
        body.append(html.P(rounding_note, className="small text-body-secondary mt-2"))
    return _section("costs", ids.BXL_COSTS, lang, body)


def _costs_table(
    costs: pd.DataFrame,
    options: list[str],
    periods: pd.DataFrame,
    saving: pd.DataFrame,
    span: dict,
    lang: str,
) -> html.Div:
    by_key = costs.set_index(["option", "year"])
    savings = saving.set_index("year")["saving"].to_dict()
    has_saving = bool(savings)
    headers: list = [t("bxl.col.year", lang)]
    for option in options:
        headers += [
            Cell(t("bxl.col.yearly", lang, option=option), numeric=True),
            Cell(t("bxl.col.cumulative", lang, option=option), numeric=True),
        ]
    if has_saving:
        headers.append(Cell(t("bxl.col.saving", lang), numeric=True))
    rows = []
    for year in sorted(costs["year"].unique()):
        cells: list = [str(year)]
        for option in options:
            if (option, year) not in by_key.index:
                cells += [Cell("—", numeric=True), Cell("—", numeric=True)]
                continue
            row = by_key.loc[(option, year)]
            cells += [
                _printed_cell(row["total"], row["computed_total"], lang),
                _printed_cell(row["cumulative"], row["computed_cumulative"], lang),
            ]
        if has_saving:
            cells.append(Cell(_euro(savings[year], lang) if year in savings else "—", numeric=True))
        rows.append(cells)
    total_row: list = [t("bxl.costs.total_row", lang, **span)]
    for option in options:
        total_row += [
            _printed_cell(periods.loc[option, "printed"], periods.loc[option, "computed"], lang),
            Cell(""),
        ]
    if has_saving:
        total_row.append(Cell(_euro(saving["saving"].iloc[-1], lang), numeric=True))
    return static_table(
        table_id=ids.BXL_COSTS_TABLE,
        caption=t("bxl.costs.table", lang, **span),
        headers=headers,
        rows=rows,
        footer=[total_row],
        caption_visible=True,
        wrap_headers=True,
    )


# --- synergies by domain -------------------------------------------------------------------------


def synergies_section(session: Session, ctx: PageContext) -> html.Section:
    lang = ctx.lang
    if ctx.commune_row.get("region") != "bruxelles":
        href = ctx.href("synergies")
        link = [html.P(html.A(t("bxl.synergies.open", lang), href=href))] if href else []
        return _section(
            "synergies",
            ids.BXL_SYNERGIES,
            lang,
            [empty_state(t("bxl.empty.synergies_region", lang, commune=ctx.commune_name)), *link],
        )
    years = [ctx.year] if ctx.year else []
    table = synergy_q.service_status_table(synergy_q.synergies(session, commune=ctx.commune, years=years))
    if table.empty:
        return _section(
            "synergies",
            ids.BXL_SYNERGIES,
            lang,
            [empty_state(t("bxl.empty.synergies", lang, commune=ctx.commune_name))],
        )
    year = ctx.year or "—"
    status_labels = {s: t(f"status.{s}", lang) for s in STATUSES}
    figure = fig_bxl.synergies_by_domain(table, status_labels=status_labels, lang=lang)
    rows = []
    for r in table.itertuples():
        href = ctx.href("synergies", service=r.service)
        name = html.A(str(r.service_name), href=href) if href else str(r.service_name)
        rows.append(
            [
                name,
                *(Cell(fmt_number(getattr(r, s), lang), numeric=True) for s in STATUSES),
                Cell(fmt_number(r.total, lang), numeric=True),
            ]
        )
    footer = [
        [
            t("bxl.col.total", lang),
            *(Cell(fmt_number(table[s].sum(), lang), numeric=True) for s in STATUSES),
            Cell(fmt_number(table["total"].sum(), lang), numeric=True),
        ]
    ]
    table_div = static_table(
        table_id=ids.BXL_SYNERGIES_TABLE,
        caption=t("bxl.synergies.table", lang, year=year),
        headers=[
            t("bxl.col.domain", lang),
            *(Cell(status_labels[s], numeric=True) for s in STATUSES),
            Cell(t("bxl.col.total", lang), numeric=True),
        ],
        rows=rows,
        footer=footer,
        caption_visible=True,
    )
    return _section(
        "synergies",
        ids.BXL_SYNERGIES,
        lang,
        [
            html.P(t("bxl.synergies.help", lang, year=year), className="text-body-secondary"),
            dbc.Row(
                [
                    dbc.Col(
                        chart_card(
                            ids.BXL_SYNERGIES_CHART,
                            figure,
                            title=t("bxl.synergies.chart", lang, year=year),
                            filename="synergies-domaines",
                            lang=lang,
                        ),
                        lg=7,
                        className="mb-3",
                    ),
                    dbc.Col(table_div, lg=5, className="mb-3"),
                ]
            ),
        ],
    )


# --- WePulse -------------------------------------------------------------------------------------


def _domain_label(domain: str, lang: str) -> str:
    key = f"bxl.domain.{domain}"
    return t(key, lang) if has_key(key) else domain


def _position_label(position: str, lang: str) -> str:
    key = f"bxl.position.{position}"
    return t(key, lang) if has_key(key) else position


def wepulse_section(session: Session, ctx: PageContext) -> html.Section:
    lang = ctx.lang
    data = bxl_q.wepulse(session, commune=ctx.commune)
    if data.empty:
        return _section(
            "wepulse",
            ids.BXL_WEPULSE,
            lang,
            [empty_state(t("bxl.empty.wepulse", lang, commune=ctx.commune_name))],
        )
    labels = _body_labels(lang)
    dates = sorted(data["date"].unique())
    date_labels = {d: fmt_date(d, lang) for d in dates}
    domain_labels = {d: _domain_label(d, lang) for d in data["domain"].unique()}
    position_labels = {p: _position_label(p, lang) for p in data["position"].unique()}
    figure = fig_bxl.wepulse_dots(
        data,
        body_labels=labels,
        domain_labels=domain_labels,
        position_labels=position_labels,
        date_labels=date_labels,
        lang=lang,
    )
    bodies = [b for b in BODIES if b in set(data["body"])]
    rows = []
    for (date, domain), group in data.groupby(["date", "domain"], sort=False):
        by_body = group.set_index("body")["position"]
        rows.append(
            [
                date_labels[date],
                domain_labels[domain],
                *(
                    position_labels[by_body[b]]
                    if b in by_body.index
                    else html.Span(t("bxl.wepulse.none", lang), className="fst-italic text-body-secondary")
                    for b in bodies
                ),
            ]
        )
    table = static_table(
        table_id=ids.BXL_WEPULSE_TABLE,
        caption=t("bxl.wepulse.table", lang),
        headers=[t("bxl.col.date", lang), t("bxl.col.domain", lang), *(labels[b] for b in bodies)],
        rows=rows,
        caption_visible=True,
    )
    notes = data.drop_duplicates(["date", "note"])
    notes = notes[notes["note"].astype(str).str.strip() != ""]
    details = html.Details(
        [
            html.Summary(t("bxl.wepulse.notes", lang)),
            html.Ul(
                [
                    html.Li(
                        [
                            html.Strong(f"{date_labels[r.date]} — "),
                            str(r.note),
                            " ",
                            html.Em(f"({r.section})"),
                        ]
                    )
                    for r in notes.itertuples()
                ],
                className="small mb-0",
            ),
        ],
        className="mt-2",
    )
    return _section(
        "wepulse",
        ids.BXL_WEPULSE,
        lang,
        [
            html.P(
                t("bxl.wepulse.help", lang, dates=", ".join(date_labels[d] for d in dates)),
                className="text-body-secondary",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        chart_card(
                            ids.BXL_WEPULSE_CHART,
                            figure,
                            title=t("bxl.wepulse.chart", lang),
                            filename="wepulse-positions",
                            lang=lang,
                        ),
                        lg=7,
                        className="mb-3",
                    ),
                    dbc.Col([table, details], lg=5, className="mb-3"),
                ]
            ),
        ],
    )


def content(session: Session, ctx: PageContext) -> list:
    """The whole page below the filter bar, in reading order (H1, then one H2 per section)."""
    return [
        *header(ctx, session),
        staffing_section(session, ctx),
        costs_section(session, ctx),
        synergies_section(session, ctx),
        wepulse_section(session, ctx),
    ]
