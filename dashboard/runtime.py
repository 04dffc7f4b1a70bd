"""What a running app hands to its layouts, callbacks and routes: settings and a session factory.

Stored on the Flask app (`app.extensions`), never in a module-level global, so
several apps (tests) can live in one process.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from dashboard.config import Settings
from dashboard.db.session import read_session

EXTENSION_KEY = "commune_cpas_dashboard"


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    built_pages: frozenset[str] = frozenset()


def runtime() -> Runtime:
    return current_app.extensions[EXTENSION_KEY]


@contextmanager
def db_session() -> Iterator[Session]:
    """A read session for the current request."""
    with read_session(runtime().sessions) as session:
        yield session
