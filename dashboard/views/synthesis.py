"""Synthesis page: the grid of a year (registers × services with totals), the trend, the history table
and the comparison between communes."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html
from sqlalchemy.orm import Session

from components.cards import empty_state
from components.charts import chart_card
from dashboard import ids
from dashboard.figures import synthesis as fig_synthesis
from dashboard.i18n import fmt_number, fmt_percent, fmt_signed, t
from dashboard.queries import communes as commune_q
from dashboard.queries import matrix as matrix_q
from dashboard.views.shell import PageContext

GROUPS = ("support", "autre")
MEASURES = ("percent", "total")


def _score(total: object, maximum: object, lang: str) -> str:
    return f"{fmt_number(total, lang)}/{fmt_number(maximum, lang)}"


def grid_tables(session: Session, ctx: PageContext) -> list:
    """The official synthesis grid of the selected year, one table per group."""
    lang, year = ctx.lang, ctx.year
    levels = matrix_q.matrix_levels(session, commune=ctx.commune, years=[year] if year else [])
    if levels.empty:
        reported = matrix_q.synthesis(session, commune=ctx.commune, years=[year] if year else [])
        if reported.empty:
            return []
        totals = ", ".join(
            f"{t(f'group.{r.group}', lang)} {_score(r.total, r.maximum, lang)}" for r in reported.itertuples()
        )
        return [empty_state(t("syn2.no_detail", lang, year=year, totals=totals))]
    service_totals = matrix_q.service_totals(levels)
    register_totals = matrix_q.register_totals(levels)
    out = []
    for group in GROUPS:
        data = levels[levels["group"] == group]
        if data.empty:
            continue
        services = list(dict.fromkeys(data["service_name"]))
        head = html.Thead(
            html.Tr(
                [
                    html.Th(t("syn2.register", lang), scope="col"),
                    *[html.Th(s, scope="col", className="text-end") for s in services],
                    html.Th(t("syn2.total", lang), scope="col", className="text-end"),
                ]
            )
        )
        rows = []
        for register in data["register"].drop_duplicates():
            cells = data[data["register"] == register].set_index("service_name")["level"]
            total = register_totals[
                (register_totals["group"] == group) & (register_totals["register"] == register)
            ]
            rows.append(
                html.Tr(
                    [
                        html.Th(t(f"register.{register}", lang), scope="row"),
                        *[html.Td(fmt_number(cells.get(s), lang), className="text-end") for s in services],
                        html.Td(
                            _score(total["total"].iloc[0], total["maximum"].iloc[0], lang),
                            className="text-end fw-bold",
                        ),
                    ]
                )
            )
        group_totals = service_totals[service_totals["group"] == group].set_index("service_name")
        rows.append(
            html.Tr(
                [
                    html.Th(t("syn2.total", lang), scope="row"),
                    *[
                        html.Td(
                            _score(group_totals.loc[s, "total"], group_totals.loc[s, "maximum"], lang),
                            className="text-end fw-bold",
                        )
                        for s in services
                    ],
                    html.Td(
                        _score(group_totals["total"].sum(), group_totals["maximum"].sum(), lang),
                        className="text-end fw-bold grid-grand-total",
                    ),
                ],
                className="grid-total-row",
            )
        )
        caption = t("syn2.grid.caption", lang, year=year)
        heading = t("syn2.grid", lang, year=year, group=t(f"group.{group}", lang))
        out.append(
            dbc.Card(
                dbc.CardBody(
                    [
                        html.H2(heading, className="h5"),
                        html.Div(
                            html.Table(
                                [html.Caption(caption, className="visually-hidden"), head, html.Tbody(rows)],
                                className="table table-sm synthesis-grid mb-0",
                            ),
                            className="table-responsive",
                            tabIndex="0",
                            role="region",
                            **{"aria-label": heading},  # one per group: landmarks need distinct names
                        ),
                    ]
                ),
                className="mb-3",
                id=f"{ids.SYN2_GRID}-{group}",
            )
        )
    return out


def trend_area(data: pd.DataFrame, ctx: PageContext, measure: str) -> list:
    """The trend chart of `data`, the commune's synthesis (matrix_q.synthesis)."""
    lang = ctx.lang
    if data.empty:
        return []
    figure = fig_synthesis.trend(
        data,
        group_labels={g: t(f"group.{g}", lang) for g in GROUPS},
        origin_labels={o: t(f"syn2.origin.{o}", lang) for o in ("computed", "reported")},
        disagree_label=t("syn2.disagrees", lang),
        lang=lang,
        measure=measure,
    )
    title = t("syn2.trend", lang, first=int(data["year"].min()), last=int(data["year"].max()))
    return [
        chart_card(
            ids.SYN2_TREND,
            figure,
            title=title,
            filename="synthese-evolution",
            lang=lang,
            height=520 if measure == "percent" else None,
        )
    ]


