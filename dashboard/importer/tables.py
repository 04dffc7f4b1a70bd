"""Read tabular files into raw rows that remember their position in the file."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.i18n import t


@dataclass
class RawTable:
    """A header and rows of strings; `row` numbers are the ones a spreadsheet shows (header = 1)."""

    file: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    sheet: str | None = None


class UnreadableFile(Exception):
    """A CSV file that cannot be read; `key` and `params` are the problem's text in validation.json."""

    def __init__(self, file: str, key: str, **params: object):
        self.file = file
        self.key = key
        self.params = params
        super().__init__(f"{file}: {t(key, 'en', **params)}")


def read_csv(path: Path, label: str | None = None) -> RawTable:
    """Read a UTF-8 CSV file; rows that are entirely empty are ignored."""
    label = label or path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(label, "val.csv.not_utf8", byte=exc.start) from exc
    return read_csv_text(text, label)


def read_csv_text(text: str, label: str) -> RawTable:
    """Parse CSV text already decoded (an upload, or a file read by `read_csv`)."""
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration as exc:
        raise UnreadableFile(label, "val.csv.empty") from exc
    except csv.Error as exc:
        raise UnreadableFile(label, "val.csv.invalid", detail=exc) from exc
    table = RawTable(file=label, header=header)
    row_number = 1
    try:
        for cells in reader:
            row_number += 1
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                cells = cells + [""] * (len(header) - len(cells)) if len(cells) < len(header) else cells
            table.rows.append((row_number, dict(zip(header, cells, strict=False)) | _extra(header, cells)))
    except csv.Error as exc:
        raise UnreadableFile(label, "val.csv.invalid_near", row=row_number, detail=exc) from exc
    return table


def _extra(header: list[str], cells: list[str]) -> dict[str, str]:
    """Cells beyond the header are kept under a marker so validation can report them."""
    if len(cells) <= len(header):
        return {}
    return {f"#extra{i}": value for i, value in enumerate(cells[len(header) :], start=len(header) + 1)}
