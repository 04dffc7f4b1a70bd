"""`python -m dashboard slides`: the joint council's deck as PPTX or PDF, for the clerk's council pack."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from dashboard.cli import fail, main, settings_for


@main.command()
@click.option("--commune", required=True, help="Commune slug, e.g. tournai.")
@click.option("--year", type=int, help="Report year (default: the commune's latest).")
@click.option("--format", "fmt", type=click.Choice(["pptx", "pdf"]), required=True)
@click.option("--lang", type=click.Choice(["fr", "nl", "en"]), default="fr", show_default=True)
@click.option("--slides", "chosen", help="Slides in order, e.g. title,trend,radars (default: all).")
@click.option("--date", "council_date", help="Date of the joint council, YYYY-MM-DD.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--database-url", help="Overrides DATABASE_URL.")
def slides(
    commune: str,
    year: int | None,
    fmt: str,
    lang: str,
    chosen: str | None,
    council_date: str | None,
    output: Path,
    database_url: str | None,
) -> None:
    """Write the presentation-mode deck of COMMUNE for YEAR as a PPTX or PDF file."""
    from sqlalchemy.orm import Session

    from dashboard.bootstrap import ensure_database
    from dashboard.db.session import make_engine
    from dashboard.exports import slides as slide_files
    from dashboard.queries import communes as communes_q
    from dashboard.views.deck import SLIDE_KEYS, DeckContext, build_deck, parse_date, parse_slides

    for noisy in ("kaleido", "choreographer", "alembic"):  # their INFO lines drown the one that matters
        logging.getLogger(noisy).setLevel(logging.WARNING)
    settings = settings_for(database_url)
    date = parse_date(council_date) if council_date else None
    if council_date and date is None:
        fail(f"--date {council_date!r} is not a date like 2025-01-27")
    if chosen:
        unknown = [k for k in chosen.split(",") if k.strip() and k.strip() not in SLIDE_KEYS]
        if unknown:
            fail(f"unknown slide(s) {', '.join(unknown)}; choose from {', '.join(SLIDE_KEYS)}")
    engine = make_engine(settings.database_url)
    ensure_database(engine, settings)
    with Session(engine) as session:
        known = communes_q.commune_slugs(session)
        if commune not in known:
            fail(f"unknown commune {commune!r}; known: {', '.join(known)}")
        years = communes_q.data_years(session, commune=commune)
        if year is not None and year not in years:
            fail(f"{commune} has no data for {year}; years: {', '.join(map(str, years)) or 'none'}")
        if year is None and years:
            year = years[0]
        deck = build_deck(
            session,
            DeckContext(
                commune=commune, year=year, lang=lang, council_date=date, slides=parse_slides(chosen)
            ),
        )
    data = slide_files.build(deck, fmt)
    try:
        output.write_bytes(data)
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror}")
    click.echo(f"{output}: {len(deck.slides)} slides ({', '.join(deck.slide_keys())})")
    for _key, why in deck.omitted:
        click.echo(f"  {why}")
