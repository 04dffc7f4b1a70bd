"""Telling a user's action apart from Dash re-firing callbacks when a page's controls are inserted."""

from __future__ import annotations

import dash
from dash.exceptions import PreventUpdate


def ignore_insertion() -> None:
    """Stop the callback when it fires because its controls were (re)rendered.

    Dash fires a callback whose inputs arrive in new page content with every input marked as
    changed, even with prevent_initial_call; a person changes one control at a time. The page
    was already rendered from the URL, so there is nothing to do.
    """
    if len(dash.ctx.triggered) > 1:
        raise PreventUpdate


def ignore_same_view(search: str | None, new_search: str) -> None:
    """Stop when the URL would not change: the page on screen was rendered from that very URL."""
    if new_search == (search or ""):
        raise PreventUpdate
