"""The audit trail: every write records who, when, what, old value → new value.

`record_event` is the one way to add to it (staff edits, undo, import batches, account
changes); it also bumps the data version (`mark_changed`) when data changed, in the caller's
transaction, so the write and its history commit or roll back together.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from dashboard.auth.permissions import Actor
from dashboard.db import models as M
from dashboard.db.meta import mark_changed

KINDS = ("edit", "undo", "import", "account")


@dataclass(frozen=True)
class Change:
    """One field of one row. `None` as old value means created, as new value means deleted."""

    entity: str
    key: str
    field: str
    old: object = None
    new: object = None


def encode(value: object) -> str | None:
    """Values are kept as JSON text (numbers stay numbers, text stays text)."""
    if value is None:
        return None
    return json.dumps(getattr(value, "value", value), ensure_ascii=False, default=str)


def decode(text: str | None) -> object:
    return None if text is None else json.loads(text)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def record_event(
    session: Session,
    actor: Actor,
    *,
    kind: str,
    commune: str | None,
    summary: str = "",
    changes: Iterable[Change] = (),
    undoes: int | None = None,
    data_changed: bool = True,
) -> M.AuditEvent:
    """Add one audit event with its changes to the current transaction (the caller commits).

    For an import batch: `kind="import"`, one Change per dataset or row as you see fit
    (e.g. Change("import", "2025/matrix", "rows", old=120, new=125)), `summary` = file name.
    """
    if kind not in KINDS:
        raise ValueError(f"audit kind must be one of {KINDS}, not {kind!r}")
    event = M.AuditEvent(
        at=now(),
        user_id=actor.user_id,
        username=actor.username[:60] or "?",
        commune_slug=commune,
        kind=kind,
        summary=summary,
        undoes_id=undoes,
        changes=[
            M.AuditChange(
                entity=c.entity,
                entity_key=c.key[:200],
                field=c.field,
                old_value=encode(c.old),
                new_value=encode(c.new),
            )
            for c in changes
        ],
    )
    session.add(event)
    if data_changed:
        mark_changed(session)
    session.flush()
    return event
