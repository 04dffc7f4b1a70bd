"""Display themes for charts: light (the default look), dark, and high contrast (projector).

A theme is a small set of layout colours laid over each figure's own template. The builders draw
for a white page; on the dark paper their darker series colours (Tol's #004488 blue...) would
fade, so the dark theme also swaps every colour the builders use for a lighter one of the same
hue (RECOLOUR). The browser applies both to charts already on screen (assets/30-themes.js reads
them from /themes/plotly.json): one definition, here.
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


# --- dark theme: the builders' own colours, swapped for ones that read on the dark paper ---------
# Keys are every colour literal in dashboard/figures (upper case); tests/unit/test_dark_series.py
# fails when a builder uses a colour missing here or a swap falls below its contrast threshold.

# Series (marks, lines, and text written in a series colour on the paper): the same hue, lighter,
# >= 4.5:1 on the dark paper so they also serve as text colours; Tol's light variants where one
# exists. One swap per colour, never two series merged into one colour.
DARK_SERIES = {
    # Paul Tol "bright" (figures/theme.py)
    "#4477AA": "#77AADD",  # Tol light blue
    "#EE6677": "#EE6677",  # already 5.4:1
    "#228833": "#2DB544",
    "#CCBB44": "#CCBB44",
    "#66CCEE": "#66CCEE",
    "#AA3377": "#D97FB2",
    "#BBBBBB": "#BBBBBB",
    # Paul Tol "high contrast" and "medium contrast" (synthesis groups, IWEPS territories)
    "#004488": "#99CCFF",  # the darkest on white becomes the lightest on dark: still the strongest
    "#DDAA33": "#DDAA33",
    "#BB5566": "#D18C97",
    "#6699CC": "#6699CC",
    "#997700": "#C29700",
    "#555555": "#9C9C9C",
    "#8B1A1A": "#FF9B9B",  # overdue: the dark theme's overdue badge colour (30-themes.css)
    "#ADB5BD": "#ADB5BD",
    # Okabe & Ito (projector charts, when a theme is asked for in the URL)
    "#0072B2": "#00A3FF",
    "#D55E00": "#FF7304",
    "#009E73": "#009E73",
    "#E69F00": "#E69F00",
    "#CC79A7": "#CC79A7",
    "#56B4E9": "#56B4E9",
}
# Text and outline inks: the theme's ink (>= 4.5:1).
DARK_INKS = {"#212529": COLOURS["dark"]["ink"], "#000000": COLOURS["dark"]["ink"], "#495057": "#CED4DA"}
# Grid and axis lines: the theme's own grid and line colours.
DARK_LINES = {
    "#E3E6EA": COLOURS["dark"]["grid"],
    "#CED4DA": COLOURS["dark"]["grid"],
    "#BDBDBD": COLOURS["dark"]["grid"],
    "#6C757D": COLOURS["dark"]["line"],
}
# Surfaces (hollow markers, bands, boxes, outlines between marks): dark, ink readable on them.
DARK_SURFACES = {
    "#FFFFFF": COLOURS["dark"]["paper"],
    "#F3F5F7": "#23282E",
    "#F1F3F5": "#2A3038",
    "#DEE2E6": "#343A42",
    "#DDDDDD": "#3A4149",
}
RECOLOUR = {"dark": {**DARK_SERIES, **DARK_INKS, **DARK_LINES, **DARK_SURFACES}}


def recolour_maps() -> dict[str, dict[str, str]]:
    """Per theme, the builder colour -> theme colour swaps (light and contrast keep the builders')."""
    return {theme: RECOLOUR.get(theme, {}) for theme in THEMES}
