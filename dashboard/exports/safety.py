"""Formula-injection guard for every file a spreadsheet may open (CSV, XLSX, the open-data API).

A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return can be run as a
formula by Excel or LibreOffice (OWASP "CSV injection"). Synergy titles and results are typed
by staff or transcribed from documents, so every writer passes text cells through `neutralise`.
Numbers are never touched: a negative amount stays a number.
"""

from __future__ import annotations

from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would evaluate gets a leading apostrophe; anything else is returned as is."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
