"""The shared view (commune, year, language) of a page, resolved from its URL parameters."""

from __future__ import annotations

from sqlalchemy.orm import Session

from dashboard.cache import cached
from dashboard.runtime import runtime
from dashboard.views.shell import PageContext, resolve_context


def page_context(session: Session, params: dict) -> PageContext:
    return _resolve(
        session,
        params.get("commune"),
        params.get("year"),
        params.get("lang"),
        runtime().settings.default_commune,
        runtime().built_pages,
    )


@cached(
    "page_context", skip_first=True
)  # every page and callback resolves it: once per view and data version
def _resolve(
    session: Session, commune, year, lang, default_commune: str, built_pages: frozenset
) -> PageContext:
    return resolve_context(
        session,
        commune=commune,
        year=year,
        lang=lang,
        default_commune=default_commune,
        built_pages=built_pages,
    )
