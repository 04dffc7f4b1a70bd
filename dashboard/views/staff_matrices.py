"""The matrix-level form: one service, one year, five registers, each 0..5 (with the official level names)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html
from sqlalchemy.orm import Session

from dashboard import ids
from dashboard.db.enums import Register
from dashboard.i18n import t
from dashboard.queries import communes as commune_q
from dashboard.queries import matrix as matrix_q
from dashboard.views.shell import PageContext
from dashboard.views.staff import message_area

REGISTERS = tuple(r.value for r in Register)


def current_levels(session: Session, commune: str, service: str, year: int | None) -> dict[str, str]:
    """register → level as the form's string value; {} when that matrix does not exist yet."""
    if not service or year is None:
        return {}
    frame = matrix_q.matrix_levels(session, commune=commune, years=[year], services=[service])
    return {str(r): str(int(level)) for r, level in zip(frame["register"], frame["level"], strict=True)}


def default_choice(session: Session, ctx: PageContext) -> tuple[str | None, int | None]:
    levels = matrix_q.matrix_levels(session, commune=ctx.commune)
    services = commune_q.services(session, commune=ctx.commune)
    if services.empty:
        return None, ctx.year
    if levels.empty:
        return services["code"].iloc[0], ctx.year
    year = ctx.year if ctx.year in set(levels["year"]) else int(levels["year"].max())
    in_year = levels[levels["year"] == year]
    return str(in_year["service"].iloc[0]), year


def form(session: Session, ctx: PageContext) -> list:
    lang = ctx.lang
    services = commune_q.services(session, commune=ctx.commune)
    if services.empty:
        return [html.P(t("gmat.no_services", lang))]
    service, year = default_choice(session, ctx)
    values = current_levels(session, ctx.commune, service, year)
    registers = matrix_q.registers(session)
    names = dict(zip(registers["code"], registers["name"], strict=True))
    level_table = matrix_q.levels(session)
    options = [
        {"label": t("gmat.level_option", lang, level=int(lv), name=name), "value": str(int(lv))}
        for lv, name in zip(level_table["level"], level_table["name"], strict=True)
    ]
    level_fields = [
        dbc.Col(
            # a dict id cannot be a label's `for`: the select sits inside its label instead
            html.Label(
                [
                    html.Span(names.get(code, code), className="form-label d-block mb-1"),
                    dbc.Select(
                        id={"type": ids.GMAT_LEVEL, "register": code},
                        options=options,
                        value=values.get(code),
                        required=True,
                    ),
                ],
                className="d-block w-100",
            ),
            md=4,
            lg=2,
            className="mb-3",
        )
        for code in REGISTERS
    ]
    return [
        dbc.Row(
            [
                dbc.Col(
                    [
                        dbc.Label(t("gmat.service", lang), html_for=ids.GMAT_SERVICE),
                        dbc.Select(
                            id=ids.GMAT_SERVICE,
                            options=[
                                {"label": n, "value": c}
                                for c, n in zip(services["code"], services["name"], strict=True)
                            ],
                            value=service,
                        ),
                    ],
                    md=6,
                    className="mb-3",
                ),
                dbc.Col(
                    [
                        dbc.Label(t("gmat.year", lang), html_for=ids.GMAT_YEAR),
                        dbc.Input(id=ids.GMAT_YEAR, type="number", min=1990, max=2100, step=1, value=year),
                    ],
                    md=2,
                    className="mb-3",
                ),
            ]
        ),
        dbc.Row(level_fields),
        html.Div(note(values, lang), id=ids.GMAT_NOTE),
        dbc.Button(t("gestion.save", lang), id=ids.GMAT_SAVE, color="primary", n_clicks=0),
        message_area(ids.GMAT_MESSAGE),
    ]


def note(values: dict[str, str], lang: str):
    return html.P(t("gmat.new_matrix", lang), className="text-body-secondary small") if not values else None
