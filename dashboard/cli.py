"""Command line: `python -m dashboard <command>`. Every command honours DATABASE_URL."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from dashboard.config import Settings, default_database_path


def _settings(database_url: str | None) -> Settings:
    overrides = {"database_url": database_url} if database_url else {}
    return Settings.from_env(**overrides)


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


@click.group(
    help="Synergy and social-indicator dashboard for Belgian communes and their CPAS.\n\n"
    f"Database: DATABASE_URL, default sqlite:///{default_database_path()}"
)
def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")


@main.command("init-db")
@click.option("--database-url", help="Overrides DATABASE_URL.")
@click.option(
    "--data-dir", type=click.Path(file_okay=False, path_type=Path), help="Default: the project's data/."
)
@click.option("--reset", is_flag=True, help="Delete every row first, then load the data again.")
def init_db(database_url: str | None, data_dir: Path | None, reset: bool) -> None:
    """Create the schema (migrations) and load the default data from data/."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from dashboard.db import models as M
    from dashboard.db.migrate import upgrade
    from dashboard.db.session import make_engine
    from dashboard.importer.load import load_directory
    from dashboard.importer.problems import ValidationFailed

    settings = _settings(database_url)
    data_dir = data_dir or settings.data_dir
    engine = make_engine(settings.database_url)
    upgrade(engine)
    try:
        with Session(engine) as session, session.begin():
            existing = session.scalar(select(func.count()).select_from(M.Commune)) or 0
            if existing and not reset:
                _fail(f"the database already holds {existing} communes; use --reset to reload {data_dir}")
            bundle = load_directory(session, data_dir, replace=bool(existing))
    except ValidationFailed as exc:
        click.echo(exc.report(), err=True)
        sys.exit(1)
    total = sum(sum(c.values()) for c in bundle.counts().values())
    click.echo(
        f"loaded {total} rows for {len(bundle.communes)} communes from {data_dir} "
        f"into {engine.url.render_as_string(hide_password=True)}"
    )


@main.command()
@click.option("--database-url", help="Overrides DATABASE_URL.")
def upgrade(database_url: str | None) -> None:
    """Apply schema migrations, keeping existing data."""
    from dashboard.db.migrate import current_revision
    from dashboard.db.migrate import upgrade as run_upgrade
    from dashboard.db.session import make_engine

    engine = make_engine(_settings(database_url).database_url)
    run_upgrade(engine)
    click.echo(f"schema at revision {current_revision(engine)}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8050, show_default=True, type=int)
@click.option("--database-url", help="Overrides DATABASE_URL.")
@click.option("--debug", is_flag=True, help="Dash dev tools and reloading (development only).")
def serve(host: str, port: int, database_url: str | None, debug: bool) -> None:
    """Serve the app; on first start the database is created and filled from data/."""
    from dashboard import create_app
    from dashboard.bootstrap import ensure_database
    from dashboard.db.session import make_engine
    from dashboard.importer.problems import ValidationFailed

    settings = _settings(database_url)
    if debug and settings.environment == "production":
        _fail("--debug is refused when DASHBOARD_ENV=production")
    engine = make_engine(settings.database_url)
    try:
        result = ensure_database(engine, settings)
    except ValidationFailed as exc:
        click.echo(exc.report(), err=True)
        sys.exit(1)
    click.echo(
        f"database {result.action}: {result.communes} communes "
        f"({engine.url.render_as_string(hide_password=True)})"
    )
    app = create_app(settings, engine=engine)
    click.echo(f"serving on http://{host}:{port}/")
    app.run(host=host, port=port, debug=debug)


if __name__ == "__main__":
    main()
