"""Database commands: create and fill the database, apply migrations."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dashboard.cli import fail, main, settings_for


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

    settings = settings_for(database_url)
    data_dir = data_dir or settings.data_dir
    engine = make_engine(settings.database_url)
    upgrade(engine)
    try:
        with Session(engine) as session, session.begin():
            existing = session.scalar(select(func.count()).select_from(M.Commune)) or 0
            if existing and not reset:
                fail(f"the database already holds {existing} communes; use --reset to reload {data_dir}")
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

    engine = make_engine(settings_for(database_url).database_url)
    run_upgrade(engine)
    click.echo(f"schema at revision {current_revision(engine)}")
