"""The home page: headline figures of the selected commune and year."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from components.cards import empty_state, kpi_card
from dashboard import ids
from dashboard.i18n import fmt_date, fmt_number, fmt_percent, fmt_signed, t
from dashboard.queries.home import GroupScore, Headline
from dashboard.views.shell import PageContext


def _score_card(ctx: PageContext, group: str, score: GroupScore | None) -> dbc.Card:
    lang, year = ctx.lang, ctx.year
    if score is None:
        return kpi_card(
            title=t(f"kpi.synthesis.{group}", lang),
            value=None,
            lines=[],
            empty_text=t("kpi.none", lang, year=year or "—"),
        )
    detail_key = "kpi.synthesis.detail" if score.origin == "computed" else "kpi.synthesis.reported"
    lines = [
        t(detail_key, lang, percent=fmt_percent(score.percent, lang, 0), services=score.n_services or "")
    ]
    if score.previous_year is not None and score.change == 0:
        lines.append(t("kpi.unchanged", lang, year=score.previous_year))
    elif score.previous_year is not None and score.change is not None:
        lines.append(t("kpi.change", lang, change=fmt_signed(score.change, lang), year=score.previous_year))
    else:
        lines.append(t("kpi.no_previous", lang))
    return kpi_card(
        title=t(f"kpi.synthesis.{group}", lang),
        value=f"{fmt_number(score.total, lang)} / {fmt_number(score.maximum, lang)}",
        lines=lines,
        href=ctx.href("synthesis"),
        link_label=t("kpi.open", lang),
        card_id=f"kpi-synthesis-{group}",
    )


def _text(value: object) -> str:
    """A nullable text column read through pandas arrives as NaN, not None."""
    return "" if value is None or pd.isna(value) else str(value)


def home_content(ctx: PageContext, h: Headline) -> list:
    lang, year = ctx.lang, ctx.year
    if year is None:
        return [
            html.H1(ctx.commune_name, className="h2 mb-3"),
            empty_state(t("empty.no_year_data", lang, commune=ctx.commune_name)),
        ]
    none = t("kpi.none", lang, year=year or "—")
    row = ctx.commune_row
    header = html.Header(
        [
            html.H1(t("home.title", lang, commune=ctx.commune_name, year=year or ""), className="h2 mb-1"),
            html.P(
                " · ".join(
                    part
                    for part in (
                        t(f"home.region.{row['region']}", lang),
                        _text(row.get("province")),
                        _text(row.get("arrondissement")),
                        f"INS {row['ins_code']}",
                    )
                    if part
                ),
                className="text-body-secondary mb-3",
            ),
        ]
    )
    counts = h.synergy_counts
    synergy_card = kpi_card(
        title=t("kpi.synergies", lang, year=year or "—"),
        value=None if counts is None else fmt_number(sum(counts.values()), lang),
        lines=[]
        if counts is None
        else [" · ".join(f"{t(f'status.{s}', lang)} {fmt_number(n, lang)}" for s, n in counts.items())],
        href=ctx.href("synergies"),
        link_label=t("kpi.open", lang),
        empty_text=none,
        card_id="kpi-synergies",
    )
    # The badge marks the joint count only when it is partial itself; a partial count of another
    # body makes only the total partial, and the line under the figure says so.
    partial_contracts = (
        t("kpi.partial", lang, date=fmt_date(h.joint_partial_until, lang)) if h.joint_partial_until else None
    )
    of_total = []
    if h.contracts_total is not None:
        of_total.append(t("kpi.joint_contracts.of", lang, total=fmt_number(h.contracts_total, lang)))
        if h.contracts_partial_until and not h.joint_partial_until:
            of_total.append(
                t("kpi.joint_contracts.total_partial", lang, date=fmt_date(h.contracts_partial_until, lang))
            )
    contracts_card = kpi_card(
        title=t("kpi.joint_contracts", lang, year=year or "—"),
        value=None if h.joint_contracts is None else fmt_number(h.joint_contracts, lang),
        lines=of_total,
        badge=partial_contracts,
        href=ctx.href("contracts"),
        link_label=t("kpi.open", lang),
        empty_text=none,
        card_id="kpi-joint-contracts",
    )
    ris_card = kpi_card(
        title=t("kpi.ris", lang, year=year or "—"),
        value=None if h.ris is None else fmt_number(h.ris, lang),
        lines=[],
        badge=t("kpi.partial", lang, date=fmt_date(h.ris_counted_until, lang)) if h.ris_partial else None,
        href=ctx.href("social"),
        link_label=t("kpi.open", lang),
        empty_text=none,
        card_id="kpi-ris",
    )
    art60_card = kpi_card(
        title=t("kpi.art60", lang, year=year or "—"),
        value=None if h.art60 is None else fmt_number(h.art60, lang),
        lines=[] if h.art60 is None else [t("kpi.art60.detail", lang, categories=h.art60_categories)],
        href=ctx.href("social"),
        link_label=t("kpi.open", lang),
        empty_text=none,
        card_id="kpi-art60",
    )
    cards = [
        _score_card(ctx, "support", h.scores.get("support")),
        _score_card(ctx, "autre", h.scores.get("autre")),
        synergy_card,
        contracts_card,
        ris_card,
        art60_card,
    ]
    grid = dbc.Row([dbc.Col(card, xs=12, md=6, xl=4, className="mb-3") for card in cards], id=ids.HOME_KPIS)
    return [header, grid, *_services_table(ctx, h.synergies_by_service)]


def _services_table(ctx: PageContext, table: pd.DataFrame) -> list:
    """Synergies per service and status, each count a link to the register filtered on it."""
    if table.empty:
        return []
    lang = ctx.lang
    statuses = ("realisee", "en_cours", "projetee")

    def count_cell(service: str, status: str | None, count: int, name: str) -> html.Td:
        if not count:
            return html.Td("0", className="text-end text-body-secondary")
        params = {"service": service, **({"status": status} if status else {})}
        label = t(
            "home.by_service.link",
            lang,
            count=count,
            service=name,
            status=t(f"status.{status}", lang) if status else t("home.by_service.all", lang),
        )
        return html.Td(
            html.A(
                fmt_number(count, lang),
                href=ctx.href("synergies", **params),
                title=label,
                **{"aria-label": label},
            ),
            className="text-end",
        )

    header = html.Thead(
        html.Tr(
            [
                html.Th(t("syn.service", lang), scope="col"),
                html.Th(t("syn.group", lang), scope="col"),
                *(html.Th(t(f"status.{s}", lang), scope="col", className="text-end") for s in statuses),
                html.Th(t("home.by_service.total", lang), scope="col", className="text-end"),
            ]
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Th(row.service_name, scope="row", className="fw-normal"),
                    html.Td(t(f"group.{row.group}", lang)),
                    *(count_cell(row.service, s, int(getattr(row, s)), row.service_name) for s in statuses),
                    count_cell(row.service, None, int(row.total), row.service_name),
                ]
            )
            for row in table.itertuples()
        ]
    )
    return [
        html.Section(
            [
                html.H2(
                    t("home.by_service", lang, year=ctx.year), className="h5 mt-2", id="home-by-service-title"
                ),
                html.Div(
                    html.Table(
                        [header, body],
                        className="table table-sm table-hover align-middle data-table mb-0",
                        id=ids.HOME_BY_SERVICE,
                    ),
                    className="table-responsive",
                ),
            ],
            **{"aria-labelledby": "home-by-service-title"},
            className="mb-4",
        )
    ]
