"""Brussels views (Molenbeek): staffing real vs theoretical, the 10-year software cost comparison,
synergies per domain and status, and the WePulse positions of the commune and the CPAS.

Pure builders (DataFrame → go.Figure). Every value a reader needs is written on the chart as
text; hover only repeats it. Labels arrive translated, as plain `str`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.spec import FigureSpec
from dashboard.figures.theme import (
    BODY_COLOURS,
    MUTED_COLOUR,
    STATUS_COLOURS,
    TEXT_COLOUR,
    TOL_BRIGHT,
    TOL_HIGH_CONTRAST,
    apply_theme,
)
from dashboard.i18n import fmt_currency, fmt_number, fmt_signed

BODY_SYMBOLS = {"commune": "circle", "cpas": "square"}
OPTION_STYLES = (
    {"color": TOL_HIGH_CONTRAST["blue"], "dash": "solid", "symbol": "circle"},
    {"color": TOL_HIGH_CONTRAST["red"], "dash": "dash", "symbol": "square"},
    {"color": TOL_BRIGHT[2], "dash": "dot", "symbol": "diamond"},
    {"color": TOL_BRIGHT[5], "dash": "dashdot", "symbol": "triangle-up"},
)
STATUS_ORDER = ("realisee", "en_cours", "projetee")
STATUS_PATTERNS = {"realisee": "", "en_cours": ".", "projetee": "/"}
# WePulse positions, from engaged to not engaged; each has a Tol "bright" colour and its own symbol
POSITION_ORDER = ("adhesion", "regularisation", "favorable", "interesse", "indecis", "report")
POSITION_COLOURS = {
    "adhesion": TOL_BRIGHT[0],
    "regularisation": TOL_BRIGHT[3],
    "favorable": TOL_BRIGHT[2],
    "interesse": TOL_BRIGHT[4],
    "indecis": TOL_BRIGHT[6],
    "report": TOL_BRIGHT[1],
}
POSITION_SYMBOLS = {
    "adhesion": "square",
    "regularisation": "diamond",
    "favorable": "circle",
    "interesse": "triangle-up",
    "indecis": "circle-open",
    "report": "x",
}
DOMAIN_ORDER = ("GRH", "GRH_SOFT", "GRH_HARD", "FIN", "GRC", "SOC")


def _round(value: float) -> float:
    """FTE come with one decimal; float arithmetic leaves 2.2 − 3 = −0.7999999999999998."""
    return round(float(value), 2)


def staffing_dumbbell(
    staffing: pd.DataFrame,
    *,
    body_labels: dict[str, str],
    real_label: str,
    theoretical_label: str,
    gap_header: str,
    unit: str,
    lang: str,
    title: str | None = None,
    font_size: int = 13,
) -> go.Figure:
    """Per service and body, a line from the theoretical to the real FTE.

    Real FTE: a filled marker in the body's colour and shape; theoretical FTE: a hollow grey
    marker. Both values are written beside their marker, and the gap (real − theoretical,
    e.g. "−1,5 ETP") in a column on the right. Rows are grouped by service, commune first.
    """
    # One (service, body) row each: read once into a dict rather than filtered per pair.
    fte = {
        (service, body): (real_fte, theoretical_fte)
        for service, body, real_fte, theoretical_fte in zip(
            staffing["service"],
            staffing["body"],
            staffing["real_fte"],
            staffing["theoretical_fte"],
            strict=True,
        )
    }
    bodies = [b for b in body_labels if b in set(staffing["body"])]
    services = list(dict.fromkeys(staffing["service"]))
    rows = [(service, body) for service in services for body in bodies if (service, body) in fte]
    labels = [f"{service} · {body_labels[body]}" for service, body in rows]
    real = [_round(fte[row][0]) for row in rows]
    theoretical = [_round(fte[row][1]) for row in rows]
    top = max([*real, *theoretical, 1.0])

    fig = FigureSpec()
    line_x: list = []
    line_y: list = []
    for label, r, th in zip(labels, real, theoretical, strict=True):
        line_x += [th, r, None]
        line_y += [label, label, None]
    fig.add_trace(
        dict(
            type="scatter",
            x=line_x,
            y=line_y,
            mode="lines",
            line={"color": "#adb5bd", "width": 4},
            showlegend=False,
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        dict(
            type="scatter",
            x=theoretical,
            y=labels,
            mode="markers+text",
            cliponaxis=False,
            name=theoretical_label,
            marker={"symbol": "circle-open", "size": 14, "color": MUTED_COLOUR, "line": {"width": 2.5}},
            text=[fmt_number(v, lang) for v in theoretical],
            textposition=[
                "middle right" if th >= r else "middle left" for r, th in zip(real, theoretical, strict=True)
            ],
            textfont={"size": font_size, "color": MUTED_COLOUR},
            hovertemplate="%{y}: %{text}<extra>" + theoretical_label + "</extra>",
        )
    )
    for body in bodies:
        index = [i for i, (_, b) in enumerate(rows) if b == body]
        name = f"{real_label} — {body_labels[body]}"
        fig.add_trace(
            dict(
                type="scatter",
                x=[real[i] for i in index],
                y=[labels[i] for i in index],
                mode="markers+text",
                cliponaxis=False,
                name=name,
                marker={
                    "symbol": BODY_SYMBOLS.get(body, "circle"),
                    "size": 14,
                    "color": BODY_COLOURS.get(body, MUTED_COLOUR),
                    "line": {"color": "#ffffff", "width": 1},
                },
                text=[fmt_number(real[i], lang) for i in index],
                textposition=["middle left" if theoretical[i] >= real[i] else "middle right" for i in index],
                textfont={"size": font_size, "color": TEXT_COLOUR},
                hovertemplate="%{y}: %{text}<extra>" + name + "</extra>",
            )
        )
    gap_x = top * 1.3
    gaps = [_round(r - th) for r, th in zip(real, theoretical, strict=True)]
    fig.add_trace(
        dict(
            type="scatter",
            x=[gap_x] * len(labels),
            y=labels,
            mode="text",
            cliponaxis=False,
            text=[f"{fmt_signed(g, lang)} {unit}" for g in gaps],
            textposition="middle center",
            textfont={"size": font_size, "color": TEXT_COLOUR},
            showlegend=False,
            hovertemplate="%{y}: %{text}<extra>" + gap_header + "</extra>",
        )
    )
    fig.add_annotation(
        x=gap_x,
        y=1,
        yref="paper",
        yanchor="bottom",
        text=f"<b>{gap_header}</b>",
        showarrow=False,
        font={"size": font_size},
    )
    fig.update_yaxes(autorange="reversed", automargin=True, type="category")
    fig.update_xaxes(range=[-top * 0.15, top * 1.42], title={"text": unit})
    fig.update_layout(height=max(280, 36 * len(labels) + 140), margin={"t": 64})
    return apply_theme(fig, lang, title=title)


def _text_positions(costs: pd.DataFrame, column: str, options: Sequence[str]) -> dict[str, list[str]]:
    """Per option, above the line for the dearer option of the year, below for the cheaper one: labels
    never collide. One pivot for all options (a pivot costs milliseconds)."""
    if not options:
        return {}
    wide = costs.pivot_table(index="year", columns="option", values=column).sort_index()
    if wide.empty:
        return {option: [] for option in options}
    highest = wide.max(axis=1)
    return {
        option: ["top center" if dearer else "bottom center" for dearer in (wide[option] >= highest).tolist()]
        for option in options
    }


def cost_lines(
    costs: pd.DataFrame,
    *,
    measure: str,
    options: Sequence[str],
    lang: str,
    y_title: str = "",
    saving_text: str | None = None,
    title: str | None = None,
    font_size: int = 12,
) -> go.Figure:
    """One line per software option over the years: the yearly total (`measure='total'`) or the
    cumulative total (`measure='cumulative'`), each point labelled with its amount in euro.

    With `saving_text`, the gap between the first two options at the last year is drawn as a
    bracket and the text written beside it (the cumulative saving after the whole period).
    """
    fig = FigureSpec()
    positions = _text_positions(costs, measure, options)
    for index, option in enumerate(options):
        data = costs[costs["option"] == option].sort_values("year")
        style = OPTION_STYLES[index % len(OPTION_STYLES)]
        amounts = data[measure].astype(float).tolist()
        fig.add_trace(
            dict(
                type="scatter",
                x=data["year"],
                y=amounts,
                name=option,
                mode="lines+markers+text",
                line={"color": style["color"], "width": 3, "dash": style["dash"]},
                marker={"symbol": style["symbol"], "size": 9, "color": style["color"]},
                text=[fmt_currency(v, lang, 0) for v in amounts],
                textposition=positions[option],
                textfont={"size": font_size, "color": style["color"]},
                cliponaxis=False,
                hovertemplate="%{x}: %{text}<extra>" + option + "</extra>",
            )
        )
    years = sorted(costs["year"].unique())
    top = float(costs[measure].max()) if not costs.empty else 1.0
    right = max(years) + 0.5 if years else 1
    if saving_text and len(options) >= 2 and years:
        last = max(years)
        ends = costs[costs["year"] == last].set_index("option")[measure]
        high, low = float(ends[options[0]]), float(ends[options[1]])
        fig.add_shape(
            type="line",
            x0=last + 0.35,
            x1=last + 0.35,
            y0=low,
            y1=high,
            line={"color": TEXT_COLOUR, "width": 2},
        )
        for y in (low, high):
            fig.add_shape(
                type="line",
                x0=last + 0.25,
                x1=last + 0.35,
                y0=y,
                y1=y,
                line={"color": TEXT_COLOUR, "width": 2},
            )
        # short lines: the note sits in the margin right of the last year
        lines = [line for part in saving_text.split("<br>") for line in textwrap.wrap(part, 18)]
        fig.add_annotation(
            x=last + 0.45,
            y=(low + high) / 2,
            text="<b>" + "<br>".join(lines) + "</b>",
            showarrow=False,
            xanchor="left",
            align="left",
            font={"size": font_size + 2, "color": TEXT_COLOUR},
            bgcolor="rgba(255,255,255,0.85)",
        )
        right = last + 2.2
    fig.update_xaxes(
        tickmode="array",
        tickvals=years,
        ticktext=[str(y) for y in years],
        range=[min(years) - 0.5, right] if years else None,
    )
    fig.update_yaxes(range=[0, top * 1.15], title={"text": y_title}, tickformat=",d", automargin=True)
    fig.update_layout(height=460)
    return apply_theme(fig, lang, title=title)


def synergies_by_domain(
    table: pd.DataFrame,
    *,
    status_labels: dict[str, str],
    lang: str,
    title: str | None = None,
    font_size: int = 13,
) -> go.Figure:
    """Number of synergies per service (domain), stacked by status, with the total written after each bar.

    `table` is `queries.synergies.service_status_table`: one row per service with a count per status.
    Statuses differ by colour and by pattern; each segment carries its count.
    """
    fig = FigureSpec()
    names = table["service_name"].astype(str).tolist()
    for status in STATUS_ORDER:
        if status not in table.columns or not table[status].any():
            continue
        values = [int(v) for v in table[status]]
        fig.add_trace(
            dict(
                type="bar",
                x=values,
                y=names,
                orientation="h",
                name=status_labels[status],
                marker={
                    "color": STATUS_COLOURS[status],
                    "line": {"color": "#ffffff", "width": 1},
                    "pattern": {
                        "shape": STATUS_PATTERNS[status],
                        "fgcolor": "#ffffff",
                        "solidity": 0.2,
                        "fillmode": "overlay",
                    },
                },
                text=[fmt_number(v, lang) if v else "" for v in values],
                textposition="inside",
                insidetextanchor="middle",
                textfont={"size": font_size, "color": "#ffffff" if status == "realisee" else TEXT_COLOUR},
                hovertemplate="%{y}: %{x}<extra>" + status_labels[status] + "</extra>",
            )
        )
    totals = [int(v) for v in table["total"]]
    fig.add_trace(
        dict(
            type="scatter",
            x=totals,
            y=names,
            mode="text",
            cliponaxis=False,
            text=[fmt_number(v, lang) for v in totals],
            textposition="middle right",
            textfont={"size": font_size, "color": TEXT_COLOUR},
            showlegend=False,
            hoverinfo="skip",
        )
    )
    fig.update_layout(barmode="stack", height=max(260, 34 * len(names) + 120))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(range=[0, max([*totals, 1]) * 1.15])
    return apply_theme(fig, lang, title=title)


def _domain_sort_key(domain: str) -> tuple[int, str]:
    return (DOMAIN_ORDER.index(domain), "") if domain in DOMAIN_ORDER else (len(DOMAIN_ORDER), domain)


def wepulse_dots(
    wepulse: pd.DataFrame,
    *,
    body_labels: dict[str, str],
    domain_labels: dict[str, str],
    position_labels: dict[str, str],
    date_labels: dict[object, str],
    lang: str,
    title: str | None = None,
    font_size: int = 13,
) -> go.Figure:
    """A dot per stated position: rows = domain × body, columns = the date it was stated.

    The position is written as a word beside its dot and also told by the dot's colour and
    symbol (one legend entry per position); a missing dot means the source states nothing.
    """
    bodies = [b for b in body_labels if b in set(wepulse["body"])]
    domains = sorted(dict.fromkeys(wepulse["domain"]), key=_domain_sort_key)
    # One pass over the positions: the (domain, body) pairs stated and the rows of each position.
    stated = set()
    by_position: dict = {}
    for row in zip(wepulse["domain"], wepulse["body"], wepulse["date"], wepulse["position"], strict=True):
        stated.add(row[:2])
        by_position.setdefault(row[3], []).append(row)
    rows = [
        f"{domain_labels.get(d, d)} · {body_labels[b]}" for d in domains for b in bodies if (d, b) in stated
    ]
    dates = sorted(wepulse["date"].unique())
    columns = [date_labels.get(d, str(d)) for d in dates]
    fig = FigureSpec()
    present = [p for p in POSITION_ORDER if p in set(wepulse["position"])]
    present += sorted(set(wepulse["position"]) - set(present))
    for position in present:
        data = by_position[position]
        word = position_labels.get(position, position)
        fig.add_trace(
            dict(
                type="scatter",
                x=[date_labels.get(date, str(date)) for _, _, date, _ in data],
                y=[f"{domain_labels.get(d, d)} · {body_labels.get(b, b)}" for d, b, _, _ in data],
                mode="markers+text",
                cliponaxis=False,
                name=word,
                marker={
                    "symbol": POSITION_SYMBOLS.get(position, "circle"),
                    "size": 16,
                    "color": POSITION_COLOURS.get(position, MUTED_COLOUR),
                    "line": {"color": TEXT_COLOUR, "width": 1},
                },
                text=[word] * len(data),
                textposition="middle right",
                textfont={"size": font_size, "color": TEXT_COLOUR},
                hovertemplate="%{y}, %{x}: " + word + "<extra></extra>",
            )
        )
    fig.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=columns,
        range=[-0.4, len(columns) - 0.05],
        side="top",
        showgrid=True,
    )
    fig.update_yaxes(
        type="category", categoryorder="array", categoryarray=rows, autorange="reversed", automargin=True
    )
    fig.update_layout(height=max(280, 36 * len(rows) + 150), legend={"y": -0.02, "yanchor": "top"})
    return apply_theme(fig, lang, title=title)
