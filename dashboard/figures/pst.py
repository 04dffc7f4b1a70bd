"""Strategic-plan (PST) figures: the objectives tree, the action timeline and the yearly budget annex.

Statuses use Paul Tol's bright colours (the synergy statuses keep theirs: ongoing is the same
yellow, done the same green) and every status is also written on the chart; overdue actions
carry a marker and a word, and unknown amounts are written as such, never drawn as zero.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.spec import FigureSpec
from dashboard.figures.theme import MUTED_COLOUR, STATUS_COLOURS, TEXT_COLOUR, TOL_HIGH_CONTRAST, apply_theme
from dashboard.i18n import fmt_currency, fmt_date

STATUS_ORDER = ("en_cours", "a_l_etude", "non_commence", "en_attente", "probleme", "termine", "annule")
PST_STATUS_COLOURS = {
    "en_cours": STATUS_COLOURS["en_cours"],  # #CCBB44
    "a_l_etude": STATUS_COLOURS["projetee"],  # #66CCEE
    "non_commence": "#BBBBBB",
    "en_attente": "#4477AA",
    "probleme": "#EE6677",
    "termine": STATUS_COLOURS["realisee"],  # #228833
    "annule": "#AA3377",
}
# Text written on a status colour: dark on the light colours, white on the dark ones (contrast ≥ 4.5).
STATUS_TEXT_COLOURS = {
    "en_cours": TEXT_COLOUR,
    "a_l_etude": TEXT_COLOUR,
    "non_commence": TEXT_COLOUR,
    "en_attente": "#ffffff",
    "probleme": TEXT_COLOUR,
    "termine": "#ffffff",
    "annule": "#ffffff",
}
OVERDUE_COLOUR = "#8b1a1a"  # the same dark red as the "overdue" badge of the tables
OS_COLOUR = "#DEE2E6"
OP_COLOUR = "#F1F3F5"
BAND_COLOUR = "#F3F5F7"
EXPENSE_COLOUR = TOL_HIGH_CONTRAST["red"]
REVENUE_COLOUR = TOL_HIGH_CONTRAST["blue"]
NET_COLOUR = TEXT_COLOUR
NET_FILL = "#DDDDDD"
UNKNOWN_STATUS_COLOUR = "#BBBBBB"


def status_colour(status: str) -> str:
    return PST_STATUS_COLOURS.get(status, UNKNOWN_STATUS_COLOUR)


def _wrap(text: str, width: int = 28, lines: int = 3) -> str:
    return "<br>".join(textwrap.wrap(str(text), width=width, max_lines=lines, placeholder=" …"))


def plan_tree(
    actions: pd.DataFrame,
    *,
    status_labels: dict[str, str],
    lang: str,
    title: str | None = None,
    font_size: int = 13,
) -> go.Figure:
    """Treemap strategic objective → operational objective → action, one equal tile per action.

    Action tiles take their status colour and show their code and status in words; objective
    tiles are neutral and show their code and (wrapped) title. Node ids are `OS1`, `OS1/OP1`,
    `OS1/OP1/A1`, in plan order.
    """
    # One pass in plan order, as nested groupby(sort=False) gave: a row without a strategic objective
    # is left out; one without an operational objective counts for its strategic one only.
    tree: dict = {}  # os -> [first row, number of rows, {op -> rows}]
    for row in actions.itertuples():
        if pd.isna(row.os):
            continue
        node = tree.setdefault(row.os, [row, 0, {}])
        node[1] += 1
        if not pd.isna(row.op):
            node[2].setdefault(row.op, []).append(row)
    ids: list[str] = []
    labels: list[str] = []
    parents: list[str] = []
    values: list[int] = []
    texts: list[str] = []
    colours: list[str] = []
    text_colours: list[str] = []
    hover: list[str] = []
    for os_code, (first, count, ops) in tree.items():
        os_title = first.os_title
        ids.append(os_code)
        labels.append(os_code)
        parents.append("")
        values.append(count)
        texts.append(_wrap(os_title, 40, 2))
        colours.append(OS_COLOUR)
        text_colours.append(TEXT_COLOUR)
        hover.append(str(os_title))
        for op_code, op_rows in ops.items():
            op_id = f"{os_code}/{op_code}"
            ids.append(op_id)
            labels.append(op_code)
            parents.append(os_code)
            values.append(len(op_rows))
            texts.append(_wrap(op_rows[0].op_title, 28, 2))
            colours.append(OP_COLOUR)
            text_colours.append(TEXT_COLOUR)
            hover.append(str(op_rows[0].op_title))
            for row in op_rows:
                ids.append(f"{op_id}/{row.code}")
                labels.append(str(row.code))
                parents.append(op_id)
                values.append(1)
                texts.append(status_labels.get(row.status, row.status))
                colours.append(status_colour(row.status))
                text_colours.append(STATUS_TEXT_COLOURS.get(row.status, TEXT_COLOUR))
                hover.append(f"{row.reference} — {row.title}")
    fig = FigureSpec(
        [
            dict(
                type="treemap",
                ids=ids,
                labels=labels,
                parents=parents,
                values=values,
                text=texts,
                customdata=hover,
                branchvalues="total",
                sort=False,
                texttemplate="<b>%{label}</b><br>%{text}",
                textfont={"size": font_size, "color": text_colours},
                hovertemplate="<b>%{label}</b> — %{customdata}<extra></extra>",
                marker={"colors": colours, "line": {"color": "#ffffff", "width": 1.5}},
                tiling={"pad": 2},
                pathbar={"visible": True},
                maxdepth=3,
            )
        ]
    )
    fig.update_layout(height=560, margin={"l": 8, "r": 8, "t": 32 if title else 8, "b": 8})
    return apply_theme(fig, lang, title=title)


def _iso(value: dt.date) -> str:
    return value.isoformat()


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NaT


def action_timeline(
    actions: pd.DataFrame,
    *,
    today: dt.date,
    status_labels: dict[str, str],
    today_label: str,
    overdue_label: str,
    lang: str,
    title: str | None = None,
    font_size: int = 12,
) -> go.Figure:
    """Gantt chart: one horizontal bar per action from its start to its end date, in plan order.

    `actions` needs reference, os, op, title, start_date, end_date, status and a boolean
    `overdue`. Bars are grouped by strategic objective (shaded bands) and operational objective
    (the reference `OS1-OP2-A7` on the axis), coloured by status (one legend entry per status),
    and the status is written after each bar. Overdue actions get a ✕ marker at their end date
    and the word `overdue_label`. A dashed vertical line marks `today`.
    """
    data = actions.reset_index(drop=True)
    references = [str(r) for r in data["reference"]]
    has_overdue = "overdue" in data
    # One pass over the actions: dated rows per status, the words after each bar, the overdue
    # ones, and the first and last position of every strategic objective (for its band).
    by_status: dict = {}
    label_x: list = []
    label_words: list[str] = []
    late: list = []
    bands: dict = {}
    for position, row in enumerate(data.itertuples()):
        dated = _present(row.start_date) and _present(row.end_date)
        if dated:
            by_status.setdefault(row.status, []).append(row)
        words = status_labels.get(row.status, row.status)
        if getattr(row, "overdue", False):
            words += f" — {overdue_label}"
        label_x.append(row.end_date if _present(row.end_date) else None)
        label_words.append("    " + words)
        if has_overdue and bool(row.overdue) and _present(row.end_date):
            late.append(row)
        if not pd.isna(row.os):
            bands.setdefault(row.os, [position, position])[1] = position
    fig = FigureSpec()
    first_start = min(row.start_date for rows in by_status.values() for row in rows) if by_status else today
    for status in [s for s in STATUS_ORDER if s in by_status] + sorted(set(by_status) - set(STATUS_ORDER)):
        rows = by_status[status]
        fig.add_trace(
            dict(
                type="bar",
                name=status_labels.get(status, status),
                orientation="h",
                y=[str(row.reference) for row in rows],
                base=[_iso(row.start_date) for row in rows],
                x=[
                    (pd.Timestamp(row.end_date) - pd.Timestamp(row.start_date)).total_seconds() * 1000
                    for row in rows
                ],
                marker={"color": status_colour(status), "line": {"color": "#495057", "width": 0.5}},
                customdata=[
                    [str(row.title), fmt_date(row.start_date, lang), fmt_date(row.end_date, lang)]
                    for row in rows
                ],
                hovertemplate="<b>%{y}</b> %{customdata[0]}<br>%{customdata[1]} → %{customdata[2]}<extra>"
                + status_labels.get(status, status)
                + "</extra>",
                width=0.7,
            )
        )
    # The status (and the overdue word) written after each bar, so colour is never needed to read it;
    # an action without an end date gets its words at the earliest start.
    fallback_x = _iso(first_start)
    fig.add_trace(
        dict(
            type="scatter",
            x=[_iso(x) if x is not None else fallback_x for x in label_x],
            y=references,
            mode="text",
            text=label_words,
            textposition="middle right",
            textfont={"size": font_size, "color": TEXT_COLOUR},
            showlegend=False,
            hoverinfo="skip",
            cliponaxis=False,
        )
    )
    fig.add_trace(
        dict(
            type="scatter",
            name=overdue_label,
            x=[_iso(row.end_date) for row in late],
            y=[str(row.reference) for row in late],
            mode="markers",
            marker={
                "symbol": "x",
                "size": 10,
                "color": OVERDUE_COLOUR,
                "line": {"width": 1, "color": "#ffffff"},
            },
            hovertemplate="%{y}: " + overdue_label + "<extra></extra>",
            visible=True if late else "legendonly",
            cliponaxis=False,
        )
    )
    # Shaded band behind every other strategic objective.
    for i, (first, last) in enumerate(bands.values()):
        if i % 2 == 0:
            fig.add_shape(
                type="rect",
                xref="paper",
                x0=0,
                x1=1,
                yref="y",
                y0=first - 0.5,
                y1=last + 0.5,
                fillcolor=BAND_COLOUR,
                line={"width": 0},
                layer="below",
            )
    fig.add_shape(
        type="line",
        xref="x",
        x0=_iso(today),
        x1=_iso(today),
        yref="paper",
        y0=0,
        y1=1,
        line={"color": TEXT_COLOUR, "width": 2, "dash": "dash"},
    )
    fig.add_annotation(  # below the plot: the date axis and the legend are on top
        x=_iso(today),
        xref="x",
        y=0,
        yref="paper",
        yanchor="top",
        xanchor="right",
        text=today_label + " ",
        showarrow=False,
        font={"size": font_size, "color": TEXT_COLOUR},
        bgcolor="#ffffff",
    )
    starts = [d for d in data["start_date"] if _present(d)] or [today]
    ends = [d for d in data["end_date"] if _present(d)] or [today]
    left = min(starts) - dt.timedelta(days=60)
    right = max(max(ends) + dt.timedelta(days=730), today + dt.timedelta(days=120))
    fig.update_xaxes(type="date", range=[_iso(left), _iso(right)], side="top", showgrid=True)
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=references,
        autorange="reversed",
        automargin=True,
        tickfont={"size": font_size},
        showgrid=False,
    )
    fig.update_layout(
        barmode="overlay",
        height=max(300, 24 * len(data) + 170),
        margin={"t": 84, "b": 40},
        legend={"orientation": "h", "yref": "container", "yanchor": "top", "y": 1, "x": 0},
        bargap=0.3,
    )
    return apply_theme(fig, lang, title=title)


def budget_by_year(
    lines: pd.DataFrame,
    totals: pd.DataFrame,
    *,
    labels: dict[str, str],
    unknown_note: str,
    lang: str,
    title: str | None = None,
    font_size: int = 13,
) -> go.Figure:
    """Per year three bars: expenses and revenues (each stacked: ordinary solid, extraordinary hatched)
    and the net cost (dotted grey); every bar's total is written above it.

    `lines` are the annex rows (year, budget_section, kind, amount; an empty amount is unknown),
    `totals` come from queries.pst.budget_totals. A total that leaves out unknown amounts is marked
    with `*` and explained by `unknown_note`; an unknown net cost is written as "—", never drawn as 0.
    `labels` names the series: depense.ordinaire, depense.extraordinaire, recette.ordinaire,
    recette.extraordinaire, net_cost, expenses, revenues.
    """
    fig = FigureSpec()
    years = [int(y) for y in totals["year"]]
    x = [str(y) for y in years]
    known = lines.dropna(subset=["amount"])
    by = known.groupby(["kind", "budget_section", "year"])["amount"].sum().to_dict()  # dict: cheap lookups
    for kind, colour, total_column in (
        ("depense", EXPENSE_COLOUR, "expenses"),
        ("recette", REVENUE_COLOUR, "revenues"),
    ):
        base = [0.0] * len(years)
        for section, pattern in (("ordinaire", ""), ("extraordinaire", "/")):
            values = [float(by.get((kind, section, y), 0.0)) for y in years]
            is_top = section == "extraordinaire"
            text = None
            if is_top:
                text = [
                    fmt_currency(value, lang, 0) + (" *" if unknown else "")
                    for value, unknown in zip(
                        totals[total_column], totals[f"{total_column}_unknown"], strict=True
                    )
                ]
            fig.add_trace(
                dict(
                    type="bar",
                    name=labels[f"{kind}.{section}"],
                    x=x,
                    y=values,
                    base=base,
                    offsetgroup=kind,
                    legendgroup=kind,
                    marker={
                        "color": "#ffffff" if pattern else colour,
                        "line": {"color": colour, "width": 1.5},
                        "pattern": {"shape": pattern, "fgcolor": colour, "solidity": 0.45},
                    },
                    text=text,
                    textposition="outside" if is_top else "none",
                    textfont={"size": font_size, "color": colour},
                    cliponaxis=False,
                    customdata=[fmt_currency(v, lang, 0) for v in values],
                    hovertemplate="%{x} — " + labels[f"{kind}.{section}"] + ": %{customdata}<extra></extra>",
                )
            )
            base = [b + v for b, v in zip(base, values, strict=True)]
    net = [None if pd.isna(v) else float(v) for v in totals["net_cost"]]
    fig.add_trace(
        dict(
            type="bar",
            name=labels["net_cost"],
            x=x,
            y=net,
            offsetgroup="net",
            marker={
                "color": NET_FILL,
                "line": {"color": NET_COLOUR, "width": 1.5},
                "pattern": {"shape": ".", "fgcolor": NET_COLOUR, "solidity": 0.2},
            },
            text=[
                fmt_currency(v, lang, 0) + (" *" if p else "")
                for v, p in zip(totals["net_cost"], totals["partial"], strict=True)
            ],
            textposition="outside",
            textfont={"size": font_size, "color": NET_COLOUR},
            cliponaxis=False,
            hovertemplate="%{x} — " + labels["net_cost"] + ": %{text}<extra></extra>",
        )
    )
    if bool(totals["partial"].any()):
        fig.add_annotation(
            xref="paper",
            yref="paper",
            x=0,
            y=-0.16,
            xanchor="left",
            showarrow=False,
            text="* " + unknown_note,
            font={"size": font_size, "color": MUTED_COLOUR},
        )
    tops = [v for v in [*totals["expenses"], *totals["revenues"]] if not pd.isna(v)] or [1.0]
    bottom = min([0.0, *(v for v in net if v is not None)])
    fig.update_yaxes(range=[bottom * 1.25, max(tops) * 1.18])
    fig.update_xaxes(type="category")
    fig.update_layout(barmode="group", bargap=0.25, height=460, margin={"b": 90})
    return apply_theme(fig, lang, title=title)
