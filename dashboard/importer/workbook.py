"""Read an uploaded workbook or CSV files into raw tables named by dataset.

Sheets and headers may be written as in the template (French labels) or with the
technical codes of `data/` (so the default CSV files import as they are). Formulas are
refused, not evaluated: a workbook written by a script has no cached results, a stale
cached result would import a wrong figure silently, and a formula is also how a
spreadsheet smuggles content in. Staff type values; the report says which cell to fix.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

from dashboard.i18n import t
from dashboard.importer.problems import Problem, problem
from dashboard.importer.safety import CSV, JSON, RefusedFile, check_file
from dashboard.importer.specs import COMMUNE_SPECS, CommuneRow, DatasetSpec
from dashboard.importer.tables import RawTable, UnreadableFile, read_csv_text

MAX_ROWS = 20000
MAX_COLUMNS = 40

COMMUNE_SPEC = DatasetSpec("communes", "communes.csv", CommuneRow, ("slug",))
IMPORT_SPECS: tuple[DatasetSpec, ...] = (COMMUNE_SPEC, *COMMUNE_SPECS)
SPEC_BY_NAME = {spec.name: spec for spec in IMPORT_SPECS}
# Workbook sheets that carry no data (the template's legend and drop-down lists).
_HELPER_SHEETS = ("imp.sheet.legend", "imp.sheet.lists")


def fold(text: str) -> str:
    """Compare names ignoring case, accents, spaces and punctuation ('Année' == 'annee')."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "", text)


def dataset_label(name: str, lang: str = "fr") -> str:
    return t(f"imp.dataset.{name}", lang)


def column_label(column: str, lang: str = "fr") -> str:
    return t(f"imp.column.{column}", lang)


def _dataset_names() -> dict[str, str]:
    names = {}
    for spec in IMPORT_SPECS:
        names[fold(spec.name)] = spec.name
        for lang in ("fr", "nl", "en"):
            names.setdefault(fold(dataset_label(spec.name, lang)), spec.name)
    return names


def _column_names(dataset: str) -> dict[str, str]:
    """Header spellings accepted for a dataset's columns: its codes first, then the French labels."""
    columns = SPEC_BY_NAME[dataset].columns
    names = {fold(column): column for column in columns}
    for column in columns:
        names.setdefault(fold(column_label(column, "fr")), column)
    return names


@dataclass
class Upload:
    """What was read from the uploaded files: raw tables by dataset, and every problem found."""

    tables: dict[str, RawTable] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    labels: dict[tuple[str, str], str] = field(default_factory=dict)  # (dataset, column) -> header shown
    complete: set[str] = field(default_factory=set)  # datasets replaced entirely, even by no rows
    formulas: set[tuple[str, str | None, int, str]] = field(default_factory=set)  # (file, sheet, row, header)


def read_files(files: list[tuple[str, bytes]]) -> Upload:
    """Read every file; RefusedFile for a hostile or unusable one, problems for fixable content."""
    from dashboard.importer.safety import MAX_FILES

    if len(files) > MAX_FILES:
        raise RefusedFile("too_many", files[0][0] if files else "", {"count": len(files), "limit": MAX_FILES})
    kinds = [(name, data, check_file(name, data)) for name, data in files]
    upload = Upload()
    for name, data, kind in kinds:
        if kind == CSV:
            _read_csv_file(upload, name, data)
        elif kind == JSON:
            _read_json_file(upload, name, data)
        else:
            _read_workbook(upload, name, data)
    return upload


def _add(upload: Upload, dataset: str | None, table: RawTable, where: str) -> None:
    if dataset is None:
        known = ", ".join(dataset_label(spec.name) for spec in IMPORT_SPECS)
        upload.problems.append(
            problem(table.file, None, None, where, "val.dataset_name", table.sheet, known=known)
        )
        return
    if dataset in upload.tables:
        first = upload.tables[dataset]
        upload.problems.append(
            problem(table.file, None, None, where, "val.one_table", table.sheet, file=first.file)
        )
        return
    columns = _column_names(dataset)
    header = []
    for label in table.header:
        code = columns.get(fold(label), label)
        upload.labels[(dataset, code)] = label
        header.append(code)
    renamed = [
        (row, {(columns.get(fold(k), k) if not k.startswith("#") else k): v for k, v in cells.items()})
        for row, cells in table.rows
    ]
    upload.tables[dataset] = RawTable(file=table.file, header=header, rows=renamed, sheet=table.sheet)


