"""Matrices page: radar overlays (years of a service, services of a year), small multiples, heatmap."""

from __future__ import annotations

from dataclasses import dataclass, replace

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html
from sqlalchemy.orm import Session

from components.cards import empty_state
from components.charts import chart_card
from dashboard import ids
from dashboard.db.enums import Register
from dashboard.figures import matrix as fig_matrix
from dashboard.i18n import t
from dashboard.queries import communes as commune_q
from dashboard.queries import matrix as matrix_q
from dashboard.views.shell import PageContext

MODES = ("years", "services", "group")
GROUPS = ("support", "autre")
REGISTERS = tuple(r.value for r in Register)


@dataclass(frozen=True)
class MatrixView:
    mode: str = "services"
    service: str | None = None
    services: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    group: str = "support"

    @classmethod
    def from_params(cls, params: dict[str, str], service_codes: tuple[str, ...]) -> MatrixView:
        mode = params.get("mode") if params.get("mode") in MODES else "services"
        services = tuple(
            s for s in dict.fromkeys((params.get("services") or "").split(",")) if s in service_codes
        )
        years: list[int] = []
        for part in (params.get("years") or "").split(","):
            if part.isdigit() and 1990 <= int(part) <= 2100:
                years.append(int(part))
        service = params.get("service") if params.get("service") in service_codes else None
        group = params.get("group") if params.get("group") in GROUPS else "support"
        return cls(
            mode=mode, service=service, services=services, years=tuple(dict.fromkeys(years)), group=group
        )

    def to_params(self) -> dict[str, object]:
        return {
            "mode": self.mode if self.mode != "services" else None,
            "service": self.service,
            "services": ",".join(self.services),
            "years": ",".join(str(y) for y in self.years),
            "group": self.group if self.group != "support" else None,
        }

    def with_changes(self, **changes: object) -> MatrixView:
        return replace(self, **changes)


def labels(lang: str) -> tuple[dict[str, str], dict[int, str]]:
    return (
        {r: t(f"register.{r}", lang) for r in REGISTERS},
        {level: t(f"level.{level}", lang) for level in range(6)},
    )


def matrix_services(session: Session, commune: str) -> pd.DataFrame:
    """Services that have at least one matrix, in register order."""
    levels = matrix_q.matrix_levels(session, commune=commune)
    services = commune_q.services(session, commune=commune)
    return services[services["code"].isin(set(levels["service"]))]


def controls(ctx: PageContext, services: pd.DataFrame, detail_years: list[int], v: MatrixView) -> html.Form:
    lang = ctx.lang
    default_service = v.service or (services["code"].iloc[0] if not services.empty else None)
    chosen_services = list(v.services) or list(services["code"][:2])
    chosen_years = list(v.years) or detail_years
    service_options = [
        {"label": n, "value": c} for c, n in zip(services["code"], services["name"], strict=True)
    ]
    return html.Form(
        [
            html.Fieldset(
                [
                    html.Legend(t("mat.compare", lang), className="filter-legend"),
                    dbc.RadioItems(
                        id=ids.MAT_MODE,
                        value=v.mode,
                        inline=True,
                        options=[{"label": t(f"mat.mode.{m}", lang), "value": m} for m in MODES],
                    ),
                ],
                className="mb-2",
            ),
            html.Div(
                dbc.Row(
                    [
                        dbc.Col(
                            [
                                dbc.Label(t("mat.service", lang), html_for=ids.MAT_SERVICE),
                                dbc.Select(
                                    id=ids.MAT_SERVICE, options=service_options, value=default_service
                                ),
                            ],
                            md=5,
                        ),
                        dbc.Col(
                            html.Fieldset(
                                [
                                    html.Legend(t("mat.years", lang), className="filter-legend"),
                                    dbc.Checklist(
                                        id=ids.MAT_YEARS,
                                        inline=True,
                                        value=chosen_years,
                                        options=[{"label": str(y), "value": y} for y in sorted(detail_years)],
                                    ),
                                ]
                            ),
                            md=7,
                        ),
                    ]
                ),
                id=ids.MAT_CONTROLS_YEARS,
                hidden=v.mode != "years",
            ),
            html.Div(
                html.Fieldset(
                    [
                        html.Legend(t("mat.services", lang), className="filter-legend"),
                        dbc.Checklist(
                            id=ids.MAT_SERVICES, inline=True, value=chosen_services, options=service_options
                        ),
                    ]
                ),
                id=ids.MAT_CONTROLS_SERVICES,
                hidden=v.mode != "services",
            ),
            html.Div(
                html.Fieldset(
                    [
                        html.Legend(t("mat.group", lang), className="filter-legend"),
                        dbc.RadioItems(
                            id=ids.MAT_GROUP,
                            inline=True,
                            value=v.group,
                            options=[{"label": t(f"group.{g}", lang), "value": g} for g in GROUPS],
                        ),
                    ]
                ),
                id=ids.MAT_CONTROLS_GROUP,
                hidden=v.mode != "group",
            ),
        ],
        className="filter-form mb-3",
        **{"aria-label": t("mat.compare", lang)},
    )


