"""The import page in a real browser: a refused file and a valid one's preview (nothing confirmed,
so the shared test database is not written)."""

from __future__ import annotations

import pytest

from tests.accounts_support import drop_users, make_users
from tests.browser.conftest import screenshot, wait_js
from tests.browser.test_staff import _login
from tests.unit.test_import_files import MATRIX_HEADER, matrix_rows, workbook


@pytest.fixture
def importer(engine):
    make_users(engine, ("brw-importer", "editor", "tournai"))
    yield "brw-importer"
    drop_users(engine, "brw-importer")


def test_brw060_upload_shows_refusal_then_preview(page, tmp_path, importer):
    page.goto(page.base_url + "/gestion/import?commune=tournai")
    page.wait_for_selector("main h1")
    assert "réservé au personnel autorisé" in page.inner_text("main")  # anonymous: no upload
    assert page.locator("#imp-upload").count() == 0
    _login(page, importer)
    page.goto(page.base_url + "/gestion/import?commune=tournai")
    page.wait_for_selector("main h1")
    assert page.locator("a[href='/import/modele.xlsx?commune=tournai']").count() == 1
    pdf = tmp_path / "rapport.xlsx"
    pdf.write_bytes(b"%PDF-1.4 renamed")
    page.set_input_files("#imp-upload input[type=file]", str(pdf))
    wait_js(page, "document.querySelector('#imp-report .alert-danger') !== null")
    assert "document PDF renommé" in page.inner_text("#imp-report")
    assert page.is_disabled("#imp-confirm")

    good = tmp_path / "annuel.xlsx"
    good.write_bytes(workbook({"matrix": [MATRIX_HEADER, *matrix_rows(2025, "rh", [1, 2, 3, 4, 5])]}))
    page.set_input_files("#imp-upload input[type=file]", str(good))
    wait_js(page, "document.querySelector('#imp-diff-table') !== null")
    assert "Matrices" in page.inner_text("#imp-diff-table")
    assert page.is_enabled("#imp-confirm")
    screenshot(page, "import-preview")
    assert page.console_log.errors() == []
