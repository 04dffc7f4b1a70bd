"""What the staff pages share: the thin staff bar, the login gate, the staff sub-navigation."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from flask import has_request_context
from flask_wtf.csrf import generate_csrf

from components.cards import empty_state
from dashboard import ids
from dashboard.auth import can_admin, can_edit, current_actor, is_logged_in
from dashboard.auth.web import LOGIN_PAGE, LOGOUT_PATH
from dashboard.i18n import t
from dashboard.views.shell import PageContext

STAFF_PAGES = (
    ("/gestion/synergies", "staff.nav.synergies"),
    ("/gestion/matrices", "staff.nav.matrices"),
    ("/gestion/import", "staff.nav.import"),
    ("/gestion/journal", "staff.nav.journal"),
    ("/gestion/comptes", "staff.nav.accounts"),
)


def hidden(name: str, value: str) -> dcc.Input:
    return dcc.Input(type="hidden", name=name, value=value)


def logout_form(lang: str, class_name: str = "d-inline") -> html.Form:
    """Logout is a POST with the CSRF token (a GET link could be triggered by any page)."""
    return html.Form(
        [
            hidden("csrf_token", generate_csrf()),
            hidden("lang", lang),
            html.Button(
                t("staff.logout", lang), type="submit", className="btn btn-link btn-sm p-0 staff-link"
            ),
        ],
        action=LOGOUT_PATH,
        method="POST",
        className=class_name,
    )


def staff_bar(ctx: PageContext) -> list:
    """A one-line bar above the navbar, only for a logged-in person; nothing for the public."""
    if not has_request_context() or not is_logged_in():
        return []
    lang = ctx.lang
    search = ctx.search()
    links = [
        html.A(t(key, lang), href=path + search, className="staff-link")
        for path, key in STAFF_PAGES
        if path != "/gestion/comptes" or can_admin()
    ]
    return [
        html.Div(
            dbc.Container(
                [
                    html.Span(t("staff.signed_in", lang, user=current_actor().username), className="me-3"),
                    html.Nav(
                        links, className="d-inline-flex gap-3 me-3", **{"aria-label": t("staff.bar", lang)}
                    ),
                    logout_form(lang),
                ],
                fluid="xxl",
                className="d-flex flex-wrap align-items-center small py-1",
            ),
            id=ids.STAFF_BAR,
            className="staff-bar",
        )
    ]


def staff_footer_link(ctx: PageContext) -> html.P | None:
    """The discreet way in for staff, in the footer of public pages."""
    if has_request_context() and is_logged_in():
        return None
    return html.P(
        html.A(t("staff.login_link", ctx.lang), href=LOGIN_PAGE + ctx.search()), className="mb-0 mt-1"
    )


def gate(ctx: PageContext, path: str, *, admin: bool = False) -> list | None:
    """The refusal to show instead of a staff page, or None when the person may use it."""
    lang = ctx.lang
    if not is_logged_in():
        next_path = path + ctx.search()
        return [
            html.H1(t("login.title", lang), className="h2"),
            empty_state(t("gestion.need_login", lang), role="alert"),
            html.A(
                t("gestion.login_action", lang),
                href=f"{LOGIN_PAGE}{ctx.search(next=next_path)}",
                className="btn btn-primary mt-3",
            ),
        ]
    if admin and not can_admin():
        return [empty_state(t("accounts.need_admin", lang), role="alert")]
    if not admin and not can_edit(ctx.commune):
        return [
            empty_state(
                t("gestion.no_right", lang, commune=ctx.commune_name or ctx.commune or ""), role="alert"
            )
        ]
    return None


def lang_store(lang: str) -> dcc.Store:
    return dcc.Store(id=ids.STAFF_LANG, data=lang)


def message_area(component_id: str) -> html.Div:
    return html.Div(id=component_id, **{"aria-live": "polite"})
