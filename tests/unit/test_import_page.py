"""The staff import page at service level: permission, preview (report or diff), confirm, template route."""

from __future__ import annotations

import base64
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from dashboard import create_app
from dashboard.db import models as M
from dashboard.importer.access import may_import
from dashboard.views import importer as view
from tests.unit.test_app import _texts
from tests.unit.test_import_files import MATRIX_HEADER, REGISTERS, dump, matrix_rows, workbook


@pytest.fixture(scope="module")
def app(settings, engine):
    return create_app(settings, engine=engine)


def _as(app, *roles: tuple[str, str]):
    """A request in which a user with `roles` ((commune or '*', role), ...) is logged in."""
    from flask_login import login_user

    from dashboard.auth.current import SessionUser
    from dashboard.auth.permissions import Actor

    context = app.server.test_request_context("/gestion/import")
    context.push()
    login_user(SessionUser(Actor("import-editor", None, roles), "0:x"))
    return context


@pytest.fixture
def allowed(app):
    """An editor of every commune (a workbook describing a new commune needs that)."""
    context = _as(app, ("*", "editor"))
    yield
    context.pop()


@pytest.fixture
def sessions(session):
    """Sessions inside the test's transaction: a confirmed import is rolled back after the test."""
    return sessionmaker(bind=session.connection(), join_transaction_mode="create_savepoint")


def _upload(name: str, data: bytes) -> tuple[list[str], list[str]]:
    return [f"data:application/octet-stream;base64,{base64.b64encode(data).decode()}"], [name]


def _text(component) -> str:
    return " ".join(_texts(component))


def test_ipg001_import_needs_an_editor_of_that_commune(app, sessions, session):
    assert not may_import("tournai")  # no request, nobody logged in
    client = app.server.test_client()
    assert client.get("/gestion/import").status_code == 200
    from dashboard.pages import importer

    with app.server.test_request_context("/gestion/import"):
        page = importer.layout(commune="tournai")
        assert "réservé au personnel autorisé" in _text(page)
        contents, names = _upload("m.xlsx", b"")
        report, token = view.preview(sessions, contents, names, "tournai", None, "fr")
        assert token is None and "réservé" in _text(report)
    # an editor of Mons may not import into Tournai, nor create a commune
    before = dump(session)
    good = workbook({"matrix": [MATRIX_HEADER, *matrix_rows(2025, "rh", [1, 2, 3, 4, 5])]})
    context = _as(app, ("mons", "editor"))
    try:
        assert may_import("mons") and not may_import("tournai") and not may_import("")
        report, token = view.preview(sessions, *_upload("annuel.xlsx", good), "tournai", 2025, "fr")
        assert token is None and "réservé" in _text(report)
        done = view.confirm(sessions, *_upload("annuel.xlsx", good), "tournai", 2025, "forged", "fr")
        assert "réservé" in _text(done)
    finally:
        context.pop()
    assert dump(session) == before


def test_ipg002_preview_shows_refusal_problems_or_diff(allowed, sessions, session):
    before = dump(session)
    report, token = view.preview(sessions, *_upload("rapport.xlsx", b"%PDF-1.4"), "tournai", None, "nl")
    assert token is None and "hernoemd PDF-document" in _text(report)
    bad = workbook({"matrix": [MATRIX_HEADER, *matrix_rows(2025, "rh", [7, 1, 1, 1, 1])]})
    report, token = view.preview(sessions, *_upload("jaar.xlsx", bad), "tournai", None, "fr")
    assert token is None and "un niveau entre 0 et 5" in _text(report) and "Matrices" in _text(report)
    good = workbook({"matrix": [MATRIX_HEADER, *matrix_rows(2025, "rh", [1, 2, 3, 4, 5])]})
    report, token = view.preview(sessions, *_upload("annuel.xlsx", good), "tournai", 2025, "fr")
    assert token and "Lignes ajoutées" in _text(report) and "Matrices" in _text(report)
    assert dump(session) == before  # previews write nothing


def test_ipg003_confirm_needs_the_previewed_files_and_writes_once(allowed, sessions, session):
    good = workbook({"matrix": [MATRIX_HEADER, *matrix_rows(2025, "rh", [1, 2, 3, 4, 5])]})
    contents, names = _upload("annuel.xlsx", good)
    _, token = view.preview(sessions, contents, names, "tournai", 2025, "fr")
    other = workbook({"matrix": [MATRIX_HEADER, *matrix_rows(2025, "rh", [5, 5, 5, 5, 5])]})
    expired = view.confirm(sessions, *_upload("annuel.xlsx", other), "tournai", 2025, token, "fr")
    assert "expiré" in _text(expired)
    done = view.confirm(sessions, contents, names, "tournai", 2025, token, "fr")
    assert "Import terminé : 5 ajoutée(s)" in _text(done)
    levels = session.scalars(select(M.MatrixLevel.level).where(M.MatrixLevel.year == 2025)).all()
    assert sorted(levels) == [1, 2, 3, 4, 5]
    # the batch is in the audit trail: who, which file, how many rows per dataset
    event = session.scalars(select(M.AuditEvent).where(M.AuditEvent.kind == "import")).one()
    assert (event.username, event.commune_slug, event.summary) == ("import-editor", "tournai", "annuel.xlsx")
    assert [(c.entity_key, c.field, c.new_value) for c in event.changes] == [("matrix", "added", "5")]


def test_ipg004_forged_upload_values_are_refused_not_crashing(allowed, sessions):
    for contents, names in (
        (None, None),
        ("x", 3),
        (["data:;base64,@@@"], ["a.xlsx"]),
        ([1], ["a"]),
        (["a"] * 99, ["a"] * 99),
    ):
        report, token = view.preview(sessions, contents, names, "tournai", None, "en")
        assert token is None
        assert "File refused" in _text(report)


def test_ipg005_template_route_serves_the_workbook(app):
    response = app.server.test_client().get("/import/modele.xlsx?commune=tournai")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    assert "Matrices" in book.sheetnames and "Légende" in book.sheetnames


def test_ipg006_a_new_communes_workbook_creates_it_from_the_page(allowed, sessions, session, monkeypatch):
    from dashboard.importer.template import build_workbook
    from tests.unit.test_import_flow import _fill

    commune = {
        "slug": "val-page",
        "name": "Val-Page",
        "name_nl": "Val-Page",
        "ins_code": "99998",
        "region": "wallonie",
        "arrondissement": "Mons",
        "commune_name": "Ville",
        "cpas_name": "CPAS",
    }
    services = [{"code": "rh", "name": "RH", "group": "support"}]
    matrix = [{"year": 2025, "service": "rh", "register": r, "level": 2} for r in REGISTERS]
    data = _fill(build_workbook(), {"communes": [commune], "services": services, "matrix": matrix})
    contents, names = _upload("val-page.xlsx", data)
    report, token = view.preview(sessions, contents, names, "tournai", None, "fr")
    assert token and "Commune" in _text(report) and "Matrices" in _text(report)
    done = view.confirm(sessions, contents, names, "tournai", None, token, "fr")
    assert "Import terminé : 7 ajoutée(s)" in _text(done)
    created = session.scalar(select(M.Commune).where(M.Commune.slug == "val-page"))
    assert created is not None and {a.name for a in created.administrations} == {"Ville", "CPAS"}
