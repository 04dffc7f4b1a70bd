"""Who may import into a commune: an editor or admin of that commune (accounts and roles live in
dashboard.auth). The command line is not affected: whoever runs it holds the database credentials.
"""

from __future__ import annotations

from dashboard.auth import can_edit


def may_import(commune_slug: str) -> bool:
    """True when the logged-in user may import data for `commune_slug` (a new commune needs a '*' role)."""
    return bool(commune_slug) and can_edit(commune_slug)
