"""Staff writes: validation, per-commune rights, audit rows, undo, and the public queries seeing the edit."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from dashboard.auth.permissions import ANONYMOUS, Actor
from dashboard.db import models as M
from dashboard.db.meta import EDITED, ORIGIN, data_version, get_meta
from dashboard.editing import (
    Conflict,
    InvalidEdit,
    NotAllowed,
    record_event,
    save_synergy,
    set_matrix_levels,
    undo_event,
)
from dashboard.editing.audit import Change
from dashboard.queries import matrix as matrix_q
from dashboard.queries import synergies as synergy_q

TOURNAI_EDITOR = Actor("ed-tournai", None, (("tournai", "editor"),))
MONS_EDITOR = Actor("ed-mons", None, (("mons", "editor"),))
REGISTERS = ("fonctionnement", "management", "competences", "formalisation", "ressources")


def _a_matrix(session, commune="tournai"):
    row = session.execute(
        select(M.MatrixLevel.year, M.Service.code)
        .join(M.Service, M.Service.id == M.MatrixLevel.service_id)
        .join(M.Commune, M.Commune.id == M.MatrixLevel.commune_id)
        .where(M.Commune.slug == commune)
        .order_by(M.MatrixLevel.year.desc(), M.Service.code)
        .limit(1)
    ).one()
    return row.year, row.code


def _levels(session, commune, year, service):
    rows = session.execute(
        select(M.MatrixLevel.register, M.MatrixLevel.level)
        .join(M.Service, M.Service.id == M.MatrixLevel.service_id)
        .join(M.Commune, M.Commune.id == M.MatrixLevel.commune_id)
        .where(M.Commune.slug == commune, M.MatrixLevel.year == year, M.Service.code == service)
    ).all()
    return {r.register.value: r.level for r in rows}


def test_edt001_matrix_edit_is_audited_and_visible_in_public_queries(session):
    year, service = _a_matrix(session)
    before = _levels(session, "tournai", year, service)
    version = data_version(session)
    wanted = dict(before, management=(before["management"] + 1) % 6)
    event = set_matrix_levels(
        session, TOURNAI_EDITOR, commune="tournai", year=year, service=service, levels=wanted
    )
    assert event is not None and event.kind == "edit" and event.username == "ed-tournai"
    [change] = event.changes
    assert (change.entity, change.field) == ("matrix_level", "level")
    assert change.entity_key == f"{year}/{service}/management"
    assert (int(change.old_value), int(change.new_value)) == (before["management"], wanted["management"])
    assert data_version(session) != version and get_meta(session, ORIGIN) == EDITED
    public = matrix_q.matrix_levels(session, commune="tournai", years=[year], services=[service])
    cell = public[public["register"] == "management"]
    assert int(cell["level"].iloc[0]) == wanted["management"]
    assert _levels(session, "tournai", year, service) == wanted


def test_edt002_same_values_record_nothing(session):
    year, service = _a_matrix(session)
    before = _levels(session, "tournai", year, service)
    count = session.scalar(select(func.count()).select_from(M.AuditEvent))
    assert (
        set_matrix_levels(
            session, TOURNAI_EDITOR, commune="tournai", year=year, service=service, levels=before
        )
        is None
    )
    assert session.scalar(select(func.count()).select_from(M.AuditEvent)) == count


@pytest.mark.parametrize("actor", [ANONYMOUS, MONS_EDITOR], ids=["anonymous", "other-commune"])
def test_edt003_every_write_refuses_anonymous_and_other_commune(session, actor):
    year, service = _a_matrix(session)
    levels = _levels(session, "tournai", year, service)
    with pytest.raises(NotAllowed):
        set_matrix_levels(session, actor, commune="tournai", year=year, service=service, levels=levels)
    ref = session.scalar(
        select(M.Synergy.ref)
        .join(M.Commune, M.Commune.id == M.Synergy.commune_id)
        .where(M.Commune.slug == "tournai")
    )
    with pytest.raises(NotAllowed):
        save_synergy(session, actor, commune="tournai", ref=ref, values={}, create=False)
    with pytest.raises(NotAllowed):
        save_synergy(session, actor, commune="tournai", ref="NEW-1", values={}, create=True)
    event = set_matrix_levels(
        session,
        TOURNAI_EDITOR,
        commune="tournai",
        year=year,
        service=service,
        levels=dict(levels, ressources=(levels["ressources"] + 1) % 6),
    )
    with pytest.raises(NotAllowed):
        undo_event(session, actor, event.id)
    assert (
        session.scalar(
            select(func.count()).select_from(M.AuditEvent).where(M.AuditEvent.undoes_id == event.id)
        )
        == 0
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("management", 7),
        ("management", -1),
        ("management", "3.5"),
        ("management", None),
        ("management", True),
    ],
)
def test_edt004_out_of_range_levels_are_refused_before_writing(session, field, value):
    year, service = _a_matrix(session)
    levels = _levels(session, "tournai", year, service)
    with pytest.raises(InvalidEdit) as caught:
        set_matrix_levels(
            session,
            TOURNAI_EDITOR,
            commune="tournai",
            year=year,
            service=service,
            levels=dict(levels, **{field: value}),
        )
    assert caught.value.key == "edit.invalid.level"
    assert _levels(session, "tournai", year, service) == levels


def test_edt005_unknown_service_and_bad_year_are_refused(session):
    levels = dict.fromkeys(REGISTERS, 2)
    with pytest.raises(InvalidEdit) as caught:
        set_matrix_levels(
            session, TOURNAI_EDITOR, commune="tournai", year=2024, service="nope", levels=levels
        )
    assert caught.value.key == "edit.invalid.service"
    _, service = _a_matrix(session)
    with pytest.raises(InvalidEdit) as caught:
        set_matrix_levels(
            session, TOURNAI_EDITOR, commune="tournai", year="deux mille", service=service, levels=levels
        )
    assert caught.value.key == "edit.invalid.year"


def test_edt006_undo_reverts_and_is_itself_recorded_and_undoable(session):
    year, service = _a_matrix(session)
    before = _levels(session, "tournai", year, service)
    after = {k: (v + 1) % 6 for k, v in before.items()}
    event = set_matrix_levels(
        session, TOURNAI_EDITOR, commune="tournai", year=year, service=service, levels=after
    )
    assert len(event.changes) == 5
    undo = undo_event(session, TOURNAI_EDITOR, event.id)
    assert undo.kind == "undo" and undo.undoes_id == event.id and len(undo.changes) == 5
    assert _levels(session, "tournai", year, service) == before
    with pytest.raises(Conflict):
        undo_event(session, TOURNAI_EDITOR, event.id)
    redo = undo_event(session, TOURNAI_EDITOR, undo.id)  # undoing the undo re-applies the edit
    assert redo.undoes_id == undo.id
    assert _levels(session, "tournai", year, service) == after


def test_edt007_undo_refuses_when_the_value_changed_since(session):
    year, service = _a_matrix(session)
    before = _levels(session, "tournai", year, service)
    first = set_matrix_levels(
        session,
        TOURNAI_EDITOR,
        commune="tournai",
        year=year,
        service=service,
        levels=dict(before, competences=(before["competences"] + 1) % 6),
    )
    set_matrix_levels(
        session,
        TOURNAI_EDITOR,
        commune="tournai",
        year=year,
        service=service,
        levels=dict(before, competences=(before["competences"] + 2) % 6),
    )
    with pytest.raises(Conflict):
        undo_event(session, TOURNAI_EDITOR, first.id)


def test_edt008_new_year_matrix_is_created_and_undo_removes_it(session):
    _, service = _a_matrix(session)
    levels = dict.fromkeys(REGISTERS, 3)
    event = set_matrix_levels(
        session, TOURNAI_EDITOR, commune="tournai", year=2031, service=service, levels=levels
    )
    assert all(c.old_value is None for c in event.changes)
    assert _levels(session, "tournai", 2031, service) == levels
    undo_event(session, TOURNAI_EDITOR, event.id)
    assert _levels(session, "tournai", 2031, service) == {}


def _service(session, commune="tournai"):
    return session.scalar(
        select(M.Service.code)
        .join(M.Commune, M.Commune.id == M.Service.commune_id)
        .where(M.Commune.slug == commune)
        .order_by(M.Service.code)
    )


def test_edt009_synergy_create_move_planned_ongoing_done_and_undo(session):
    service = _service(session)
    values = {
        "title": "Marché conjoint de papier",
        "service": service,
        "status": "projetee",
        "report_year": 2025,
        "objectives": ["moyens"],
        "mode": "cooperatif",
        "pilot": "les_deux",
    }
    created = save_synergy(
        session, TOURNAI_EDITOR, commune="tournai", ref="T-NEW-1", values=values, create=True
    )
    assert created.changes[0].field == "*"
    frame = synergy_q.synergies(session, commune="tournai")
    assert "T-NEW-1" in set(frame["ref"])
    ongoing = save_synergy(
        session,
        TOURNAI_EDITOR,
        commune="tournai",
        ref="T-NEW-1",
        values=dict(values, status="en_cours"),
        create=False,
    )
    assert [(c.field, c.old_value, c.new_value) for c in ongoing.changes] == [
        ("status", '"projetee"', '"en_cours"')
    ]
    with pytest.raises(InvalidEdit) as caught:  # done needs a result
        save_synergy(
            session,
            TOURNAI_EDITOR,
            commune="tournai",
            ref="T-NEW-1",
            values=dict(values, status="realisee"),
            create=False,
        )
    assert caught.value.key == "edit.invalid.done_needs_result"
    save_synergy(
        session,
        TOURNAI_EDITOR,
        commune="tournai",
        ref="T-NEW-1",
        values=dict(values, status="realisee", result="Un seul marché"),
        create=False,
    )
    frame = synergy_q.synergies(session, commune="tournai")
    assert frame.loc[frame["ref"] == "T-NEW-1", "status"].iloc[0] == "realisee"
    with pytest.raises(InvalidEdit):
        save_synergy(session, TOURNAI_EDITOR, commune="tournai", ref="T-NEW-1", values=values, create=True)
    with pytest.raises(Conflict):  # the row changed since its creation: undo the later edits first
        undo_event(session, TOURNAI_EDITOR, created.id)


def test_edt010_synergy_validation_messages(session):
    service = _service(session)
    base = {"title": "X", "service": service, "status": "projetee"}
    cases = [
        ({**base, "title": " "}, "edit.invalid.required"),
        ({**base, "status": "fini"}, "edit.invalid.choice"),
        ({**base, "report_year": "20x5"}, "edit.invalid.year"),
        ({**base, "service": "inconnu"}, "edit.invalid.service"),
        ({**base, "objectives": ["autre"]}, "edit.invalid.choice"),
        ({**base, "deadline": "2027-2025"}, "edit.invalid.deadline"),
    ]
    for values, key in cases:
        with pytest.raises(InvalidEdit) as caught:
            save_synergy(session, TOURNAI_EDITOR, commune="tournai", ref="T-BAD", values=values, create=True)
        assert caught.value.key == key, values
    with pytest.raises(InvalidEdit) as caught:
        save_synergy(session, TOURNAI_EDITOR, commune="tournai", ref="bad ref!", values=base, create=True)
    assert caught.value.key == "edit.invalid.ref"
    assert "T-BAD" not in set(synergy_q.synergies(session, commune="tournai")["ref"])


def test_edt011_record_event_for_import_batches(session):
    version = data_version(session)
    event = record_event(
        session,
        TOURNAI_EDITOR,
        kind="import",
        commune="tournai",
        summary="tournai-2025.xlsx",
        changes=[Change("import", "2025/matrix", "rows", 0, 125)],
    )
    assert event.id and event.changes[0].new_value == "125" and data_version(session) != version
    with pytest.raises(ValueError):
        record_event(session, TOURNAI_EDITOR, kind="bogus", commune="tournai")


def test_edt012_reloading_data_keeps_accounts_and_audit_trail(session):
    from dashboard.auth import accounts
    from dashboard.auth.permissions import SYSTEM
    from dashboard.importer.load import load_directory
    from tests.conftest import DATA_DIR

    accounts.create_user(
        session, SYSTEM, username="keep-me", password="long enough pw", role="editor", commune="mons"
    )
    year, service = _a_matrix(session)
    levels = _levels(session, "tournai", year, service)
    set_matrix_levels(
        session,
        TOURNAI_EDITOR,
        commune="tournai",
        year=year,
        service=service,
        levels=dict(levels, management=(levels["management"] + 1) % 6),
    )
    events = session.scalar(select(func.count()).select_from(M.AuditEvent))
    load_directory(session, DATA_DIR, replace=True)
    assert accounts.find_user(session, "keep-me") is not None
    assert session.scalar(select(func.count()).select_from(M.AuditEvent)) == events
    assert _levels(session, "tournai", year, service) == levels  # the data itself was reloaded


def test_edt013_undo_of_a_creation_removes_it_and_undoing_that_brings_it_back(session):
    service = _service(session)
    values = {"title": "Cellule marchés", "service": service, "status": "projetee", "objectives": ["moyens"]}
    created = save_synergy(
        session, TOURNAI_EDITOR, commune="tournai", ref="T-UNDO", values=values, create=True
    )
    removed = undo_event(session, TOURNAI_EDITOR, created.id)
    assert "T-UNDO" not in set(synergy_q.synergies(session, commune="tournai")["ref"])
    undo_event(session, TOURNAI_EDITOR, removed.id)
    frame = synergy_q.synergies(session, commune="tournai")
    row = frame[frame["ref"] == "T-UNDO"].iloc[0]
    assert (row["title"], row["status"], row["objectives"]) == ("Cellule marchés", "projetee", "moyens")


def test_edt014_account_rules_per_commune(session):
    from dashboard.auth import accounts
    from dashboard.auth.permissions import SYSTEM

    mons_admin = Actor("adm-mons", None, (("mons", "admin"),))
    accounts.create_user(
        session, SYSTEM, username="t-ed", password="long enough pw", role="editor", commune="tournai"
    )
    with pytest.raises(NotAllowed):  # a Mons admin cannot hand out rights on Tournai
        accounts.create_user(
            session, mons_admin, username="x-1", password="long enough pw", role="editor", commune="tournai"
        )
    with pytest.raises(NotAllowed):
        accounts.set_role(session, mons_admin, username="t-ed", commune="tournai", role="admin")
    with pytest.raises(NotAllowed):  # nor deactivate a Tournai account
        accounts.set_active(session, mons_admin, username="t-ed", active=False)
    with pytest.raises(NotAllowed):
        accounts.create_user(
            session,
            TOURNAI_EDITOR,
            username="x-2",
            password="long enough pw",
            role="editor",
            commune="tournai",
        )
    accounts.set_role(session, mons_admin, username="t-ed", commune="mons", role="editor")
    user = accounts.find_user(session, "t-ed")
    assert sorted((r.commune_slug, r.role.value) for r in user.roles) == [
        ("mons", "editor"),
        ("tournai", "editor"),
    ]
    with pytest.raises(NotAllowed):  # still a Tournai account too: only an admin of both may deactivate it
        accounts.set_active(session, mons_admin, username="t-ed", active=False)
    with pytest.raises(InvalidEdit) as caught:
        accounts.create_user(
            session, SYSTEM, username="bad name!", password="long enough pw", role="editor", commune="mons"
        )
    assert caught.value.key == "account.invalid.username"
    assert accounts.authenticate(session, "t-ed", "long enough pw") is not None
    accounts.set_active(session, SYSTEM, username="t-ed", active=False)
    assert accounts.authenticate(session, "t-ed", "long enough pw") is None
