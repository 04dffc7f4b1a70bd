"""Account administration and journal paging in a real browser: the journal's 'older' link is
reached and followed with the keyboard only; an admin sets a new password and removes a role."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from dashboard import ids
from dashboard.auth import accounts
from dashboard.auth.passwords import verify_password
from dashboard.auth.permissions import Actor
from dashboard.editing import Change, record_event, write_transaction
from tests.accounts_support import PASSWORD, drop_users, make_users, preserved_history
from tests.browser.conftest import screenshot, wait_js


@pytest.fixture
def staff(engine):
    make_users(engine, ("brw-adm-admin", "admin", "mons"), ("brw-adm-ed", "editor", "mons"))
    with preserved_history(engine):
        yield "brw-adm-admin", "brw-adm-ed"
    drop_users(engine, "brw-adm-admin", "brw-adm-ed")


def _login(page, username: str) -> None:
    page.goto(f"{page.base_url}/connexion?commune=mons")
    page.wait_for_selector(f"#{ids.LOGIN_USERNAME}")
    page.fill(f"#{ids.LOGIN_USERNAME}", username)
    page.fill(f"#{ids.LOGIN_PASSWORD}", PASSWORD)
    page.click(f"#{ids.LOGIN_SUBMIT}")
    page.wait_for_url("**/gestion/synergies**")


def test_brw210_journal_next_page_with_the_keyboard(page, engine, staff):
    actor = Actor("brw-adm-ed", None, (("mons", "editor"),))
    with write_transaction(sessionmaker(engine)) as session:
        for n in range(60):
            record_event(
                session,
                actor,
                kind="edit",
                commune="mons",
                summary=f"paging {n}",
                changes=[Change("test", f"row {n}", "value", n, n + 1)],
                data_changed=False,
            )
    _login(page, staff[1])
    page.goto(f"{page.base_url}/gestion/journal?commune=mons")
    page.wait_for_selector(f"#{ids.JOURNAL_NEXT}")
    assert "Page 1 sur" in page.inner_text(f"#{ids.JOURNAL_PAGER}")
    for _ in range(400):  # Tab through the page until the 'older' link has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == ids.JOURNAL_NEXT:
            break
    else:
        pytest.fail("the 'older' link of the journal is not reachable with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**page=2**")
    wait_js(page, f"(document.getElementById('{ids.JOURNAL_PAGER}').innerText || '').includes('Page 2 sur')")
    assert page.locator(f"#{ids.JOURNAL_TABLE} tbody tr").count() >= 10
    screenshot(page, "staff-journal-page-2")
    assert page.console_log.errors() == []


def test_brw211_admin_sets_a_password_and_removes_a_role(page, engine, staff):
    admin, editor = staff
    _login(page, admin)
    page.goto(f"{page.base_url}/gestion/comptes?commune=mons")
    page.wait_for_selector(f"#{ids.ACC_RESET_SUBMIT}")
    page.fill(f"#{ids.ACC_RESET_USERNAME}", editor)
    page.fill(f"#{ids.ACC_RESET_PASSWORD}", "a new long passphrase")
    page.click(f"#{ids.ACC_RESET_SUBMIT}")
    wait_js(page, f"(document.getElementById('{ids.ACC_MESSAGE}').innerText || '').includes('Nouveau mot')")
    assert page.input_value(f"#{ids.ACC_RESET_PASSWORD}") == ""
    row = page.locator(f"#{ids.ACC_TABLE} tr", has_text=editor)
    row.get_by_role("button", name=f"Retirer le rôle rédacteur — mons du compte {editor}").click()
    wait_js(page, f"(document.getElementById('{ids.ACC_MESSAGE}').innerText || '').includes('retiré')")
    with Session(engine) as session:
        user = accounts.find_user(session, editor)
        assert verify_password(user.password_hash, "a new long passphrase")
        assert user.roles == []
    screenshot(page, "staff-accounts-admin")
    assert page.console_log.errors() == []
