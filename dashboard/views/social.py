"""Social-indicators page: RIS, placements (art. 60 §7, art. 61, SINE), IWEPS and other benchmarks, key figures."""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html
from sqlalchemy.orm import Session

from components.cards import empty_state, kpi_card
from components.charts import chart_card
from components.table import Cell, static_table
from dashboard import ids
from dashboard.figures import social as fig_social
from dashboard.i18n import fmt_currency, fmt_date, fmt_number, fmt_percent, t
from dashboard.queries import social as social_q
from dashboard.views.shell import PageContext

HOUSEHOLDS = ("isoles", "cohabitants", "familles")
SCHEMES = ("art60", "art61", "sine")
THEMES = ("iweps", "sante", "logement", "travail")
LEVELS = ("commune", "arrondissement", "province", "region")
SECTIONS = ("ris", "placements", "iweps", "territory", "key_figures")


@dataclass(frozen=True)
class SocialView:
    """URL parameter `base`: the base year of the RIS growth (the first year when absent or unknown)."""

    base_year: int | None = None

    @classmethod
    def from_params(cls, params: dict[str, str]) -> SocialView:
        try:
            return cls(base_year=int(str(params.get("base", ""))))
        except ValueError:
            return cls()

    def to_params(self, years: list[int]) -> dict[str, object]:
        """The first year is the default base: it stays out of the URL."""
        return {"base": self.base_year if years and self.base_year != years[0] else None}


def ris_years(session: Session, ctx: PageContext) -> list[int]:
    return social_q.ris(session, commune=ctx.commune)["year"].tolist()


def section_nav(lang: str) -> html.Nav:
    """In-page links to each section (the page is long)."""
    return html.Nav(
        html.Ul(
            [
                html.Li(html.A(t(f"soc.nav.{s}", lang), href=f"#soc-{s}"), className="list-inline-item")
                for s in SECTIONS
            ],
            className="list-inline mb-3",
        ),
        **{"aria-label": t("soc.nav", lang)},
    )


def _section(key: str, title: str, body: list) -> html.Section:
    return html.Section(
        [html.H2(title, className="h4 mt-4", id=f"soc-{key}"), *body],
        **{"aria-labelledby": f"soc-{key}"},
    )


# --- RIS -----------------------------------------------------------------------------------------


def _value_text(value: float, lang: str) -> str:
    return fmt_number(value, lang, 0 if float(value).is_integer() else 1)


def ris_area(session: Session, ctx: PageContext, v: SocialView) -> list:
    lang = ctx.lang
    ris = social_q.ris(session, commune=ctx.commune)
    years = ris["year"].tolist()
    base = v.base_year if v.base_year in years else years[0]
    last = ris.iloc[-1]
    growth = social_q.ris_growth(ris, base).iloc[-1]["growth"]
    growth_text = t(
        "soc.ris.growth",
        lang,
        growth=("+" if growth > 0 else "") + fmt_percent(growth, lang, 1),
        base=base,
        last=int(last["year"]),
    )
    partial_note = (
        t("soc.ris.partial", lang, date=fmt_date(last["counted_until"], lang))
        if bool(last["partial"])
        else None
    )
    figure = fig_social.ris_trend(
        ris,
        name=t("soc.ris.series", lang),
        partial_text=lambda d: t("soc.ris.partial", lang, date=fmt_date(d, lang)),
        lang=lang,
        base_year=base,
        growth_label=growth_text + (" *" if partial_note else ""),
    )
    cards = dbc.Row(
        [
            dbc.Col(
                kpi_card(
                    title=t("soc.ris.latest", lang, year=int(last["year"])),
                    value=_value_text(last["beneficiaries"], lang),
                    lines=[],
                    badge=partial_note,
                    card_id=ids.SOC_RIS_LATEST,
                ),
                md=6,
            ),
            dbc.Col(
                kpi_card(
                    title=t("soc.ris.growth.title", lang, base=base),
                    value=("+" if growth > 0 else "") + fmt_percent(growth, lang, 1),
                    lines=[
                        t(
                            "soc.ris.growth.detail",
                            lang,
                            base=base,
                            base_value=_value_text(
                                ris.loc[ris["year"] == base, "beneficiaries"].iloc[0], lang
                            ),
                            last=int(last["year"]),
                            last_value=_value_text(last["beneficiaries"], lang),
                        )
                    ],
                    badge=t("soc.ris.partial_short", lang) if partial_note else None,
                    card_id=ids.SOC_RIS_GROWTH,
                ),
                md=6,
            ),
        ],
        className="mb-3 g-3",
    )
    chart = chart_card(
        ids.SOC_RIS_CHART,
        figure,
        title=t("soc.ris.chart", lang, first=years[0], last=years[-1]),
        filename="ris-evolution",
        lang=lang,
        note=partial_note and "* " + t("soc.ris.partial_help", lang),
        height=440,
    )
    return [cards, chart]


