"""Public-contracts page: awarded counts per year (partial counts marked), joint contracts, the pipeline."""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html
from sqlalchemy.orm import Session

from components.cards import empty_state
from components.charts import chart_card
from components.table import Cell, static_table
from dashboard import ids
from dashboard.figures import contracts as fig_contracts
from dashboard.i18n import fmt_currency, fmt_date, fmt_number, fmt_percent, fmt_signed, t
from dashboard.queries import contracts as contract_q
from dashboard.views.shell import PageContext

TYPES = ("travaux", "fournitures", "services")
ALL = "all"


@dataclass(frozen=True)
class ContractsView:
    """The page's own URL parameters: `partial=1` counts partial years in the changes; `type` filters the pipeline."""

    include_partial: bool = False
    pipeline_type: str | None = None

    @classmethod
    def from_params(cls, params: dict[str, str]) -> ContractsView:
        kind = params.get("type")
        return cls(
            include_partial=params.get("partial") == "1", pipeline_type=kind if kind in TYPES else None
        )

    def to_params(self) -> dict[str, object]:
        return {"partial": "1" if self.include_partial else None, "type": self.pipeline_type}


def _partial_text(lang: str):
    return lambda date: t("con.partial_until", lang, date=fmt_date(date, lang))


def awarded_section(session: Session, ctx: PageContext) -> list:
    lang = ctx.lang
    counts = contract_q.contract_counts(session, commune=ctx.commune)
    title = html.H2(t("con.awarded", lang), className="h4 mt-3")
    if counts.empty:
        return [title, empty_state(t("con.empty.counts", lang, commune=ctx.commune_name))]
    summary = contract_q.contract_summary(counts)
    body_labels = {b: t(f"body.{b}", lang) for b in contract_q.BODIES}
    figure = fig_contracts.awarded_by_year(
        counts,
        summary,
        body_labels=body_labels,
        partial_text=_partial_text(lang),
        share_text=lambda share: t("con.joint_share", lang, share=share),
        lang=lang,
    )
    chart = chart_card(
        ids.CON_AWARDED,
        figure,
        title=t("con.awarded.chart", lang, commune=ctx.commune_name),
        filename="marches-attribues",
        lang=lang,
        height=440,
    )
    return [
        title,
        dbc.Row(
            [dbc.Col(chart, lg=7, className="mb-3"), dbc.Col(_awarded_table(counts, summary, lang), lg=5)]
        ),
    ]


def _awarded_table(counts: pd.DataFrame, summary: pd.DataFrame, lang: str) -> html.Div:
    by_key = counts.set_index(["year", "body"])

    def count_cell(year: int, body: str) -> Cell:
        if (year, body) not in by_key.index:
            return Cell("—", numeric=True)
        row = by_key.loc[(year, body)]
        text = fmt_number(row["count"], lang)
        if row["partial"]:
            return Cell(
                [
                    text,
                    html.Br(),
                    html.Span(_partial_text(lang)(row["counted_until"]), className="badge badge-partial"),
                ],
                numeric=True,
            )
        return Cell(text, numeric=True)

    rows = [
        [
            str(row.year),
            *(count_cell(row.year, body) for body in contract_q.BODIES),
            Cell(fmt_number(row.total, lang) + (" *" if row.partial else ""), numeric=True),
            Cell(fmt_percent(row.joint_share, lang, 1), numeric=True),
        ]
        for row in summary.itertuples()
    ]
    headers = [
        t("con.col.year", lang),
        *(Cell(t(f"body.{b}", lang), numeric=True) for b in contract_q.BODIES),
        Cell(t("con.col.total", lang), numeric=True),
        Cell(t("con.col.joint_share", lang), numeric=True),
    ]
    table = static_table(
        table_id=ids.CON_AWARDED_TABLE,
        caption=t("con.awarded", lang),
        headers=headers,
        rows=rows,
        wrap_headers=True,
    )
    note = t("con.total_partial_note", lang) if summary["partial"].any() else None
    return html.Div([table, html.P(note, className="small text-body-secondary mt-1") if note else None])


