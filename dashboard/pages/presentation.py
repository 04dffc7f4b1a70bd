"""Presentation mode (/presentation): the joint council's slide deck, full screen, from the live data."""

from __future__ import annotations

from dash import Dash, Input, Output, State

from dashboard import ids
from dashboard.pages import _inputs
from dashboard.pages._context import page_context
from dashboard.runtime import db_session
from dashboard.urlstate import parse_search
from dashboard.views import presentation as view
from dashboard.views.deck import DeckContext, build_deck, parse_date, parse_slides

KEY = "presentation"
PAGE = {"path": view.PATH, "name": "presentation", "order": 8}


def _start(params: dict) -> int:
    try:
        return int(str(params.get("slide", "1"))[:4])
    except ValueError:
        return 1


def layout(**params: str):
    chosen = parse_slides(params.get("slides"))
    council = parse_date(params.get("date"))
    date = council.isoformat() if council else None
    with db_session() as session:
        ctx = page_context(session, params)
        deck = None
        if not ctx.error:
            deck = build_deck(
                session,
                DeckContext(
                    commune=ctx.commune, year=ctx.year, lang=ctx.lang, council_date=council, slides=chosen
                ),
            )
    return view.deck_layout(ctx, deck, chosen=chosen, date=date, start=_start(params))


def register_callbacks(app: Dash) -> None:
    @app.callback(
        Output(ids.PRES_APPLY, "href"),
        Input(ids.PRES_COMMUNE, "value"),
        Input(ids.PRES_YEAR, "value"),
        Input(ids.PRES_DATE, "value"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def apply_link(commune, year, date, search):
        """The panel's commune, year and council date, as the link that opens that deck."""
        commune, year, date = _inputs.text(commune, 80), _inputs.text(year, 8), _inputs.text(date, 10)
        params = parse_search(_inputs.search(search))
        params.pop("slide", None)
        if commune != params.get("commune"):
            params["year"] = ""  # another commune: its own latest year
            year = ""
        council = parse_date(date)
        with db_session() as session:
            ctx = page_context(session, {**params, "commune": commune, "year": year})
        return view.PATH + view.deck_search(
            ctx, parse_slides(params.get("slides")), council.isoformat() if council else None
        )
