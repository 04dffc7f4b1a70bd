"""Every staff write goes through this package: one transaction holding the change, its audit rows
and the data-version bump (`dashboard.db.meta.mark_changed`).

Functions take a session (the caller owns the transaction, see `write_transaction`) and an
`Actor`; they check the actor's right on the commune themselves, so no entry path (callback,
CLI, test) can skip the check.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session, sessionmaker

from dashboard.editing.audit import Change, record_event
from dashboard.editing.errors import Conflict, EditRefused, InvalidEdit, NotAllowed
from dashboard.editing.matrix import set_matrix_levels
from dashboard.editing.synergies import save_synergy
from dashboard.editing.undo import undo_event


@contextmanager
def write_transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: committed when the block ends normally, rolled back on any exception."""
    session = factory()
    try:
        with session.begin():
            yield session
    finally:
        session.close()


__all__ = [
    "Change",
    "Conflict",
    "EditRefused",
    "InvalidEdit",
    "NotAllowed",
    "record_event",
    "save_synergy",
    "set_matrix_levels",
    "undo_event",
    "write_transaction",
]
