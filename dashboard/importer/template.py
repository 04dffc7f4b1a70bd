"""The Excel workbook staff fill in (and the XLSX export, which is the same workbook with rows).

One sheet per dataset with French headers, a legend sheet giving every column in French,
Dutch and English with its allowed values, a (hidden) lists sheet feeding the drop-downs
of every enumeration (status, mode, pilot, register, level 0..5, …). Text cells are
written as text, never as formulas, whatever they start with.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import typing
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from dashboard.i18n import t
from dashboard.importer.specs import DatasetSpec
from dashboard.importer.validate import _enum_of
from dashboard.importer.workbook import IMPORT_SPECS, column_label, dataset_label

TEMPLATE_ROWS = 500  # rows prepared with drop-downs
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_OPTIONAL_TRAILING = ("source", "section")


def sheet_columns(spec: DatasetSpec) -> list[str]:
    """The spec's columns with the optional provenance columns last (staff rarely fill them)."""
    columns = [c for c in spec.columns if c not in _OPTIONAL_TRAILING]
    return columns + [c for c in _OPTIONAL_TRAILING if c in spec.columns]


def column_kind(spec: DatasetSpec, column: str) -> str:
    """'int', 'decimal', 'date', 'enum', 'enums' (a ;-list) or 'text' — how the cell is typed."""
    annotation = spec.model.model_fields[column].annotation
    if _enum_of(annotation) is not None:
        return "enums" if typing.get_origin(annotation) is list else "enum"
    found = set()

    def walk(a: object) -> None:
        if a in (int, Decimal, dt.date):
            found.add(a)
        for arg in typing.get_args(a):
            walk(arg)

    walk(annotation)
    if int in found:
        return "int"
    if Decimal in found:
        return "decimal"
    if dt.date in found:
        return "date"
    return "text"


def _typed(kind: str, text: str) -> object:
    """Numbers and dates as Excel numbers and dates where that loses nothing; otherwise text."""
    if text == "":
        return None
    try:
        if kind == "int" and len(text.lstrip("-")) <= 15:
            return int(text)
        if kind == "decimal" and len(text.replace("-", "").replace(".", "")) <= 15:
            value = Decimal(text)
            return int(value) if value == value.to_integral_value() and "." not in text else float(value)
        if kind == "date":
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    return text


def build_workbook(
    data: dict[str, list[dict[str, str]]] | None = None, *, services: list[str] | None = None
) -> bytes:
    """The template (no `data`) or an export (rows per dataset), as .xlsx bytes."""
    book = Workbook()
    legend = book.active
    legend.title = t("imp.sheet.legend", "fr")
    lists = book.create_sheet(t("imp.sheet.lists", "fr"))
    list_ranges = _fill_lists(lists, services or [])
    specs = [s for s in IMPORT_SPECS if data is None or s.name in data]
    for spec in specs:
        sheet = book.create_sheet(dataset_label(spec.name))
        columns = sheet_columns(spec)
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=1, column=index, value=column_label(column))
            cell.fill, cell.font = _HEADER_FILL, _HEADER_FONT
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            sheet.column_dimensions[get_column_letter(index)].width = (
                14 if column in ("year", "level") else 24
            )
        sheet.freeze_panes = "A2"
        rows = (data or {}).get(spec.name, [])
        for r, cells in enumerate(rows, start=2):
            for index, column in enumerate(columns, start=1):
                value = _typed(column_kind(spec, column), cells.get(column, ""))
                cell = sheet.cell(row=r, column=index)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"  # text stays text even when it starts with '='
                elif isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
        _add_validations(sheet, spec, columns, list_ranges, max(TEMPLATE_ROWS, len(rows) + 1))
    _fill_legend(legend, specs)
    lists.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _enum_columns() -> dict[str, type[enum.Enum]]:
    found: dict[str, type[enum.Enum]] = {}
    for spec in IMPORT_SPECS:
        for column in spec.columns:
            enum_cls = _enum_of(spec.model.model_fields[column].annotation)
            if enum_cls is not None:
                found[enum_cls.__name__] = enum_cls
    return found


def _fill_lists(sheet, services: list[str]) -> dict[str, str]:
    """One column per enumeration; returns enum name -> absolute range for the drop-downs."""
    ranges = {}
    columns = {name: [m.value for m in cls] for name, cls in sorted(_enum_columns().items())}
    if services:
        columns["service"] = list(services)
    for index, (name, values) in enumerate(columns.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=name)
        for r, value in enumerate(values, start=2):
            sheet.cell(row=r, column=index, value=value).data_type = "s"
        ranges[name] = f"{quote_sheetname(sheet.title)}!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _add_validations(
    sheet, spec: DatasetSpec, columns: list[str], ranges: dict[str, str], last_row: int
) -> None:
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        area = f"{letter}2:{letter}{last_row}"
        enum_cls = _enum_of(spec.model.model_fields[column].annotation)
        kind = column_kind(spec, column)
        if enum_cls is not None and kind == "enum":
            rule = DataValidation(type="list", formula1=ranges[enum_cls.__name__], allow_blank=True)
            rule.error = t("imp.legend.col.allowed", "fr") + " : " + ", ".join(m.value for m in enum_cls)
        elif column == "level":
            rule = DataValidation(
                type="whole", operator="between", formula1="0", formula2="5", allow_blank=True
            )
            rule.error = "0..5"
        elif column == "service" and "service" in ranges:
            rule = DataValidation(type="list", formula1=ranges["service"], allow_blank=True)
        elif column.endswith("year") and kind == "int":
            rule = DataValidation(
                type="whole", operator="between", formula1="1990", formula2="2100", allow_blank=True
            )
            rule.error = "1990..2100"
        else:
            continue
        rule.showErrorMessage = True
        sheet.add_data_validation(rule)
        rule.add(area)


def _fill_legend(sheet, specs: list[DatasetSpec]) -> None:
    sheet.cell(row=1, column=1, value=t("imp.legend.intro", "fr"))
    sheet.cell(row=2, column=1, value=t("imp.legend.intro", "nl"))
    sheet.cell(row=3, column=1, value=t("imp.legend.intro", "en"))
    heads = ["sheet", "code", "fr", "nl", "en", "required", "allowed"]
    for index, head in enumerate(heads, start=1):
        cell = sheet.cell(row=5, column=index, value=t(f"imp.legend.col.{head}", "fr"))
        cell.fill, cell.font = _HEADER_FILL, _HEADER_FONT
        sheet.column_dimensions[get_column_letter(index)].width = 28
    r = 6
    for spec in specs:
        for column in sheet_columns(spec):
            field_info = spec.model.model_fields[column]
            enum_cls = _enum_of(field_info.annotation)
            allowed = (
                ", ".join(m.value for m in enum_cls) if enum_cls else ("0..5" if column == "level" else "")
            )
            values = [
                dataset_label(spec.name),
                column,
                column_label(column, "fr"),
                column_label(column, "nl"),
                column_label(column, "en"),
                t(
                    "imp.legend.yes" if field_info.is_required() and column != "source" else "imp.legend.no",
                    "fr",
                ),
                allowed,
            ]
            for index, value in enumerate(values, start=1):
                sheet.cell(row=r, column=index, value=value).data_type = "s"
            r += 1
