"""Shared fixtures: a database seeded from data/ (SQLite by default, PostgreSQL when asked) and
guards that make CI fail when a required part of the suite did not run.

Environment:
- TEST_DATABASE_URL: run the database tests against this URL (e.g. PostgreSQL) instead of SQLite.
  The database is emptied and rebuilt by the run.
- REQUIRE_POSTGRES=1: fail unless TEST_DATABASE_URL is a reachable PostgreSQL.
- REQUIRE_BROWSER=1: fail (instead of skipping) when no Chromium is found, and fail the run if
  any browser test was skipped.
- TEST_DATA_DIR: seed the test database from this directory instead of data/ (for trying a
  corrected transcription before it replaces data/).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text
from sqlalchemy.orm import Session

from dashboard.config import PROJECT_DIR, Settings
from dashboard.db.migrate import upgrade
from dashboard.db.models import Base
from dashboard.db.session import make_engine
from dashboard.importer.load import load_directory

DATA_DIR = Path(os.environ.get("TEST_DATA_DIR") or PROJECT_DIR / "data")
_STATE: dict[str, object] = {"dialect": None, "browser_skips": 0}


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip() not in ("", "0", "false", "no")


def _test_database_url(tmp_dir: Path) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        from dashboard.config import normalise_database_url

        return normalise_database_url(url)
    if _flag("REQUIRE_POSTGRES"):
        pytest.exit("REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set", returncode=1)
    return f"sqlite:///{tmp_dir / 'test.sqlite3'}"


def reset_database(engine: Engine) -> None:
    """Drop every table of the app (and Alembic's), so migrations start from nothing."""
    Base.metadata.drop_all(engine)
    with engine.begin() as connection:
        if inspect(connection).has_table("alembic_version"):
            connection.execute(text("DROP TABLE alembic_version"))


@pytest.fixture(scope="session")
def session_tmp() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="dashboard-tests-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def engine(session_tmp: Path) -> Iterator[Engine]:
    """The test database, migrated to head and filled from data/ once per run."""
    url = _test_database_url(session_tmp)
    engine = make_engine(url)
    try:
        with engine.connect():
            pass
    except Exception as exc:
        pytest.exit(f"cannot connect to the test database {url}: {exc}", returncode=1)
    if _flag("REQUIRE_POSTGRES") and engine.dialect.name != "postgresql":
        pytest.exit(f"REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is {engine.dialect.name}", returncode=1)
    _STATE["dialect"] = engine.dialect.name
    reset_database(engine)
    upgrade(engine)
    with Session(engine) as session, session.begin():
        load_directory(session, DATA_DIR)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session whose changes are rolled back after the test (savepoints keep commits inside)."""
    connection = engine.connect()
    outer = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint")
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        connection.close()


@pytest.fixture(scope="session")
def settings(engine: Engine) -> Settings:
    return Settings.from_env(database_url=engine.url.render_as_string(hide_password=False), data_dir=DATA_DIR)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and "browser" in report.keywords:
        _STATE["browser_skips"] = int(_STATE["browser_skips"]) + 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    problems = []
    if _flag("REQUIRE_POSTGRES") and _STATE["dialect"] not in (None, "postgresql"):
        problems.append(f"REQUIRE_POSTGRES=1 but the database tests ran on {_STATE['dialect']}")
    if _flag("REQUIRE_POSTGRES") and _STATE["dialect"] is None and session.testscollected:
        problems.append("REQUIRE_POSTGRES=1 but no database test ran")
    if _flag("REQUIRE_BROWSER") and _STATE["browser_skips"]:
        problems.append(f"REQUIRE_BROWSER=1 but {_STATE['browser_skips']} browser test(s) were skipped")
    if problems:
        for problem in problems:
            print(f"\nREQUIRED PART OF THE SUITE DID NOT RUN: {problem}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
