"""Accounts: create, authenticate, give roles per commune, deactivate. Each change is audited.

Used by the CLI (with the SYSTEM actor) and by the accounts page (with the logged-in admin).
An admin of a commune manages roles on that commune only; a role on '*' needs an admin of '*'.
"""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.auth.passwords import hash_password, needs_rehash, verify_password
from dashboard.auth.permissions import Actor
from dashboard.db import models as M
from dashboard.editing.audit import Change, now, record_event
from dashboard.editing.errors import InvalidEdit, NotAllowed

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,59}$")


def normalise_username(username: object) -> str:
    return username.strip().lower() if isinstance(username, str) else ""


def find_user(session: Session, username: str) -> M.User | None:
    return session.scalar(select(M.User).where(M.User.username == normalise_username(username)))


def _check_commune(session: Session, commune: str) -> None:
    if commune == M.ALL_COMMUNES:
        return
    if session.scalar(select(func.count()).select_from(M.Commune).where(M.Commune.slug == commune)) == 0:
        raise InvalidEdit("edit.invalid.commune", commune=str(commune)[:60])


def _role(value: object) -> M.Role:
    try:
        return M.Role(value)
    except ValueError:
        raise InvalidEdit("edit.invalid.choice", field="role", value=str(value)[:20]) from None


def create_user(
    session: Session, actor: Actor, *, username: str, password: str, role: str, commune: str
) -> M.User:
    """A new active account with one role; raises InvalidEdit (bad name, taken, weak password)."""
    from dashboard.auth.passwords import WeakPassword

    name = normalise_username(username)
    if not USERNAME.match(name):
        raise InvalidEdit("account.invalid.username", value=str(username)[:60])
    if not actor.may_admin(commune):
        raise NotAllowed("account.refused.admin", commune=str(commune)[:60])
    _check_commune(session, commune)
    checked_role = _role(role)
    if find_user(session, name) is not None:
        raise InvalidEdit("account.invalid.taken", value=name)
    try:
        password_hash = hash_password(password)
    except WeakPassword as exc:
        raise InvalidEdit("account.invalid.password", expected=str(exc)) from None
    user = M.User(username=name, password_hash=password_hash, active=True, created_at=now())
    user.roles = [M.UserRole(commune_slug=commune, role=checked_role)]
    session.add(user)
    session.flush()
    record_event(
        session,
        actor,
        kind="account",
        commune=commune,
        summary=f"user {name} created",
        changes=[Change("user", name, "role", None, f"{checked_role.value}@{commune}")],
        data_changed=False,
    )
    return user


def set_role(session: Session, actor: Actor, *, username: str, commune: str, role: str | None) -> None:
    """Give `role` on `commune` to a user, or remove their role there (`role=None`)."""
    if not actor.may_admin(commune):
        raise NotAllowed("account.refused.admin", commune=str(commune)[:60])
    _check_commune(session, commune)
    user = find_user(session, username)
    if user is None:
        raise InvalidEdit("account.invalid.unknown", value=str(username)[:60])
    current = next((r for r in user.roles if r.commune_slug == commune), None)
    old = current.role.value if current else None
    new = _role(role).value if role else None
    if old == new:
        return
    if current is not None:
        user.roles.remove(current)
        session.flush()
    if new:
        user.roles.append(M.UserRole(commune_slug=commune, role=M.Role(new)))
    session.flush()
    record_event(
        session,
        actor,
        kind="account",
        commune=commune,
        summary=f"user {user.username} role",
        changes=[Change("user", user.username, f"role@{commune}", old, new)],
        data_changed=False,
    )


def _managed_user(session: Session, actor: Actor, username: str) -> tuple[M.User, list[str]]:
    """The user and their communes, when `actor` administers every commune the user has a role on."""
    user = find_user(session, username)
    if user is None:
        raise InvalidEdit("account.invalid.unknown", value=str(username)[:60])
    communes = [r.commune_slug for r in user.roles] or [M.ALL_COMMUNES]
    if not all(actor.may_admin(c) for c in communes):
        raise NotAllowed("account.refused.admin", commune=", ".join(communes))
    return user, communes


def set_password(session: Session, actor: Actor, *, username: str, password: str) -> None:
    """An admin sets a new password. The session id holds part of the hash, so the user's open
    sessions end. The audit trail records that it changed, never the password or its hash."""
    from dashboard.auth.passwords import WeakPassword

    user, communes = _managed_user(session, actor, username)
    try:
        user.password_hash = hash_password(password if isinstance(password, str) else "")
    except WeakPassword as exc:
        raise InvalidEdit("account.invalid.password", expected=str(exc)) from None
    session.flush()
    record_event(
        session,
        actor,
        kind="account",
        commune=communes[0] if len(communes) == 1 and communes[0] != M.ALL_COMMUNES else None,
        summary=f"user {user.username} password reset",
        changes=[Change("user", user.username, "password", None, "reset")],
        data_changed=False,
    )


def set_active(session: Session, actor: Actor, *, username: str, active: bool) -> None:
    """Deactivate (or reactivate) an account: allowed to an admin of every commune the user has a role on."""
    user, communes = _managed_user(session, actor, username)
    if actor.user_id is not None and actor.user_id == user.id and not active:
        raise InvalidEdit("account.invalid.self")
    if user.active == active:
        return
    user.active = active
    session.flush()
    record_event(
        session,
        actor,
        kind="account",
        commune=communes[0] if len(communes) == 1 and communes[0] != M.ALL_COMMUNES else None,
        summary=f"user {user.username} {'activated' if active else 'deactivated'}",
        changes=[Change("user", user.username, "active", not active, active)],
        data_changed=False,
    )


def authenticate(session: Session, username: object, password: object) -> M.User | None:
    """The active user with this name and password, or None (same work whether the name exists or not)."""
    user = find_user(session, username) if isinstance(username, str) else None
    password = password if isinstance(password, str) else ""
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = now()
    session.flush()
    return user


def list_users(session: Session) -> list[M.User]:
    return list(session.scalars(select(M.User).order_by(M.User.username)))
