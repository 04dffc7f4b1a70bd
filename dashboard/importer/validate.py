"""Turn raw rows into typed rows, collecting every problem instead of stopping at the first."""

from __future__ import annotations

import enum
import typing
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from dashboard.importer.problems import Problem, problem
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


# The messages of validators in specs.py, as keys of validation.json.
_VALUE_ERRORS = {"each objective at most once": "val.objectives_once"}


def expected_for(spec: DatasetSpec, column: str, error: dict[str, Any]) -> tuple[str, dict[str, object]]:
    """What the cell should hold, as a key of validation.json and its parameters."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    field_info = spec.model.model_fields.get(column)
    enum_cls = _enum_of(field_info.annotation) if field_info else None
    if enum_cls is not None and kind in ("enum", "literal_error", "missing", "list_type", "string_type"):
        codes = ", ".join(m.value for m in enum_cls)
        return ("val.one_of_required" if kind == "missing" else "val.one_of"), {"codes": codes}
    if column.endswith("year") and kind in (
        "int_parsing",
        "int_from_float",
        "greater_than_equal",
        "less_than_equal",
    ):
        return "val.year_number", {}
    if column in ("year", "report_year", "started_year") and kind in (
        "greater_than_equal",
        "less_than_equal",
    ):
        return "val.year_range", {}
    if column == "level" and kind in ("greater_than_equal", "less_than_equal"):
        return "val.level_range", {}
    if kind == "string_pattern_mismatch":
        return _pattern_hint(ctx.get("pattern", ""))
    if kind == "value_error":
        text = str(ctx.get("error", error.get("msg", "")))
        key = _VALUE_ERRORS.get(text)
        return (key, {}) if key else ("val.valid_detail", {"detail": text})
    messages: dict[str, tuple[str, dict[str, object]]] = {
        "missing": ("val.missing", {}),
        "int_type": ("val.int_required", {}),
        "decimal_type": ("val.decimal_required", {}),
        "date_type": ("val.date_required", {}),
        "string_type": ("val.string_required", {}),
        "int_parsing": ("val.int", {}),
        "int_from_float": ("val.int", {}),
        "decimal_parsing": ("val.decimal", {}),
        "decimal_max_places": ("val.decimal_places", {"count": ctx.get("decimal_places")}),
        "decimal_max_digits": ("val.decimal_digits", {"count": ctx.get("max_digits")}),
        "date_from_datetime_parsing": ("val.date", {}),
        "date_parsing": ("val.date", {}),
        "date_from_datetime_inexact": ("val.date_no_time", {}),
        "string_too_long": ("val.too_long", {"count": ctx.get("max_length")}),
        "string_too_short": ("val.non_empty", {}),
        "greater_than_equal": ("val.ge", {"limit": ctx.get("ge")}),
        "less_than_equal": ("val.le", {"limit": ctx.get("le")}),
        "greater_than": ("val.gt", {"limit": ctx.get("gt")}),
    }
    if kind in messages:
        return messages[kind]
    return ("val.valid_detail", {"detail": error["msg"]}) if error.get("msg") else ("val.valid", {})


_PATTERN_HINTS = {
    r"^\d{5}$": "val.pattern.ins",
    r"^[a-z0-9][a-z0-9_-]{0,59}$": "val.pattern.code",
    r"^A\d{1,3}$": "val.pattern.action",
    r"^OP\d{1,3}$": "val.pattern.op",
    r"^(OS|OP)\d{1,3}$": "val.pattern.objective",
    r"^[0-9X]{2}$": "val.pattern.eco_group",
    r"^[A-Z_]{2,20}$": "val.pattern.upper_code",
}


def _pattern_hint(pattern: str) -> tuple[str, dict[str, object]]:
    key = _PATTERN_HINTS.get(pattern)
    return (key, {}) if key else ("val.pattern.other", {"pattern": pattern})


def validate_table(spec: DatasetSpec, table: RawTable) -> tuple[ValidTable, list[Problem]]:
    problems: list[Problem] = []
    result = ValidTable(spec=spec, file=table.file, sheet=table.sheet)
    expected_columns = spec.columns
    missing = [c for c in expected_columns if c not in table.header and _is_required(spec, c)]
    unknown = [c for c in table.header if c not in expected_columns]
    for column in missing:
        problems.append(problem(table.file, 1, column, None, "val.header_column", table.sheet))
    for column in unknown:
        problems.append(
            problem(
                table.file,
                1,
                column,
                column,
                "val.only_columns",
                table.sheet,
                columns=", ".join(expected_columns),
            )
        )
    if missing or unknown:
        return result, problems

    for row_number, cells in table.rows:
        extras = {k: v for k, v in cells.items() if k.startswith("#extra")}
        if extras:
            problems.append(
                problem(
                    table.file,
                    row_number,
                    None,
                    next(iter(extras.values())),
                    "val.cell_count",
                    table.sheet,
                    expected=len(expected_columns),
                    found=len(expected_columns) + len(extras),
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
                key, params = expected_for(spec, column or "", error)
                problems.append(problem(table.file, row_number, column, raw, key, table.sheet, **params))
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
                problem(
                    table.file,
                    row_number,
                    ", ".join(table.spec.key),
                    " / ".join(str(getattr(k, "value", k)) for k in key),
                    "val.unique_key",
                    table.sheet,
                    columns=", ".join(table.spec.key),
                    row=seen[key],
                )
            )
        else:
            seen[key] = row_number
    return problems
