"""Account administration: an admin removes a role and sets a new password (page callbacks and
`set-password` CLI), each audited, refused to other communes' admins; the audit trail pages by 50.

Refusals of the two new callbacks to anonymous visitors and other communes' users, with the
database unchanged (roles and password hashes included), are in test_staff_pages (stf001/stf002).
"""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from dash._utils import stringify_id
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from dashboard import create_app, ids
from dashboard.auth import accounts
from dashboard.auth.passwords import verify_password
from dashboard.auth.permissions import Actor, actor_for
from dashboard.auth.web import CSRF_COOKIE
from dashboard.cli import main
from dashboard.db import models as M
from dashboard.editing import Change, InvalidEdit, NotAllowed, record_event, write_transaction
from dashboard.queries import audit as audit_q
from dashboard.views import staff_journal
from tests.accounts_support import PASSWORD, drop_users, login, make_users, preserved_history

USERS = (
    ("adm-tournai", "admin", "tournai"),
    ("adm-mons", "admin", "mons"),
    ("adm-ed", "editor", "tournai"),
)
NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture(scope="module")
def app(settings, engine):
    make_users(engine, *USERS)
    # these tests log in more often than the default limit allows per client address
    with pytest.MonkeyPatch.context() as patch, preserved_history(engine):
        patch.setenv("LOGIN_RATE_LIMIT", "100 per minute")
        yield create_app(settings, engine=engine)
    drop_users(engine, *(u for u, _, _ in USERS))


@pytest.fixture
def editor(engine):
    """A fresh Tournai editor per test (its password and roles are changed by the tests)."""
    make_users(engine, ("adm-target", "editor", "tournai"))
    yield "adm-target"
    drop_users(engine, "adm-target")


def _actor(engine, username: str) -> Actor:
    with Session(engine) as session:
        return actor_for(accounts.find_user(session, username))


def _user(engine, username: str) -> tuple[str, list[tuple[str, str]]]:
    with Session(engine) as session:
        user = accounts.find_user(session, username)
        return user.password_hash, [(r.commune_slug, r.role.value) for r in user.roles]


def _account_events(engine, username: str) -> list[tuple[str, str, str | None, str | None]]:
    with Session(engine) as session:
        rows = session.execute(
            select(
                M.AuditEvent.username, M.AuditChange.field, M.AuditChange.old_value, M.AuditChange.new_value
            )
            .join(M.AuditChange)
            .where(M.AuditEvent.kind == "account", M.AuditChange.entity_key == username)
            .order_by(M.AuditEvent.id)
        ).all()
    return [tuple(r) for r in rows]


def _post(client, app, input_id: str, inputs: list, state: list, changed: str):
    """A Dash callback request as the browser sends it (with the CSRF header of the session)."""
    key = next(k for k, v in app.callback_map.items() if any(input_id in str(i["id"]) for i in v["inputs"]))
    outputs = [
        {"id": o.component_id, "property": o.component_property} for o in app.callback_map[key]["output"]
    ]
    body = {"output": key, "outputs": outputs, "inputs": inputs, "state": state, "changedPropIds": [changed]}
    response = client.post(
        "/_dash-update-component", json=body, headers={"X-CSRFToken": client.get_cookie(CSRF_COOKIE).value}
    )
    assert response.status_code == 200
    return json.dumps(response.get_json(), ensure_ascii=False)


def _logged_in(app, username: str):
    client = app.server.test_client()
    response = login(client, username)
    assert response.status_code == 303 and "error" not in response.headers["Location"]
    return client


def _lang(lang: str = "fr") -> dict:
    return {"id": ids.STAFF_LANG, "property": "data", "value": lang}


def test_adm001_set_password_checks_rights_and_is_audited(app, engine, editor):
    old_hash, _ = _user(engine, editor)
    factory = sessionmaker(engine)
    for who, error in (("adm-mons", NotAllowed), ("adm-ed", NotAllowed)):
        with pytest.raises(error), write_transaction(factory) as session:
            accounts.set_password(session, _actor(engine, who), username=editor, password=NEW_PASSWORD)
    with (
        pytest.raises(InvalidEdit, match=r"account\.invalid\.password"),
        write_transaction(factory) as session,
    ):
        accounts.set_password(session, _actor(engine, "adm-tournai"), username=editor, password="short")
    with (
        pytest.raises(InvalidEdit, match=r"account\.invalid\.unknown"),
        write_transaction(factory) as session,
    ):
        accounts.set_password(
            session, _actor(engine, "adm-tournai"), username="nobody", password=NEW_PASSWORD
        )
    assert _user(engine, editor)[0] == old_hash
    assert [e for e in _account_events(engine, editor) if e[1] == "password"] == []

    with write_transaction(factory) as session:
        accounts.set_password(session, _actor(engine, "adm-tournai"), username=editor, password=NEW_PASSWORD)
    new_hash, _ = _user(engine, editor)
    assert verify_password(new_hash, NEW_PASSWORD) and not verify_password(new_hash, PASSWORD)
    events = [e for e in _account_events(engine, editor) if e[1] == "password"]
    assert events == [("adm-tournai", "password", None, '"reset"')]
    assert new_hash[-12:] not in json.dumps(events) and NEW_PASSWORD not in json.dumps(events)


