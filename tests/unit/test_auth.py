"""Login, logout, wrong password, login throttling, CSRF, password hashing and the account commands."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard import create_app
from dashboard.auth.passwords import hash_password, verify_password
from dashboard.auth.web import CSRF_COOKIE, safe_next
from dashboard.cli import main
from dashboard.config import Settings
from dashboard.db import models as M
from tests.accounts_support import PASSWORD, csrf_token, drop_users, login, make_users

USERS = (("auth-ed", "editor", "tournai"), ("auth-admin", "admin", "mons"))


@pytest.fixture(scope="module")
def users(engine):
    make_users(engine, *USERS)
    yield
    drop_users(engine, *(u for u, _, _ in USERS))


@pytest.fixture
def client(users, settings, engine):
    """A fresh app per test: login throttling counts per app, and each test starts at zero."""
    return create_app(settings, engine=engine).server.test_client()


def _callback_body(commune: str = "mons") -> dict:
    """A real callback of the shell (commune select → URL), as Dash's renderer posts it."""
    return {
        "output": "..url.search...url.refresh..",
        "outputs": [{"id": "url", "property": "search"}, {"id": "url", "property": "refresh"}],
        "inputs": [
            {"id": "commune-select", "property": "value", "value": commune},
            {"id": "year-select", "property": "value", "value": ""},
            {"id": "language-select", "property": "value", "value": "fr"},
        ],
        "state": [{"id": "url", "property": "search", "value": ""}],
        "changedPropIds": ["commune-select.value"],
    }


def test_aut001_argon2_hash_and_verify():
    stored = hash_password(PASSWORD)
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, PASSWORD) and not verify_password(stored, PASSWORD + "x")
    assert not verify_password(None, PASSWORD) and not verify_password("not-a-hash", PASSWORD)


