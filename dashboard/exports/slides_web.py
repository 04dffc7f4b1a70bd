"""GET /exports/slides.pptx|pdf?commune=&year=&lang=&slides=&date= — the deck as a file to download.

The parameters are the presentation mode's own, so the download button hands over exactly the deck
on screen. Bad parameters get a one-line 4xx answer, never a stack trace.
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from dashboard.exports import slides as slide_files
from dashboard.pages._context import page_context
from dashboard.runtime import db_session
from dashboard.views.deck import DeckContext, build_deck, parse_date, parse_slides

MAX_PARAM = 400


def create_blueprint() -> Blueprint:
    blueprint = Blueprint("slide_files", __name__)

    @blueprint.get("/exports/slides.<fmt>")
    def slides(fmt: str) -> Response:
        if fmt not in slide_files.FORMATS:
            return Response(
                f"unknown format {fmt[:10]!r}: use slides.pptx or slides.pdf\n", 404, mimetype="text/plain"
            )
        params = {
            k: v[:MAX_PARAM]
            for k, v in request.args.items()
            if k in ("commune", "year", "lang", "slides", "date")
        }
        with db_session() as session:
            ctx = page_context(session, params)
            if ctx.error:
                return Response(ctx.error + "\n", 404, mimetype="text/plain")
            if params.get("year") and str(ctx.year) != params["year"]:
                years = ", ".join(map(str, ctx.years)) or "-"
                return Response(
                    f"no data for year {params['year']!r}; years: {years}\n", 404, mimetype="text/plain"
                )
            deck = build_deck(
                session,
                DeckContext(
                    commune=ctx.commune,
                    year=ctx.year,
                    lang=ctx.lang,
                    council_date=parse_date(params.get("date")),
                    slides=parse_slides(params.get("slides")),
                ),
            )
        body = slide_files.build(deck, fmt)
        response = Response(body, 200, mimetype=slide_files.FORMATS[fmt])
        response.headers["Content-Disposition"] = f'attachment; filename="{slide_files.file_name(deck, fmt)}"'
        return response

    return blueprint