def changes_area(session: Session, ctx: PageContext, view: ContractsView) -> list:
    """Year-over-year changes per body; partial years are left out unless asked for."""
    lang = ctx.lang
    counts = contract_q.contract_counts(session, commune=ctx.commune)
    changes = contract_q.year_over_year(counts, include_partial=view.include_partial)
    changes = changes[changes["previous"].notna()]
    if changes.empty:
        return [empty_state(t("con.empty.changes", lang))]
    rows = []
    for row in changes.itertuples():
        if row.excluded:
            change: object = Cell(html.Span(t("con.change_excluded", lang), className="text-body-secondary"))
            percent: object = Cell("—", numeric=True)
        else:
            change = Cell(fmt_signed(row.change, lang), numeric=True)
            content: list = ["—"]
            if not pd.isna(row.percent_change):
                content = [fmt_signed(row.percent_change, lang, 1) + (" %" if lang == "fr" else "%")]
            if row.partial:
                content += [html.Br(), html.Span(t("con.partial", lang), className="badge badge-partial")]
            percent = Cell(content, numeric=True)
        rows.append(
            [
                f"{int(row.year) - 1} → {int(row.year)}",
                t(f"body.{row.body}", lang),
                Cell(f"{fmt_number(row.previous, lang)} → {fmt_number(row.count, lang)}", numeric=True),
                change,
                percent,
            ]
        )
    headers = [
        t("con.col.years", lang),
        t("con.col.body", lang),
        Cell(t("con.col.counts", lang), numeric=True),
        Cell(t("con.col.change", lang), numeric=True),
        Cell(t("con.col.percent_change", lang), numeric=True),
    ]
    return [
        static_table(
            table_id=ids.CON_CHANGES_TABLE, caption=t("con.changes", lang), headers=headers, rows=rows
        )
    ]


def changes_section(session: Session, ctx: PageContext, view: ContractsView) -> list:
    lang = ctx.lang
    if contract_q.contract_counts(session, commune=ctx.commune).empty:
        return []
    switch = dbc.Checklist(
        id=ids.CON_INCLUDE_PARTIAL,
        options=[{"label": t("con.include_partial", lang), "value": "1"}],
        value=["1"] if view.include_partial else [],
        switch=True,
        className="mb-2",
    )
    return [
        html.H2(t("con.changes", lang), className="h4 mt-3"),
        html.P(t("con.changes.help", lang), className="text-body-secondary small mb-1"),
        switch,
        html.Div(changes_area(session, ctx, view), id=ids.CON_CHANGES_AREA),
    ]


def _procedure_cell(code: str, procedures: pd.DataFrame) -> Cell:
    row = procedures.loc[code] if code in procedures.index else None
    if row is None:
        return Cell(code)
    return Cell(html.Abbr(row["abbreviation"], title=row["name"]))


def _contract_rows(df: pd.DataFrame, procedures: pd.DataFrame, lang: str) -> list[list]:
    unknown = t("con.to_be_determined", lang)
    return [
        [
            row.title,
            t(f"contract_type.{row.type}", lang),
            _procedure_cell(row.procedure, procedures),
            Cell(
                unknown if pd.isna(row.estimated_amount) else fmt_currency(row.estimated_amount, lang),
                numeric=True,
            ),
            Cell(
                unknown
                if row.planned_award_date is None or pd.isna(row.planned_award_date)
                else fmt_date(row.planned_award_date, lang),
                numeric=True,
            ),
        ]
        for row in df.itertuples()
    ]


def _contract_headers(lang: str) -> list:
    return [
        t("con.col.title", lang),
        t("con.col.type", lang),
        t("con.col.procedure", lang),
        Cell(t("con.col.amount", lang), numeric=True),
        Cell(t("con.col.date", lang), numeric=True),
    ]


def procedure_legend(session: Session, lang: str, codes: set[str]) -> html.Div | None:
    procedures = contract_q.procedures(session)
    procedures = procedures[procedures["code"].isin(codes)]
    if procedures.empty:
        return None
    return html.Div(
        [
            html.H3(t("con.procedures", lang), className="h6 mt-3"),
            html.Dl(
                [
                    item
                    for row in procedures.itertuples()
                    for item in (html.Dt(row.abbreviation), html.Dd(row.name))
                ],
                className="procedure-legend small",
                id=ids.CON_PROCEDURES,
            ),
        ]
    )


