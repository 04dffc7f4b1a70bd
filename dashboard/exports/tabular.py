"""Tables (DataFrames) as CSV or XLSX bytes: typed XLSX cells, neutralised text, a header row.

Both writers take the already translated table (headers in the reader's language). CSV is
UTF-8 with a byte-order mark so that Excel opens accented names correctly; XLSX keeps numbers
as numbers and dates as dates so the clerk can sum and sort them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Sequence
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from dashboard.exports.safety import neutralise

MAX_SHEET_TITLE = 31  # Excel's limit
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
DATE_FORMAT = "DD/MM/YYYY"


def plain(value: Any) -> Any:
    """pandas/numpy scalars → Python values; missing (None, NaN, NA, NaT) → None."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
    return value


def to_csv(df: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(str(c)) for c in df.columns])
    for row in df.itertuples(index=False):
        writer.writerow(["" if (v := plain(x)) is None else _csv_text(v) for x in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_text(value: Any) -> Any:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return neutralise(value)


def sheet_title(name: str, taken: set[str]) -> str:
    title = _SHEET_FORBIDDEN.sub(" ", name).strip()[:MAX_SHEET_TITLE] or "Sheet"
    base, n = title, 2
    while title.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({n})"
        title = base[: MAX_SHEET_TITLE - len(suffix)] + suffix
        n += 1
    taken.add(title)
    return title


def to_xlsx(
    sheets: Sequence[tuple[str, pd.DataFrame]] | Sequence[tuple[str, pd.DataFrame, Sequence[str]]],
) -> bytes:
    """One worksheet per (title, table[, lines above the table]); the header row is bold and frozen."""
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for item in sheets:
        title, df = item[0], item[1]
        preface = list(item[2]) if len(item) > 2 else []
        sheet = book.create_sheet(sheet_title(title, taken))
        for number, line in enumerate(preface, start=1):
            write_row(sheet, number, [line])
        header_row = len(preface) + 1
        write_row(sheet, header_row, [str(c) for c in df.columns])
        for cell in sheet[header_row]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
        for number, row in enumerate(df.itertuples(index=False), start=header_row + 1):
            write_row(sheet, number, [plain(x) for x in row])
        _fit_columns(sheet, df)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_row(sheet, row: int, values: Sequence[Any]) -> None:
    """Write row number `row`; text is neutralised and stored as a string (never as a formula)."""
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        if value is None:
            continue
        if isinstance(value, bool | int | float):
            cell.value = value  # numbers stay numbers (bool is an int subclass: stored as TRUE/FALSE)
        elif isinstance(value, dt.datetime | dt.date):
            cell.value = value
            cell.number_format = DATE_FORMAT
        else:
            cell.value = neutralise(str(value))
            cell.data_type = "s"  # openpyxl would store a leading '=' as a formula


def _fit_columns(sheet, df: pd.DataFrame) -> None:
    for index, column in enumerate(df.columns, start=1):
        values = [str(column), *(str(v) for v in df.iloc[:200, index - 1].tolist())]
        width = min(60, max(8, *(len(v) for v in values)) + 2)
        sheet.column_dimensions[get_column_letter(index)].width = width
