"""Public contracts: awarded per year and body, year-over-year changes, joint contracts and the pipeline."""

from __future__ import annotations

from dash import Dash, Input, Output, State, callback_context, html, no_update
from dash.exceptions import PreventUpdate

from dashboard import ids
from dashboard.i18n import t
from dashboard.pages import _inputs
from dashboard.pages._context import page_context
from dashboard.pages._events import ignore_insertion, ignore_same_view
from dashboard.runtime import db_session
from dashboard.urlstate import parse_search, with_params
from dashboard.views import contracts as view
from dashboard.views.shell import page_frame

KEY = "contracts"
PAGE = {"path": "/marches", "name": "contracts", "order": 4}


def layout(**params: str):
    with db_session() as session:
        ctx = page_context(session, params)
        if ctx.error:
            return page_frame(ctx, KEY, [])
        lang = ctx.lang
        v = view.ContractsView.from_params(params)
        content = [
            html.H1(t("con.title", lang, commune=ctx.commune_name), className="h2 mb-0"),
            html.P(t("con.subtitle", lang), className="text-body-secondary"),
            *view.awarded_section(session, ctx),
            *view.changes_section(session, ctx, v),
            *view.joint_section(session, ctx),
            *view.pipeline_section(session, ctx, v),
        ]
    return page_frame(ctx, KEY, content)


def register_callbacks(app: Dash) -> None:
    @app.callback(
        Output(ids.CON_CHANGES_AREA, "children"),
        Output(ids.CON_PIPELINE_AREA, "children"),
        Output(ids.URL, "search", allow_duplicate=True),
        Output(ids.URL, "refresh", allow_duplicate=True),
        Input(ids.CON_INCLUDE_PARTIAL, "value"),
        Input(ids.CON_PIPELINE_TYPE, "value"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def update(include_partial, pipeline_type, search):
        include_partial, pipeline_type = _inputs.texts(include_partial), _inputs.text(pipeline_type)
        search = _inputs.search(search)
        ignore_insertion()
        params = parse_search(search)
        v = view.ContractsView.from_params(
            {**params, "partial": "1" if include_partial else "", "type": pipeline_type or ""}
        )
        new_search = with_params(search, **v.to_params())
        ignore_same_view(search, new_search)
        with db_session() as session:
            ctx = page_context(session, params)
            if ctx.error:
                raise PreventUpdate
            # each area depends on its own control only: redraw the one that changed
            changed = callback_context.triggered_id
            return (
                view.changes_area(session, ctx, v) if changed != ids.CON_PIPELINE_TYPE else no_update,
                view.pipeline_area(session, ctx, v) if changed != ids.CON_INCLUDE_PARTIAL else no_update,
                new_search,
                False,
            )