def ris_section(session: Session, ctx: PageContext, v: SocialView) -> html.Section:
    lang = ctx.lang
    ris = social_q.ris(session, commune=ctx.commune)
    if ris.empty:
        return _section(
            "ris", t("soc.ris", lang), [empty_state(t("soc.empty.ris", lang, commune=ctx.commune_name))]
        )
    years = ris["year"].tolist()
    base = v.base_year if v.base_year in years else years[0]
    selector = html.Div(
        [
            dbc.Label(t("soc.ris.base", lang), html_for=ids.SOC_BASE_YEAR, className="me-2 mb-0"),
            dbc.Select(
                id=ids.SOC_BASE_YEAR,
                options=[{"label": str(y), "value": str(y)} for y in years[:-1]],
                value=str(base),
                style={"width": "7rem"},
            ),
        ],
        className="d-flex align-items-center mb-2",
    )
    split = social_q.ris_households(session, commune=ctx.commune)
    side: list = []
    if not split.empty:
        latest = split[split["date"] == split["date"].max()]
        side = [
            chart_card(
                ids.SOC_HOUSEHOLDS,
                fig_social.households(
                    latest, labels={h: t(f"household.{h}", lang) for h in HOUSEHOLDS}, lang=lang
                ),
                title=t("soc.households", lang, date=fmt_date(latest["date"].iloc[0], lang)),
                filename="ris-menages",
                lang=lang,
                fill=False,
            )
        ]
    return _section(
        "ris",
        t("soc.ris", lang),
        [
            html.P(t("soc.ris.help", lang), className="text-body-secondary"),
            selector,
            dbc.Row(
                [
                    dbc.Col(html.Div(ris_area(session, ctx, v), id=ids.SOC_RIS_AREA), lg=8),
                    dbc.Col(side, lg=4),
                ]
            ),
        ],
    )


# --- placements ----------------------------------------------------------------------------------


def placements_section(session: Session, ctx: PageContext) -> html.Section:
    lang = ctx.lang
    title = t("soc.placements", lang)
    detail = social_q.placements(session, commune=ctx.commune)
    if detail.empty:
        return _section(
            "placements", title, [empty_state(t("soc.empty.placements", lang, commune=ctx.commune_name))]
        )
    totals = social_q.placement_totals(session, commune=ctx.commune)
    art60 = detail[detail["scheme"] == "art60"]
    body: list = [html.P(t("soc.placements.help", lang), className="text-body-secondary")]
    if not art60.empty:
        labels = dict(zip(art60["employer_category"], art60["employer_label"], strict=False))
        figure = fig_social.placements_by_category(art60, category_labels=labels, lang=lang)
        years = sorted(art60["year"].unique())
        notes = art60[art60["note"].notna() & (art60["note"].astype(str) != "")]
        note_list = (
            html.Ul(
                [
                    html.Li(f"{r.employer_label} {r.year} : {fmt_number(r.count, lang)} † {r.note}")
                    for r in notes.itertuples()
                ],
                className="small mb-0",
                id=ids.SOC_PLACEMENT_NOTES,
            )
            if not notes.empty
            else None
        )
        body.append(
            chart_card(
                ids.SOC_ART60,
                figure,
                title=t("soc.art60.chart", lang, years=" / ".join(map(str, years))),
                filename="article-60",
                lang=lang,
            )
        )
        if note_list is not None:
            body.append(html.Div([html.H3(t("soc.placements.notes", lang), className="h6 mt-2"), note_list]))
    body.append(_placement_totals_table(totals, lang))
    return _section("placements", title, body)


def _placement_totals_table(totals: pd.DataFrame, lang: str) -> html.Div:
    years = sorted(totals["year"].unique())
    by_key = totals.set_index(["scheme", "year"])
    rows = []
    for scheme in SCHEMES:
        cells: list = [t(f"scheme.{scheme}", lang)]
        for year in years:
            if (scheme, year) not in by_key.index:
                cells.append(Cell("—", numeric=True))
                continue
            row = by_key.loc[(scheme, year)]
            shown = row["reported_total"] if not pd.isna(row["reported_total"]) else row["total"]
            content: list = [fmt_number(shown, lang)]
            if bool(row["disagrees"]):
                content += [
                    html.Br(),
                    html.Span(
                        t("soc.placements.disagrees", lang, total=fmt_number(row["total"], lang)),
                        className="badge badge-partial",
                    ),
                ]
            cells.append(Cell(content, numeric=True))
        rows.append(cells)
    return html.Div(
        [
            html.H3(t("soc.placements.totals", lang), className="h6 mt-3"),
            static_table(
                table_id=ids.SOC_PLACEMENT_TOTALS,
                caption=t("soc.placements.totals", lang),
                headers=[t("soc.col.scheme", lang), *(Cell(str(y), numeric=True) for y in years)],
                rows=rows,
            ),
        ]
    )


# --- territorial indicators ----------------------------------------------------------------------


def _indicator_value(value: object, unit: str, lang: str) -> str:
    """Euros and percentages carry their sign; other units are named once, in the unit column or note."""
    if value is None or pd.isna(value):
        return t("soc.non_diffuse", lang)
    number = float(value)
    if unit == "€":
        return fmt_currency(number, lang, 0 if number >= 1000 else 2)
    if unit == "%":
        return fmt_percent(number, lang, 2)
    return fmt_number(number, lang, 0 if number.is_integer() else 2)


