"""Maintenance commands: portable backup and restore of the whole database (SQLite or PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import click

from dashboard.cli import fail, main, settings_for


@main.command()
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The backup file to write (a zip of JSON tables).",
)
@click.option("--database-url", help="Overrides DATABASE_URL.")
def backup(output: Path, database_url: str | None) -> None:
    """Write every table to a portable backup file (restorable on SQLite or PostgreSQL)."""
    from sqlalchemy.exc import SQLAlchemyError

    from dashboard.db.backup import describe_url, write_backup
    from dashboard.db.session import make_engine

    settings = settings_for(database_url)
    engine = make_engine(settings.database_url)
    partial = output.with_name(output.name + ".part")
    try:
        with engine.connect() as connection, connection.begin():
            if connection.dialect.name == "postgresql":  # one consistent snapshot of every table
                from sqlalchemy import text

                connection.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
            manifest = write_backup(connection, partial)
        partial.replace(output)
    except (SQLAlchemyError, OSError) as exc:
        partial.unlink(missing_ok=True)
        fail(f"backup of {describe_url(settings.database_url)} failed: {str(exc).splitlines()[0]}")
    rows = sum(manifest["tables"].values())
    click.echo(
        f"wrote {rows} rows of {len(manifest['tables'])} tables "
        f"(schema {manifest['schema_revision']}) to {output}"
    )


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace the content of a database that is not empty.")
@click.option("--database-url", help="Overrides DATABASE_URL.")
def restore(file: Path, force: bool, database_url: str | None) -> None:
    """Load a backup into an empty database (or replace its content with --force), in one transaction."""
    from alembic.util.exc import CommandError
    from sqlalchemy.exc import SQLAlchemyError

    from dashboard.db.backup import BackupError, describe_url, read_backup, restore_backup
    from dashboard.db.migrate import current_revision, upgrade
    from dashboard.db.session import make_engine

    settings = settings_for(database_url)
    engine = make_engine(settings.database_url)
    try:
        if current_revision(engine) is None:
            # a new database gets the backup's schema (`upgrade` moves it on afterwards); others are checked
            revision = read_backup(file)[0].get("schema_revision") or "head"
            try:
                upgrade(engine, revision)
            except CommandError:
                fail(f"{file}: schema revision {revision} is unknown to this version of the app")
        with engine.begin() as connection:
            manifest = restore_backup(connection, file, force=force)
    except BackupError as exc:
        fail(f"{file}: {exc}")
    except SQLAlchemyError as exc:
        fail(
            f"restore into {describe_url(settings.database_url)} failed, nothing written: "
            f"{str(exc).splitlines()[0]}"
        )
    rows = sum(manifest["tables"].values())
    click.echo(
        f"restored {rows} rows of {len(manifest['tables'])} tables from {file} "
        f"into {describe_url(settings.database_url)}"
    )
