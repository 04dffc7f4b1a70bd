"""A decorator for staff callbacks: a refused or failed write answers with a message, never a 500.

Convention: the callback's LAST argument is the page language (a State) and its LAST output is
the message area (children). Any EditRefused (not logged in, other commune, invalid value,
conflict) becomes a warning in that area and every other output is left unchanged.
"""

from __future__ import annotations

import functools
import logging

from dash import html, no_update
from dash.exceptions import PreventUpdate

from dashboard.editing.errors import EditRefused, NotAllowed
from dashboard.i18n import normalise_language, t

log = logging.getLogger(__name__)


def message(text: str, colour: str = "success") -> html.Div:
    """A Bootstrap alert with the right ARIA role (dbc.Alert has no `role` property)."""
    role = "status" if colour in ("success", "info") else "alert"
    return html.Div(text, className=f"alert alert-{colour} mt-3 mb-0", role=role)


def refusal(exc: EditRefused, lang: str) -> html.Div:
    return message(exc.message(lang), "danger" if isinstance(exc, NotAllowed) else "warning")


def edit_callback(n_outputs: int):
    def decorate(function):
        @functools.wraps(function)
        def wrapper(*args):
            raw_lang = args[-1] if args else None
            lang = normalise_language(raw_lang if isinstance(raw_lang, str) else None)
            unchanged = [no_update] * (n_outputs - 1)
            try:
                return function(*args)
            except PreventUpdate:
                raise
            except EditRefused as exc:
                return (*unchanged, refusal(exc, lang)) if n_outputs > 1 else refusal(exc, lang)
            except Exception:  # a bug or the database: say so, keep the app working, log for the admin
                log.exception("staff callback %s failed", function.__name__)
                alert = message(t("edit.failed", lang), "danger")
                return (*unchanged, alert) if n_outputs > 1 else alert

        return wrapper

    return decorate
