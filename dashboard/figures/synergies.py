"""Summary charts of the synergy register: counts by status and by service (stacked by pilot), objectives."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.theme import PILOT_COLOURS, SERIES, apply_theme
from dashboard.i18n import fmt_number, fmt_percent

PILOT_ORDER = ["commune", "cpas", "les_deux", "none"]
PILOT_PATTERNS = {"commune": "", "cpas": "/", "les_deux": ".", "none": "x"}
UNKNOWN_COLOUR = "#BBBBBB"


def _pilot_counts(df: pd.DataFrame, by: str, order: list[str]) -> pd.DataFrame:
    data = df.assign(pilot=df["pilot"].fillna("none"))
    counts = data.groupby([by, "pilot"]).size().unstack(fill_value=0)
    return counts.reindex(index=order, columns=[p for p in PILOT_ORDER if p in counts.columns], fill_value=0)


def _stacked_by_pilot(
    counts: pd.DataFrame,
    *,
    category_labels: dict[str, str],
    pilot_labels: dict[str, str],
    horizontal: bool,
    lang: str,
    title: str | None,
    font_size: int,
) -> go.Figure:
    fig = go.Figure()
    categories = [category_labels.get(c, c) for c in counts.index]
    for pilot in counts.columns:
        values = counts[pilot].tolist()
        texts = [fmt_number(v, lang) if v else "" for v in values]
        bar = go.Bar(
            name=pilot_labels[pilot],
            marker={
                "color": PILOT_COLOURS.get(pilot, UNKNOWN_COLOUR),
                "line": {"color": "#ffffff", "width": 1},
                "pattern": {
                    "shape": PILOT_PATTERNS[pilot],
                    "fgcolor": "#ffffff",
                    "solidity": 0.2,
                    "fgopacity": 0.45,  # the pattern stays visible but no longer drowns the count
                    "fillmode": "overlay",
                },
            },
            text=texts,
            textposition="inside",
            insidetextanchor="middle",
            textfont={
                "size": font_size,
                "color": "#ffffff" if pilot in ("commune", "les_deux") else "#212529",
            },
            hovertemplate="%{y}: %{x}<extra>" + pilot_labels[pilot] + "</extra>"
            if horizontal
            else "%{x}: %{y}<extra>" + pilot_labels[pilot] + "</extra>",
        )
        if horizontal:
            bar.update(x=values, y=categories, orientation="h")
        else:
            bar.update(x=categories, y=values)
        fig.add_trace(bar)
    totals = counts.sum(axis=1).tolist()
    total_text = [fmt_number(v, lang) for v in totals]
    if horizontal:
        fig.add_trace(
            go.Scatter(
                x=totals,
                y=categories,
                mode="text",
                text=total_text,
                textposition="middle right",
                textfont={"size": font_size},
                showlegend=False,
                hoverinfo="skip",
            )
        )
        fig.update_yaxes(autorange="reversed", automargin=True)
        fig.update_xaxes(range=[0, max([*totals, 1]) * 1.15])
        fig.update_layout(height=max(260, 34 * len(categories) + 120))
    else:
        fig.add_trace(
            go.Scatter(
                x=categories,
                y=totals,
                mode="text",
                text=total_text,
                textposition="top center",
                textfont={"size": font_size},
                showlegend=False,
                hoverinfo="skip",
            )
        )
        fig.update_yaxes(range=[0, max([*totals, 1]) * 1.2])
    fig.update_layout(barmode="stack")
    return apply_theme(fig, lang, title=title)


def status_by_pilot(
    df: pd.DataFrame,
    *,
    status_labels: dict[str, str],
    pilot_labels: dict[str, str],
    lang: str,
    title: str | None = None,
    font_size: int = 13,
) -> go.Figure:
    """Number of synergies per status, each bar stacked by pilot administration, totals written above."""
    counts = _pilot_counts(df, "status", list(status_labels))
    return _stacked_by_pilot(
        counts,
        category_labels=status_labels,
        pilot_labels=pilot_labels,
        horizontal=False,
        lang=lang,
        title=title,
        font_size=font_size,
    )


def service_by_pilot(
    df: pd.DataFrame,
    *,
    pilot_labels: dict[str, str],
    lang: str,
    title: str | None = None,
    font_size: int = 13,
) -> go.Figure:
    """Number of synergies per service (register order), stacked by pilot administration."""
    order = list(dict.fromkeys(df["service"]))
    names = dict(zip(df["service"], df["service_name"], strict=False))
    counts = _pilot_counts(df, "service", order)
    return _stacked_by_pilot(
        counts,
        category_labels=names,
        pilot_labels=pilot_labels,
        horizontal=True,
        lang=lang,
        title=title,
        font_size=font_size,
    )


def objective_share(
    shares: pd.DataFrame,
    *,
    objective_labels: dict[str, str],
    lang: str,
    title: str | None = None,
    font_size: int = 13,
) -> go.Figure:
    """Share of synergies citing each objective (several per synergy possible), with count and percent."""
    shares = shares[shares["objective"].isin(list(objective_labels))]
    labels = [objective_labels[o] for o in shares["objective"]]
    fig = go.Figure(
        go.Bar(
            x=shares["share"],
            y=labels,
            orientation="h",
            marker={
                "color": [
                    SERIES[i % len(SERIES)] if o != "none" else UNKNOWN_COLOUR
                    for i, o in enumerate(shares["objective"])
                ]
            },
            text=[
                f"{fmt_percent(s, lang, 0)} ({fmt_number(c, lang)})"
                for s, c in zip(shares["share"], shares["count"], strict=True)
            ],
            textposition="outside",
            textfont={"size": font_size},
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    fig.update_xaxes(range=[0, 135], tickvals=[0, 25, 50, 75, 100], ticksuffix=" %" if lang == "fr" else "%")
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_layout(height=max(220, 44 * len(labels) + 100), showlegend=False)
    return apply_theme(fig, lang, title=title)
