"""Home: headline figures for the selected commune and year."""

from __future__ import annotations

from dash import Dash

from dashboard.exports.download import report_card
from dashboard.exports.report import report_years
from dashboard.queries.home import headline
from dashboard.runtime import db_session, runtime
from dashboard.views.home import home_content
from dashboard.views.shell import page_frame, resolve_context

KEY = "home"
PAGE = {"path": "/", "name": "home", "order": 0}


def layout(commune: str | None = None, year: str | None = None, lang: str | None = None, **_: str):
    settings = runtime().settings
    with db_session() as session:
        ctx = resolve_context(
            session,
            commune=commune,
            year=year,
            lang=lang,
            default_commune=settings.default_commune,
            built_pages=runtime().built_pages,
        )
        content = (
            [] if ctx.error else home_content(ctx, headline(session, commune=ctx.commune, year=ctx.year))
        )
        if not ctx.error and ctx.year:
            content.append(report_card(ctx, report_years(session, ctx.commune)))
    return page_frame(ctx, KEY, content)


def register_callbacks(app: Dash) -> None:
    """The home page has no callbacks of its own: its view is entirely in the URL."""
