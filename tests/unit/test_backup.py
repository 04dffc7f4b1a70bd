"""Backup and restore: backup → wipe → restore gives back an identical dump, on SQLite and PostgreSQL;
bad backups and non-empty targets are refused without writing anything."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from click.testing import CliRunner
from sqlalchemy import insert, select

from dashboard.cli import main
from dashboard.db import models as M
from dashboard.db.backup import BackupError, dump, restore_backup, row_count, write_backup
from dashboard.db.session import make_engine


def _url(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _rewrite(source: io.BytesIO, change) -> io.BytesIO:
    """A copy of a backup zip with `change(name, data) -> data` applied to every member."""
    out = io.BytesIO()
    source.seek(0)
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w") as zout:
        for name in zin.namelist():
            zout.writestr(name, change(name, zin.read(name)))
    out.seek(0)
    return out


def test_bak001_backup_wipe_restore_gives_an_identical_dump(engine):
    with engine.connect() as connection, connection.begin() as outer:
        before = dump(connection)
        archive = io.BytesIO()
        manifest = write_backup(connection, archive)
        assert manifest["tables"]["commune"] == len(before["commune"]["rows"]) > 0
        restore_backup(connection, io.BytesIO(archive.getvalue()), force=True)  # wipes first
        assert dump(connection) == before
        outer.rollback()


def test_bak002_restore_into_an_emptied_database_and_keep_inserting(engine):
    with engine.connect() as connection, connection.begin() as outer:
        before = dump(connection)
        archive = io.BytesIO()
        write_backup(connection, archive)
        for table in reversed(M.Base.metadata.sorted_tables):
            connection.execute(table.delete())
        assert row_count(connection) == 0
        restore_backup(connection, io.BytesIO(archive.getvalue()))
        assert dump(connection) == before
        # ids sequences moved past the restored rows (PostgreSQL): a new row gets a fresh id
        source = connection.scalar(select(M.Source.id).limit(1))
        new_id = connection.execute(
            insert(M.Commune)
            .values(
                slug="nouvelle",
                name="Nouvelle",
                name_nl="Nieuw",
                ins_code="99999",
                region="wallonie",
                arrondissement="Test",
                source_id=source,
                section="",
            )
            .returning(M.Commune.id)
        ).scalar_one()
        assert new_id > max(row[0] for row in before["commune"]["rows"])
        outer.rollback()


def test_bak003_cli_backup_then_forced_restore_on_the_test_database(engine, tmp_path):
    runner = CliRunner()
    target = tmp_path / "backup.zip"
    with engine.connect() as connection:
        before = dump(connection)
    result = runner.invoke(main, ["backup", "-o", str(target), "--database-url", _url(engine)])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and target.exists()
    refused = runner.invoke(main, ["restore", str(target), "--database-url", _url(engine)])
    assert refused.exit_code == 1
    assert "not empty" in refused.output and "--force" in refused.output
    result = runner.invoke(main, ["restore", str(target), "--force", "--database-url", _url(engine)])
    assert result.exit_code == 0, result.output
    with engine.connect() as connection:
        assert dump(connection) == before


def test_bak004_cli_restore_into_a_new_sqlite_database(engine, tmp_path):
    runner = CliRunner()
    target = tmp_path / "backup.zip"
    assert runner.invoke(main, ["backup", "-o", str(target), "--database-url", _url(engine)]).exit_code == 0
    fresh_url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    result = runner.invoke(main, ["restore", str(target), "--database-url", fresh_url])
    assert result.exit_code == 0, result.output
    fresh = make_engine(fresh_url)
    try:
        with engine.connect() as a, fresh.connect() as b:
            assert dump(a) == dump(b)
    finally:
        fresh.dispose()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda name, data: (
                data
                if name != "manifest.json"
                else json.dumps({**json.loads(data), "schema_revision": "0000_other"}).encode()
            ),
            "schema revision",
        ),
        (
            lambda name, data: (
                data
                if name != "manifest.json"
                else json.dumps({**json.loads(data), "format": "something-else"}).encode()
            ),
            "not a backup",
        ),
        (
            lambda name, data: (
                data
                if name != "tables/commune.json"
                else json.dumps({"columns": ["id", "slug"], "rows": []}).encode()
            ),
            "columns",
        ),
    ],
    ids=["revision", "format", "columns"],
)
def test_bak005_incompatible_backups_are_refused_before_any_write(engine, change, message):
    with engine.connect() as connection, connection.begin() as outer:
        before = dump(connection)
        archive = io.BytesIO()
        write_backup(connection, archive)
        with pytest.raises(BackupError, match=message):
            restore_backup(connection, _rewrite(archive, change), force=True)
        assert dump(connection) == before
        outer.rollback()


def test_bak006_a_row_breaking_a_constraint_leaves_the_database_unchanged(engine, tmp_path):
    """The restore fails midway (after earlier tables were written): the one transaction rolls back."""
    with engine.connect() as connection:
        before = dump(connection)
        archive = io.BytesIO()
        write_backup(connection, archive)
        connection.rollback()

    def break_a_level(name, data):
        if name != "tables/matrix_level.json":
            return data
        table = json.loads(data)
        table["rows"][-1][table["columns"].index("level")] = 9  # CHECK level BETWEEN 0 AND 5
        return json.dumps(table).encode()

    bad = tmp_path / "bad.zip"
    bad.write_bytes(_rewrite(archive, break_a_level).getvalue())
    result = CliRunner().invoke(main, ["restore", str(bad), "--force", "--database-url", _url(engine)])
    assert result.exit_code == 1
    assert "nothing written" in result.output
    with engine.connect() as connection:
        assert dump(connection) == before


def test_bak007_not_a_zip(engine, tmp_path):
    bogus = tmp_path / "report.zip"
    bogus.write_bytes(b"%PDF-1.7 not a backup")
    result = CliRunner().invoke(main, ["restore", str(bogus), "--database-url", _url(engine)])
    assert result.exit_code == 1
    assert "not a zip file" in result.output


def test_bak008_an_older_backup_restores_into_a_new_database_then_upgrades(engine, tmp_path):
    """A backup made before migration 0003 goes into a new database at its own revision; upgrade follows."""
    from dashboard.db.migrate import current_revision

    archive = io.BytesIO()
    with engine.connect() as connection:
        write_backup(connection, archive)
        before = dump(connection)
    older = tmp_path / "older.zip"
    older.write_bytes(
        _rewrite(
            archive,
            lambda name, data: (
                data
                if name != "manifest.json"
                else json.dumps({**json.loads(data), "schema_revision": "0002"}).encode()
            ),
        ).getvalue()
    )
    fresh_url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    runner = CliRunner()
    result = runner.invoke(main, ["restore", str(older), "--database-url", fresh_url])
    assert result.exit_code == 0, result.output
    fresh = make_engine(fresh_url)
    try:
        assert current_revision(fresh) == "0002"
        assert runner.invoke(main, ["upgrade", "--database-url", fresh_url]).exit_code == 0
        assert current_revision(fresh) != "0002"
        with fresh.connect() as connection:
            assert dump(connection) == before
    finally:
        fresh.dispose()
    unknown = tmp_path / "unknown.zip"
    unknown.write_bytes(
        _rewrite(
            archive,
            lambda name, data: (
                data
                if name != "manifest.json"
                else json.dumps({**json.loads(data), "schema_revision": "9999_future"}).encode()
            ),
        ).getvalue()
    )
    result = runner.invoke(
        main, ["restore", str(unknown), "--database-url", f"sqlite:///{tmp_path / 'other.sqlite3'}"]
    )
    assert result.exit_code == 1 and "unknown to this version" in result.output