def test_aut002_login_then_logout(client):
    response = login(client, "auth-ed")
    assert response.status_code == 303 and response.headers["Location"].startswith("/gestion/synergies")
    cookies = {c.key: c for c in client._cookies.values()}
    session_cookie = cookies["session"]
    assert session_cookie.http_only and session_cookie.same_site == "Lax"
    assert CSRF_COOKIE in cookies and not cookies[CSRF_COOKIE].http_only
    assert client.get("/auth/whoami").get_json() == {"user": "auth-ed", "roles": [["tournai", "editor"]]}
    response = client.post("/auth/logout", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 303 and "done=logout" in response.headers["Location"]
    assert client.get("/auth/whoami").get_json() == {"user": None, "roles": []}


@pytest.mark.parametrize(
    ("username", "password"),
    [("auth-ed", "wrong password!"), ("nobody-here", PASSWORD), ("auth-ed", ""), ("AUTH-ED ", "x" * 5000)],
)
def test_aut003_wrong_credentials_are_refused(client, username, password):
    response = login(client, username, password)
    assert response.status_code == 303 and "error=credentials" in response.headers["Location"]
    assert client.get("/auth/whoami").get_json()["user"] is None


def test_aut004_username_is_case_insensitive(client):
    login(client, "  Auth-Ed ")
    assert client.get("/auth/whoami").get_json()["user"] == "auth-ed"


def test_aut005_login_without_csrf_token_is_refused(client):
    response = client.post("/auth/login", data={"username": "auth-ed", "password": PASSWORD})
    assert response.status_code == 303 and "error=expired" in response.headers["Location"]
    assert client.get("/auth/whoami").get_json()["user"] is None


def test_aut006_logged_in_dash_callbacks_need_the_csrf_header(client):
    anonymous = client.post("/_dash-update-component", json=_callback_body())
    assert anonymous.status_code == 200  # the public site works without a session
    login(client, "auth-ed")
    refused = client.post("/_dash-update-component", json=_callback_body())
    assert refused.status_code == 400
    forged = client.post("/_dash-update-component", json=_callback_body(), headers={"X-CSRFToken": "forged"})
    assert forged.status_code == 400
    token = client.get_cookie(CSRF_COOKIE).value
    accepted = client.post("/_dash-update-component", json=_callback_body(), headers={"X-CSRFToken": token})
    assert accepted.status_code == 200
    logout = client.post("/auth/logout")
    assert logout.status_code == 400  # logout is a state change too
    assert client.get("/auth/whoami").get_json()["user"] == "auth-ed"


def test_aut007_login_attempts_are_rate_limited(users, settings, engine, monkeypatch):
    monkeypatch.setenv("LOGIN_RATE_LIMIT", "3 per minute")
    client = create_app(settings, engine=engine).server.test_client()
    for _ in range(3):
        assert "error=credentials" in login(client, "auth-ed", "bad password 123").headers["Location"]
    blocked = login(client, "auth-ed")  # even the right password, once throttled
    assert blocked.status_code == 303 and "error=too_many" in blocked.headers["Location"]
    assert client.get("/auth/whoami").get_json()["user"] is None


def test_aut008_deactivated_account_loses_its_session(settings, engine):
    make_users(engine, ("auth-gone", "editor", "tournai"))
    try:
        client = create_app(settings, engine=engine).server.test_client()
        login(client, "auth-gone")
        assert client.get("/auth/whoami").get_json()["user"] == "auth-gone"
        result = CliRunner().invoke(
            main, ["deactivate-user", "auth-gone", "--database-url", settings.database_url]
        )
        assert result.exit_code == 0, result.output
        assert client.get("/auth/whoami").get_json()["user"] is None
        assert "error=credentials" in login(client, "auth-gone").headers["Location"]
    finally:
        drop_users(engine, "auth-gone")


def test_aut009_next_must_be_a_local_path():
    assert safe_next("/gestion/journal?commune=mons") == "/gestion/journal?commune=mons"
    for hostile in (
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "javascript:alert(1)",
        None,
        3,
    ):
        assert safe_next(hostile) == "/gestion/synergies"


def test_aut010_cli_create_list_deactivate(settings, engine):
    url = ["--database-url", settings.database_url]
    runner = CliRunner()
    try:
        result = runner.invoke(
            main,
            ["create-user", "cli-user", "--role", "editor", "--commune", "tournai", "--password-stdin", *url],
            input=PASSWORD + "\n",
        )
        assert result.exit_code == 0, result.output
        with Session(engine) as session:
            user = session.scalar(select(M.User).where(M.User.username == "cli-user"))
            assert verify_password(user.password_hash, PASSWORD)
            assert [(r.commune_slug, r.role.value) for r in user.roles] == [("tournai", "editor")]
        listed = runner.invoke(main, ["list-users", *url])
        assert "cli-user\tactive\teditor@tournai" in listed.output
        again = runner.invoke(
            main,
            ["create-user", "cli-user", "--role", "editor", "--commune", "tournai", "--password-stdin", *url],
            input=PASSWORD + "\n",
        )
        assert again.exit_code == 1 and "already taken" in again.output
        weak = runner.invoke(
            main,
            ["create-user", "cli-weak", "--role", "admin", "--commune", "tournai", "--password-stdin", *url],
            input="short\n",
        )
        assert weak.exit_code == 1 and "at least 10" in weak.output
        unknown = runner.invoke(
            main,
            ["create-user", "cli-x", "--role", "admin", "--commune", "atlantis", "--password-stdin", *url],
            input=PASSWORD + "\n",
        )
        assert unknown.exit_code == 1 and "atlantis" in unknown.output
        assert runner.invoke(main, ["deactivate-user", "cli-user", *url]).exit_code == 0
        assert "cli-user\tdeactivated" in runner.invoke(main, ["list-users", *url]).output
        missing = runner.invoke(main, ["deactivate-user", "ghost", *url])
        assert missing.exit_code == 1 and "ghost" in missing.output
    finally:
        drop_users(engine, "cli-user")


def test_aut011_cookies_are_secure_outside_development(users, settings, engine):
    test_server = Settings.from_env(
        database_url=settings.database_url, data_dir=settings.data_dir, environment="test", secret_key="s" * 40
    )
    app = create_app(test_server, engine=engine)
    assert app.server.config["SESSION_COOKIE_SECURE"] is True
    client = app.server.test_client()
    login(client, "auth-ed")
    headers = [h for h in client.get("/auth/whoami").headers.getlist("Set-Cookie")]
    csrf = [h for h in headers if h.startswith(CSRF_COOKIE + "=")]
    assert csrf and "Secure" in csrf[0] and "SameSite=Lax" in csrf[0] and "HttpOnly" not in csrf[0]
