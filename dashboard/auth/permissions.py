"""Who may do what, as pure functions of an `Actor` (no Flask here, so the CLI and tests use it too).

Rules: any role (editor or admin) on a commune allows editing that commune's data; the
admin role allows managing the accounts of that commune; a role on '*' covers every commune.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.db.models import ALL_COMMUNES, Role


@dataclass(frozen=True)
class Actor:
    """The person behind a write: an account, or a named system process (CLI, start-up)."""

    username: str
    user_id: int | None = None
    roles: tuple[tuple[str, str], ...] = ()  # (commune slug or '*', 'editor' | 'admin')

    def may_edit(self, commune: str | None) -> bool:
        return bool(commune) and any(c in (commune, ALL_COMMUNES) for c, _ in self.roles)

    def may_admin(self, commune: str | None = None) -> bool:
        """Admin of `commune`; with no commune, admin of at least one."""
        admin_of = {c for c, role in self.roles if role == Role.ADMIN.value}
        if commune is None:
            return bool(admin_of)
        return bool(admin_of & {commune, ALL_COMMUNES})

    def editable_communes(self, known: list[str]) -> list[str]:
        return [slug for slug in known if self.may_edit(slug)]


ANONYMOUS = Actor(username="")
SYSTEM = Actor(username="system", roles=((ALL_COMMUNES, Role.ADMIN.value),))
# Whoever runs `python -m dashboard …` on the server already has the database: full rights,
# recorded as 'cli' in the audit trail (e.g. record_event(session, CLI, kind="import", …)).
CLI = Actor(username="cli", roles=SYSTEM.roles)


def actor_for(user) -> Actor:
    """The Actor of a `models.User` row (inactive accounts have no rights)."""
    if user is None or not user.active:
        return ANONYMOUS
    return Actor(
        username=user.username,
        user_id=user.id,
        roles=tuple((r.commune_slug, r.role.value) for r in user.roles),
    )
