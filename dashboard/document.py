"""The HTML document Dash serves: `<html lang>` set on the server from `?lang=`.

Screen readers pick their voice from the document language before any script runs,
so setting it only client-side (the shell's clientside callback) is too late for the
first page read and absent for tools that do not run scripts.
"""

from __future__ import annotations

import re

from dash import Dash
from flask import has_request_context, request

from dashboard.i18n import normalise_language

_HTML_TAG = re.compile(r"<html(\s[^>]*)?>", flags=re.IGNORECASE)
_LANG_ATTR = re.compile(r"""\slang=("[^"]*"|'[^']*'|\S+)""", flags=re.IGNORECASE)


def with_language(document: str, lang: str) -> str:
    """`document` with its <html> tag carrying lang=`lang` (added or replaced)."""

    def replace(match: re.Match[str]) -> str:
        attributes = _LANG_ATTR.sub("", match.group(1) or "")
        return f'<html lang="{lang}"{attributes}>'

    return _HTML_TAG.sub(replace, document, count=1)


def install(app: Dash) -> None:
    """Wrap the app's index rendering so each page request gets the language of its URL."""
    render = app.interpolate_index

    def interpolate_index(**kwargs: str) -> str:
        document = render(**kwargs)
        lang = normalise_language(request.args.get("lang") if has_request_context() else None)
        return with_language(document, lang)

    app.interpolate_index = interpolate_index  # type: ignore[method-assign]