def radar_area(session: Session, ctx: PageContext, v: MatrixView) -> list:
    """The chart for the chosen comparison, or a sentence saying why there is none."""
    lang = ctx.lang
    register_labels, level_labels = labels(lang)
    services = matrix_services(session, ctx.commune)
    detail_years = matrix_q.detail_years(session, commune=ctx.commune)
    names = dict(zip(services["code"], services["name"], strict=True))
    if v.mode == "years":
        service = v.service or (services["code"].iloc[0] if not services.empty else None)
        years = list(v.years) or detail_years
        levels = matrix_q.matrix_levels(
            session, commune=ctx.commune, years=years, services=[service] if service else []
        )
        if levels.empty:
            name = (
                commune_q.services(session, commune=ctx.commune)
                .set_index("code")["name"]
                .get(service, service)
            )
            return [
                empty_state(
                    t("mat.empty.service", lang, service=name) if service else t("mat.empty.selection", lang)
                )
            ]
        note = t("mat.one_year", lang, year=detail_years[0]) if len(detail_years) == 1 else None
        figure = fig_matrix.radar(
            levels.assign(series=levels["year"].astype(str)),
            series_column="series",
            register_labels=register_labels,
            level_labels=level_labels,
            lang=lang,
        )
        title = t("mat.radar.years", lang, service=names.get(service, service))
        return [
            chart_card(
                ids.MAT_RADAR,
                figure,
                title=title,
                filename=f"radar-{service}",
                lang=lang,
                level=2,  # straight under the page h1
                note=note,
                height=520,
            )
        ]
    year = ctx.year
    if year not in detail_years:
        return [empty_state(t("mat.empty.year", lang, year=year, years=", ".join(map(str, detail_years))))]
    if v.mode == "services":
        chosen = list(v.services) or list(services["code"][:2])
        if not chosen:
            return [empty_state(t("mat.empty.selection", lang))]
        levels = matrix_q.matrix_levels(session, commune=ctx.commune, years=[year], services=chosen)
        levels = levels.assign(order=levels["service"].map({c: i for i, c in enumerate(chosen)})).sort_values(
            ["order", "register_position"]
        )
        figure = fig_matrix.radar(
            levels,
            series_column="service_name",
            register_labels=register_labels,
            level_labels=level_labels,
            lang=lang,
        )
        return [
            chart_card(
                ids.MAT_RADAR,
                figure,
                title=t("mat.radar.services", lang, year=year),
                filename=f"radar-{year}",
                lang=lang,
                level=2,  # straight under the page h1
                height=520,
            )
        ]
    levels = matrix_q.matrix_levels(session, commune=ctx.commune, years=[year])
    levels = levels[levels["group"] == v.group]
    if levels.empty:
        return [empty_state(t("mat.empty.selection", lang))]
    short = {r: t(f"register.short.{r}", lang) for r in REGISTERS}
    figure = fig_matrix.radar_grid(levels, register_labels=register_labels, short_labels=short, lang=lang)
    title = t("mat.grid", lang, group=t(f"group.{v.group}", lang), year=year)
    return [chart_card(ids.MAT_GRID, figure, title=title, filename=f"radars-{v.group}-{year}", lang=lang, level=2)]


def heatmap_section(session: Session, ctx: PageContext) -> list:
    lang = ctx.lang
    year = ctx.year
    levels = matrix_q.matrix_levels(session, commune=ctx.commune, years=[year] if year else [])
    if levels.empty:
        return []
    register_labels, level_labels = labels(lang)
    figure = fig_matrix.heatmap(levels, register_labels=register_labels, level_labels=level_labels, lang=lang)
    return [
        chart_card(
            ids.MAT_HEATMAP,
            figure,
            title=t("mat.heatmap", lang, year=year),
            filename=f"matrice-{year}",
            lang=lang,
            level=2,  # straight under the page h1
        )
    ]


def definitions(session: Session, lang: str) -> html.Section:
    levels = matrix_q.levels(session)
    registers = matrix_q.registers(session)
    level_items = []
    for row in levels.itertuples():
        level_items += [
            html.Dt(f"{row.level} — {t(f'level.{row.level}', lang)}"),
            html.Dd(row.definition, lang="fr", className="mb-2"),
        ]
    register_items = []
    for row in registers.itertuples():
        register_items += [
            html.Dt(t(f"register.{row.code}", lang)),
            html.Dd(row.definition, lang="fr", className="mb-2"),
        ]
    note = (
        []
        if lang == "fr"
        else [html.P(t("mat.definitions.language", lang), className="small text-body-secondary")]
    )
    return html.Section(
        dbc.Card(
            dbc.CardBody(
                [
                    html.H2(t("mat.definitions", lang), className="h5"),
                    *note,
                    dbc.Row(
                        [
                            dbc.Col(
                                [
                                    html.H3(t("mat.definitions.levels", lang), className="h6"),
                                    html.Dl(level_items),
                                ],
                                lg=7,
                            ),
                            dbc.Col(
                                [
                                    html.H3(t("mat.definitions.registers", lang), className="h6"),
                                    html.Dl(register_items),
                                ],
                                lg=5,
                            ),
                        ]
                    ),
                ]
            )
        ),
        id=ids.MAT_DEFINITIONS,
        className="mt-3",
    )
