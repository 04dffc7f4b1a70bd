"""Facts about the database itself, kept in `app_meta`: where its data came from and its data version.

Every writer (default-data load, import, staff edit, undo) calls `mark_changed` in the same
transaction as its change. The data version lets caches (several workers, a shared Redis)
tell that what they hold is stale without knowing who wrote; the origin tells start-up
whether the database may still be refreshed from `data/` (only while it holds the default
data untouched).
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.db import models as M

ORIGIN = "origin"
DEFAULT_DATA = "default-data"
EDITED = "edited"
DATA_VERSION = "data_version"
DATA_FINGERPRINT = "data_fingerprint"


def set_meta(session: Session, key: str, value: str) -> None:
    session.merge(M.AppMeta(key=key, value=value))


def get_meta(session: Session, key: str) -> str | None:
    return session.scalar(select(M.AppMeta.value).where(M.AppMeta.key == key))


def data_version(session: Session) -> str:
    """An opaque token that changes with every write of data ('' before the first load)."""
    return get_meta(session, DATA_VERSION) or ""


def mark_changed(session: Session, *, origin: str = EDITED) -> str:
    """Record that data changed in this transaction; returns the new data version.

    `origin=EDITED` (imports, edits) also stops start-up from ever reloading `data/` over the data.
    """
    version = uuid.uuid4().hex
    set_meta(session, DATA_VERSION, version)
    set_meta(session, ORIGIN, origin)
    return version
