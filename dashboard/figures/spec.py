"""Figures described as plain dicts and turned into one `go.Figure` at the end.

Plotly's graph objects validate every property on every assignment: a five-trace chart cost
~8 ms to build that way for ~0.4 ms of actual work, and a filter callback builds several
(benchmarks/). Builders therefore describe their figure with a FigureSpec, which takes the
same calls as `go.Figure` (add_trace, update_layout, update_xaxes, add_annotation...), and
finish with `.figure()`, which builds the `go.Figure` once. Validation runs where it catches
mistakes: the test suite sets DASHBOARD_VALIDATE_FIGURES=1, so every figure a test builds is
checked property by property; the served app skips it (the JSON sent is the same).
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

VALIDATE_VARIABLE = "DASHBOARD_VALIDATE_FIGURES"


def validating() -> bool:
    """Read per figure, so a test run can turn it on whatever was imported first."""
    return os.environ.get(VALIDATE_VARIABLE, "") not in ("", "0")


def plain(value: Any) -> Any:
    """JSON-ready: Series, arrays and numpy scalars become lists and numbers; NaN and NA become None."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, pd.Series | pd.Index | np.ndarray):
        return [plain(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def merge(target: dict, update: Mapping) -> dict:
    """Deep-merge `update` into `target` (nested dicts merge, anything else replaces), as update_layout does."""
    for key, value in update.items():
        if isinstance(value, Mapping) and isinstance(target.get(key), dict):
            merge(target[key], value)
        elif isinstance(value, Mapping):
            target[key] = merge({}, value)
        else:
            target[key] = plain(value)
    return target


@functools.lru_cache(maxsize=64)
def _grid(
    rows: int,
    cols: int,
    kind: str,
    shared_xaxes: bool,
    titles: tuple[str, ...],
    horizontal_spacing: float | None,
    vertical_spacing: float | None,
) -> tuple[dict, tuple[tuple[tuple[dict, tuple[str, ...]], ...], ...]]:
    """make_subplots' layout (domains, titles) and, per cell, its trace keys and layout keys; built once per shape."""
    from plotly.subplots import make_subplots

    options: dict[str, Any] = {"rows": rows, "cols": cols, "shared_xaxes": shared_xaxes}
    if kind != "xy":
        options["specs"] = [[{"type": kind}] * cols] * rows
    if titles:
        options["subplot_titles"] = list(titles)
    if horizontal_spacing is not None:
        options["horizontal_spacing"] = horizontal_spacing
    if vertical_spacing is not None:
        options["vertical_spacing"] = vertical_spacing
    fig = make_subplots(**options)
    layout = fig.layout.to_plotly_json()
    layout.pop("template", None)
    cells = tuple(
        tuple((dict(cell[0].trace_kwargs), tuple(cell[0].layout_keys)) for cell in row)
        for row in fig._grid_ref
    )
    return layout, cells


class FigureSpec:
    """A figure under construction: `data` (trace dicts) and `layout` (a dict), with go.Figure's verbs."""

    def __init__(self, data: list[dict] | None = None, layout: Mapping | None = None) -> None:
        self.data: list[dict] = []
        self.layout: dict = {}
        self._cells: tuple | None = None
        for trace in data or ():
            self.add_trace(trace)
        if layout:
            self.update_layout(layout)

    @classmethod
    def subplots(
        cls,
        rows: int = 1,
        cols: int = 1,
        *,
        kind: str = "xy",
        shared_xaxes: bool = False,
        subplot_titles: list[str] | tuple[str, ...] = (),
        horizontal_spacing: float | None = None,
        vertical_spacing: float | None = None,
    ) -> FigureSpec:
        """A grid like plotly.subplots.make_subplots (every cell of one `kind`: 'xy' or 'polar')."""
        layout, cells = _grid(
            rows, cols, kind, shared_xaxes, tuple(subplot_titles), horizontal_spacing, vertical_spacing
        )
        spec = cls(layout=layout)
        spec._cells = cells
        return spec

    # --- traces -----------------------------------------------------------------------------------

    def add_trace(self, trace: Mapping, row: int | None = None, col: int | None = None) -> FigureSpec:
        """Add a trace given as a dict with its `type` (e.g. {"type": "scatter", "x": ...})."""
        if "type" not in trace:
            raise ValueError("a trace needs its 'type'")
        entry = merge({}, trace)
        if row is not None or col is not None:
            entry.update(self._cell(row or 1, col or 1)[0])
        self.data.append(entry)
        return self

    # --- layout -----------------------------------------------------------------------------------

    def update_layout(self, update: Mapping | None = None, **kwargs: Any) -> FigureSpec:
        merge(self.layout, {**(update or {}), **kwargs})
        return self

    def update_xaxes(
        self, update: Mapping | None = None, row: int | None = None, col: int | None = None, **kwargs
    ):
        return self._update_subplots("xaxis", {**(update or {}), **kwargs}, row, col)

    def update_yaxes(
        self, update: Mapping | None = None, row: int | None = None, col: int | None = None, **kwargs
    ):
        return self._update_subplots("yaxis", {**(update or {}), **kwargs}, row, col)

    def update_polars(
        self, update: Mapping | None = None, row: int | None = None, col: int | None = None, **kwargs
    ):
        return self._update_subplots("polar", {**(update or {}), **kwargs}, row, col)

    def add_annotation(self, annotation: Mapping | None = None, **kwargs: Any) -> FigureSpec:
        self.layout.setdefault("annotations", []).append(merge({}, {**(annotation or {}), **kwargs}))
        return self

    def update_annotations(self, update: Mapping | None = None, **kwargs: Any) -> FigureSpec:
        for annotation in self.layout.get("annotations", []):
            merge(annotation, {**(update or {}), **kwargs})
        return self

    def add_shape(self, shape: Mapping | None = None, **kwargs: Any) -> FigureSpec:
        self.layout.setdefault("shapes", []).append(merge({}, {**(shape or {}), **kwargs}))
        return self

    def add_vline(self, x: Any, **kwargs: Any) -> FigureSpec:
        """A vertical line across the whole plot height at `x` (as go.Figure.add_vline on one subplot)."""
        return self.add_shape(
            {"type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain", **kwargs}
        )

    # --- result -----------------------------------------------------------------------------------

    def to_dict(self) -> dict:
        return {"data": self.data, "layout": self.layout}

    def figure(self) -> go.Figure:
        """The go.Figure, validated when DASHBOARD_VALIDATE_FIGURES is set (the tests), else as is."""
        return go.Figure(self.to_dict(), _validate=validating())

    # --- internals --------------------------------------------------------------------------------

    def _cell(self, row: int, col: int) -> tuple[dict, tuple[str, ...]]:
        if self._cells is None:
            raise ValueError("row/col need a grid: build the spec with FigureSpec.subplots")
        return self._cells[row - 1][col - 1]

    def _update_subplots(self, prefix: str, update: dict, row: int | None, col: int | None) -> FigureSpec:
        if row is not None or col is not None:
            keys = [k for k in self._cell(row or 1, col or 1)[1] if k.startswith(prefix)]
        else:
            keys = [
                k for k in self.layout if (k.startswith(prefix) and k[len(prefix) :].isdigit()) or k == prefix
            ]
            keys = keys or [prefix]
        for key in keys:
            merge(self.layout.setdefault(key, {}), update)
        return self
