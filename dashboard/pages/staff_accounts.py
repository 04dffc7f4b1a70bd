"""/gestion/comptes: admins create accounts, give or remove roles per commune, set a new password,
deactivate accounts."""

from __future__ import annotations

import dash
from dash import ALL, Dash, Input, Output, State, html, no_update

from dashboard import ids
from dashboard.auth import accounts, require_admin
from dashboard.auth.callbacks import edit_callback, message
from dashboard.editing import write_transaction
from dashboard.i18n import t
from dashboard.pages import _inputs
from dashboard.pages._context import page_context
from dashboard.runtime import db_session, runtime
from dashboard.views import staff_accounts as view
from dashboard.views.shell import page_frame
from dashboard.views.staff import gate, lang_store

KEY = "staff-accounts"
PATH = "/gestion/comptes"
PAGE = {"path": PATH, "name": "gestion-comptes", "order": 94}


def layout(**params: str):
    with db_session() as session:
        ctx = page_context(session, params)
        refused = gate(ctx, PATH, admin=True)
        if refused:
            return page_frame(ctx, KEY, refused)
        actor = require_admin()
        content = [
            html.H1(t("accounts.title", ctx.lang), className="h2"),
            html.P(t("accounts.intro", ctx.lang), className="text-body-secondary"),
            lang_store(ctx.lang),
            html.Div(view.table(session, actor, ctx.lang), id=ids.ACC_TABLE),
            *view.form(session, actor, ctx.lang),
        ]
    return page_frame(ctx, KEY, content)


def _table(actor, lang):
    with db_session() as session:
        return view.table(session, actor, lang)


def register_callbacks(app: Dash) -> None:
    @app.callback(
        Output(ids.ACC_TABLE, "children"),
        Output(ids.ACC_PASSWORD, "value"),
        Output(ids.ACC_MESSAGE, "children", allow_duplicate=True),
        Input(ids.ACC_SUBMIT, "n_clicks"),
        State(ids.ACC_USERNAME, "value"),
        State(ids.ACC_PASSWORD, "value"),
        State(ids.ACC_ROLE, "value"),
        State(ids.ACC_COMMUNE, "value"),
        State(ids.STAFF_LANG, "data"),
        prevent_initial_call=True,
    )
    @edit_callback(n_outputs=3)
    def submit(n_clicks, username, password, role, commune, lang):
        """A new account with a role, or (empty password) a role given to an existing account."""
        if not n_clicks:
            return no_update, no_update, no_update
        actor = require_admin()
        username, role, commune = (
            _inputs.text(username, 60),
            _inputs.text(role, 16),
            _inputs.text(commune, 60),
        )
        password = password if isinstance(password, str) else ""
        with write_transaction(runtime().sessions) as session:
            if not password and accounts.find_user(session, username) is not None:
                accounts.set_role(session, actor, username=username, commune=commune, role=role)
                text = t("accounts.role_set", lang, user=accounts.normalise_username(username))
            else:
                user = accounts.create_user(
                    session, actor, username=username, password=password, role=role, commune=commune
                )
                text = t("accounts.created", lang, user=user.username)
        return _table(actor, lang), "", message(text)

    @app.callback(
        Output(ids.ACC_TABLE, "children", allow_duplicate=True),
        Output(ids.ACC_MESSAGE, "children", allow_duplicate=True),
        Input({"type": ids.ACC_DEACTIVATE, "user": ALL}, "n_clicks"),
        State(ids.STAFF_LANG, "data"),
        prevent_initial_call=True,
    )
    @edit_callback(n_outputs=2)
    def deactivate(clicks, lang):
        trigger = dash.ctx.triggered_id
        if (
            not isinstance(trigger, dict)
            or len(dash.ctx.triggered) != 1
            or not dash.ctx.triggered[0].get("value")
        ):
            return no_update, no_update
        actor = require_admin()
        username = _inputs.text(trigger.get("user"), 60)
        with write_transaction(runtime().sessions) as session:
            accounts.set_active(session, actor, username=username, active=False)
        return _table(actor, lang), message(t("accounts.deactivated", lang, user=username))

    @app.callback(
        Output(ids.ACC_TABLE, "children", allow_duplicate=True),
        Output(ids.ACC_MESSAGE, "children", allow_duplicate=True),
        Input({"type": ids.ACC_REMOVE_ROLE, "user": ALL, "commune": ALL}, "n_clicks"),
        State(ids.STAFF_LANG, "data"),
        prevent_initial_call=True,
    )
    @edit_callback(n_outputs=2)
    def remove_role(clicks, lang):
        """One Remove button was pressed (insertion of the table fires with no click: ignored)."""
        trigger = dash.ctx.triggered_id
        if (
            not isinstance(trigger, dict)
            or len(dash.ctx.triggered) != 1
            or not dash.ctx.triggered[0].get("value")
        ):
            return no_update, no_update
        actor = require_admin()
        username = _inputs.text(trigger.get("user"), 60)
        commune = _inputs.text(trigger.get("commune"), 60)
        with write_transaction(runtime().sessions) as session:
            accounts.set_role(session, actor, username=username, commune=commune, role=None)
        return _table(actor, lang), message(t("accounts.role_removed", lang, user=username, commune=commune))

    @app.callback(
        Output(ids.ACC_RESET_PASSWORD, "value"),
        Output(ids.ACC_MESSAGE, "children", allow_duplicate=True),
        Input(ids.ACC_RESET_SUBMIT, "n_clicks"),
        State(ids.ACC_RESET_USERNAME, "value"),
        State(ids.ACC_RESET_PASSWORD, "value"),
        State(ids.STAFF_LANG, "data"),
        prevent_initial_call=True,
    )
    @edit_callback(n_outputs=2)
    def reset_password(n_clicks, username, password, lang):
        """A new password set by an admin; the field is emptied once saved."""
        if not n_clicks:
            return no_update, no_update
        actor = require_admin()
        username = _inputs.text(username, 60)
        password = password if isinstance(password, str) else ""
        with write_transaction(runtime().sessions) as session:
            accounts.set_password(session, actor, username=username, password=password)
        name = accounts.normalise_username(username)
        return "", message(t("accounts.password_set", lang, user=name))
