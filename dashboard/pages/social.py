"""Social indicators: RIS trend and households, placements, IWEPS benchmark, health/housing/labour, key figures."""

from __future__ import annotations

from dash import Dash, Input, Output, State, html
from dash.exceptions import PreventUpdate

from dashboard import ids
from dashboard.i18n import t
from dashboard.pages import _inputs
from dashboard.pages._context import page_context
from dashboard.pages._events import ignore_same_view
from dashboard.runtime import db_session
from dashboard.urlstate import parse_search, with_params
from dashboard.views import social as view
from dashboard.views.shell import page_frame

KEY = "social"
PAGE = {"path": "/indicateurs-sociaux", "name": "social", "order": 5}


def layout(**params: str):
    with db_session() as session:
        ctx = page_context(session, params)
        if ctx.error:
            return page_frame(ctx, KEY, [])
        lang = ctx.lang
        v = view.SocialView.from_params(params)
        content = [
            html.H1(t("soc.title", lang, commune=ctx.commune_name), className="h2 mb-0"),
            html.P(t("soc.subtitle", lang), className="text-body-secondary"),
            view.section_nav(lang),
            view.ris_section(session, ctx, v),
            view.placements_section(session, ctx),
            view.iweps_section(session, ctx),
            view.territory_section(session, ctx),
            view.key_figures_section(session, ctx),
        ]
    return page_frame(ctx, KEY, content)


def register_callbacks(app: Dash) -> None:
    @app.callback(
        Output(ids.SOC_RIS_AREA, "children"),
        Output(ids.URL, "search", allow_duplicate=True),
        Output(ids.URL, "refresh", allow_duplicate=True),
        Input(ids.SOC_BASE_YEAR, "value"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def change_base_year(base, search):
        base, search = _inputs.text(base, 8), _inputs.search(search)
        params = parse_search(search)
        with db_session() as session:
            ctx = page_context(session, params)
            if ctx.error:
                raise PreventUpdate
            v = view.SocialView.from_params({**params, "base": base or ""})
            new_search = with_params(search, **v.to_params(view.ris_years(session, ctx)))
            ignore_same_view(search, new_search)
            return view.ris_area(session, ctx, v), new_search, False
