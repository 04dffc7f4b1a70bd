"""Staff flow in a real browser: log in, fix a matrix level through the form, see it in the
journal, undo it; the CSRF header script makes the logged-in callbacks pass, the CSP holds."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect
from sqlalchemy.orm import Session

from dashboard import ids
from dashboard.queries import matrix as matrix_q
from tests.accounts_support import PASSWORD, drop_users, make_users, preserved_history
from tests.browser.conftest import screenshot, wait_js


@pytest.fixture
def editor(engine):
    make_users(engine, ("brw-editor", "editor", "tournai"))
    with preserved_history(engine):
        yield "brw-editor"
    drop_users(engine, "brw-editor")


def _levels(engine, year: int, service: str) -> dict[str, int]:
    with Session(engine) as session:
        frame = matrix_q.matrix_levels(session, commune="tournai", years=[year], services=[service])
    return {r: int(v) for r, v in zip(frame["register"], frame["level"], strict=True)}


def _dict_id(**parts: str) -> str:
    return "[id='" + json.dumps(dict(sorted(parts.items())), separators=(",", ":")) + "']"


def test_brw200_login_fix_a_level_see_it_in_the_journal_and_undo(page, engine, editor):
    base = page.base_url
    page.goto(f"{base}/connexion?commune=tournai")
    page.wait_for_selector(f"#{ids.LOGIN_USERNAME}")
    page.fill(f"#{ids.LOGIN_USERNAME}", editor)
    page.fill(f"#{ids.LOGIN_PASSWORD}", PASSWORD)
    page.click(f"#{ids.LOGIN_SUBMIT}")
    page.wait_for_url("**/gestion/synergies**")
    page.wait_for_selector(f"#{ids.STAFF_BAR}")

    page.goto(f"{base}/gestion/matrices?commune=tournai")
    page.wait_for_selector(f"#{ids.GMAT_SAVE}")
    service = page.input_value(f"#{ids.GMAT_SERVICE}")
    year = int(page.input_value(f"#{ids.GMAT_YEAR}"))
    before = _levels(engine, year, service)
    select = _dict_id(type=ids.GMAT_LEVEL, register="management")
    assert int(page.input_value(select)) == before["management"]
    new_level = (before["management"] + 1) % 6
    page.select_option(select, str(new_level))
    page.click(f"#{ids.GMAT_SAVE}")
    wait_js(page, f"(document.getElementById('{ids.GMAT_MESSAGE}').innerText || '').includes('Enregistré')")
    assert _levels(engine, year, service) == dict(before, management=new_level)
    screenshot(page, "staff-matrix-saved")

    page.goto(f"{base}/gestion/journal?commune=tournai")
    page.wait_for_selector(f"#{ids.JOURNAL_TABLE} table")
    first_row = page.locator(f"#{ids.JOURNAL_TABLE} tbody tr").first
    row_text = first_row.inner_text()
    assert editor in row_text
    assert f"{year}/{service}/management" in row_text
    assert f"{before['management']} → {new_level}" in row_text
    first_row.locator("button").click()
    wait_js(page, f"(document.getElementById('{ids.JOURNAL_MESSAGE}').innerText || '').includes('annulée')")
    assert _levels(engine, year, service) == before
    page.wait_for_selector(f"#{ids.JOURNAL_TABLE} tbody tr >> text=annulation")
    screenshot(page, "staff-journal-undone")

    # logging out ends the staff session; the editing page then shows no form
    page.click(f"#{ids.STAFF_BAR} button[type=submit]")
    page.wait_for_url("**/connexion**")
    page.goto(f"{base}/gestion/matrices?commune=tournai")
    page.wait_for_selector("text=réservée au personnel connecté")
    assert page.locator(f"#{ids.GMAT_SAVE}").count() == 0
    assert page.console_log.errors() == []


def test_brw201_public_pages_show_only_a_discreet_staff_link(page):
    page.goto(f"{page.base_url}/synergies?commune=tournai")
    page.wait_for_selector("footer a[href^='/connexion']")
    assert page.locator(f"#{ids.STAFF_BAR}").count() == 0
    assert page.console_log.errors() == []


def _login(page, username: str) -> None:
    page.goto(f"{page.base_url}/connexion?commune=tournai")
    page.wait_for_selector(f"#{ids.LOGIN_USERNAME}")
    page.fill(f"#{ids.LOGIN_USERNAME}", username)
    page.fill(f"#{ids.LOGIN_PASSWORD}", PASSWORD)
    page.click(f"#{ids.LOGIN_SUBMIT}")
    page.wait_for_url("**/gestion/synergies**")


@pytest.fixture
def admin(engine):
    make_users(engine, ("brw-admin", "admin", "tournai"))
    with preserved_history(engine):
        yield "brw-admin"
    drop_users(engine, "brw-admin", "brw-new")


def test_brw202_synergy_form_creates_then_moves_planned_to_ongoing(page, engine, admin):
    from sqlalchemy import delete, select

    from dashboard.db import models as M

    _login(page, admin)
    page.wait_for_selector(f"#{ids.GSYN_SAVE}")
    field = lambda name: _dict_id(type=ids.GSYN_FIELD, field=name)  # noqa: E731
    page.fill(field("ref"), "BRW-1")
    page.fill(field("title"), "Achat groupé de fournitures")
    page.fill(field("report_year"), "2025")
    page.click(f"#{ids.GSYN_SAVE}")
    try:
        wait_js(page, f"(document.getElementById('{ids.GSYN_MESSAGE}').innerText || '').includes('BRW-1')")
        assert page.input_value(f"#{ids.GSYN_PICK}") == "BRW-1"
        expect(page.locator(field("ref"))).to_be_disabled()
        page.select_option(field("status"), "en_cours")
        page.click(f"#{ids.GSYN_SAVE}")
        wait_js(
            page,
            f"(document.getElementById('{ids.GSYN_MESSAGE}').innerText || '').includes('1 modification')",
        )
        page.select_option(field("status"), "realisee")  # done without a result: refused in the form
        page.click(f"#{ids.GSYN_SAVE}")
        wait_js(page, f"(document.getElementById('{ids.GSYN_MESSAGE}').innerText || '').includes('résultat')")
        screenshot(page, "staff-synergy-form")
        with Session(engine) as session:
            status = session.scalar(select(M.Synergy.status).where(M.Synergy.ref == "BRW-1"))
        assert status.value == "en_cours"
        assert page.console_log.errors() == []
    finally:
        with Session(engine) as session, session.begin():
            session.execute(delete(M.Synergy).where(M.Synergy.ref == "BRW-1"))
            session.execute(delete(M.Source).where(M.Source.id == "edit-tournai"))  # provenance of typed rows


def test_brw203_admin_creates_an_account_and_deactivates_it(page, admin):
    _login(page, admin)
    page.goto(f"{page.base_url}/gestion/comptes?commune=tournai")
    page.wait_for_selector(f"#{ids.ACC_SUBMIT}")
    page.fill(f"#{ids.ACC_USERNAME}", "brw-new")
    page.fill(f"#{ids.ACC_PASSWORD}", "another long password")
    page.click(f"#{ids.ACC_SUBMIT}")
    wait_js(page, f"(document.getElementById('{ids.ACC_MESSAGE}').innerText || '').includes('brw-new')")
    row = page.locator(f"#{ids.ACC_TABLE} tr", has_text="brw-new")
    assert "rédacteur — tournai" in row.inner_text()
    row.locator("button", has_text="Désactiver").click()
    wait_js(page, f"(document.getElementById('{ids.ACC_MESSAGE}').innerText || '').includes('désactivé')")
    assert "désactivé" in page.locator(f"#{ids.ACC_TABLE} tr", has_text="brw-new").inner_text()
    screenshot(page, "staff-accounts")
    assert page.console_log.errors() == []
