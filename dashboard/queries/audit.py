"""The audit trail of a commune as a DataFrame: one row per change, newest event first."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select
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


def event_count(session: Session, *, commune: str) -> int:
    """How many events the trail of `commune` holds (for paging)."""
    statement = select(func.count()).select_from(M.AuditEvent).where(M.AuditEvent.commune_slug == commune)
    return int(session.scalar(statement) or 0)


def journal(session: Session, *, commune: str, limit: int = 100, offset: int = 0) -> pd.DataFrame:
    """`limit` events of `commune` (newest first, skipping the `offset` newest) with their changes;
    `undone_by` is the undo event's id."""
    undo = aliased(M.AuditEvent)
    events = (
        select(M.AuditEvent.id)
        .where(M.AuditEvent.commune_slug == commune)
        .order_by(M.AuditEvent.at.desc(), M.AuditEvent.id.desc())
        .limit(limit)
        .offset(offset)
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
