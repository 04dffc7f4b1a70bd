"""Helpers for tests of accounts and staff editing: real accounts in the test database, removed after."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

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


@contextmanager
def preserved_history(engine):
    """Tests that commit real edits: afterwards, drop their audit rows and restore app_meta
    (origin, data version), so the rest of the suite still sees the untouched default data."""
    with Session(engine) as session:
        meta = {row.key: row.value for row in session.scalars(select(M.AppMeta))}
        last_event = session.scalar(select(func.max(M.AuditEvent.id))) or 0
    try:
        yield
    finally:
        with Session(engine) as session, session.begin():
            session.execute(delete(M.AuditEvent).where(M.AuditEvent.id > last_event))
            for key, value in meta.items():
                session.merge(M.AppMeta(key=key, value=value))
