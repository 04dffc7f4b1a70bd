"""A validation problem says where (file, sheet, row, column), what was found and what was expected.

The "expected …" text is kept as a message key plus parameters (`expected`, `params`), so
that tests and callers compare stable keys and each reader gets it in their own language:
`message(lang)` / `describe(lang)` render it through `dashboard.i18n.t` with the keys of
`i18n/*/validation.json`. A text that is not a key (a validator's own message) is shown as is.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.i18n import has_key, t


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str  # a key of validation.json (e.g. "val.level_range"), else a literal text
    sheet: str | None = None
    params: tuple[tuple[str, str], ...] = ()

    def message(self, lang: str = "en") -> str:
        """The "expected …" text in `lang`."""
        if not has_key(self.expected):
            return self.expected
        return t(self.expected, lang, **dict(self.params))

    def describe(self, lang: str = "en") -> str:
        """One line: where, what was found, what was expected."""
        where = self.file
        if self.sheet:
            where += t("val.where.sheet", lang, sheet=self.sheet)
        if self.row is not None:
            where += t("val.where.row", lang, row=self.row)
        if self.column:
            where += t("val.where.column", lang, column=self.column)
        found = "" if self.value is None else t("val.where.found", lang, value=repr(shorten(self.value)))
        return where + found + t("val.where.expected", lang, expected=self.message(lang))

    def __str__(self) -> str:
        return self.describe("en")


def problem(
    file: str,
    row: int | None,
    column: str | None,
    value: str | None,
    key: str,
    sheet: str | None = None,
    /,
    **params: object,
) -> Problem:
    """A Problem whose expected text is `key` filled with `params` (kept as text, sorted)."""
    return Problem(
        file, row, column, value, key, sheet, tuple(sorted((k, str(v)) for k, v in params.items()))
    )


def shorten(value: object, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ValidationFailed(Exception):
    """Raised with every problem found; nothing has been written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.sheet or "", p.row or 0, p.column or ""))
        super().__init__(f"{len(self.problems)} problem(s) found, nothing was written")

    def report(self, lang: str = "en") -> str:
        """The summary line and one line per problem, in `lang` (English by default, for the CLI)."""
        head = t("val.summary", lang, count=len(self.problems))
        return "\n".join([head, *(f"- {p.describe(lang)}" for p in self.problems)])
