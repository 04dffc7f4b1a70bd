"""Social-indicator figures: RIS trend and household split, placements by employer, territorial benchmarks."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.spec import FigureSpec
from dashboard.figures.theme import BODY_COLOURS, MUTED_COLOUR, SERIES, TOL_HIGH_CONTRAST, apply_theme
from dashboard.i18n import fmt_number, fmt_percent

TERRITORY_ORDER = ("commune", "arrondissement", "province", "region")
TERRITORY_COLOURS = {
    "commune": TOL_HIGH_CONTRAST["blue"],
    "arrondissement": "#6699CC",
    "province": "#997700",
    "region": "#555555",
}
HOUSEHOLD_COLOURS = {"isoles": SERIES[0], "cohabitants": SERIES[2], "familles": SERIES[3]}


def ris_trend(
    ris: pd.DataFrame,
    *,
    name: str,
    partial_text: Callable[[object], str],
    lang: str,
    base_year: int | None = None,
    growth_label: str | None = None,
    title: str | None = None,
    line_width: float = 3,
    font_size: int = 13,
) -> go.Figure:
    """Yearly average beneficiaries; the partial last year is a hollow point with its count date.

    With `base_year`, the base point is ringed; `growth_label` (the growth since it) is written on top.
    """
    data = ris.sort_values("year")
    colour = BODY_COLOURS["cpas"]
    years = data["year"].tolist()
    values = data["beneficiaries"].astype(float).tolist()
    partial = data["partial"].astype(bool).tolist()
    labels = [fmt_number(v, lang) for v in data["beneficiaries"]]
    fig = FigureSpec()
    fig.add_trace(
        dict(
            type="scatter",
            x=years,
            y=values,
            name=name,
            mode="lines+markers+text",
            text=labels,
            textposition="top center",
            textfont={"size": font_size},
            line={"color": colour, "width": line_width},
            marker={
                "size": 10 + line_width,
                "color": ["#ffffff" if p else colour for p in partial],
                "line": {"color": colour, "width": 2.5},
                "symbol": ["diamond" if p else "circle" for p in partial],
            },
            hovertemplate="%{x}: %{y}<extra></extra>",
            showlegend=False,
        )
    )
    # One pass over plain lists: the partial years (the column holds bools, see queries.social.ris).
    for year, value, is_partial, until in zip(
        years, values, partial, data["counted_until"].tolist(), strict=True
    ):
        if not is_partial:
            continue
        fig.add_annotation(
            x=year,
            y=value,
            text=partial_text(until),
            showarrow=True,
            arrowhead=0,
            ax=0,
            ay=48,
            font={"size": font_size - 1, "color": MUTED_COLOUR},
        )
    if base_year is not None and base_year in years:
        base = values[years.index(base_year)]
        fig.add_trace(
            dict(
                type="scatter",
                x=[base_year],
                y=[base],
                mode="markers",
                marker={"symbol": "circle-open", "size": 26, "color": "#000000", "line": {"width": 2}},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    if growth_label:
        fig.add_annotation(
            xref="paper",
            yref="paper",
            x=0,
            y=1.0,
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            text=growth_label,
            font={"size": font_size + 1},
        )
    fig.update_xaxes(tickmode="array", tickvals=years, ticktext=[str(y) for y in years], tickangle=-45)
    top = float(data["beneficiaries"].max()) if not data.empty else 1.0
    fig.update_yaxes(range=[0, top * 1.15], rangemode="tozero")
    fig.update_layout(margin={"t": 56})
    return apply_theme(fig, lang, title=title)


def households(
    split: pd.DataFrame, *, labels: dict[str, str], lang: str, title: str | None = None, font_size: int = 14
) -> go.Figure:
    """Horizontal bars (easier to compare than a donut), each with its count and share written."""
    data = split.set_index("household").reindex([h for h in labels if h in set(split["household"])])
    total = float(data["count"].sum())
    text = [f"{fmt_number(c, lang)} ({fmt_percent(100 * c / total, lang, 1)})" for c in data["count"]]
    fig = FigureSpec()
    fig.add_trace(
        dict(
            type="bar",
            x=data["count"].astype(float),
            y=[labels[h] for h in data.index],
            orientation="h",
            text=text,
            textposition="outside",
            cliponaxis=False,
            textfont={"size": font_size},
            marker={"color": [HOUSEHOLD_COLOURS.get(h, SERIES[0]) for h in data.index]},
            hoverinfo="skip",
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(range=[0, float(data["count"].max()) * 1.45], showticklabels=False, showgrid=False)
    fig.update_layout(height=240, margin={"l": 16, "r": 16, "t": 16, "b": 16})
    return apply_theme(fig, lang, title=title)


def placements_by_category(
    placements: pd.DataFrame,
    *,
    category_labels: dict[str, str],
    lang: str,
    title: str | None = None,
    font_size: int = 13,
) -> go.Figure:
    """One group of horizontal bars per employer category, one bar per year, counts written on the bars.

    A cell with a note (a transfer between categories…) gets a '†' after its count; the
    page lists the notes in full under the chart.
    """
    # One pass over the columns instead of a filter per year: one cell per (year, category) (unique
    # per scheme in the database); a missing cell has no count and no note.
    category_column = placements["employer_category"].tolist()
    cells = dict(
        zip(
            zip(placements["year"].tolist(), category_column, strict=True),
            zip(placements["count"].tolist(), placements["note"].tolist(), strict=True),
            strict=True,
        )
    )
    years = sorted(set(placements["year"].tolist()))
    categories = list(dict.fromkeys(category_column))
    names = [category_labels.get(c, c) for c in categories]
    fig = FigureSpec()
    for index, year in enumerate(years):
        counts, text = [], []
        for category in categories:
            count, note = cells.get((year, category), (None, None))
            if pd.isna(count):
                counts.append(None)
                text.append("")
            else:
                counts.append(float(count))
                text.append(fmt_number(count, lang) + (" †" if not pd.isna(note) and str(note) else ""))
        fig.add_trace(
            dict(
                type="bar",
                x=counts,
                y=names,
                name=str(year),
                orientation="h",
                text=text,
                textposition="outside",
                cliponaxis=False,
                textfont={"size": font_size},
                marker={
                    "color": SERIES[index % len(SERIES)] if index else "#ffffff",
                    "line": {"color": SERIES[index % len(SERIES)], "width": 2},
                    "pattern": {"shape": "" if index else "/", "fgcolor": SERIES[index % len(SERIES)]},
                },
                hovertemplate="%{y} " + str(year) + ": %{x}<extra></extra>",
            )
        )
    top = float(placements["count"].max()) if not placements.empty else 1.0
    fig.update_xaxes(range=[0, top * 1.2], showgrid=True)
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_layout(barmode="group", height=max(280, 30 * len(categories) * max(1, len(years)) + 120))
    return apply_theme(fig, lang, title=title)


def benchmark(
    values: pd.DataFrame,
    *,
    level_names: dict[str, str],
    value_text: Callable[[float], str],
    non_diffuse: str,
    lang: str,
    title: str | None = None,
    font_size: int = 13,
) -> go.Figure:
    """One indicator across territories (commune, arrondissement, province, region).

    A value that is not published has no bar and the words 'non diffusé' written in its place.
    """
    # One value per level (unique per indicator in the database): plain dicts, not a pandas reindex.
    by_level = dict(zip(values["territory_level"].tolist(), values["value"].tolist(), strict=True))
    levels = [t for t in TERRITORY_ORDER if t in by_level]
    raw = [by_level[level] for level in levels]
    published = [not pd.isna(v) for v in raw]
    x = [float(v) if ok else 0.0 for v, ok in zip(raw, published, strict=True)]
    text = [value_text(v) if ok else non_diffuse for v, ok in zip(raw, published, strict=True)]
    # Long territory names ("Arrondissement de Tournai-Mouscron") wrap, else a narrow card clips them.
    names = ["<br>".join(textwrap.wrap(level_names.get(level, level), 20)) for level in levels]
    fig = FigureSpec()
    fig.add_trace(
        dict(
            type="bar",
            x=x,
            y=names,
            orientation="h",
            text=text,
            textposition="outside",
            cliponaxis=False,
            textfont={"size": font_size, "color": ["#212529" if ok else MUTED_COLOUR for ok in published]},
            marker={"color": [TERRITORY_COLOURS.get(level, SERIES[0]) for level in levels]},
            hoverinfo="skip",
        )
    )
    top = max([v for v, ok in zip(x, published, strict=True) if ok] or [1.0])
    fig.update_xaxes(range=[0, top * 1.7], showticklabels=False, showgrid=False, zeroline=True)
    fig.update_yaxes(autorange="reversed", automargin=True)
    # Room on the right for the longest value label: in a narrow card the plot area alone is too small.
    label_room = int(max(len(label) for label in text) * font_size * 0.62) + 8 if text else 8
    fig.update_layout(height=200, margin={"l": 8, "r": label_room, "t": 8, "b": 8}, bargap=0.3)
    return apply_theme(fig, lang, title=title)
