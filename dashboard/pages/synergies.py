"""Synergies: the register, filterable, with summary charts and a record panel; the view is in the URL."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from dashboard import ids
from dashboard.i18n import t
from dashboard.pages import _inputs
from dashboard.pages._context import page_context
from dashboard.pages._events import ignore_insertion, ignore_same_view
from dashboard.queries import communes as commune_q
from dashboard.runtime import db_session
from dashboard.urlstate import parse_search, with_params
from dashboard.views import synergies as view
from dashboard.views.shell import page_frame

KEY = "synergies"
PAGE = {"path": "/synergies", "name": "synergies", "order": 1}


def layout(**params: str):
    with db_session() as session:
        ctx = page_context(session, params)
        if ctx.error:
            return page_frame(ctx, KEY, [])
        services = commune_q.services(session, commune=ctx.commune)
        filters = view.SynergyFilters.from_params(params, tuple(services["code"]))
        lang = ctx.lang
        subtitle = t("syn.report", lang, year=ctx.year) if ctx.year else t("syn.report_unknown", lang)
        content = [
            html.H1(t("syn.title", lang, commune=ctx.commune_name), className="h2 mb-0"),
            html.P(subtitle, className="text-body-secondary"),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            view.filter_form(ctx, services, filters),
                            dcc.Link(
                                t("syn.reset", lang),
                                href="/synergies" + ctx.search(),
                                className="btn btn-outline-secondary btn-sm mt-2",
                                id=ids.SYN_RESET,
                            ),
                        ],
                        lg=3,
                        className="mb-3",
                    ),
                    dbc.Col(view.results(session, ctx, filters), id=ids.SYN_RESULTS, lg=9),
                ]
            ),
        ]
    return page_frame(ctx, KEY, content)


def register_callbacks(app: Dash) -> None:
    @app.callback(
        Output(ids.SYN_RESULTS, "children"),
        Output(ids.URL, "search", allow_duplicate=True),
        Output(ids.URL, "refresh", allow_duplicate=True),
        Input(ids.SYN_SEARCH, "value"),
        Input(ids.SYN_SERVICE, "value"),
        Input(ids.SYN_GROUP, "value"),
        Input(ids.SYN_STATUS, "value"),
        Input(ids.SYN_PILOT, "value"),
        Input(ids.SYN_MODE, "value"),
        Input(ids.SYN_OBJECTIVE, "value"),
        Input({"type": ids.SYN_SORT_BUTTON, "key": ALL}, "n_clicks"),
        Input({"type": ids.SYN_PAGE_BUTTON, "dir": ALL}, "n_clicks"),
        Input({"type": ids.SYN_DETAIL_BUTTON, "ref": ALL}, "n_clicks"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def update(q, service, group, statuses, pilots, modes, objectives, _sort, _page, _detail, search):
        q, service, group = _inputs.text(q), _inputs.text(service), _inputs.text(group)
        search = _inputs.search(search)
        statuses, pilots, modes, objectives = (
            _inputs.texts(v) for v in (statuses, pilots, modes, objectives)
        )
        ignore_insertion()
        trigger = dash.ctx.triggered_id
        if isinstance(trigger, dict) and not any(item["value"] for item in dash.ctx.triggered):
            raise PreventUpdate  # a button was re-rendered, not clicked
        params = parse_search(search)
        with db_session() as session:
            ctx = page_context(session, params)
            if ctx.error:
                raise PreventUpdate
            f = view.SynergyFilters.from_params(params, view.service_codes(session, ctx.commune))
            f = apply_event(
                f,
                trigger,
                q=q,
                service=service,
                group=group,
                statuses=statuses,
                pilots=pilots,
                modes=modes,
                objectives=objectives,
            )
            content = view.results(session, ctx, f)
        new_search = with_params(search, **f.to_params())
        ignore_same_view(search, new_search)
        return content, new_search, False


def apply_event(f: view.SynergyFilters, trigger, **values) -> view.SynergyFilters:
    """The new view after one user action (a filter changed, a header, pager or record button clicked)."""
    if isinstance(trigger, dict):
        if trigger["type"] == ids.SYN_SORT_BUTTON:
            same = f.sort == trigger["key"]
            return f.with_changes(sort=trigger["key"], desc=(not f.desc) if same else False, page=1)
        if trigger["type"] == ids.SYN_PAGE_BUTTON:
            return f.with_changes(page=max(1, f.page + (1 if trigger["dir"] == "next" else -1)))
        if trigger["type"] == ids.SYN_DETAIL_BUTTON:
            return f.with_changes(ref=None if f.ref == trigger["ref"] else trigger["ref"])
        return f
    fresh = view.SynergyFilters.from_params(
        {
            "q": values["q"] or "",
            "service": values["service"] or "",
            "group": values["group"] or "",
            "status": ",".join(values["statuses"] or []),
            "pilot": ",".join(values["pilots"] or []),
            "mode": ",".join(values["modes"] or []),
            "objective": ",".join(values["objectives"] or []),
        },
        f.service_codes,
    )
    return fresh.with_changes(sort=f.sort, desc=f.desc, page=1, ref=f.ref)
