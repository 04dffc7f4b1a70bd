"""The logged-in person of the current request, and the two questions pages ask about them.

`can_edit(commune_slug)` is the one permission check for anything that writes a commune's
data (forms, import page): True when the logged-in, active user has the editor or admin
role on that commune (or on every commune). Anonymous visitors and users of other
communes get False. Outside a request (CLI, tests without a request) it is False.
"""

from __future__ import annotations

from flask import has_request_context
from flask_login import UserMixin, current_user

from dashboard.auth.permissions import ANONYMOUS, Actor
from dashboard.editing.errors import NotAllowed


class SessionUser(UserMixin):
    """What Flask-Login keeps for a request: the account's Actor (roles read fresh on each request)."""

    def __init__(self, actor: Actor, session_id: str) -> None:
        self.actor = actor
        self.id = session_id

    @property
    def username(self) -> str:
        return self.actor.username


def current_actor() -> Actor:
    if not has_request_context() or not current_user.is_authenticated:
        return ANONYMOUS
    return current_user.actor


def is_logged_in() -> bool:
    return current_actor() is not ANONYMOUS


def can_edit(commune_slug: str | None) -> bool:
    """May the current user change the data of this commune? (editor or admin role on it)."""
    return current_actor().may_edit(commune_slug)


def can_admin(commune_slug: str | None = None) -> bool:
    """May the current user manage accounts (of this commune; with None, of at least one)?"""
    return current_actor().may_admin(commune_slug)


def require_edit(commune_slug: str | None) -> Actor:
    """The current actor, or NotAllowed (for callbacks: see dashboard.auth.callbacks.edit_callback)."""
    actor = current_actor()
    if actor is ANONYMOUS:
        raise NotAllowed("edit.refused.login")
    if not actor.may_edit(commune_slug):
        raise NotAllowed("edit.refused.commune", commune=str(commune_slug)[:60])
    return actor


def require_admin(commune_slug: str | None = None) -> Actor:
    actor = current_actor()
    if actor is ANONYMOUS:
        raise NotAllowed("edit.refused.login")
    if not actor.may_admin(commune_slug):
        raise NotAllowed("account.refused.admin", commune=str(commune_slug or "")[:60])
    return actor
