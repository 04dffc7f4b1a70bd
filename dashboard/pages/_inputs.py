"""Callback inputs are hostile: anyone can post any JSON to /_dash-update-component.

Each server callback passes its raw arguments through these coercers first, so a
forged value becomes an empty or default value, never an exception.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

MAX_TEXT = 200
MAX_ITEMS = 50
MAX_SEARCH = 4000


def text(value: object, max_length: int = MAX_TEXT) -> str:
    """A short string, or '' for anything that is not one."""
    return value[:max_length] if isinstance(value, str) else ""


def texts(value: object, max_items: int = MAX_ITEMS) -> list[str]:
    """A list of short strings (checklist values); other items are dropped."""
    if not isinstance(value, list):
        return []
    return [item[:MAX_TEXT] for item in value[:max_items] if isinstance(item, str)]


def search(value: object) -> str:
    """The URL query string of dcc.Location: '?…' or ''."""
    if not isinstance(value, str) or len(value) > MAX_SEARCH:
        return ""
    return value if value.startswith("?") or value == "" else ""


def url_params(params: dict) -> dict[str, str]:
    """A page layout's URL parameters as single short strings.

    Dash pages hands a repeated key (`?commune=a&commune=b`) to the layout as a list; keep the
    first value, as the URL helpers do, and drop anything that is not text.
    """
    clean: dict[str, str] = {}
    for key, value in params.items():
        first = value[0] if isinstance(value, list) and value else value
        if isinstance(key, str) and isinstance(first, str):
            clean[key] = first[:MAX_SEARCH]
    return clean


def clean_layout(layout: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a page's layout(**params) so that it only ever sees url_params()."""

    @functools.wraps(layout)
    def wrapped(**params: object) -> Any:
        return layout(**url_params(params))

    return wrapped
