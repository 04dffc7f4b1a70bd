"""Accounts and roles: who is logged in, and what they may do.

- `can_edit(commune_slug)` / `can_admin(commune_slug=None)`: permission checks for pages.
- `require_edit` / `require_admin`: the same, raising NotAllowed (for callbacks).
- `edit_callback` (dashboard.auth.callbacks): turns a refusal into a message, never a 500.
- `install(app, settings)` (dashboard.auth.web): Flask-Login, CSRFProtect, Flask-Limiter.
"""

from dashboard.auth.current import (
    can_admin,
    can_edit,
    current_actor,
    is_logged_in,
    require_admin,
    require_edit,
)

__all__ = ["can_admin", "can_edit", "current_actor", "is_logged_in", "require_admin", "require_edit"]
