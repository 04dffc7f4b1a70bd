"""The annual synergy report as an XLSX workbook: a cover sheet, then one sheet per template section.

Same content as the PDF (both lay out dashboard.exports.report.Report). Numbers, amounts,
percentages and dates are typed cells so the clerk can sum and sort; text goes through the
same formula-injection guard as every other export.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dashboard.exports.report import Report, ReportTable
from dashboard.exports.tabular import sheet_title, write_row
from dashboard.i18n import fmt_date, t

NUMBER_FORMATS = {"amount": '#,##0.00 "€"', "percent": "0.0%", "int": "0"}
HEADER_FILL = PatternFill("solid", fgColor="E9ECEF")


def _typed(value: Any, kind: str) -> Any:
    if value is not None and kind == "percent":
        return value / 100.0  # stored as a fraction, shown as a percentage
    return value


def _write_table(sheet, row: int, table: ReportTable) -> int:
    if table.title:
        write_row(sheet, row, [table.title])
        sheet.cell(row=row, column=1).font = Font(bold=True)
        row += 1
    write_row(sheet, row, [c.header for c in table.columns])
    for column in range(1, len(table.columns) + 1):
        cell = sheet.cell(row=row, column=column)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    row += 1
    for values, bold in [*((r, False) for r in table.rows), *((r, True) for r in table.footer)]:
        write_row(sheet, row, [_typed(v, c.kind) for v, c in zip(values, table.columns, strict=True)])
        for index, column in enumerate(table.columns, start=1):
            cell = sheet.cell(row=row, column=index)
            if column.kind in NUMBER_FORMATS and cell.value is not None:
                cell.number_format = NUMBER_FORMATS[column.kind]
            cell.alignment = Alignment(wrap_text=column.kind == "text", vertical="top")
            if bold:
                cell.font = Font(bold=True)
        row += 1
    if table.note:
        write_row(sheet, row, [table.note])
        sheet.cell(row=row, column=1).font = Font(italic=True)
        row += 1
    return row + 1


def report_xlsx(report: Report) -> bytes:
    lang = report.lang
    book = Workbook()
    cover = book.active
    taken: set[str] = set()
    cover.title = sheet_title(t("rep.sheet.cover", lang), taken)
    lines = [
        report.title,
        t("rep.subtitle", lang, commune=report.commune_name, year=report.year),
        t("rep.annex", lang),
        report.legal_basis,
        t("rep.generated", lang, date=fmt_date(report.generated, lang, "long")),
        "",
        t("rep.contents", lang),
        *(f"{s.number}. {s.title}" for s in report.sections),
    ]
    for number, line in enumerate(lines, start=1):
        write_row(cover, number, [line])
    cover["A1"].font = Font(bold=True, size=14)
    cover.column_dimensions["A"].width = 100
    for section in report.sections:
        sheet = book.create_sheet(sheet_title(f"{section.number}. {section.title}", taken))
        write_row(sheet, 1, [f"{section.number}. {section.title}"])
        sheet["A1"].font = Font(bold=True, size=13)
        write_row(sheet, 2, [t("rep.subtitle", lang, commune=report.commune_name, year=report.year)])
        write_row(sheet, 3, [section.intro])
        row = 5
        widest = 1
        for block in section.blocks:
            if block.heading:
                write_row(sheet, row, [block.heading])
                sheet.cell(row=row, column=1).font = Font(bold=True, size=12)
                row += 1
            for table in block.tables:
                row = _write_table(sheet, row, table)
                widest = max(widest, len(table.columns))
            if block.empty:
                write_row(sheet, row, [block.empty])
                sheet.cell(row=row, column=1).font = Font(italic=True)
                row += 2
        for column in range(1, widest + 1):
            sheet.column_dimensions[get_column_letter(column)].width = 40 if column <= 2 else 22
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
