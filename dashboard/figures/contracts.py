"""Public-contract figures: contracts awarded per year and body (partial counts marked), totals by kind."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.spec import FigureSpec
from dashboard.figures.theme import BODY_COLOURS, MUTED_COLOUR, PARTIAL_PATTERN, SERIES, apply_theme
from dashboard.i18n import fmt_currency, fmt_number, fmt_percent

BODY_ORDER = ("cpas", "commune", "conjoint")
BODY_PATTERNS = {"cpas": "", "commune": "", "conjoint": ""}


def awarded_by_year(
    counts: pd.DataFrame,
    summary: pd.DataFrame,
    *,
    body_labels: dict[str, str],
    partial_text: Callable[[object], str],
    share_text: Callable[[str], str],
    lang: str,
    title: str | None = None,
    font_size: int = 14,
) -> go.Figure:
    """Grouped bars: one bar per body and year, the count written on it.

    A partial count is hatched and labelled with the date it was counted to (it is
    not a drop); the joint share of each year is written above the year's bars.
    """
    fig = FigureSpec()
    # One pass over the columns instead of a filter per body: one count per (year, body), unique
    # per commune in the database; a missing cell has no count and is not partial.
    year_column = counts["year"].tolist()
    partial_column = counts["partial"].tolist()
    until_column = counts["counted_until"].tolist()
    cells = dict(
        zip(
            zip(year_column, counts["body"].tolist(), strict=True),
            zip(counts["count"].tolist(), partial_column, until_column, strict=True),
            strict=True,
        )
    )
    years = sorted(set(year_column))
    x_labels = [str(y) for y in years]
    for body in BODY_ORDER:
        rows = [cells.get((year, body), (None, False, None)) for year in years]
        values = [None if pd.isna(n) else float(n) for n, _, _ in rows]
        if all(v is None for v in values):
            continue
        partial = [False if pd.isna(p) else bool(p) for _, p, _ in rows]
        text = [
            "" if pd.isna(n) else fmt_number(n, lang) + ("*" if p else "")
            for (n, _, _), p in zip(rows, partial, strict=True)
        ]
        colour = BODY_COLOURS[body]
        fig.add_trace(
            dict(
                type="bar",
                x=x_labels,
                y=values,
                name=body_labels[body],
                text=text,
                textposition="outside",
                textfont={"size": font_size},
                cliponaxis=False,
                marker={
                    "color": ["#ffffff" if p else colour for p in partial],
                    "line": {"color": colour, "width": 2.5},
                    "pattern": {
                        "shape": [PARTIAL_PATTERN if p else "" for p in partial],
                        "fgcolor": colour,
                        "solidity": 0.35,
                    },
                },
                customdata=[partial_text(d) if p else "" for (_, _, d), p in zip(rows, partial, strict=True)],
                hovertemplate="%{x} — " + body_labels[body] + ": %{y} %{customdata}<extra></extra>",
            )
        )
    top = float(counts["count"].max()) if not counts.empty else 1.0
    for year, joint_share in zip(summary["year"].tolist(), summary["joint_share"].tolist(), strict=True):
        if pd.isna(joint_share):
            continue
        fig.add_annotation(
            x=years.index(year),  # a category axis places annotations by index ("2023" would read as 2023)
            y=top * 1.22,
            text=share_text(fmt_percent(joint_share, lang, 1)),
            showarrow=False,
            font={"size": font_size, "color": BODY_COLOURS["conjoint"]},
        )
    notes = [
        partial_text(d) for d, p in zip(until_column, partial_column, strict=True) if p and d is not None
    ]
    if notes:
        fig.add_annotation(
            xref="paper",
            yref="paper",
            x=0,
            y=-0.14,
            xanchor="left",
            showarrow=False,
            text="* " + " ; ".join(dict.fromkeys(notes)),
            font={"size": font_size - 1, "color": MUTED_COLOUR},
        )
    fig.update_layout(barmode="group", bargap=0.25, margin={"b": 80})
    fig.update_yaxes(range=[0, top * 1.32], rangemode="tozero")
    fig.update_xaxes(type="category")
    return apply_theme(fig, lang, title=title)


def totals_by(
    totals: pd.DataFrame,
    *,
    by: str,
    labels: dict[str, str],
    count_text: Callable[[int], str],
    lang: str,
    title: str | None = None,
    font_size: int = 13,
) -> go.Figure:
    """Horizontal bars of the summed estimated amounts, each labelled with its sum and its count."""
    data = totals.iloc[::-1]
    names = [labels.get(v, v) for v in data[by]]
    amounts = data["amount"].astype(float).fillna(0).tolist()
    text = [
        f"{fmt_currency(a, lang, 0) if not pd.isna(a) else '—'} · {count_text(int(c))}"
        for a, c in zip(data["amount"], data["count"], strict=True)
    ]
    fig = FigureSpec()
    fig.add_trace(
        dict(
            type="bar",
            x=amounts,
            y=names,
            orientation="h",
            text=text,
            textposition="outside",
            cliponaxis=False,
            textfont={"size": font_size},
            marker={"color": SERIES[0]},
            hoverinfo="skip",
        )
    )
    fig.update_xaxes(range=[0, max([*amounts, 1]) * 1.6], showticklabels=False, showgrid=False)
    fig.update_yaxes(automargin=True)
    fig.update_layout(height=max(200, 56 * len(names) + 80), margin={"l": 16, "r": 16, "t": 24, "b": 24})
    return apply_theme(fig, lang, title=title)
