"""Turn raw rows into typed rows, collecting every problem instead of stopping at the first."""

from __future__ import annotations

import enum
import typing
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from dashboard.importer.problems import Problem
from dashboard.importer.specs import DatasetSpec, Row
from dashboard.importer.tables import RawTable


@dataclass
class ValidTable:
    spec: DatasetSpec
    file: str
    rows: list[tuple[int, Row]] = field(default_factory=list)
    sheet: str | None = None
    rejected: int = 0  # rows refused by validation: cross-file checks must not report them twice


def _enum_of(annotation: Any) -> type[enum.Enum] | None:
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation
    for arg in typing.get_args(annotation):
        found = _enum_of(arg)
        if found:
            return found
    return None


def expected_for(spec: DatasetSpec, column: str, error: dict[str, Any]) -> str:
    """A plain-language description of what the cell should hold."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    field_info = spec.model.model_fields.get(column)
    enum_cls = _enum_of(field_info.annotation) if field_info else None
    if enum_cls is not None and kind in ("enum", "literal_error", "missing", "list_type", "string_type"):
        codes = ", ".join(m.value for m in enum_cls)
        if kind == "missing":
            return f"a value (required), one of: {codes}"
        return f"one of: {codes}"
    if column.endswith("year") and kind in (
        "int_parsing",
        "int_from_float",
        "greater_than_equal",
        "less_than_equal",
    ):
        return "a year written as a whole number between 1990 and 2100 (e.g. 2024)"
    messages = {
        "missing": "a value (this column is required)",
        "int_type": "a whole number (this cell is required)",
        "decimal_type": "a number (this cell is required)",
        "date_type": "a date written YYYY-MM-DD (this cell is required)",
        "string_type": "a value (this cell is required)",
        "int_parsing": "a whole number",
        "int_from_float": "a whole number",
        "decimal_parsing": "a number with a dot as decimal separator and no thousands separator (e.g. 25193.00)",
        "decimal_max_places": f"at most {ctx.get('decimal_places')} decimals",
        "decimal_max_digits": f"at most {ctx.get('max_digits')} digits",
        "date_from_datetime_parsing": "a date written YYYY-MM-DD",
        "date_parsing": "a date written YYYY-MM-DD",
        "date_from_datetime_inexact": "a date without time",
        "string_pattern_mismatch": _pattern_hint(column, ctx.get("pattern", "")),
        "string_too_long": f"at most {ctx.get('max_length')} characters",
        "string_too_short": "a non-empty text",
        "greater_than_equal": f"a number ≥ {ctx.get('ge')}",
        "less_than_equal": f"a number ≤ {ctx.get('le')}",
        "greater_than": f"a number > {ctx.get('gt')}",
        "value_error": str(ctx.get("error", error.get("msg", "a valid value"))),
    }
    if column in ("year", "report_year", "started_year") and kind in (
        "greater_than_equal",
        "less_than_equal",
    ):
        return "a year between 1990 and 2100"
    if column == "level" and kind in ("greater_than_equal", "less_than_equal"):
        return "a level between 0 and 5"
    return messages.get(kind, error.get("msg", "a valid value"))


def _pattern_hint(column: str, pattern: str) -> str:
    hints = {
        r"^\d{5}$": "a 5-digit INS code",
        r"^[a-z0-9][a-z0-9_-]{0,59}$": "a lower-case code (letters, digits, - and _)",
        r"^A\d{1,3}$": "an action code such as A7",
        r"^OP\d{1,3}$": "an operational-objective code such as OP2",
        r"^(OS|OP)\d{1,3}$": "an objective code such as OS1 or OP2",
        r"^[0-9X]{2}$": "a two-character economic group such as 70 or 7X",
        r"^[A-Z_]{2,20}$": "an upper-case code such as PO or GRH",
    }
    return hints.get(pattern, f"text matching {pattern}")


def validate_table(spec: DatasetSpec, table: RawTable) -> tuple[ValidTable, list[Problem]]:
    problems: list[Problem] = []
    result = ValidTable(spec=spec, file=table.file, sheet=table.sheet)
    expected_columns = spec.columns
    missing = [c for c in expected_columns if c not in table.header and _is_required(spec, c)]
    unknown = [c for c in table.header if c not in expected_columns]
    for column in missing:
        problems.append(Problem(table.file, 1, column, None, "this column in the header line", table.sheet))
    for column in unknown:
        problems.append(
            Problem(
                table.file,
                1,
                column,
                column,
                f"only these columns: {', '.join(expected_columns)}",
                table.sheet,
            )
        )
    if missing or unknown:
        return result, problems

    for row_number, cells in table.rows:
        extras = {k: v for k, v in cells.items() if k.startswith("#extra")}
        if extras:
            problems.append(
                Problem(
                    table.file,
                    row_number,
                    None,
                    next(iter(extras.values())),
                    f"{len(expected_columns)} cells as in the header, found {len(expected_columns) + len(extras)}",
                    table.sheet,
                )
            )
            result.rejected += 1
            continue
        data = {k: v for k, v in cells.items() if k in expected_columns}
        try:
            result.rows.append((row_number, spec.model.model_validate(data)))
        except ValidationError as exc:
            result.rejected += 1
            for error in exc.errors():
                column = str(error["loc"][0]) if error["loc"] else None
                raw = cells.get(column) if column else None
                problems.append(
                    Problem(
                        table.file,
                        row_number,
                        column,
                        raw,
                        expected_for(spec, column or "", error),
                        table.sheet,
                    )
                )
    problems.extend(duplicate_keys(result))
    return result, problems


def _is_required(spec: DatasetSpec, column: str) -> bool:
    return spec.model.model_fields[column].is_required()


def duplicate_keys(table: ValidTable) -> list[Problem]:
    if not table.spec.key:
        return []
    seen: dict[tuple, int] = {}
    problems = []
    for row_number, row in table.rows:
        key = tuple(getattr(row, column) for column in table.spec.key)
        if key in seen:
            problems.append(
                Problem(
                    table.file,
                    row_number,
                    ", ".join(table.spec.key),
                    " / ".join(str(getattr(k, "value", k)) for k in key),
                    f"a unique combination of {', '.join(table.spec.key)} (already on row {seen[key]})",
                    table.sheet,
                )
            )
        else:
            seen[key] = row_number
    return problems
