"""Charts for the joint council's projector: read from the back of the room, on a washed-out beamer.

Large type, thick lines, the values and series names written on the data (no legend to decode,
nothing only on hover), black on white, and the Okabe–Ito palette, which stays distinct for
colour-blind viewers and in greyscale. Every builder is pure: DataFrame → go.Figure.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.spec import FigureSpec
from dashboard.figures.theme import FONT_FAMILY, SEPARATORS

# Okabe & Ito (2008): safe for the three common colour-vision deficiencies.
OKABE_ITO = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "orange": "#E69F00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "black": "#000000",
}
GROUP_COLOURS = {"support": OKABE_ITO["blue"], "autre": OKABE_ITO["vermillion"]}
BODY_COLOURS = {"cpas": OKABE_ITO["vermillion"], "commune": OKABE_ITO["blue"], "conjoint": OKABE_ITO["green"]}
GROUP_DASH = {"support": "solid", "autre": "dash"}
INK = "#000000"  # lines and the template font; text inherits the font colour, so themes can change it
GRID = "#bdbdbd"
FONT = 20
LINE = 5

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT_FAMILY, "size": FONT, "color": INK},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        colorway=list(OKABE_ITO.values()),
        showlegend=False,
        margin={"l": 70, "r": 40, "t": 30, "b": 60},
        xaxis={"gridcolor": GRID, "linecolor": INK, "linewidth": 2, "ticks": "outside", "zeroline": False},
        yaxis={"gridcolor": GRID, "linecolor": INK, "linewidth": 2, "ticks": "outside", "zeroline": False},
        hoverlabel={"font": {"family": FONT_FAMILY, "size": FONT}},
    )
)
TEMPLATE_JSON = TEMPLATE.to_plotly_json()


def _finish(fig: FigureSpec, lang: str) -> go.Figure:
    """The projector template and locale separators; the finished figure."""
    fig.update_layout(
        template=TEMPLATE_JSON, separators=SEPARATORS.get(lang, ", "), autosize=True, showlegend=False
    )
    return fig.figure()


def wrap(text: str, width: int, lines: int = 2) -> str:
    """Break a long label into at most `lines` lines for a tick label (<br> is Plotly's newline)."""
    parts = textwrap.wrap(str(text), width, break_long_words=False) or [""]
    if len(parts) > lines:
        parts = [*parts[: lines - 1], textwrap.shorten(" ".join(parts[lines - 1 :]), width, placeholder="…")]
    return "<br>".join(parts)


def trend(
    history: pd.DataFrame,
    *,
    group_labels: dict[str, str],
    value_text: Callable[[int, int], str],
    axis_title: str,
    lang: str,
) -> go.Figure:
    """Synthesis-grid score per group and year, in percent of the group's maximum.

    Each point carries its score (e.g. "78"), each line its group name and maximum at its end.
    """
    fig = FigureSpec()
    years = sorted(int(y) for y in history["year"].unique())
    # One pass over the rows (not a groupby and a sort per group): each year's highest percent,
    # missing ones skipped as groupby.max skips them, and each group's (year, percent, total, maximum).
    top_by_year: dict = {}
    by_group: dict = {}
    columns = (history[c] for c in ("group", "year", "percent", "total", "maximum"))
    for group, year, percent, total, maximum in zip(*columns, strict=True):
        if not pd.isna(percent) and not (year in top_by_year and top_by_year[year] >= percent):
            top_by_year[year] = percent
        if not pd.isna(group):
            by_group.setdefault(group, []).append((year, percent, total, maximum))
    for group, rows in by_group.items():
        rows.sort(key=lambda row: row[0])
        colour = GROUP_COLOURS.get(group, INK)
        above = [float(p) >= float(top_by_year.get(y, math.nan)) for y, p, _, _ in rows]
        fig.add_trace(
            dict(
                type="scatter",
                x=[int(y) for y, _, _, _ in rows],
                y=[float(p) for _, p, _, _ in rows],
                mode="lines+markers+text",
                text=[str(int(v)) for _, _, v, _ in rows],
                textposition=["top center" if a else "bottom center" for a in above],
                textfont={"size": FONT + 2, "color": colour},
                line={"color": colour, "width": LINE, "dash": GROUP_DASH.get(group, "solid")},
                marker={"size": 14, "color": colour, "symbol": "circle" if group == "support" else "square"},
                name=group_labels.get(group, group),
                hovertemplate="%{x}: %{text}<extra>" + group_labels.get(group, group) + "</extra>",
                cliponaxis=False,
            )
        )
        last_year, last_percent, last_total, last_maximum = rows[-1]
        fig.add_annotation(
            x=int(last_year),
            y=float(last_percent),
            text="<b>"
            + group_labels.get(group, group)
            + "</b><br>"
            + value_text(int(last_total), int(last_maximum)),
            showarrow=False,
            xanchor="left",
            xshift=22,
            font={"size": FONT, "color": colour},
            align="left",
        )
    fig.update_xaxes(tickvals=years, ticktext=[str(y) for y in years])
    if years:  # no range at all otherwise (a FigureSpec would send range=None as null)
        fig.update_xaxes(range=[years[0] - 0.4, years[-1] + 0.4])
    fig.update_yaxes(range=[0, 105], title={"text": axis_title}, ticksuffix="", dtick=25)
    fig.update_layout(margin={"l": 80, "r": 250, "t": 30, "b": 50})
    return _finish(fig, lang)


def radars(
    levels: pd.DataFrame,
    *,
    service_titles: dict[str, str],
    register_labels: dict[str, str],
    lang: str,
) -> go.Figure:
    """One radar per service (small multiples, 2 × 2 for the four support services), levels 0..5.

    The level is written at each vertex and the service's score /25 in its title: no legend.
    """
    services = list(dict.fromkeys(levels["service"]))
    by_service: dict = {}  # {service: {register: level}}, one pass (not a filter and set_index per service)
    for service, register, level in zip(levels["service"], levels["register"], levels["level"], strict=True):
        by_service.setdefault(service, {})[register] = level
    n = max(len(services), 1)
    cols = 2 if n > 1 else 1
    rows = (n + cols - 1) // cols
    fig = FigureSpec.subplots(
        rows=rows,
        cols=cols,
        kind="polar",
        subplot_titles=[service_titles.get(s, s) for s in services],
        horizontal_spacing=0.12,
        vertical_spacing=0.2 if rows > 1 else 0.1,
    )
    order = list(register_labels)
    theta = [register_labels[r] for r in order]
    colours = [OKABE_ITO["blue"], OKABE_ITO["vermillion"], OKABE_ITO["green"], OKABE_ITO["purple"]]
    for index, service in enumerate(services):
        found = by_service.get(service, {})
        r = [float(v) if pd.notna(v) else 0.0 for v in (found.get(register) for register in order)]
        colour = colours[index % len(colours)]
        fig.add_trace(
            dict(
                type="scatterpolar",
                r=[*r, r[0]],
                theta=[*theta, theta[0]],
                mode="lines+markers+text",
                text=[str(int(v)) for v in r] + [""],
                textposition="middle center",
                textfont={"size": FONT - 2, "color": "#ffffff"},
                marker={"size": 26, "color": colour, "line": {"color": "#ffffff", "width": 1}},
                line={"color": colour, "width": LINE},
                fill="toself",
                fillcolor=_alpha(colour, 0.18),
                hovertemplate="%{theta}: %{r}<extra></extra>",
                subplot=f"polar{index + 1 if index else ''}",
            ),
            row=index // cols + 1,
            col=index % cols + 1,
        )
    polar = {
        "hole": 0.28,  # level 0 on the inner ring: small levels stay apart and readable
        "radialaxis": {
            "range": [0, 5.6],  # room between a level-5 marker and the register name
            "tickvals": [0, 1, 2, 3, 4, 5],
            "showticklabels": False,
            "ticks": "",
            "showline": False,
            "gridcolor": GRID,
        },
        "angularaxis": {
            "direction": "clockwise",
            "rotation": 90,
            "tickfont": {"size": FONT - 4},
            "gridcolor": GRID,
            "linecolor": INK,
        },
    }
    fig.update_polars(**polar)
    fig.update_annotations(font={"size": FONT - 1}, yshift=30)
    fig.update_layout(margin={"l": 60, "r": 60, "t": 84, "b": 24})
    return _finish(fig, lang)


def _alpha(hex_colour: str, alpha: float) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def contracts(
    summary: pd.DataFrame,
    *,
    body_labels: dict[str, str],
    partial_cells: set[tuple[int, str]],
    lang: str,
    count_text: Callable[[int], str],
) -> go.Figure:
    """Contracts awarded per year by the CPAS, the commune and jointly, the body named on each bar.

    Only a count taken before the year's end, (year, body) in `partial_cells`, is hatched: the
    other bodies' counts of that year are complete. The year's label is starred (its total is
    partial); the slide says up to when.
    """
    partial_years = {year for year, _ in partial_cells}
    fig = FigureSpec()
    years = [int(y) for y in summary["year"]]
    ticks = [f"{y}*" if y in partial_years else str(y) for y in years]
    for body, column in (("cpas", "cpas"), ("commune", "commune_count"), ("conjoint", "conjoint")):
        values = [None if pd.isna(v) else int(v) for v in summary[column]]
        fig.add_trace(
            dict(
                type="bar",
                x=ticks,
                y=[v or 0 for v in values],
                text=[
                    f"{wrap(body_labels[body], 9, 2)}<br><b>{count_text(v)}</b>" if v is not None else "—"
                    for v in values
                ],
                textposition="outside",
                textfont={"size": FONT - 3},
                cliponaxis=False,
                constraintext="none",  # the body's name stays full size above a narrow bar
                marker={
                    "color": BODY_COLOURS[body],
                    "line": {"color": INK, "width": 1.5},
                    "pattern": {
                        "shape": ["/" if (y, body) in partial_cells else "" for y in years],
                        "fgcolor": "#ffffff",
                        "fillmode": "overlay",
                        "size": 14,
                        "solidity": 0.35,
                    },
                },
                name=body_labels[body],
                hovertemplate="%{x}: %{y}<extra>" + body_labels[body] + "</extra>",
            )
        )
    top = float(summary[["cpas", "commune_count", "conjoint"]].max().max() or 1)
    fig.update_yaxes(range=[0, top * 1.3], showticklabels=False, showgrid=False, ticks="")
    fig.update_xaxes(tickfont={"size": FONT + 4}, type="category")
    fig.update_layout(
        barmode="group", bargap=0.25, bargroupgap=0.08, margin={"l": 20, "r": 20, "t": 20, "b": 50}
    )
    return _finish(fig, lang)


def ris(
    ris_df: pd.DataFrame,
    *,
    number: Callable[[float], str],
    partial_label: str,
    axis_title: str,
    lang: str,
) -> go.Figure:
    """Yearly average integration-income beneficiaries; the first, the highest and the last years carry
    their value; a partial last year is a hollow diamond labelled with its count date."""
    data = ris_df.sort_values("year").reset_index(drop=True)
    values = data["beneficiaries"].astype(float)
    partial = data["partial"].astype(bool).tolist()
    labelled = {0, len(data) - 1, int(values.idxmax())} if len(data) else set()
    if len(data) > 1:
        labelled.add(len(data) - 2)
    text = [number(v) if i in labelled else "" for i, v in enumerate(values)]
    positions = ["top center"] * len(text)
    if partial and partial[-1]:
        text[-1] = f"{number(values.iloc[-1])}<br>{partial_label}"
        positions[-1] = "middle right"
        if len(text) > 1:
            positions[-2] = "top center" if values.iloc[-2] >= values.iloc[-1] else "bottom center"
    colour = OKABE_ITO["vermillion"]
    fig = FigureSpec(
        [
            dict(
                type="scatter",
                x=data["year"].astype(int),
                y=values,
                mode="lines+markers+text",
                text=text,
                textposition=positions,
                textfont={"size": FONT},
                line={"color": colour, "width": LINE},
                marker={
                    "size": 16,
                    "color": ["#ffffff" if p else colour for p in partial],
                    "line": {"color": colour, "width": 3},
                    "symbol": ["diamond" if p else "circle" for p in partial],
                },
                hovertemplate="%{x}: %{y}<extra></extra>",
                cliponaxis=False,
            )
        ]
    )
    low = float(values.min()) if len(values) else 0.0
    high = float(values.max()) if len(values) else 1.0
    pad = max((high - low) * 0.35, 1.0)
    fig.update_yaxes(
        range=[max(0.0, low - pad * 0.6), high + pad],
        title={"text": axis_title, "standoff": 12},
        separatethousands=True,
        automargin=True,
    )
    fig.update_xaxes(dtick=2)
    if len(data):
        fig.update_xaxes(range=[int(data["year"].min()) - 0.6, int(data["year"].max()) + 0.6])
    fig.update_layout(margin={"l": 20, "r": 110 if partial and partial[-1] else 40, "t": 30, "b": 50})
    return _finish(fig, lang)


def art60(
    detail: pd.DataFrame,
    *,
    number: Callable[[float], str],
    lang: str,
) -> go.Figure:
    """Article 60 §7 placements of one year by employer category, the largest first, values on the bars."""
    data = detail.sort_values("count", ascending=False)
    labels = [wrap(label, 34) for label in data["employer_label"]]
    fig = FigureSpec(
        [
            dict(
                type="bar",
                x=data["count"].astype(float),
                y=labels,
                orientation="h",
                text=[number(v) for v in data["count"]],
                textposition="outside",
                textfont={"size": FONT + 2},
                cliponaxis=False,
                marker={"color": OKABE_ITO["blue"], "line": {"color": INK, "width": 1}},
                hovertemplate="%{y}: %{x}<extra></extra>",
            )
        ]
    )
    top = float(data["count"].max()) if len(data) else 1.0
    fig.update_xaxes(range=[0, top * 1.18], showticklabels=False, showgrid=False, ticks="", showline=False)
    fig.update_yaxes(autorange="reversed", automargin=True, tickfont={"size": FONT - 3})
    fig.update_layout(bargap=0.25, margin={"l": 10, "r": 30, "t": 10, "b": 10})
    return _finish(fig, lang)


def benchmark(
    rows: pd.DataFrame,
    *,
    commune_name: str,
    region_name: str,
    value_text: Callable[[float, str], str],
    non_diffuse: str,
    lang: str,
) -> go.Figure:
    """Each IWEPS indicator as the commune's value against the region's (region = 100).

    The bars sit in the left half; both values are written in a column of their own on the right,
    so no label crosses a bar or the reference line. Where either value is not published there is
    no bar and the words 'non diffusé' say so (never a zero).
    """
    # Per indicator, in order of first appearance: its first row's name and unit, and its value per
    # territory level; one pass over the rows (not a groupby, an iloc and a set_index per indicator).
    indicators: dict = {}
    columns = (rows[c] for c in ("code", "name", "unit", "territory_level", "value"))
    for code, name, unit, level, value in zip(*columns, strict=True):
        if not pd.isna(code):
            indicators.setdefault(code, (name, unit, {}))[2][level] = value
    names, index, text = [], [], []
    for name, unit, by_level in indicators.values():
        unit = str(unit)
        commune_value = by_level.get("commune")
        region_value = by_level.get("region")
        names.append(wrap(str(name), 44))
        commune_txt = value_text(commune_value, unit) if pd.notna(commune_value) else non_diffuse
        region_txt = value_text(region_value, unit) if pd.notna(region_value) else non_diffuse
        known = pd.notna(commune_value) and pd.notna(region_value) and float(region_value) != 0
        index.append(100.0 * float(commune_value) / float(region_value) if known else None)
        text.append(f"<b>{commune_txt}</b> · {region_txt}")
    fig = FigureSpec(
        [
            dict(
                type="bar",
                x=[min(v, 200.0) if v is not None else 0.0 for v in index],
                y=names,
                orientation="h",
                marker={"color": OKABE_ITO["blue"], "line": {"color": INK, "width": 1}},
                hoverinfo="skip",
            )
        ]
    )
    for name, label in zip(names, text, strict=True):
        fig.add_annotation(
            x=0.6,
            xref="paper",
            xanchor="left",
            y=name,
            yref="y",
            text=label,
            showarrow=False,
            font={"size": FONT - 2},
            align="left",
        )
    fig.add_vline(x=100, line={"color": INK, "width": 3, "dash": "dash"})
    fig.add_annotation(
        x=100,
        y=1.0,
        yref="paper",
        yanchor="bottom",
        text=f"{region_name} = 100",
        showarrow=False,
        font={"size": FONT - 4},
    )
    top = max([v for v in index if v is not None] + [100.0])
    fig.update_xaxes(
        range=[0, min(top, 200.0) * 1.08],
        domain=[0, 0.56],
        showticklabels=False,
        showgrid=False,
        ticks="",
        showline=False,
    )
    fig.update_yaxes(autorange="reversed", automargin=True, tickfont={"size": FONT - 5}, ticks="")
    fig.update_layout(bargap=0.3, margin={"l": 10, "r": 10, "t": 34, "b": 10})
    return _finish(fig, lang)