def iweps_section(session: Session, ctx: PageContext) -> html.Section:
    lang = ctx.lang
    title = t("soc.iweps", lang)
    df = social_q.indicators(session, commune=ctx.commune, themes=["iweps"])
    if df.empty:
        return _section(
            "iweps", title, [empty_state(t("soc.empty.indicators", lang, commune=ctx.commune_name))]
        )
    level_names = _level_names(df, lang)
    cards = []
    for code, rows in df.groupby("code", sort=False):
        first = rows.iloc[0]
        unit = str(first["unit"])
        figure = fig_social.benchmark(
            rows,
            level_names=level_names,
            value_text=lambda v, unit=unit: _indicator_value(v, unit, lang),
            non_diffuse=t("soc.non_diffuse", lang),
            lang=lang,
        )
        cards.append(
            dbc.Col(
                chart_card(
                    {"type": ids.SOC_IWEPS_CHART, "code": code},
                    figure,
                    title=str(first["name"]),
                    filename=f"iweps-{code}",
                    lang=lang,
                    note=t("soc.indicator.meta", lang, unit=unit, period=first["reference_period"]),
                    height=200,
                ),
                lg=4,
                md=6,
                className="mb-3",
            )
        )
    return _section(
        "iweps",
        title,
        [
            html.P(t("soc.iweps.help", lang), className="text-body-secondary"),
            dbc.Row(cards),
            _indicator_table(df, ids.SOC_IWEPS_TABLE, t("soc.iweps.table", lang), lang),
        ],
    )


def _level_names(df: pd.DataFrame, lang: str) -> dict[str, str]:
    names = df.drop_duplicates("territory_level").set_index("territory_level")["territory_name"].to_dict()
    return {level: str(names.get(level, t(f"territory.{level}", lang))) for level in LEVELS}


def _indicator_table(df: pd.DataFrame, table_id: str, caption: str, lang: str) -> html.Div:
    level_names = _level_names(df, lang)
    rows = []
    for _code, group in df.groupby("code", sort=False):
        first = group.iloc[0]
        by_level = group.set_index("territory_level")
        cells = [
            str(first["name"]),
            str(first["unit"]),
            str(first["reference_period"]),
        ]
        for level in LEVELS:
            if level not in by_level.index:
                cells.append(Cell("—", numeric=True))
                continue
            value = by_level.loc[level, "value"]
            missing = value is None or pd.isna(value)
            cells.append(
                Cell(
                    html.Span(t("soc.non_diffuse", lang), className="non-diffuse")
                    if missing
                    else _indicator_value(value, str(first["unit"]), lang),
                    numeric=True,
                )
            )
        rows.append(cells)
    headers = [
        t("soc.col.indicator", lang),
        t("soc.col.unit", lang),
        t("soc.col.reference", lang),
        *(Cell(level_names[level], numeric=True) for level in LEVELS),
    ]
    return static_table(table_id=table_id, caption=caption, headers=headers, rows=rows, caption_visible=True)


def territory_section(session: Session, ctx: PageContext) -> html.Section:
    lang = ctx.lang
    title = t("soc.territory", lang)
    body: list = []
    for theme in THEMES[1:]:
        df = social_q.indicators(session, commune=ctx.commune, themes=[theme])
        if df.empty:
            continue
        body.append(
            _indicator_table(df, f"{ids.SOC_THEME_TABLE}-{theme}", t(f"soc.theme.{theme}", lang), lang)
        )
    if not body:
        body = [empty_state(t("soc.empty.indicators", lang, commune=ctx.commune_name))]
    return _section("territory", title, body)


# --- key figures ---------------------------------------------------------------------------------


def key_figures_section(session: Session, ctx: PageContext) -> html.Section:
    lang = ctx.lang
    title = t("soc.key_figures", lang)
    df = social_q.key_figures(session, commune=ctx.commune)
    if df.empty:
        return _section(
            "key_figures", title, [empty_state(t("soc.empty.key_figures", lang, commune=ctx.commune_name))]
        )
    groups = []
    for _section_code, rows in df.groupby("section_code", sort=False):
        cards = []
        for row in rows.itertuples():
            value = None if row.value is None or pd.isna(row.value) else float(row.value)
            text = None
            if value is not None:
                text = (
                    fmt_currency(value, lang, 0)
                    if row.unit == "€"
                    else fmt_number(value, lang, 0 if value.is_integer() else 2)
                )
                if row.unit and row.unit != "€":
                    text = f"{text} {row.unit}"
            lines = [part for part in (row.period, row.note) if isinstance(part, str) and part]
            cards.append(
                dbc.Col(
                    kpi_card(title=row.label, value=text, lines=lines, empty_text=t("soc.no_value", lang)),
                    xs=12,
                    sm=6,
                    lg=3,
                    className="mb-3",
                )
            )
        groups.append(html.H3(str(rows.iloc[0]["section"]), className="h6 mt-3"))
        groups.append(dbc.Row(cards, className="key-figures"))
    return _section("key_figures", title, [html.Div(groups, id=ids.SOC_KEY_FIGURES)])
