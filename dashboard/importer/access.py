"""Who may import into a commune. One function, so the accounts module can take it over on merge.

Until accounts exist, importing from the web app is off unless the deployment sets
DASHBOARD_DEV_ALLOW_IMPORT=1 (a development switch; the command line is not affected,
since whoever runs it already holds the database credentials).
"""

from __future__ import annotations

import os


def may_import(commune_slug: str) -> bool:
    """True when the current user may import data for `commune_slug`."""
    if not commune_slug:
        return False
    return os.environ.get("DASHBOARD_DEV_ALLOW_IMPORT", "").strip() == "1"
