"""Brussels views: staffing real vs theoretical, the software cost comparison, synergies per domain, WePulse."""

from __future__ import annotations

from dash import Dash

from dashboard.pages._context import page_context
from dashboard.runtime import db_session
from dashboard.views import brussels as view
from dashboard.views.shell import page_frame

KEY = "brussels"
PAGE = {"path": "/bruxelles", "name": "brussels", "order": 7}


def layout(**params: str):
    with db_session() as session:
        ctx = page_context(session, params)
        if ctx.error:
            return page_frame(ctx, KEY, [])
        content = view.content(session, ctx)
    return page_frame(ctx, KEY, content)


def register_callbacks(app: Dash) -> None:
    """No callbacks of its own: the view is entirely in the shared URL parameters (commune, year, language)."""
