"""Document commands for the clerk who prepares the council pack: the annual synergy report."""

from __future__ import annotations

import time
from pathlib import Path

import click

from dashboard.cli import fail, main, settings_for


@main.command("report")
@click.option("--commune", required=True, help="Commune slug, e.g. tournai.")
@click.option("--year", required=True, type=int, help="Report year, e.g. 2024.")
@click.option("--format", "fmt", type=click.Choice(["pdf", "xlsx"]), required=True)
@click.option("--lang", type=click.Choice(["fr", "nl", "en"]), default="fr", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--database-url", help="Overrides DATABASE_URL.")
def report(commune: str, year: int, fmt: str, lang: str, output: Path, database_url: str | None) -> None:
    """Write the annual synergy report (PDF to annex to the deliberation, or XLSX)."""
    import logging

    from sqlalchemy.orm import Session

    from dashboard.db.session import make_engine
    from dashboard.exports.report import ReportUnavailable, build_report

    for noisy in ("kaleido", "choreographer"):  # one line per rendered radar otherwise
        logging.getLogger(noisy).setLevel(logging.WARNING)
    engine = make_engine(settings_for(database_url).database_url)
    started = time.perf_counter()
    try:
        with Session(engine) as session:
            document = build_report(session, commune=commune, year=year, lang=lang)
    except ReportUnavailable as error:
        fail(str(error))
    if fmt == "pdf":
        from dashboard.exports.report_pdf import report_pdf

        content = report_pdf(document)
    else:
        from dashboard.exports.report_xlsx import report_xlsx

        content = report_xlsx(document)
    try:
        output.write_bytes(content)
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror}")
    click.echo(f"wrote {output} ({len(content):,} bytes) in {time.perf_counter() - started:.1f} s")
