"""Export a dataset as CSV, JSON or XLSX, in the columns an import reads back.

CSV cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR,
and not a plain number) are prefixed with an apostrophe (OWASP's advice against CSV
injection); the importer strips exactly that prefix again, so an export re-imports
unchanged. XLSX cells are written as typed text, which Excel never evaluates, so they
need no prefix. Without a commune, rows of every commune are exported with a `commune`
column first (for analysis; an import takes one commune at a time).
"""

from __future__ import annotations

import csv
import io
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.db import models as M
from dashboard.exports.safety import neutralise_text as neutralise
from dashboard.importer.rows import read_dataset
from dashboard.importer.template import build_workbook, sheet_columns
from dashboard.importer.workbook import SPEC_BY_NAME

FORMATS = ("csv", "json", "xlsx")


def dataset_rows(
    session: Session, dataset: str, commune: str | None = None
) -> tuple[list[str], list[dict[str, str]]]:
    """Columns and rows of `dataset` for one commune (import-ready) or all (with a commune column)."""
    spec = SPEC_BY_NAME[dataset]
    columns = sheet_columns(spec)
    query = select(M.Commune).order_by(M.Commune.slug)
    if commune:
        query = query.where(M.Commune.slug == commune)
    communes = list(session.scalars(query))
    if commune and not communes:
        raise LookupError(f"unknown commune {commune!r}")
    rows = []
    for c in communes:
        for cells in read_dataset(session, c, dataset):
            rows.append(cells if commune else {"commune": c.slug, **cells})
    return (columns if commune else ["commune", *columns]), rows


def to_csv(columns: list[str], rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for cells in rows:
        writer.writerow([neutralise(cells.get(c, "")) for c in columns])
    return buffer.getvalue().encode("utf-8")


def to_json(columns: list[str], rows: list[dict[str, str]]) -> bytes:
    records = [{c: (cells.get(c) or None) for c in columns} for cells in rows]
    return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")


def export_dataset(session: Session, dataset: str, fmt: str, commune: str | None = None) -> bytes:
    columns, rows = dataset_rows(session, dataset, commune)
    if fmt == "csv":
        return to_csv(columns, rows)
    if fmt == "json":
        return to_json(columns, rows)
    if fmt == "xlsx":
        if commune is None:
            raise ValueError("an XLSX export is an import workbook: give --commune")
        return build_workbook({dataset: rows})
    raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")


def export_commune_workbook(session: Session, commune: str, datasets: list[str] | None = None) -> bytes:
    """Every dataset of a commune in one workbook — the template filled with what is stored."""
    names = datasets or list(SPEC_BY_NAME)
    data = {}
    for name in names:
        _, rows = dataset_rows(session, name, commune)
        if rows:
            data[name] = rows
    services = [r["code"] for r in data.get("services", [])]
    return build_workbook(data, services=services)
