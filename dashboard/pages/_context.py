"""The shared view (commune, year, language) of a page, resolved from its URL parameters."""

from __future__ import annotations

from sqlalchemy.orm import Session

from dashboard.runtime import runtime
from dashboard.views.shell import PageContext, resolve_context


def page_context(session: Session, params: dict) -> PageContext:
    return resolve_context(
        session,
        commune=params.get("commune"),
        year=params.get("year"),
        lang=params.get("lang"),
        default_commune=runtime().settings.default_commune,
        built_pages=runtime().built_pages,
    )
