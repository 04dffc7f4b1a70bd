"""Portable backups: every table of the app as JSON in one zip, restorable on SQLite or PostgreSQL.

A dialect's own dump (pg_dump, the .sqlite3 file) cannot move data from one to the other, and
ties a backup to server versions; going through SQLAlchemy's metadata keeps one format for
both. The zip holds `manifest.json` (format, schema revision, row counts) and one
`tables/<name>.json` per table (column names + rows in primary-key order).

A restore runs in one transaction: into an empty database, or over existing data only when
asked (`force`), and only when the backup's schema revision is the database's. The data
version in `app_meta` is restored as it was: the data restored is exactly the data that
version named, so caches keyed by it stay right.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from collections.abc import Iterable
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, Date, DateTime, Numeric, Table, delete, func, insert, select, text
from sqlalchemy.engine import make_url

from dashboard.db.models import Base

FORMAT = "commune-cpas-dashboard-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"


class BackupError(RuntimeError):
    """The backup cannot be written or restored; the message says why in one line."""


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)  # parents before children


def _encode(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _decoder(column) -> Any:
    """Turn a JSON value back into what the column's type binds."""
    kind = column.type
    if isinstance(kind, DateTime):
        return dt.datetime.fromisoformat
    if isinstance(kind, Date):
        return dt.date.fromisoformat
    if isinstance(kind, Numeric) and getattr(kind, "asdecimal", True):
        return Decimal
    return None


def table_rows(connection: Connection, table: Table) -> list[list[Any]]:
    """Every row of `table` in primary-key order, JSON-ready."""
    order = list(table.primary_key.columns) or list(table.columns)
    result = connection.execute(select(table).order_by(*order))
    return [[_encode(value) for value in row] for row in result]


def dump(connection: Connection) -> dict[str, dict[str, Any]]:
    """The whole content of the app's tables as plain data (also what tests compare)."""
    return {
        table.name: {"columns": [c.name for c in table.columns], "rows": table_rows(connection, table)}
        for table in _tables()
    }


def schema_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def write_backup(connection: Connection, target: str | Path | IO[bytes]) -> dict[str, Any]:
    """Write every table to the zip `target`; returns the manifest."""
    content = dump(connection)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_revision": schema_revision(connection),
        "dialect": connection.dialect.name,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "tables": {name: len(table["rows"]) for name, table in content.items()},
    }
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, indent=1))
        for name, table in content.items():
            archive.writestr(f"tables/{name}.json", json.dumps(table, ensure_ascii=False))
    return manifest


def read_backup(source: str | Path | IO[bytes]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The manifest and the tables of a backup, checked for shape before anything is written."""
    try:
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
            if MANIFEST not in names:
                raise BackupError(f"not a backup of this app: {MANIFEST} missing")
            manifest = json.loads(archive.read(MANIFEST))
            if manifest.get("format") != FORMAT:
                raise BackupError(f"not a backup of this app (format {manifest.get('format')!r})")
            if manifest.get("format_version") != FORMAT_VERSION:
                raise BackupError(
                    f"backup format version {manifest.get('format_version')} is not {FORMAT_VERSION}"
                )
            tables = {}
            for name in manifest.get("tables", {}):
                member = f"tables/{name}.json"
                if member not in names:
                    raise BackupError(f"backup is incomplete: {member} missing")
                tables[name] = json.loads(archive.read(member))
    except zipfile.BadZipFile as exc:
        raise BackupError(f"not a zip file: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise BackupError(f"damaged backup: {exc}") from exc
    return manifest, tables


def row_count(connection: Connection) -> int:
    return sum(connection.scalar(select(func.count()).select_from(t)) or 0 for t in _tables())


def _check_compatible(connection: Connection, manifest: dict[str, Any], tables: dict[str, Any]) -> None:
    current = schema_revision(connection)
    if manifest.get("schema_revision") != current:
        raise BackupError(
            f"backup is at schema revision {manifest.get('schema_revision')}, the database at {current}: "
            "restore it with the version of the app that made it"
        )
    known = {t.name: t for t in _tables()}
    unknown = sorted(set(tables) - set(known))
    if unknown:
        raise BackupError(f"backup holds tables this app does not know: {', '.join(unknown)}")
    for name, table in tables.items():
        columns = set(table.get("columns", []))
        expected = {c.name for c in known[name].columns}
        if columns != expected:
            raise BackupError(
                f"table {name}: backup columns {sorted(columns ^ expected)} differ from the database's"
            )


def _wipe(connection: Connection) -> None:
    for table in reversed(_tables()):
        connection.execute(delete(table))


def _reset_sequences(connection: Connection) -> None:
    """PostgreSQL: move each id sequence past the restored ids, or the next insert collides."""
    if connection.dialect.name != "postgresql":
        return
    for table in _tables():
        for column in table.primary_key.columns:
            if column.autoincrement is True or (
                column.autoincrement == "auto"
                and len(table.primary_key.columns) == 1
                and column.type.python_type is int
            ):
                sequence = connection.scalar(
                    text("SELECT pg_get_serial_sequence(:table, :column)"),
                    {"table": table.name, "column": column.name},
                )
                if sequence:
                    connection.execute(
                        text(
                            f'SELECT setval(:seq, COALESCE((SELECT MAX("{column.name}") FROM "{table.name}"), 0) + 1, false)'
                        ),
                        {"seq": sequence},
                    )


def _insert_rows(connection: Connection, table: Table, columns: list[str], rows: Iterable[list[Any]]) -> None:
    decoders = [_decoder(table.c[name]) for name in columns]
    batch = []
    for row in rows:
        batch.append(
            {
                name: (decode(value) if decode and value is not None else value)
                for name, decode, value in zip(columns, decoders, row, strict=True)
            }
        )
        if len(batch) >= 1000:
            connection.execute(insert(table), batch)
            batch = []
    if batch:
        connection.execute(insert(table), batch)


def restore_backup(
    connection: Connection, source: str | Path | IO[bytes], *, force: bool = False
) -> dict[str, Any]:
    """Load a backup into the database of `connection` (the caller's transaction: all or nothing)."""
    manifest, tables = read_backup(source)
    _check_compatible(connection, manifest, tables)
    existing = row_count(connection)
    if existing and not force:
        raise BackupError(f"the database is not empty ({existing} rows); use --force to replace its content")
    _wipe(connection)
    for table in _tables():
        if table.name in tables:
            _insert_rows(connection, table, tables[table.name]["columns"], tables[table.name]["rows"])
    _reset_sequences(connection)
    return manifest


def describe_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)
