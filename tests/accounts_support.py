"""Helpers for tests of accounts and staff editing: real accounts in the test database, removed after."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import sessionmaker

from dashboard.auth import accounts
from dashboard.auth.permissions import SYSTEM
from dashboard.db import models as M
from dashboard.editing import write_transaction

PASSWORD = "correct horse battery"


def make_users(engine, *specs: tuple[str, str, str]) -> None:
    """specs: (username, role, commune)."""
    with write_transaction(sessionmaker(engine)) as session:
        for username, role, commune in specs:
            accounts.create_user(
                session, SYSTEM, username=username, password=PASSWORD, role=role, commune=commune
            )


def drop_users(engine, *usernames: str) -> None:
    with write_transaction(sessionmaker(engine)) as session:
        ids = [u.id for u in (accounts.find_user(session, n) for n in usernames) if u is not None]
        session.execute(delete(M.AuditEvent).where(M.AuditEvent.user_id.in_(ids)))
        session.execute(delete(M.AuditEvent).where(M.AuditEvent.kind == "account"))
        session.execute(delete(M.User).where(M.User.id.in_(ids)))


def csrf_token(client) -> str:
    return client.get("/auth/csrf-token").get_json()["token"]


def login(client, username: str, password: str = PASSWORD, **extra):
    data = {"username": username, "password": password, "csrf_token": csrf_token(client), **extra}
    return client.post("/auth/login", data=data)
