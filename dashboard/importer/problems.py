"""A validation problem says where (file, sheet, row, column), what was found and what was expected."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str
    sheet: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.sheet:
            where += f", sheet {self.sheet}"
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        found = "" if self.value is None else f": found {shorten(self.value)!r}"
        return f"{where}{found} — expected {self.expected}"


def shorten(value: object, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ValidationFailed(Exception):
    """Raised with every problem found; nothing has been written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.sheet or "", p.row or 0, p.column or ""))
        super().__init__(f"{len(self.problems)} problem(s) found, nothing was written")

    def report(self) -> str:
        return "\n".join([str(self), *(f"- {p}" for p in self.problems)])
