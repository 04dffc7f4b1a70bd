"""Turn query results into DataFrames with stable columns, even when there are no rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from enum import Enum

import pandas as pd
from sqlalchemy import Select
from sqlalchemy.orm import Session

_AS_IS = frozenset(
    {str, int, float, bool, type(None)}
)  # most values: one set lookup instead of two isinstance


def plain_value(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return float(value)
    return value


def frame(session: Session, statement: Select, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Run `statement`; enum members become their codes and Decimals floats (None stays missing)."""
    result = session.execute(statement)
    names = list(columns or result.keys())
    records = [[v if type(v) in _AS_IS else plain_value(v) for v in row] for row in result]
    return pd.DataFrame.from_records(records, columns=names)


def records_frame(records: Iterable[dict], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame.from_records(list(records), columns=list(columns))
