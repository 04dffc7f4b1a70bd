"""Synthesis: the grid of the selected year, the year-over-year trend per group, history, comparison."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, html
from dash.exceptions import PreventUpdate

from components.cards import empty_state
from dashboard import ids
from dashboard.i18n import t
from dashboard.pages import _inputs
from dashboard.pages._context import page_context
from dashboard.pages._events import ignore_same_view
from dashboard.queries import matrix as matrix_q
from dashboard.runtime import db_session
from dashboard.urlstate import parse_search, with_params
from dashboard.views import synthesis as view
from dashboard.views.shell import page_frame

KEY = "synthesis"
PAGE = {"path": "/synthese", "name": "synthesis", "order": 3}


def _measure(value: str | None) -> str:
    return value if value in view.MEASURES else "percent"


def layout(**params: str):
    with db_session() as session:
        ctx = page_context(session, params)
        if ctx.error:
            return page_frame(ctx, KEY, [])
        lang = ctx.lang
        header = [
            html.H1(t("syn2.title", lang, commune=ctx.commune_name), className="h2 mb-0"),
            html.P(t("syn2.subtitle", lang), className="text-body-secondary"),
        ]
        data = matrix_q.synthesis(session, commune=ctx.commune)
        if data.empty:
            return page_frame(
                ctx,
                KEY,
                [
                    *header,
                    empty_state(t("syn2.empty.commune", lang, commune=ctx.commune_name)),
                    html.Div(className="mt-3"),
                    *view.comparison(session, ctx),
                ],
            )
        measure = _measure(params.get("measure"))
        control = html.Fieldset(
            [
                html.Legend(t("syn2.measure", lang), className="filter-legend"),
                dbc.RadioItems(
                    id=ids.SYN2_MEASURE,
                    inline=True,
                    value=measure,
                    options=[{"label": t(f"syn2.measure.{m}", lang), "value": m} for m in view.MEASURES],
                ),
            ],
            className="filter-form mb-2",
        )
        content = [
            *header,
            *view.grid_tables(session, ctx),
            control,
            html.Div(view.trend_area(data, ctx, measure), id=ids.SYN2_TREND_AREA, className="mb-3"),
            *view.history_table(data, ctx),
            *view.comparison(session, ctx),
        ]
    return page_frame(ctx, KEY, content)


def register_callbacks(app: Dash) -> None:
    @app.callback(
        Output(ids.SYN2_TREND_AREA, "children"),
        Output(ids.URL, "search", allow_duplicate=True),
        Output(ids.URL, "refresh", allow_duplicate=True),
        Input(ids.SYN2_MEASURE, "value"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def change_measure(measure, search):
        measure, search = _inputs.text(measure), _inputs.search(search)
        params = parse_search(search)
        with db_session() as session:
            ctx = page_context(session, params)
            if ctx.error:
                raise PreventUpdate
            measure = _measure(measure)
            content = view.trend_area(matrix_q.synthesis(session, commune=ctx.commune), ctx, measure)
        new_search = with_params(search, measure=None if measure == "percent" else measure)
        ignore_same_view(search, new_search)
        return content, new_search, False
