"""/connexion: the staff login form (a plain POST to /auth/login, CSRF token included) and logout."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, dcc, html
from flask_wtf.csrf import generate_csrf

from dashboard import ids
from dashboard.auth import current_actor, is_logged_in
from dashboard.auth.callbacks import message
from dashboard.auth.web import LOGIN_PATH, safe_next
from dashboard.db.models import ALL_COMMUNES
from dashboard.i18n import t
from dashboard.pages._context import page_context
from dashboard.runtime import db_session
from dashboard.views.shell import page_frame
from dashboard.views.staff import STAFF_PAGES, hidden, logout_form

KEY = "login"
PAGE = {"path": "/connexion", "name": "connexion", "order": 90}
ERRORS = ("credentials", "too_many", "expired")


def _roles(lang: str) -> str:
    return ", ".join(
        f"{t('role.' + role, lang)} ({t('role.all_communes', lang) if commune == ALL_COMMUNES else commune})"
        for commune, role in current_actor().roles
    )


def layout(**params: str):
    with db_session() as session:
        ctx = page_context(session, params)
    lang = ctx.lang
    content: list = [html.H1(t("login.title", lang), className="h2")]
    if is_logged_in():
        content += [
            html.P(t("login.already", lang, user=current_actor().username)),
            html.P(t("login.roles", lang, roles=_roles(lang))),
            html.Ul([html.Li(html.A(t(key, lang), href=path + ctx.search())) for path, key in STAFF_PAGES]),
            logout_form(lang, "mt-2"),
        ]
        return page_frame(ctx, KEY, content)
    error = params.get("error")
    if error in ERRORS:
        content.append(message(t(f"login.error.{error}", lang), "danger"))
    if params.get("done") == "logout":
        content.append(message(t("login.done.logout", lang)))
    next_path = params.get("next")
    content += [
        html.P(t("login.intro", lang), className="text-body-secondary"),
        html.Form(
            [
                hidden("csrf_token", generate_csrf()),
                hidden("lang", lang),
                hidden("next", safe_next(next_path) if next_path else ""),
                dbc.Label(t("login.username", lang), html_for=ids.LOGIN_USERNAME),
                dcc.Input(
                    id=ids.LOGIN_USERNAME,
                    name="username",
                    type="text",
                    autoComplete="username",
                    required=True,
                    maxLength=60,
                    className="form-control mb-3",
                ),
                dbc.Label(t("login.password", lang), html_for=ids.LOGIN_PASSWORD),
                dcc.Input(
                    id=ids.LOGIN_PASSWORD,
                    name="password",
                    type="password",
                    autoComplete="current-password",
                    required=True,
                    maxLength=1024,
                    className="form-control mb-3",
                ),
                html.Button(
                    t("login.submit", lang), id=ids.LOGIN_SUBMIT, type="submit", className="btn btn-primary"
                ),
            ],
            id=ids.LOGIN_FORM,
            action=LOGIN_PATH,
            method="POST",
            className="login-form",
            style={"maxWidth": "24rem"},
        ),
    ]
    return page_frame(ctx, KEY, content)


def register_callbacks(app: Dash) -> None:
    """No callbacks: login and logout are plain form POSTs handled by dashboard.auth.web."""
