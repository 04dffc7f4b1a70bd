"""Strategic plan (PST): objectives tree, filterable timeline and action list with a record, budget annex.

The view (strategic objective, statuses, sort, page, selected action) lives in the URL.
"""

from __future__ import annotations

import datetime as dt

import dash
from dash import ALL, Dash, Input, Output, State, html
from dash.exceptions import PreventUpdate

from components.cards import empty_state
from dashboard import ids
from dashboard.i18n import t
from dashboard.pages import _inputs
from dashboard.pages._context import page_context
from dashboard.pages._events import ignore_insertion, ignore_same_view
from dashboard.queries import pst as pst_q
from dashboard.runtime import db_session
from dashboard.urlstate import parse_search, with_params
from dashboard.views import pst as view
from dashboard.views.shell import available_elsewhere, page_frame

KEY = "pst"
PAGE = {"path": view.PATH, "name": "pst", "order": 6}


def layout(**params: str):
    today = dt.date.today()
    with db_session() as session:
        ctx = page_context(session, params)
        if ctx.error:
            return page_frame(ctx, KEY, [])
        lang = ctx.lang
        plan = pst_q.plans(session, commune=ctx.commune)
        if plan.empty:
            content = [
                *view.header(ctx, None),
                empty_state(t("pst.empty.commune", lang, commune=ctx.commune_name)),
                available_elsewhere(session, ctx, KEY, "pst"),
            ]
            return page_frame(ctx, KEY, content)
        actions = view.plan_actions(session, ctx.commune, today)
        if actions.empty:
            content = [
                *view.header(ctx, plan),
                empty_state(t("pst.empty.actions", lang)),
                view.budget_section(session, ctx, plan),
            ]
            return page_frame(ctx, KEY, content)
        source_lang = view.source_language(session, actions)
        filters = view.PstFilters.from_params(params, view.os_codes(session, ctx.commune))
        content = [
            *view.header(ctx, plan),
            view.overview_section(actions, ctx, source_lang),
            html.Section(
                [
                    html.H2(t("pst.timeline", lang), className="h4 mt-4"),
                    view.filter_form(ctx, actions, filters),
                    html.Div(view.results(session, ctx, filters, today=today), id=ids.PST_RESULTS),
                ]
            ),
            view.budget_section(session, ctx, plan),
        ]
    return page_frame(ctx, KEY, content)


def register_callbacks(app: Dash) -> None:
    @app.callback(
        Output(ids.PST_RESULTS, "children"),
        Output(ids.URL, "search", allow_duplicate=True),
        Output(ids.URL, "refresh", allow_duplicate=True),
        Input(ids.PST_OS, "value"),
        Input(ids.PST_STATUS, "value"),
        Input({"type": ids.PST_SORT_BUTTON, "key": ALL}, "n_clicks"),
        Input({"type": ids.PST_PAGE_BUTTON, "dir": ALL}, "n_clicks"),
        Input({"type": ids.PST_DETAIL_BUTTON, "code": ALL}, "n_clicks"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def update(os_code, statuses, _sort, _page, _detail, search):
        os_code, statuses, search = _inputs.text(os_code), _inputs.texts(statuses), _inputs.search(search)
        ignore_insertion()
        trigger = dash.ctx.triggered_id
        if isinstance(trigger, dict) and not any(item["value"] for item in dash.ctx.triggered):
            raise PreventUpdate  # a button was re-rendered, not clicked
        params = parse_search(search)
        with db_session() as session:
            ctx = page_context(session, params)
            if ctx.error or pst_q.plans(session, commune=ctx.commune).empty:
                raise PreventUpdate
            f = view.PstFilters.from_params(params, view.os_codes(session, ctx.commune))
            f = apply_event(f, trigger, os_code=os_code, statuses=statuses)
            content = view.results(session, ctx, f)
        new_search = with_params(search, **f.to_params())
        ignore_same_view(search, new_search)
        return content, new_search, False


def apply_event(f: view.PstFilters, trigger, *, os_code: str, statuses: list[str]) -> view.PstFilters:
    """The new view after one user action (a filter changed, a header, pager or record button clicked)."""
    if isinstance(trigger, dict):
        kind = trigger.get("type")
        if kind == ids.PST_SORT_BUTTON and trigger.get("key") in view.SORT_KEYS:
            same = f.sort == trigger["key"]
            return f.with_changes(sort=trigger["key"], desc=(not f.desc) if same else False, page=1)
        if kind == ids.PST_PAGE_BUTTON:
            return f.with_changes(page=max(1, f.page + (1 if trigger.get("dir") == "next" else -1)))
        if kind == ids.PST_DETAIL_BUTTON and isinstance(trigger.get("code"), str):
            code = trigger["code"][: view.MAX_CODE]
            return f.with_changes(action=None if f.action == code else code)
        return f
    fresh = view.PstFilters.from_params({"os": os_code or "", "status": ",".join(statuses or [])}, f.os_codes)
    return fresh.with_changes(sort=f.sort, desc=f.desc, page=1, action=f.action)
