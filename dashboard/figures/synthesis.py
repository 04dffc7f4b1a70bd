"""Year-over-year synthesis trends: one line per group, computed and reported totals told apart."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.spec import FigureSpec
from dashboard.figures.theme import GROUP_COLOURS, SERIES, apply_theme
from dashboard.i18n import fmt_number, fmt_percent, fmt_signed

DASHES = {"support": "solid", "autre": "dash"}


def trend(
    synthesis: pd.DataFrame,
    *,
    group_labels: dict[str, str],
    origin_labels: dict[str, str],
    disagree_label: str,
    lang: str,
    measure: str = "percent",
    y_title: str = "",
    title: str | None = None,
    line_width: float = 3,
    font_size: int = 13,
) -> go.Figure:
    """Lines per group over the years.

    `measure='percent'`: y = percentage of the maximum, both groups on one axis.
    `measure='total'`: y = the total itself, one panel per group with its own maximum.
    Computed points are filled, reported-only points hollow (and named in the legend);
    a ring marks a year whose printed total disagrees with the matrices. Each point is
    labelled with 'total/maximum' so the values are readable without hovering.
    """
    records = synthesis.sort_values("year", kind="stable").to_dict(
        "records"
    )  # a few rows: plain Python is cheaper
    by_group: dict[str, list[dict]] = {}
    for record in records:
        by_group.setdefault(record["group"], []).append(record)
    groups = [g for g in group_labels if g in by_group]
    if measure == "total":
        fig = FigureSpec.subplots(
            rows=len(groups) or 1,
            cols=1,
            shared_xaxes=True,
            vertical_spacing=0.12,
            subplot_titles=[group_labels[g] for g in groups],
        )
    else:
        fig = FigureSpec()
    for index, group in enumerate(groups):
        data = by_group[group]
        colour = GROUP_COLOURS.get(group, SERIES[index % len(SERIES)])
        labels = [f"{fmt_number(r['total'], lang)}/{fmt_number(r['maximum'], lang)}" for r in data]
        changes = [fmt_signed(r["change"], lang) if not pd.isna(r["change"]) else "" for r in data]
        custom = list(zip(labels, [fmt_percent(r["percent"], lang, 0) for r in data], changes, strict=True))
        row = {"row": index + 1, "col": 1} if measure == "total" else {}
        fig.add_trace(
            dict(
                type="scatter",
                x=[r["year"] for r in data],
                y=[_y(r, measure) for r in data],
                name=group_labels[group],
                mode="lines+markers+text",
                line={"color": colour, "width": line_width, "dash": DASHES.get(group, "solid")},
                marker={
                    "size": 9 + line_width,
                    "color": ["#ffffff" if r["origin"] == "reported" else colour for r in data],
                    "line": {"color": colour, "width": 2.5},
                    "symbol": "circle" if group == "support" else "square",
                },
                text=labels,
                textposition="top center",
                textfont={"size": font_size, "color": colour},
                customdata=custom,
                hovertemplate="%{x}: %{customdata[0]} (%{customdata[1]}) %{customdata[2]}<extra>"
                + group_labels[group]
                + "</extra>",
                legendgroup=group,
            ),
            **row,
        )
        disagreeing = [r for r in data if r["disagrees"]]
        if disagreeing:
            fig.add_trace(
                dict(
                    type="scatter",
                    x=[r["year"] for r in disagreeing],
                    y=[_y(r, measure) for r in disagreeing],
                    mode="markers",
                    name=disagree_label,
                    marker={"symbol": "circle-open", "size": 26, "color": "#000000", "line": {"width": 2}},
                    hovertemplate="%{x}: " + disagree_label + "<extra></extra>",
                    showlegend=True,
                    legendgroup="disagrees",
                ),
                **row,
            )
    # legend keys for the two kinds of points
    for origin, symbol in (("computed", "circle"), ("reported", "circle-open")):
        if any(r["origin"] == origin for r in records):
            fig.add_trace(
                dict(
                    type="scatter",
                    x=[None],
                    y=[None],
                    mode="markers",
                    name=origin_labels[origin],
                    marker={
                        "symbol": symbol,
                        "size": 11,
                        "color": "#495057",
                        "line": {"color": "#495057", "width": 2},
                    },
                    hoverinfo="skip",
                )
            )
    years = sorted({int(r["year"]) for r in records})
    fig.update_xaxes(
        tickmode="array",
        tickvals=years,
        ticktext=[str(y) for y in years],
        **({"range": [min(years) - 0.5, max(years) + 0.5]} if years else {}),
    )
    if measure == "percent":
        fig.update_yaxes(range=[0, 109], ticksuffix=" %" if lang == "fr" else "%", title={"text": y_title})
    else:
        for index, group in enumerate(groups):
            maximum = float(max(r["maximum"] for r in by_group[group]))
            fig.update_yaxes(range=[0, maximum * 1.12], row=index + 1, col=1)
        fig.update_layout(height=260 * max(len(groups), 1) + 80)
    return apply_theme(fig, lang, title=title)


def _y(record: dict, measure: str) -> float:
    return record["percent"] if measure == "percent" else float(record["total"])


def comparison(
    synthesis: pd.DataFrame,
    *,
    commune_labels: dict[str, str],
    group_labels: dict[str, str],
    lang: str,
    title: str | None = None,
) -> go.Figure:
    """Percent of the maximum per commune and group, grouped bars for the latest common year shown."""
    fig = FigureSpec()
    by_commune: dict[str, dict[str, dict]] = {}  # in order of appearance; one pass, not a groupby per commune
    for record in synthesis.to_dict("records"):
        by_commune.setdefault(record["commune"], {})[record["group"]] = record
    for index, (commune, by_group) in enumerate(by_commune.items()):
        rows = [by_group[g] for g in group_labels if g in by_group]
        fig.add_trace(
            dict(
                type="bar",
                x=[group_labels[r["group"]] for r in rows],
                y=[r["percent"] for r in rows],
                name=f"{commune_labels.get(commune, commune)}",
                text=[f"{fmt_percent(r['percent'], lang, 0)} ({r['year']})" for r in rows],
                textposition="outside",
                marker={
                    "color": SERIES[index % len(SERIES)],
                    "pattern": {"shape": ["", "/", "x", "."][index % 4]},
                },
            )
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(range=[0, 110], ticksuffix=" %" if lang == "fr" else "%")
    return apply_theme(fig, lang, title=title)
