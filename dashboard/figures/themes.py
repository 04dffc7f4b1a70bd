"""Display themes for charts: light (the default look), dark, and high contrast (projector).

A theme is a small set of layout colours laid over each figure's own template, so every builder
keeps its palette (the series colours are colour-blind safe on all three backgrounds) and only
paper, ink and grid change. The browser applies the same colours to charts already on screen
(assets/30-themes.js reads them from /themes/plotly.json): one definition, here.
"""

from __future__ import annotations

import plotly.graph_objects as go

THEMES = ("light", "dark", "contrast")
DEFAULT_THEME = "light"

COLOURS = {
    "light": {"paper": "#ffffff", "ink": "#212529", "grid": "#e3e6ea", "line": "#6c757d"},
    "dark": {"paper": "#1b1f24", "ink": "#e9ecef", "grid": "#3a4149", "line": "#adb5bd"},
    "contrast": {"paper": "#ffffff", "ink": "#000000", "grid": "#767676", "line": "#000000"},
}


def normalise_theme(value: object) -> str:
    return value if isinstance(value, str) and value in THEMES else DEFAULT_THEME


def layout_for(theme: str) -> dict:
    """The layout colours of `theme`, for every axis kind the app draws (cartesian and polar)."""
    c = COLOURS[normalise_theme(theme)]
    axis = {
        "gridcolor": c["grid"],
        "linecolor": c["line"],
        "zerolinecolor": c["line"],
        "tickcolor": c["line"],
    }
    return {
        "paper_bgcolor": c["paper"],
        "plot_bgcolor": c["paper"],
        "font": {"color": c["ink"]},
        "xaxis": axis,
        "yaxis": axis,
        "polar": {
            "bgcolor": c["paper"],
            "radialaxis": {"gridcolor": c["grid"], "linecolor": c["line"]},
            "angularaxis": {"gridcolor": c["grid"], "linecolor": c["line"]},
        },
    }


def template(theme: str) -> go.layout.Template:
    """A Plotly template with the theme's colours, to merge over a figure's own template."""
    return go.layout.Template(layout=layout_for(theme))


def themed(fig: go.Figure, theme: str) -> go.Figure:
    """`fig` in `theme`: the colours laid over every axis it has (subplots included)."""
    layout = layout_for(theme)
    fig.update_layout(paper_bgcolor=layout["paper_bgcolor"], plot_bgcolor=layout["plot_bgcolor"])
    fig.update_layout(font_color=layout["font"]["color"])
    fig.update_xaxes(**layout["xaxis"])
    fig.update_yaxes(**layout["yaxis"])
    fig.update_polars(**layout["polar"])
    return fig


def all_layouts() -> dict[str, dict]:
    return {theme: layout_for(theme) for theme in THEMES}
