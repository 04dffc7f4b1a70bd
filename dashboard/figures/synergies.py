"""Summary charts of the synergy register: counts by status and by service (stacked by pilot), objectives."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.spec import FigureSpec
from dashboard.figures.theme import PILOT_COLOURS, SERIES, apply_theme
from dashboard.i18n import fmt_number, fmt_percent

PILOT_ORDER = ["commune", "cpas", "les_deux", "none"]
PILOT_PATTERNS = {"commune": "", "cpas": "/", "les_deux": ".", "none": "x"}
UNKNOWN_COLOUR = "#BBBBBB"


def _pilot_counts(df: pd.DataFrame, by: str, order: list[str]) -> dict[str, list[int]]:
    """Per pilot (those of PILOT_ORDER present; no pilot counts as 'none'), the synergies per `by` value in `order`.

    One pass with a Counter: a groupby/unstack/reindex cost ~3 ms for a few dozen rows. Rows
    without a `by` value are left out, as a groupby does.
    """
    tally = Counter(
        (key, "none" if pd.isna(pilot) else pilot)
        for key, pilot in zip(df[by].tolist(), df["pilot"].tolist(), strict=True)
        if not pd.isna(key)
    )
    present = {pilot for _, pilot in tally}
    return {pilot: [tally[(key, pilot)] for key in order] for pilot in PILOT_ORDER if pilot in present}


def _stacked_by_pilot(
    order: list[str],
    counts: dict[str, list[int]],
    *,
    category_labels: dict[str, str],
    pilot_labels: dict[str, str],
    horizontal: bool,
    lang: str,
    title: str | None,
    font_size: int,
) -> go.Figure:
    fig = FigureSpec()
    categories = [category_labels.get(c, c) for c in order]
    for pilot, values in counts.items():
        texts = [fmt_number(v, lang) if v else "" for v in values]
        bar = dict(
            type="bar",
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
    # No pilot at all (no synergy): zeros as floats, as pandas summed an empty frame before.
    totals = [sum(column) for column in zip(*counts.values(), strict=True)] if counts else [0.0] * len(order)
    total_text = [fmt_number(v, lang) for v in totals]
    if horizontal:
        fig.add_trace(
            dict(
                type="scatter",
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
            dict(
                type="scatter",
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
    order = list(status_labels)
    return _stacked_by_pilot(
        order,
        _pilot_counts(df, "status", order),
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
    return _stacked_by_pilot(
        order,
        _pilot_counts(df, "service", order),
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
    fig = FigureSpec()
    fig.add_trace(
        dict(
            type="bar",
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
