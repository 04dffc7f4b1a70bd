"""Chart images rendered by kaleido in the system Chromium (browser-marked: needs Chromium)."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from dashboard.exports.images import figure_to_png, figure_to_svg


def _radar() -> go.Figure:
    return go.Figure(
        go.Scatterpolar(r=[4, 5, 5, 4, 4], theta=list("ABCDE"), fill="toself", name="GRH"),
        layout={"showlegend": True, "title": {"text": "Ressources humaines"}},
    )


def test_img001_png_has_the_requested_pixel_size(chromium_path):
    data = figure_to_png(_radar(), width=640, height=480, scale=2)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 960)


def test_img002_svg_holds_the_trace_and_its_labels(chromium_path):
    svg = figure_to_svg(_radar(), width=640, height=480).decode()
    assert svg.startswith("<svg")
    assert "GRH" in svg and "Ressources humaines" in svg


def test_img003_unknown_format_is_refused():
    from dashboard.exports.images import figure_to_image

    with pytest.raises(ValueError, match="unknown image format"):
        figure_to_image(_radar(), "gif")