def _read_csv_file(upload: Upload, name: str, data: bytes) -> None:
    label = PurePath(name).name
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        upload.problems.append(problem(label, None, None, None, "val.utf8", position=exc.start))
        return
    try:
        table = read_csv_text(text, label)
    except UnreadableFile as exc:
        upload.problems.append(problem(exc.file, None, None, None, exc.key, **exc.params))
        return
    from dashboard.exports.safety import restore_text

    table.rows = [(n, {k: restore_text(v) for k, v in cells.items()}) for n, cells in table.rows]
    stem = PurePath(label).stem
    _add(upload, _dataset_names().get(fold(stem)), table, stem)


def _read_json_file(upload: Upload, name: str, data: bytes) -> None:
    """A JSON export: a list of records with the dataset's column codes; row n = record n + 1."""
    import json

    label = PurePath(name).name
    try:
        records = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        upload.problems.append(problem(label, None, None, None, "val.json_list_detail", detail=str(exc)[:60]))
        return
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        upload.problems.append(problem(label, None, None, None, "val.json_objects"))
        return
    header: list[str] = []
    for record in records:
        header += [str(k) for k in record if str(k) not in header]
    table = RawTable(file=label, header=header)
    for index, record in enumerate(records, start=2):
        table.rows.append((index, {h: "" if record.get(h) is None else _text(record.get(h)) for h in header}))
    stem = PurePath(label).stem
    _add(upload, _dataset_names().get(fold(stem)), table, stem)


def _read_workbook(upload: Upload, name: str, data: bytes) -> None:
    from openpyxl import load_workbook  # uses defusedxml when installed (entity bombs)

    label = PurePath(name).name
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many types for a damaged package
        raise RefusedFile("corrupt", label, {"detail": type(exc).__name__}) from exc
    helpers = {fold(t(key, lang)) for key in _HELPER_SHEETS for lang in ("fr", "nl", "en")}
    datasets = _dataset_names()
    try:
        for sheet in book.worksheets:
            if fold(sheet.title) in helpers:
                continue
            table = _read_sheet(sheet, label, upload)
            if table is not None:
                _add(upload, datasets.get(fold(sheet.title)), table, sheet.title)
    finally:
        book.close()


def _read_sheet(sheet, file: str, upload: Upload) -> RawTable | None:
    problems = upload.problems
    rows = sheet.iter_rows(max_col=MAX_COLUMNS)
    header_cells = next(rows, None)
    if header_cells is None:
        return None  # an empty sheet the user did not need
    header = [_text(cell.value).strip() for cell in header_cells]
    while header and not header[-1]:
        header.pop()
    if not header:
        return None
    table = RawTable(file=file, header=header, sheet=sheet.title)
    for index, cells in enumerate(rows, start=2):
        if index > MAX_ROWS + 1:
            problems.append(problem(file, index, None, None, "val.max_rows", sheet.title, limit=MAX_ROWS))
            break
        values: dict[str, str] = {}
        for position, cell in enumerate(cells):
            column = header[position] if position < len(header) else f"#extra{position + 1}"
            if cell.data_type == "f":
                problems.append(problem(file, index, column, str(cell.value), "val.formula", sheet.title))
                values[column] = ""
                upload.formulas.add((file, sheet.title, index, column))
                continue
            text = _text(cell.value)
            if column.startswith("#extra") and not text.strip():
                continue
            values[column] = text
        if not any(v.strip() for v in values.values()):
            continue
        for column in header:
            values.setdefault(column, "")
        table.rows.append((index, values))
    return table


def _text(value: object) -> str:
    """A cell value as the text a CSV file would hold (dates ISO, integral numbers without '.0')."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, str):
        return value
    return str(value)
