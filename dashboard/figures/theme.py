"""One look for every chart: colour-blind-safe colours (Paul Tol's schemes), fonts, and graph config.

Each administration, status and group has one colour everywhere in the app, and
colour is never the only carrier of meaning: charts also label, dash or mark.
"""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures.spec import FigureSpec

# Paul Tol "bright" (colour-blind safe, distinct in print and on projectors)
TOL_BRIGHT = ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB"]
# Paul Tol "high contrast" for two or three series that must stay apart even in greyscale
TOL_HIGH_CONTRAST = {"blue": "#004488", "yellow": "#DDAA33", "red": "#BB5566"}

PILOT_COLOURS = {"commune": "#4477AA", "cpas": "#EE6677", "les_deux": "#AA3377"}
STATUS_COLOURS = {"realisee": "#228833", "en_cours": "#CCBB44", "projetee": "#66CCEE"}
GROUP_COLOURS = {"support": TOL_HIGH_CONTRAST["blue"], "autre": TOL_HIGH_CONTRAST["red"]}
BODY_COLOURS = {
    "commune": PILOT_COLOURS["commune"],
    "cpas": PILOT_COLOURS["cpas"],
    "conjoint": PILOT_COLOURS["les_deux"],
}
SERIES = TOL_BRIGHT[:6]
# Sequential scale for levels 0..5 (Tol "YlOrBr" is hard to read in text cells; cividis is CVD-optimised)
LEVEL_SCALE = "cividis"
PARTIAL_PATTERN = "/"
TEXT_COLOUR = "#212529"
MUTED_COLOUR = "#495057"
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT_FAMILY, "size": 14, "color": TEXT_COLOUR},
        colorway=SERIES,
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        margin={"l": 56, "r": 24, "t": 48, "b": 48},
        xaxis={
            "gridcolor": "#e3e6ea",
            "linecolor": "#6c757d",
            "ticks": "outside",
            "zeroline": False,
            "separatethousands": True,
        },
        yaxis={
            "gridcolor": "#e3e6ea",
            "linecolor": "#6c757d",
            "ticks": "outside",
            "zeroline": False,
            "separatethousands": True,
        },
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        hoverlabel={"font": {"family": FONT_FAMILY}},
        separators=", ",
    )
)

SEPARATORS = {"fr": ", ", "nl": ",.", "en": ".,"}


TEMPLATE_JSON = TEMPLATE.to_plotly_json()


def apply_theme(spec: FigureSpec, lang: str, *, title: str | None = None) -> go.Figure:
    """Template, locale separators (decimal, thousands) and an optional title; the finished figure."""
    spec.update_layout(template=TEMPLATE_JSON, separators=SEPARATORS.get(lang, ", "))
    if title:
        spec.update_layout(title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}})
    return spec.figure()


# Chart images for a projector: 1280×720 CSS pixels at 1.5× = a 1920×1080 PNG (fonts scale with it).
IMAGE_WIDTH, IMAGE_HEIGHT, IMAGE_SCALE = 1280, 720, 1.5


def graph_config(filename: str, lang: str = "fr") -> dict:
    """dcc.Graph config: no 'share to cloud' (social-welfare data stays here), no logo, PNG/SVG export."""
    return {
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "filename": filename,
            "width": IMAGE_WIDTH,
            "height": IMAGE_HEIGHT,
            "scale": IMAGE_SCALE,
        },
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendDataToCloud"],
        "responsive": True,
    }
