"""Cooperation-matrix figures: radar charts (one polygon per service-year) and the matrix heatmap."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.spec import FigureSpec
from dashboard.figures.theme import LEVEL_SCALE, SERIES, apply_theme

MAX_LEVEL = 5


def radar(
    levels: pd.DataFrame,
    *,
    series_column: str,
    register_labels: dict[str, str],
    level_labels: dict[int, str],
    lang: str,
    title: str | None = None,
    colours: Sequence[str] = SERIES,
    line_width: float = 3,
    font_size: int = 14,
) -> go.Figure:
    """One closed polygon per value of `series_column` (e.g. a year or a service) on the five registers.

    `levels` has columns register, register_position, level and the series column. The
    radial axis is fixed 0..5 and labelled with the level names; each vertex carries its
    level as text, so nothing is readable only on hover.
    """
    fig = FigureSpec()
    order = sorted(register_labels, key=list(register_labels).index)
    theta = [register_labels[r] for r in order]
    series = _levels_by(levels, series_column)
    for index, (name, by_register) in enumerate(series.items()):
        r = _in_order(by_register, order)
        colour = colours[index % len(colours)]
        fig.add_trace(
            dict(
                type="scatterpolar",
                r=[*r, r[0]],
                theta=[*theta, theta[0]],
                name=str(name),
                mode="lines+markers+text",
                text=[_level_text(v) for v in r] + [""],
                textposition="top center",
                textfont={"size": font_size, "color": colour},
                line={
                    "color": colour,
                    "width": line_width,
                    "dash": ["solid", "dash", "dot", "dashdot"][index % 4],
                },
                marker={
                    "size": 8 + line_width,
                    "symbol": ["circle", "square", "diamond", "triangle-up"][index % 4],
                },
                fill="toself",
                fillcolor=_transparent(colour, 0.12),
                hovertemplate="%{theta}: %{r}<extra>" + str(name) + "</extra>",
            )
        )
    fig.update_layout(
        polar={
            "radialaxis": {
                "range": [0, MAX_LEVEL],
                "tickvals": list(range(MAX_LEVEL + 1)),
                "ticktext": [
                    f"{level} {level_labels.get(level, '')}".strip() for level in range(MAX_LEVEL + 1)
                ],
                "tickfont": {"size": max(font_size - 3, 10)},
                "angle": 90,
                "tickangle": 90,
                "gridcolor": "#ced4da",
            },
            "angularaxis": {
                "direction": "clockwise",
                "rotation": 90,
                # invisible outside ticks push the register names off the ring, clear of "5 Optimisé"
                "ticks": "outside",
                "ticklen": 14,
                "tickcolor": "rgba(0,0,0,0)",
                "tickfont": {"size": font_size},
                "gridcolor": "#ced4da",
            },
        },
        showlegend=len(series) > 1,
        margin={"l": 72, "r": 72, "t": 64 if title else 40, "b": 40},
    )
    return apply_theme(fig, lang, title=title)


def _levels_by(levels: pd.DataFrame, key_column: str) -> dict:
    """{key: {register: level}} in one pass over the rows, keys in order of first appearance.

    Stands for a groupby(sort=False) and a set_index per key (~0.3 ms each); rows without a key
    are skipped, as groupby skips them.
    """
    out: dict = {}
    for key, register, level in zip(levels[key_column], levels["register"], levels["level"], strict=True):
        if not pd.isna(key):
            out.setdefault(key, {})[register] = level
    return out


def _in_order(by_register: dict, order: list[str]) -> list:
    """The levels in register order, as Series.reindex gives them: NaN for a missing one, floats then."""
    missing = math.nan
    values = [by_register.get(register, missing) for register in order]
    if any(value is missing for value in values):
        values = [float(value) if isinstance(value, int) else value for value in values]
    return values


def _level_text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(int(value))


def _transparent(hex_colour: str, alpha: float) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def heatmap(
    levels: pd.DataFrame,
    *,
    register_labels: dict[str, str],
    level_labels: dict[int, str],
    lang: str,
    title: str | None = None,
) -> go.Figure:
    """Services (rows, in the given order) × registers; each cell shows its level and the level name."""
    order = list(register_labels)
    services = list(dict.fromkeys(levels["service_name"]))
    # Each cell's first known level (as pivot_table(aggfunc="first")), in one pass over the rows.
    cells: dict = {}
    for service, register, level in zip(
        levels["service_name"], levels["register"], levels["level"], strict=True
    ):
        if not (pd.isna(service) or pd.isna(register) or pd.isna(level)):
            cells.setdefault((service, register), float(level))
    z = [[cells.get((service, register), math.nan) for register in order] for service in services]
    text = [[_cell_text(v, level_labels) for v in row] for row in z]
    fig = FigureSpec(
        [
            dict(
                type="heatmap",
                z=z,
                x=[wrap(register_labels[r], 18) for r in order],
                y=services,
                zmin=0,
                zmax=MAX_LEVEL,
                colorscale=LEVEL_SCALE,
                text=text,
                texttemplate="%{text}",
                textfont={"size": 13},
                xgap=2,
                ygap=2,
                colorbar={
                    "tickvals": list(range(MAX_LEVEL + 1)),
                    "ticktext": [f"{level} {level_labels.get(level, '')}" for level in range(MAX_LEVEL + 1)],
                    "outlinewidth": 0,
                },
                hovertemplate="%{y} — %{x}: %{z}<extra></extra>",
            )
        ]
    )
    fig.update_yaxes(autorange="reversed", ticks="", showgrid=False, automargin=True)
    fig.update_xaxes(side="top", ticks="", showgrid=False, tickangle=0, automargin=True)
    fig.update_layout(height=max(260, 48 * len(services) + 140), margin={"l": 16, "r": 16, "t": 24, "b": 16})
    return apply_theme(fig, lang, title=title)


def wrap(text: str, width: int) -> str:
    """Break a label on spaces into lines of about `width` characters (Plotly uses <br>)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _cell_text(value: float, level_labels: dict[int, str]) -> str:
    if pd.isna(value):
        return "—"
    level = int(value)
    return f"{level} · {level_labels.get(level, '')}"


