"""/gestion/journal: the audit trail of the commune, with Undo (itself recorded) per change set."""

from __future__ import annotations

import dash
from dash import ALL, Dash, Input, Output, State, html, no_update

from dashboard import ids
from dashboard.auth import require_edit
from dashboard.auth.callbacks import edit_callback, message
from dashboard.editing import undo_event, write_transaction
from dashboard.i18n import t
from dashboard.pages import _inputs
from dashboard.pages._context import page_context
from dashboard.runtime import db_session, runtime
from dashboard.urlstate import parse_search
from dashboard.views import staff_journal as view
from dashboard.views.shell import page_frame
from dashboard.views.staff import gate, lang_store, message_area

KEY = "staff-journal"
PATH = "/gestion/journal"
PAGE = {"path": PATH, "name": "gestion-journal", "order": 93}


def layout(**params: str):
    with db_session() as session:
        ctx = page_context(session, params)
        if ctx.error:
            return page_frame(ctx, KEY, [])
        refused = gate(ctx, PATH)
        content = refused or [
            html.H1(t("journal.title", ctx.lang, commune=ctx.commune_name), className="h2"),
            html.P(t("journal.intro", ctx.lang), className="text-body-secondary"),
            lang_store(ctx.lang),
            message_area(ids.JOURNAL_MESSAGE),
            html.Div(
                view.table(session, ctx.commune, ctx.lang, page=params.get("page"), search=ctx.search()),
                id=ids.JOURNAL_TABLE,
                className="mt-3",
            ),
        ]
    return page_frame(ctx, KEY, content)


def register_callbacks(app: Dash) -> None:
    @app.callback(
        Output(ids.JOURNAL_TABLE, "children"),
        Output(ids.JOURNAL_MESSAGE, "children"),
        Input({"type": ids.JOURNAL_UNDO, "event": ALL}, "n_clicks"),
        State(ids.URL, "search"),
        State(ids.STAFF_LANG, "data"),
        prevent_initial_call=True,
    )
    @edit_callback(n_outputs=2)
    def undo(clicks, search, lang):
        """One Undo button was pressed (insertion of the table fires with no click: ignored)."""
        trigger = dash.ctx.triggered_id
        if (
            not isinstance(trigger, dict)
            or len(dash.ctx.triggered) != 1
            or not dash.ctx.triggered[0].get("value")
        ):
            return no_update, no_update
        search = _inputs.search(search)
        params = parse_search(search)
        with db_session() as session:
            commune = page_context(session, params).commune
        actor = require_edit(commune)
        event_id = trigger.get("event")
        with write_transaction(runtime().sessions) as session:
            # undo_event checks the right on the commune of the event itself, not of the page
            undo_event(session, actor, event_id)
        with db_session() as session:
            table = view.table(session, commune, lang, page=params.get("page"), search=search)
        return table, message(t("journal.undo_done", lang, event=event_id))