def test_adm002_admin_resets_a_password_on_the_page_and_the_users_sessions_end(app, engine, editor):
    victim = _logged_in(app, editor)
    assert victim.get("/auth/whoami").get_json()["user"] == editor
    admin = _logged_in(app, "adm-tournai")
    state = [
        {"id": ids.ACC_RESET_USERNAME, "property": "value", "value": editor.upper()},
        {"id": ids.ACC_RESET_PASSWORD, "property": "value", "value": NEW_PASSWORD},
        _lang("en"),
    ]
    submit = [{"id": ids.ACC_RESET_SUBMIT, "property": "n_clicks", "value": 1}]
    text = _post(admin, app, ids.ACC_RESET_SUBMIT, submit, state, f"{ids.ACC_RESET_SUBMIT}.n_clicks")
    assert f"New password of ‘{editor}’ saved" in text
    assert victim.get("/auth/whoami").get_json()["user"] is None  # the old session no longer loads
    assert admin.get("/auth/whoami").get_json()["user"] == "adm-tournai"
    assert "error=credentials" in login(app.server.test_client(), editor).headers["Location"]
    assert login(app.server.test_client(), editor, NEW_PASSWORD).headers["Location"].startswith("/gestion")
    assert [e[0] for e in _account_events(engine, editor) if e[1] == "password"] == ["adm-tournai"]

    weak = [state[0], {**state[1], "value": "short"}, state[2]]
    text = _post(admin, app, ids.ACC_RESET_SUBMIT, submit, weak, f"{ids.ACC_RESET_SUBMIT}.n_clicks")
    assert "Password refused: expected a password of at least 10 characters" in text
    assert verify_password(_user(engine, editor)[0], NEW_PASSWORD)


def test_adm003_admin_removes_a_role_on_the_page(app, engine, editor):
    make_role = sessionmaker(engine)
    with write_transaction(make_role) as session:
        accounts.set_role(session, _actor(engine, "adm-mons"), username=editor, commune="mons", role="editor")
    button = {"type": ids.ACC_REMOVE_ROLE, "user": editor, "commune": "tournai"}
    inputs = [[{"id": button, "property": "n_clicks", "value": 1}]]
    changed = stringify_id(button) + ".n_clicks"

    # the Mons admin may not remove the Tournai role (forged request): refused, nothing changed
    text = _post(_logged_in(app, "adm-mons"), app, ids.ACC_REMOVE_ROLE, inputs, [_lang()], changed)
    assert "Réservé aux administrateurs de « tournai »" in text
    assert sorted(_user(engine, editor)[1]) == [("mons", "editor"), ("tournai", "editor")]

    text = _post(_logged_in(app, "adm-tournai"), app, ids.ACC_REMOVE_ROLE, inputs, [_lang()], changed)
    assert f"Rôle de « {editor} » sur « tournai » retiré." in text
    assert _user(engine, editor)[1] == [("mons", "editor")]
    assert ("adm-tournai", "role@tournai", '"editor"', None) in _account_events(engine, editor)
    # the table sent back no longer offers that button (the user's Mons role is not the admin's)
    assert json.dumps(button, separators=(",", ":")) not in text.replace(" ", "")


def test_adm004_accounts_page_offers_remove_only_where_the_admin_manages(app, engine, editor):
    from flask_login import login_user

    from dashboard.auth.current import SessionUser
    from dashboard.pages import staff_accounts

    actor = _actor(engine, "adm-tournai")
    with app.server.test_request_context("/gestion/comptes"):
        login_user(SessionUser(actor, "0:x"))
        tree = json.dumps(
            staff_accounts.layout(commune="tournai", lang="nl").to_plotly_json(),
            default=lambda o: o.to_plotly_json(),
            ensure_ascii=False,
        )
    assert ids.ACC_RESET_SUBMIT in tree and "Een nieuw wachtwoord instellen" in tree
    assert f"De rol redacteur — tournai van account {editor} verwijderen" in tree
    assert "van account adm-tournai verwijderen" not in tree  # not on one's own account
    assert "adm-mons" not in tree  # an account of another commune is not listed at all


