"""Matrices: radar charts of the cooperation matrices, overlays, small multiples, heatmap, definitions."""

from __future__ import annotations

from dash import Dash, Input, Output, State, html
from dash.exceptions import PreventUpdate

from components.cards import empty_state
from dashboard import ids
from dashboard.i18n import t
from dashboard.pages import _inputs
from dashboard.pages._context import page_context
from dashboard.pages._events import ignore_insertion, ignore_same_view
from dashboard.runtime import db_session
from dashboard.urlstate import parse_search, with_params
from dashboard.views import matrices as view
from dashboard.views.shell import page_frame

KEY = "matrices"
PAGE = {"path": "/matrices", "name": "matrices", "order": 2}


def layout(**params: str):
    with db_session() as session:
        ctx = page_context(session, params)
        if ctx.error:
            return page_frame(ctx, KEY, [])
        lang = ctx.lang
        header = [
            html.H1(t("mat.title", lang, commune=ctx.commune_name), className="h2 mb-0"),
            html.P(t("mat.subtitle", lang), className="text-body-secondary"),
        ]
        services = view.matrix_services(session, ctx.commune)
        if services.empty:
            content = [
                *header,
                empty_state(t("mat.empty.commune", lang, commune=ctx.commune_name)),
                view.definitions(session, lang),
            ]
            return page_frame(ctx, KEY, content)
        from dashboard.queries import matrix as matrix_q

        v = view.MatrixView.from_params(params, tuple(services["code"]))
        detail_years = matrix_q.detail_years(session, commune=ctx.commune)
        content = [
            *header,
            view.controls(ctx, services, detail_years, v),
            html.Div(view.radar_area(session, ctx, v), id=ids.MAT_RADAR_AREA, className="mb-3"),
            *view.heatmap_section(session, ctx),
            view.definitions(session, lang),
        ]
    return page_frame(ctx, KEY, content)


def register_callbacks(app: Dash) -> None:
    @app.callback(
        Output(ids.MAT_RADAR_AREA, "children"),
        Output(ids.MAT_CONTROLS_YEARS, "hidden"),
        Output(ids.MAT_CONTROLS_SERVICES, "hidden"),
        Output(ids.MAT_CONTROLS_GROUP, "hidden"),
        Output(ids.URL, "search", allow_duplicate=True),
        Output(ids.URL, "refresh", allow_duplicate=True),
        Input(ids.MAT_MODE, "value"),
        Input(ids.MAT_SERVICE, "value"),
        Input(ids.MAT_SERVICES, "value"),
        Input(ids.MAT_YEARS, "value"),
        Input(ids.MAT_GROUP, "value"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def update(mode, service, services, years, group, search):
        mode, service, group = _inputs.text(mode), _inputs.text(service), _inputs.text(group)
        services, search = _inputs.texts(services), _inputs.search(search)
        years = [str(y) for y in (years if isinstance(years, list) else [])[:20] if isinstance(y, (int, str))]
        ignore_insertion()
        params = parse_search(search)
        with db_session() as session:
            ctx = page_context(session, params)
            if ctx.error:
                raise PreventUpdate
            codes = tuple(view.matrix_services(session, ctx.commune)["code"])
            v = view.MatrixView.from_params(
                {
                    "mode": mode,
                    "service": service,
                    "services": ",".join(services or []),
                    "years": ",".join(str(y) for y in years or []),
                    "group": group,
                },
                codes,
            )
            content = view.radar_area(session, ctx, v)
        new_search = with_params(search, **v.to_params())
        ignore_same_view(search, new_search)
        return (content, v.mode != "years", v.mode != "services", v.mode != "group", new_search, False)
