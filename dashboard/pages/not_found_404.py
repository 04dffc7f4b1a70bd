"""The page for an unknown address: Dash pages shows the page whose module is named `not_found_404`.

It keeps the app's frame (navbar, shared filters, language) so that the visitor can go on from here.
"""

from __future__ import annotations

from dataclasses import replace

from dash import Dash, html

from components.cards import empty_state
from dashboard import ids
from dashboard.i18n import t
from dashboard.pages._context import page_context
from dashboard.runtime import db_session
from dashboard.views.shell import page_frame

KEY = "not_found"
PAGE = {"path": "/404", "name": "not_found", "order": 99, "title": "404 · Synergies Commune–CPAS"}


def layout(**params: str):
    with db_session() as session:
        # an unknown commune in the URL must not hide that the page itself does not exist
        ctx = replace(page_context(session, params), error=None)
    lang = ctx.lang
    home = "/" + ctx.search()
    content = [
        html.H1(t("notfound.title", lang), className="h3 mt-2"),
        empty_state(t("notfound.message", lang), role="alert"),
        html.P(html.A(t("notfound.home", lang), href=home, id=ids.NOTFOUND_HOME), className="mt-3"),
    ]
    return page_frame(ctx, KEY, content)


def register_callbacks(app: Dash) -> None:
    """No callbacks: a static page."""
