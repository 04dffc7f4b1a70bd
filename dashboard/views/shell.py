"""What every page shares: resolving commune / year / language from the URL, and the page frame."""

from __future__ import annotations

from dataclasses import dataclass, field

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html
from sqlalchemy.orm import Session

from components.cards import elsewhere, empty_state
from components.navbar import Choice, NavItem, Selector, filter_bar, navbar
from dashboard import ids
from dashboard.figures.themes import THEMES
from dashboard.i18n import LANGUAGES, normalise_language, t
from dashboard.queries import communes as commune_q
from dashboard.urlstate import build_search

# Sections of the navbar, in order: (page key, path, translation key). Pages not yet built are
# listed in PLANNED and shown as disabled with a "soon" badge.
SECTIONS = (
    ("home", "/", "nav.home"),
    ("synergies", "/synergies", "nav.synergies"),
    ("matrices", "/matrices", "nav.matrices"),
    ("synthesis", "/synthese", "nav.synthesis"),
    ("contracts", "/marches", "nav.contracts"),
    ("social", "/indicateurs-sociaux", "nav.social"),
    ("pst", "/pst", "nav.pst"),
    ("brussels", "/bruxelles", "nav.brussels"),
    ("presentation", "/presentation", "nav.presentation"),
)
PATHS = {key: path for key, path, _ in SECTIONS}


@dataclass(frozen=True)
class PageContext:
    """The resolved view: a known commune, a year it has data for (or None), a language."""

    lang: str
    commune: str | None
    commune_name: str = ""
    commune_row: dict = field(default_factory=dict)
    year: int | None = None
    years: tuple[int, ...] = ()
    communes: tuple[tuple[str, str], ...] = ()
    error: str | None = None
    built_pages: frozenset[str] = frozenset()

    def search(self, **extra: object) -> str:
        return build_search({"commune": self.commune, "year": self.year, "lang": self.lang, **extra})

    def href_for(self, page: str, commune: str) -> str:
        """The same page for another commune (that commune's latest year)."""
        return PATHS[page] + build_search({"commune": commune, "lang": self.lang})

    def href(self, page: str, **extra: object) -> str | None:
        """Link to another page keeping the view, or None while that page does not exist yet."""
        if page not in self.built_pages:
            return None
        return PATHS[page] + self.search(**extra)


def _to_int(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def _commune_name(row: dict, lang: str) -> str:
    return row["name_nl"] if lang == "nl" and row.get("name_nl") else row["name"]


def resolve_context(
    session: Session,
    *,
    commune: str | None,
    year: object,
    lang: str | None,
    default_commune: str,
    built_pages: frozenset[str] = frozenset(),
) -> PageContext:
    """Validate the shared URL parameters; unknown values fall back or produce a clear error."""
    lang = normalise_language(lang)
    base = {"lang": lang, "built_pages": built_pages}
    rows = {row["slug"]: row for row in commune_q.commune_records(session)}  # on every view: no DataFrame
    # the selector names each commune as the page heading does: its Dutch name on a Dutch page
    choices = tuple((slug, _commune_name(row, lang)) for slug, row in rows.items())
    if not rows:
        return PageContext(commune=None, error=t("empty.commune", lang), **base)
    slug = commune or (default_commune if default_commune in rows else next(iter(rows)))
    if slug not in rows:
        return PageContext(
            commune=None,
            communes=choices,
            error=t("empty.unknown_commune", lang, commune=str(slug)[:60]),
            **base,
        )
    row = rows[slug]
    years = tuple(commune_q.data_years(session, commune=slug))
    wanted = _to_int(year)
    chosen = wanted if wanted in years else (years[0] if years else None)
    name = _commune_name(row, lang)
    return PageContext(
        commune=slug, commune_name=name, commune_row=row, year=chosen, years=years, communes=choices, **base
    )


def page_frame(ctx: PageContext, active: str, content: list | html.Div) -> html.Div:
    """Navbar + main landmark + footer around a page's content."""
    lang = ctx.lang
    search = ctx.search()
    items = [
        NavItem(
            label=t(label_key, lang),
            href=path + search,
            active=key == active,
            disabled=key not in ctx.built_pages,
            soon_label=t("nav.soon", lang),
            current_label=t("nav.current", lang),
        )
        for key, path, label_key in SECTIONS
    ]
    year_choices = [Choice(str(y), str(y)) for y in ctx.years] or [Choice(t("filter.no_year", lang), "")]
    selectors = [
        Selector(
            ids.COMMUNE_SELECT,
            t("filter.commune", lang),
            [Choice(name, slug) for slug, name in ctx.communes],
            ctx.commune,
            "16rem",
        ),
        Selector(
            ids.YEAR_SELECT, t("filter.year", lang), year_choices, str(ctx.year) if ctx.year else "", "7rem"
        ),
        Selector(
            ids.LANGUAGE_SELECT,
            t("filter.language", lang),
            [Choice(t(f"language.{code}", code), code) for code in LANGUAGES],
            lang,
            "9rem",
        ),
        Selector(
            ids.THEME_SELECT,
            t("theme.label", lang),
            [Choice(t(f"theme.{name}", lang), name) for name in THEMES],
            None,  # set in the browser from ?theme= or the remembered choice
            "11rem",
        ),
    ]
    from dashboard.views.staff import staff_bar, staff_footer_link  # staff.py imports this module

    body = content if isinstance(content, list) else [content]
    if ctx.error:
        body = [empty_state(ctx.error, role="alert")]
    from dashboard.exports.download import download_sink, tables_section  # imports this module

    body = [*body, tables_section(active, ctx), download_sink()]
    return html.Div(
        [
            html.A(
                t("skip.main", lang), href=f"#{ids.MAIN}", className="visually-hidden-focusable skip-link"
            ),
            *staff_bar(ctx),
            navbar(
                brand=t("app.title", lang),
                brand_href="/" + search,
                nav_label=t("nav.label", lang),
                toggle_label=t("nav.toggle", lang),
                items=items,
                toggler_id=ids.NAVBAR_TOGGLER,
                collapse_id=ids.NAVBAR_COLLAPSE,
            ),
            filter_bar(selectors, label=t("filter.bar", lang)),
            html.Main(dbc.Container(body, fluid="xxl"), id=ids.MAIN, tabIndex="-1"),
            html.Footer(
                dbc.Container(
                    [
                        html.P(t("footer.sources", lang), className="mb-1"),
                        html.P(html.A(t("footer.api", lang), href="/api/v1"), className="mb-0"),
                        staff_footer_link(ctx),
                    ],
                    fluid="xxl",
                ),
                className="site-footer small mt-5 py-3",
            ),
        ],
        lang=lang,
    )


def available_elsewhere(session: Session, ctx: PageContext, page: str, dataset: str) -> html.P | None:
    """Links to the communes that do hold `dataset`, for a page whose commune has none of it."""
    holders = commune_q.communes_with(session, dataset)
    holders = holders[holders["slug"] != ctx.commune]
    name = "name_nl" if ctx.lang == "nl" else "name"
    links = [(row[name], ctx.href_for(page, row["slug"])) for row in holders.to_dict("records")]
    return elsewhere(t("empty.available_for", ctx.lang), links)


def not_empty(df: pd.DataFrame) -> bool:
    return df is not None and not df.empty