def test_adm005_cli_set_password(app, settings, engine, editor):
    url = ["--database-url", settings.database_url]
    runner = CliRunner()
    session_client = _logged_in(app, editor)
    result = runner.invoke(
        main, ["set-password", editor, "--password-stdin", *url], input=NEW_PASSWORD + "\n"
    )
    assert result.exit_code == 0, result.output
    assert verify_password(_user(engine, editor)[0], NEW_PASSWORD)
    assert session_client.get("/auth/whoami").get_json()["user"] is None
    assert [e[0] for e in _account_events(engine, editor) if e[1] == "password"] == ["cli"]

    prompted = runner.invoke(main, ["set-password", editor, *url], input="another long secret\n" * 2)
    assert prompted.exit_code == 0, prompted.output
    assert verify_password(_user(engine, editor)[0], "another long secret")

    mismatch = runner.invoke(main, ["set-password", editor, *url], input="first long secret\nsecond one!!\n")
    assert mismatch.exit_code != 0
    assert verify_password(_user(engine, editor)[0], "another long secret")

    weak = runner.invoke(main, ["set-password", editor, "--password-stdin", *url], input="short\n")
    assert weak.exit_code == 1 and "at least 10" in weak.output

    unknown = runner.invoke(
        main, ["set-password", "Ghost", "--password-stdin", *url], input=NEW_PASSWORD + "\n"
    )
    assert unknown.exit_code == 1
    assert unknown.output.strip() == "error: unknown user: ghost"


@pytest.fixture
def long_trail(app, engine):
    """120 more events in Mons's trail (removed afterwards)."""
    with preserved_history(engine):
        actor = Actor("adm-mons", None, (("mons", "admin"),))
        with write_transaction(sessionmaker(engine)) as session:
            for n in range(120):
                record_event(
                    session,
                    actor,
                    kind="edit",
                    commune="mons",
                    summary=f"paging test {n}",
                    changes=[Change("test", f"row {n}", "value", n, n + 1)],
                    data_changed=False,
                )
        yield


def _event_ids(tree) -> list[int]:
    text = json.dumps(tree.to_plotly_json(), default=lambda o: o.to_plotly_json())
    return [int(n) for n in re.findall(r'"id": "journal-event-(\d+)"', text)]


def test_adm006_journal_pages_by_50_with_links_that_keep_the_view(app, engine, long_trail):
    with Session(engine) as session:
        total = audit_q.event_count(session, commune="mons")
        every = [
            int(e)
            for e in session.scalars(
                select(M.AuditEvent.id)
                .where(M.AuditEvent.commune_slug == "mons")
                .order_by(M.AuditEvent.at.desc(), M.AuditEvent.id.desc())
            )
        ]
        pages = -(-total // 50)
        assert total >= 120 and pages >= 3
        search = "?commune=mons&lang=nl"
        seen = []
        for page in range(1, pages + 1):
            tree = staff_journal.table(session, "mons", "nl", page=str(page), search=search)
            shown = _event_ids(tree)
            assert len(shown) == (50 if page < pages else total - 50 * (pages - 1))
            seen += shown
            text = json.dumps(tree.to_plotly_json(), default=lambda o: o.to_plotly_json(), ensure_ascii=False)
            assert f"Pagina {page} van {pages}" in text
            if page < pages:
                assert f'"href": "/gestion/journal?commune=mons&lang=nl&page={page + 1}"' in text
        assert seen == every  # every event once, newest first
        first = json.dumps(
            staff_journal.table(session, "mons", "en", page="1", search=search).to_plotly_json(),
            default=lambda o: o.to_plotly_json(),
        )
        assert '"aria-disabled": "true"' in first and '"aria-label": "Audit trail pages"' in first
        for hostile, expected in (("abc", 1), ("-2", 1), ("0", 1), ("99999", pages), (None, 1)):
            tree = staff_journal.table(session, "mons", "fr", page=hostile, search=search)
            assert _event_ids(tree)[0] == every[(expected - 1) * 50], hostile


def test_adm007_journal_page_in_the_url_is_gated(app, engine, long_trail):
    from flask_login import login_user

    from dashboard.auth.current import SessionUser
    from dashboard.pages import staff_journal as page

    def render(actor=None) -> str:
        with app.server.test_request_context("/gestion/journal"):
            if actor is not None:
                login_user(SessionUser(actor, "0:x"))
            return json.dumps(
                page.layout(commune="mons", page="2").to_plotly_json(),
                default=lambda o: o.to_plotly_json(),
                ensure_ascii=False,
            )

    assert "Page 2 sur" in render(_actor(engine, "adm-mons"))
    for refused in (render(), render(_actor(engine, "adm-tournai"))):
        assert ids.JOURNAL_TABLE not in refused and "Page 2 sur" not in refused
