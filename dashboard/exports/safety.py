"""Formula-injection guard for every file a spreadsheet may open (CSV, XLSX, the open-data API).

A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return can be run as a
formula by Excel or LibreOffice (OWASP "CSV injection"). Synergy titles and results are typed
by staff or transcribed from documents, so every writer passes text cells through `neutralise`.
Numbers are never touched: a negative amount stays a number.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would evaluate gets a leading apostrophe; anything else is returned as is."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def _escaped(text: str) -> bool:
    """A cell that starts, after any apostrophes, with a character a spreadsheet evaluates."""
    rest = text.lstrip("'")
    return rest.startswith(FORMULA_PREFIXES) and not (rest == text and _NUMBER.match(text))


def neutralise_text(text: str) -> str:
    """The reversible variant for all-text files the importer reads back (exported datasets).

    Plain numbers written as text (-12.5) stay as they are; a cell that already starts with
    apostrophes before a dangerous character gets one more, so `restore_text` is exact.
    """
    return "'" + text if _escaped(text) else text


def restore_text(text: str) -> str:
    """Undo `neutralise_text` on import: one apostrophe before a dangerous character is removed."""
    return text[1:] if text.startswith("'") and _escaped(text) else text
