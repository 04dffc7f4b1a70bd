"""Reading and writing one audited field of one row, by natural key (what undo replays).

A row is named by a key that survives a reload of the data (service code, synergy ref),
never by a database id. Field '*' of a synergy is the whole row: None = absent.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.db import enums as E
from dashboard.db import models as M
from dashboard.editing.errors import InvalidEdit
from dashboard.importer.specs import parse_deadline

EDIT_SOURCE_TITLE = "Saisie par le personnel (formulaires de gestion)"


def commune_id(session: Session, slug: str) -> int:
    found = session.scalar(select(M.Commune.id).where(M.Commune.slug == slug))
    if found is None:
        raise InvalidEdit("edit.invalid.commune", commune=str(slug)[:60])
    return found


def service_id(session: Session, commune: int, code: str) -> int:
    found = session.scalar(
        select(M.Service.id).where(M.Service.commune_id == commune, M.Service.code == code)
    )
    if found is None:
        raise InvalidEdit("edit.invalid.service", service=str(code)[:60])
    return found


def edit_source(session: Session, slug: str) -> str:
    """The provenance of rows typed in by staff: one source per commune, created on first use."""
    source_id = f"edit-{slug}"[:40]
    if session.get(M.Source, source_id) is None:
        session.add(
            M.Source(
                id=source_id, file="", title=EDIT_SOURCE_TITLE, commune_slug=slug, language=E.Language.FR
            )
        )
        session.flush()
    return source_id


# --- matrix levels: key "YEAR/SERVICE/REGISTER", field "level" ---------------------------------


def matrix_key(year: int, service: str, register: str) -> str:
    return f"{year}/{service}/{register}"


def _matrix_row(session: Session, commune: int, key: str) -> tuple[M.MatrixLevel | None, tuple]:
    year_text, service, register = key.split("/", 2)
    sid = service_id(session, commune, service)
    row = session.scalar(
        select(M.MatrixLevel).where(
            M.MatrixLevel.commune_id == commune,
            M.MatrixLevel.year == int(year_text),
            M.MatrixLevel.service_id == sid,
            M.MatrixLevel.register == E.Register(register),
        )
    )
    return row, (int(year_text), sid, E.Register(register))


def get_matrix(session: Session, commune: int, key: str, field: str) -> object:
    row, _ = _matrix_row(session, commune, key)
    return None if row is None else row.level


def set_matrix(session: Session, commune: int, slug: str, key: str, field: str, value: object) -> None:
    row, (year, sid, register) = _matrix_row(session, commune, key)
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(
            M.MatrixLevel(
                commune_id=commune,
                year=year,
                service_id=sid,
                register=register,
                level=int(value),
                source_id=edit_source(session, slug),
                section="",
            )
        )
    else:
        row.level = int(value)
    session.flush()


# --- synergies: key = ref; fields below, or '*' for the whole row ------------------------------

SYNERGY_FIELDS = (
    "title",
    "service",
    "status",
    "report_year",
    "started_year",
    "mode",
    "pilot",
    "responsible",
    "objective_text",
    "objectives",
    "means",
    "expected_result",
    "result",
    "deadline",
    "language",
)
_ENUMS = {"status": E.SynergyStatus, "mode": E.Mode, "pilot": E.Pilot, "language": E.Language}


def find_synergy(session: Session, commune: int, ref: str) -> M.Synergy | None:
    return session.scalar(select(M.Synergy).where(M.Synergy.commune_id == commune, M.Synergy.ref == ref))


def synergy_values(session: Session, row: M.Synergy) -> dict[str, object]:
    """The editable fields of a synergy as plain JSON values."""
    service = session.get(M.Service, row.service_id)
    values: dict[str, object] = {}
    for name in SYNERGY_FIELDS:
        if name == "service":
            values[name] = service.code if service else None
        elif name == "objectives":
            values[name] = [o.objective.value for o in row.objectives]
        else:
            value = getattr(row, name)
            values[name] = getattr(value, "value", value)
    return values


def _assign(session: Session, row: M.Synergy, commune: int, name: str, value: object) -> None:
    if name == "service":
        row.service_id = service_id(session, commune, str(value))
    elif name == "objectives":
        row.objectives = [
            M.SynergyObjective(objective=E.Objective(code), position=i) for i, code in enumerate(value or [])
        ]
    elif name in _ENUMS:
        setattr(row, name, None if value in (None, "") else _ENUMS[name](value))
    elif name == "deadline":
        row.deadline = str(value or "")
        row.deadline_from, row.deadline_to = parse_deadline(row.deadline)
    elif name in ("report_year", "started_year"):
        setattr(row, name, None if value is None else int(value))
    else:
        setattr(row, name, "" if value is None else str(value))


def get_synergy(session: Session, commune: int, key: str, field: str) -> object:
    row = find_synergy(session, commune, key)
    if row is None:
        return None
    values = synergy_values(session, row)
    return values if field == "*" else values[field]


def set_synergy(session: Session, commune: int, slug: str, key: str, field: str, value: object) -> None:
    row = find_synergy(session, commune, key)
    if field == "*":
        if value is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            values = dict(value)  # type: ignore[arg-type]
            row = M.Synergy(
                commune_id=commune,
                ref=key,
                title="",
                status=E.SynergyStatus.PLANNED,
                language=E.Language.FR,
                source_id=edit_source(session, slug),
                section="",
            )
            row.service_id = service_id(session, commune, str(values["service"]))
            session.add(row)
            for name in SYNERGY_FIELDS:
                _assign(session, row, commune, name, values.get(name))
        session.flush()
        return
    if row is None:
        raise InvalidEdit("edit.invalid.synergy", ref=key)
    _assign(session, row, commune, field, value)
    session.flush()


GETTERS = {"matrix_level": get_matrix, "synergy": get_synergy}
SETTERS = {"matrix_level": set_matrix, "synergy": set_synergy}
