"""Staff creation and edit of a synergy (status moves planned → ongoing → done are plain edits)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from sqlalchemy.orm import Session

from dashboard.auth.permissions import Actor
from dashboard.db import enums as E
from dashboard.db import models as M
from dashboard.editing import rows
from dashboard.editing.audit import Change, record_event
from dashboard.editing.errors import InvalidEdit, NotAllowed
from dashboard.editing.matrix import parse_year
from dashboard.importer.specs import parse_deadline

REF_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-/]{0,39}$")
MAX_TITLE = 500
MAX_TEXT = 4000


def _enum(name: str, cls, value: object, *, required: bool) -> str | None:
    if value in (None, "") and not required:
        return None
    if isinstance(value, str) and value in {m.value for m in cls}:
        return value
    raise InvalidEdit("edit.invalid.choice", field=name, value=str(value)[:40])


def _text(name: str, value: object, limit: int, *, required: bool = False) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if required and not text:
        raise InvalidEdit("edit.invalid.required", field=name)
    if len(text) > limit:
        raise InvalidEdit("edit.invalid.too_long", field=name, limit=limit)
    return text


def _optional_year(name: str, value: object) -> int | None:
    if value in (None, ""):
        return None
    year = parse_year(value)
    if year is None:
        raise InvalidEdit("edit.invalid.year", value=str(value)[:20], low=1990, high=2100)
    return year


def clean_synergy(session: Session, commune_id: int, values: Mapping[str, object]) -> dict[str, object]:
    """Validate a submitted form; returns the values to store, raises InvalidEdit for the first problem."""
    service = values.get("service")
    if not isinstance(service, str) or not service:
        raise InvalidEdit("edit.invalid.required", field="service")
    rows.service_id(session, commune_id, service)
    objectives = values.get("objectives") or []
    if not isinstance(objectives, list) or any(o not in {m.value for m in E.Objective} for o in objectives):
        raise InvalidEdit("edit.invalid.choice", field="objectives", value=str(objectives)[:40])
    clean = {
        "title": _text("title", values.get("title"), MAX_TITLE, required=True),
        "service": service,
        "status": _enum("status", E.SynergyStatus, values.get("status"), required=True),
        "report_year": _optional_year("report_year", values.get("report_year")),
        "started_year": _optional_year("started_year", values.get("started_year")),
        "mode": _enum("mode", E.Mode, values.get("mode"), required=False),
        "pilot": _enum("pilot", E.Pilot, values.get("pilot"), required=False),
        "responsible": _text("responsible", values.get("responsible"), MAX_TEXT),
        "objective_text": _text("objective_text", values.get("objective_text"), MAX_TEXT),
        "objectives": sorted(set(objectives), key=[m.value for m in E.Objective].index),
        "means": _text("means", values.get("means"), MAX_TEXT),
        "expected_result": _text("expected_result", values.get("expected_result"), MAX_TEXT),
        "result": _text("result", values.get("result"), MAX_TEXT),
        "deadline": _text("deadline", values.get("deadline"), 80),
        "language": _enum("language", E.Language, values.get("language") or "fr", required=True),
    }
    start, end = parse_deadline(str(clean["deadline"]))
    if start is not None and end is not None and start > end:
        raise InvalidEdit("edit.invalid.deadline", value=str(clean["deadline"]))
    if clean["status"] == E.SynergyStatus.DONE.value and not clean["result"]:
        raise InvalidEdit("edit.invalid.done_needs_result")
    return clean


def save_synergy(
    session: Session, actor: Actor, *, commune: str, ref: str, values: Mapping[str, object], create: bool
) -> M.AuditEvent | None:
    """Create (`create=True`) or update the synergy `ref` of `commune`; None when nothing changed."""
    if not actor.may_edit(commune):
        raise NotAllowed("edit.refused.commune", commune=str(commune)[:60])
    cid = rows.commune_id(session, commune)
    if not isinstance(ref, str) or not REF_PATTERN.match(ref.strip()):
        raise InvalidEdit("edit.invalid.ref", value=str(ref)[:40])
    ref = ref.strip()
    clean = clean_synergy(session, cid, values)
    existing = rows.find_synergy(session, cid, ref)
    if create:
        if existing is not None:
            raise InvalidEdit("edit.invalid.ref_taken", value=ref)
        rows.set_synergy(session, cid, commune, ref, "*", clean)
        changes = [Change("synergy", ref, "*", None, clean)]
        summary = f"synergy {ref} created"
    else:
        if existing is None:
            raise InvalidEdit("edit.invalid.synergy", ref=ref)
        old = rows.synergy_values(session, existing)
        changes = [Change("synergy", ref, k, old.get(k), v) for k, v in clean.items() if old.get(k) != v]
        for change in changes:
            rows.set_synergy(session, cid, commune, ref, change.field, change.new)
        summary = f"synergy {ref}"
    if not changes:
        return None
    return record_event(session, actor, kind="edit", commune=commune, summary=summary, changes=changes)