def history_table(data: pd.DataFrame, ctx: PageContext) -> list:
    """Every year of `data`, the commune's synthesis, as a table: the chart's figures, readable."""
    lang = ctx.lang
    if data.empty:
        return []
    header = html.Thead(
        html.Tr(
            [
                html.Th(
                    t(f"syn2.col.{c}", lang),
                    scope="col",
                    className="text-end" if c in ("total", "percent", "change") else "",
                )
                for c in ("year", "group", "total", "percent", "change", "origin", "check")
            ]
        )
    )
    rows = []
    for r in data.sort_values(
        ["group", "year"], key=lambda s: s.map(GROUPS.index) if s.name == "group" else s
    ).itertuples():
        change = "" if pd.isna(r.change) else fmt_signed(r.change, lang)
        check = ""
        if r.origin == "computed" and not pd.isna(r.reported_total):
            check = t("syn2.disagrees", lang) if r.disagrees else t("syn2.agrees", lang)
        rows.append(
            html.Tr(
                [
                    html.Td(str(r.year)),
                    html.Td(t(f"group.{r.group}", lang)),
                    html.Td(_score(r.total, r.maximum, lang), className="text-end"),
                    html.Td(fmt_percent(r.percent, lang, 0), className="text-end"),
                    html.Td(change, className="text-end"),
                    html.Td(t(f"syn2.origin.{r.origin}.short", lang)),
                    html.Td(check, className="fw-bold text-danger" if r.disagrees else ""),
                ],
                className="row-disagrees" if r.disagrees else "",
            )
        )
    caption = t("syn2.history", lang)
    return [
        dbc.Card(
            dbc.CardBody(
                [
                    html.H2(caption, className="h5"),
                    html.Div(
                        html.Table(
                            [html.Caption(caption, className="visually-hidden"), header, html.Tbody(rows)],
                            className="table table-sm mb-0",
                        ),
                        className="table-responsive",
                        tabIndex="0",
                        role="region",
                        **{"aria-label": caption},
                    ),
                ]
            ),
            className="mb-3",
            id=ids.SYN2_HISTORY,
        )
    ]


def comparison(session: Session, ctx: PageContext) -> list:
    """Percentages side by side when several communes have a synthesis; else say why there is none."""
    lang = ctx.lang
    data = matrix_q.synthesis(session)
    if data.empty:
        return []
    latest = data.sort_values("year").groupby(["commune", "group"]).tail(1)
    communes = commune_q.communes(session).set_index("slug")
    name_column = "name_nl" if lang == "nl" else "name"
    names = communes[name_column].to_dict()
    if latest["commune"].nunique() < 2:
        only = names.get(latest["commune"].iloc[0], latest["commune"].iloc[0])
        return [
            html.Section(
                [
                    html.H2(t("syn2.compare", lang), className="h5"),
                    empty_state(t("syn2.compare.single", lang, commune=only)),
                ],
                id=ids.SYN2_COMPARE,
                className="mb-3",
            )
        ]
    figure = fig_synthesis.comparison(
        latest, commune_labels=names, group_labels={g: t(f"group.{g}", lang) for g in GROUPS}, lang=lang
    )
    return [
        html.Section(
            chart_card(
                f"{ids.SYN2_COMPARE}-chart",
                figure,
                title=t("syn2.compare", lang),
                filename="synthese-comparaison",
                lang=lang,
            ),
            id=ids.SYN2_COMPARE,
        )
    ]