def joint_section(session: Session, ctx: PageContext) -> list:
    lang = ctx.lang
    title = html.H2(t("con.joint", lang), className="h4 mt-4")
    df = contract_q.contracts(session, commune=ctx.commune, stage="conjoint")
    if df.empty:
        return [title, empty_state(t("con.empty.joint", lang, commune=ctx.commune_name))]
    procedures = contract_q.procedures(session).set_index("code")
    report_years = sorted(df["report_year"].unique())
    table = static_table(
        table_id=ids.CON_JOINT_TABLE,
        caption=t("con.joint", lang),
        headers=_contract_headers(lang),
        rows=_contract_rows(df, procedures, lang),
    )
    totals = []
    for by, labels in (
        ("type", {k: t(f"contract_type.{k}", lang) for k in TYPES}),
        ("procedure", dict(zip(procedures.index, procedures["abbreviation"], strict=True))),
    ):
        data = contract_q.contract_totals(df, by)
        figure = fig_contracts.totals_by(
            data,
            by=by,
            labels=labels,
            count_text=lambda n: t("con.n_contracts", lang, count=fmt_number(n, lang)),
            lang=lang,
        )
        rows = [
            [
                labels.get(getattr(r, by), getattr(r, by)),
                Cell(fmt_number(r.count, lang), numeric=True),
                Cell(fmt_currency(r.amount, lang), numeric=True),
            ]
            for r in data.itertuples()
        ]
        footer = [
            [
                t("con.col.total", lang),
                Cell(fmt_number(int(data["count"].sum()), lang), numeric=True),
                Cell(fmt_currency(data["amount"].sum(min_count=1), lang), numeric=True),
            ]
        ]
        totals.append(
            dbc.Col(
                [
                    chart_card(
                        ids.CON_TOTALS_TYPE if by == "type" else ids.CON_TOTALS_PROCEDURE,
                        figure,
                        title=t(f"con.totals.{by}", lang),
                        filename=f"marches-conjoints-par-{by}",
                        lang=lang,
                        fill=False,
                    ),
                    static_table(
                        table_id=f"{ids.CON_TOTALS_TABLE}-{by}",
                        caption=t(f"con.totals.{by}", lang),
                        headers=[
                            t(f"con.col.{by}", lang),
                            Cell(t("con.col.count", lang), numeric=True),
                            Cell(t("con.col.amount_sum", lang), numeric=True),
                        ],
                        rows=rows,
                        footer=footer,
                    ),
                ],
                lg=6,
                className="mb-3",
            )
        )
    return [
        title,
        html.P(
            t("con.joint.help", lang, years=", ".join(map(str, report_years))),
            className="text-body-secondary",
        ),
        dbc.Row(totals),
        table,
        procedure_legend(session, lang, set(df["procedure"])),
    ]


def pipeline_area(session: Session, ctx: PageContext, view: ContractsView) -> list:
    lang = ctx.lang
    df = contract_q.contracts(
        session,
        commune=ctx.commune,
        stage="candidat",
        types=[view.pipeline_type] if view.pipeline_type else [],
    )
    count = html.P(
        t("con.pipeline.count", lang, count=len(df)),
        className="result-count mb-2",
        role="status",
        **{"aria-live": "polite"},
    )
    if df.empty:
        return [count, empty_state(t("con.empty.filtered", lang))]
    procedures = contract_q.procedures(session).set_index("code")
    return [
        count,
        static_table(
            table_id=ids.CON_PIPELINE_TABLE,
            caption=t("con.pipeline", lang),
            headers=_contract_headers(lang),
            rows=_contract_rows(df, procedures, lang),
        ),
        procedure_legend(session, lang, set(df["procedure"])),
    ]


def pipeline_section(session: Session, ctx: PageContext, view: ContractsView) -> list:
    lang = ctx.lang
    title = html.H2(t("con.pipeline", lang), className="h4 mt-4")
    if contract_q.contracts(session, commune=ctx.commune, stage="candidat").empty:
        return [title, empty_state(t("con.empty.pipeline", lang, commune=ctx.commune_name))]
    selector = html.Div(
        [
            dbc.Label(t("con.col.type", lang), html_for=ids.CON_PIPELINE_TYPE, className="me-2 mb-0"),
            dbc.RadioItems(
                id=ids.CON_PIPELINE_TYPE,
                options=[{"label": t("con.type.all", lang), "value": ALL}]
                + [{"label": t(f"contract_type.{k}", lang), "value": k} for k in TYPES],
                value=view.pipeline_type or ALL,
                inline=True,
            ),
        ],
        className="d-flex flex-wrap align-items-center mb-2",
    )
    return [
        title,
        html.P(t("con.pipeline.help", lang), className="text-body-secondary"),
        selector,
        html.Div(pipeline_area(session, ctx, view), id=ids.CON_PIPELINE_AREA),
    ]
