"""Staff edit of the five register levels (0..5) of one service in one year."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from dashboard.auth.permissions import Actor
from dashboard.db import enums as E
from dashboard.db import models as M
from dashboard.editing import rows
from dashboard.editing.audit import Change, record_event
from dashboard.editing.errors import InvalidEdit, NotAllowed

MIN_YEAR, MAX_YEAR = 1990, 2100


def parse_level(value: object) -> int | None:
    """0..5 as an int, from an int or a digit string; None when it is anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) and 0 <= value <= 5 else None


def parse_year(value: object) -> int | None:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return (
        value
        if isinstance(value, int) and not isinstance(value, bool) and MIN_YEAR <= value <= MAX_YEAR
        else None
    )


def set_matrix_levels(
    session: Session, actor: Actor, *, commune: str, year: object, service: str, levels: Mapping[str, object]
) -> M.AuditEvent | None:
    """Write the five levels of `service` in `year`; returns the audit event, or None if nothing changed.

    Every register must be given (a matrix is always complete). Raises NotAllowed /
    InvalidEdit before writing anything.
    """
    if not actor.may_edit(commune):
        raise NotAllowed("edit.refused.commune", commune=str(commune)[:60])
    cid = rows.commune_id(session, commune)
    checked_year = parse_year(year)
    if checked_year is None:
        raise InvalidEdit("edit.invalid.year", value=str(year)[:20], low=MIN_YEAR, high=MAX_YEAR)
    rows.service_id(session, cid, service)
    wanted: dict[str, int] = {}
    for register in E.Register:
        level = parse_level(levels.get(register.value))
        if level is None:
            given = levels.get(register.value)
            raise InvalidEdit(
                "edit.invalid.level", register=register.value, value="" if given is None else str(given)[:20]
            )
        wanted[register.value] = level
    changes = []
    for register, level in wanted.items():
        key = rows.matrix_key(checked_year, service, register)
        old = rows.get_matrix(session, cid, key, "level")
        if old != level:
            rows.set_matrix(session, cid, commune, key, "level", level)
            changes.append(Change("matrix_level", key, "level", old, level))
    if not changes:
        return None
    return record_event(
        session,
        actor,
        kind="edit",
        commune=commune,
        summary=f"matrix {service} {checked_year}",
        changes=changes,
    )
