"""The audit trail of a commune as a DataFrame: one row per change, newest event first."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from dashboard.db import models as M

JOURNAL_COLUMNS = [
    "event",
    "at",
    "username",
    "kind",
    "summary",
    "undoes",
    "undone_by",
    "entity",
    "key",
    "field",
    "old",
    "new",
]


def journal(session: Session, *, commune: str, limit: int = 100) -> pd.DataFrame:
    """The last `limit` events of `commune` with their changes; `undone_by` is the undo event's id."""
    undo = aliased(M.AuditEvent)
    events = (
        select(M.AuditEvent.id)
        .where(M.AuditEvent.commune_slug == commune)
        .order_by(M.AuditEvent.at.desc(), M.AuditEvent.id.desc())
        .limit(limit)
        .subquery()
    )
    statement = (
        select(
            M.AuditEvent.id,
            M.AuditEvent.at,
            M.AuditEvent.username,
            M.AuditEvent.kind,
            M.AuditEvent.summary,
            M.AuditEvent.undoes_id,
            undo.id,
            M.AuditChange.entity,
            M.AuditChange.entity_key,
            M.AuditChange.field,
            M.AuditChange.old_value,
            M.AuditChange.new_value,
        )
        .join(events, events.c.id == M.AuditEvent.id)
        .outerjoin(M.AuditChange, M.AuditChange.event_id == M.AuditEvent.id)
        .outerjoin(undo, undo.undoes_id == M.AuditEvent.id)
        .order_by(M.AuditEvent.at.desc(), M.AuditEvent.id.desc(), M.AuditChange.id)
    )
    rows = session.execute(statement).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=JOURNAL_COLUMNS)
