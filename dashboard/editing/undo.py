"""Undo one audited change set: put back every old value, itself recorded as a new event.

An undo is refused (Conflict) when a field no longer holds the value that event wrote:
someone edited it since, and silently overwriting their work would be wrong.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.auth.permissions import Actor
from dashboard.db import models as M
from dashboard.editing import rows
from dashboard.editing.audit import Change, decode, record_event
from dashboard.editing.errors import Conflict, InvalidEdit, NotAllowed

UNDOABLE = ("edit", "undo")


def undone_ids(session: Session, event_ids: list[int]) -> set[int]:
    """Which of these events an undo event already reverted."""
    if not event_ids:
        return set()
    return set(session.scalars(select(M.AuditEvent.undoes_id).where(M.AuditEvent.undoes_id.in_(event_ids))))


def undo_event(session: Session, actor: Actor, event_id: object) -> M.AuditEvent:
    event = session.get(M.AuditEvent, event_id) if isinstance(event_id, int) else None
    if event is None or event.kind not in UNDOABLE or not event.commune_slug:
        raise InvalidEdit("edit.invalid.event", value=str(event_id)[:20])
    commune = event.commune_slug
    if not actor.may_edit(commune):
        raise NotAllowed("edit.refused.commune", commune=commune)
    if undone_ids(session, [event.id]):
        raise Conflict("edit.conflict.already_undone", event=event.id)
    cid = rows.commune_id(session, commune)
    changes = []
    for change in reversed(event.changes):
        if change.entity not in rows.SETTERS:
            raise InvalidEdit("edit.invalid.event", value=str(event.id))
        current = rows.GETTERS[change.entity](session, cid, change.entity_key, change.field)
        wrote, target = decode(change.new_value), decode(change.old_value)
        if current != wrote:
            raise Conflict("edit.conflict.changed_since", row=change.entity_key, field=change.field)
        rows.SETTERS[change.entity](session, cid, commune, change.entity_key, change.field, target)
        changes.append(Change(change.entity, change.entity_key, change.field, wrote, target))
    return record_event(
        session,
        actor,
        kind="undo",
        commune=commune,
        summary=f"undo #{event.id}: {event.summary}"[:500],
        changes=changes,
        undoes=event.id,
    )
