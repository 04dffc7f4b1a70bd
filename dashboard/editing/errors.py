"""Why a write was refused. Each carries an i18n key and values so every UI can say it in its language."""

from __future__ import annotations


class EditRefused(Exception):
    """A write that must not happen; nothing was written."""

    def __init__(self, key: str, /, **values: object) -> None:
        super().__init__(key, values)
        self.key = key
        self.values = values

    def message(self, lang: str | None) -> str:
        from dashboard.i18n import t

        return t(self.key, lang, **self.values)


class NotAllowed(EditRefused):
    """The actor has no right to this write (anonymous, other commune, not an admin)."""


class InvalidEdit(EditRefused):
    """The submitted values are not valid (a level outside 0..5, an unknown service, …)."""


class Conflict(EditRefused):
    """The data changed since (an undo whose target was edited again)."""
