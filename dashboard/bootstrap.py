"""Make a database ready to serve: schema at head, default data loaded on first start."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from dashboard.config import Settings
from dashboard.db import models as M
from dashboard.db.meta import DATA_FINGERPRINT, DEFAULT_DATA, ORIGIN, get_meta
from dashboard.db.migrate import upgrade
from dashboard.importer.load import fingerprint, load_directory

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BootstrapResult:
    action: str  # "loaded", "reloaded", "kept"
    communes: int


def ensure_database(engine: Engine, settings: Settings) -> BootstrapResult:
    """Upgrade the schema; fill an empty database from `data/`.

    A database still holding only the default data is refreshed when `data/`
    changed (a new release corrected a transcription); a database that staff
    have edited or imported into is never overwritten.
    """
    upgrade(engine)
    with Session(engine) as session, session.begin():
        communes = session.scalar(select(func.count()).select_from(M.Commune)) or 0
        if communes == 0:
            load_directory(session, settings.data_dir)
            action = "loaded"
        elif get_meta(session, ORIGIN) == DEFAULT_DATA and get_meta(
            session, DATA_FINGERPRINT
        ) != fingerprint(settings.data_dir):
            load_directory(session, settings.data_dir, replace=True)
            action = "reloaded"
        else:
            action = "kept"
        count = session.scalar(select(func.count()).select_from(M.Commune)) or 0
    log.info("database %s (%d communes)", action, count)
    return BootstrapResult(action, count)