def radar_grid(
    levels: pd.DataFrame,
    *,
    register_labels: dict[str, str],
    short_labels: dict[str, str],
    lang: str,
    columns: int = 4,
    title: str | None = None,
    colour: str = SERIES[0],
) -> go.Figure:
    """Small multiples: one small radar per service (in the order given), its total /25 in its title."""
    services = list(dict.fromkeys(levels["service_name"]))
    rows = max(1, -(-len(services) // columns))
    totals = dict.fromkeys(services, 0)
    for name, level in zip(levels["service_name"], levels["level"], strict=True):
        if not pd.isna(level):
            totals[name] += level
    by_service = _levels_by(levels, "service_name")
    fig = FigureSpec.subplots(
        rows=rows,
        cols=columns,
        kind="polar",
        subplot_titles=[wrap(f"{name} — {int(totals[name])}/25", 34) for name in services],
        horizontal_spacing=0.08,
        vertical_spacing=0.16 if rows > 1 else 0.1,
    )
    order = list(register_labels)
    short = short_labels
    for index, name in enumerate(services):
        r = _in_order(by_service.get(name, {}), order)
        fig.add_trace(
            dict(
                type="scatterpolar",
                r=[*r, r[0]],
                theta=[*[short[x] for x in order], short[order[0]]],
                mode="lines+markers+text",
                text=[_level_text(v) for v in r] + [""],
                textposition="top center",
                line={"color": colour, "width": 2.5},
                marker={"size": 6},
                fill="toself",
                fillcolor=_transparent(colour, 0.15),
                name=name,
                showlegend=False,
                hovertemplate="%{theta}: %{r}<extra>" + name + "</extra>",
            ),
            row=index // columns + 1,
            col=index % columns + 1,
        )
    polar = {
        "radialaxis": {
            "range": [0, MAX_LEVEL],
            "tickvals": list(range(MAX_LEVEL + 1)),
            "showticklabels": False,
            "gridcolor": "#ced4da",
            "showline": False,
            "ticks": "",
        },
        "angularaxis": {
            "direction": "clockwise",
            "rotation": 90,
            "tickfont": {"size": 10},
            "gridcolor": "#ced4da",
        },
    }
    fig.update_polars(**polar)
    fig.update_annotations(font={"size": 13}, yshift=28)
    fig.update_layout(height=330 * rows + 60, margin={"l": 50, "r": 50, "t": 90, "b": 30})
    return apply_theme(fig, lang, title=title)
