"""Display themes: one definition of the chart colours per theme, served to the browser."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures.themes import THEMES, layout_for, normalise_theme, template, themed


def test_theme001_unknown_theme_falls_back_to_light():
    assert normalise_theme("neon") == "light"
    assert normalise_theme(None) == "light"
    assert normalise_theme("contrast") == "contrast"


def test_theme002_every_theme_has_readable_ink_on_its_paper():
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for theme in THEMES:
        layout = layout_for(theme)
        a, b = luminance(layout["paper_bgcolor"]), luminance(layout["font"]["color"])
        ratio = (max(a, b) + 0.05) / (min(a, b) + 0.05)
        assert ratio >= (7 if theme == "contrast" else 4.5), (theme, ratio)


def test_theme003_themed_reaches_every_subplot_axis():
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=1, cols=2)
    fig.add_trace(go.Bar(x=[1], y=[1]), row=1, col=1)
    fig.add_trace(go.Bar(x=[1], y=[1]), row=1, col=2)
    themed(fig, "dark")
    assert fig.layout.paper_bgcolor == "#1b1f24"
    assert fig.layout.xaxis2.gridcolor == layout_for("dark")["xaxis"]["gridcolor"]
    assert template("dark").layout.font.color == "#e9ecef"


def test_theme004_route_serves_the_same_colours(settings, engine):
    from dashboard import create_app

    client = create_app(settings, engine=engine).server.test_client()
    answer = client.get("/themes/plotly.json")
    assert answer.status_code == 200
    assert answer.get_json()["dark"] == layout_for("dark")
