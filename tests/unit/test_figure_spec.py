"""FigureSpec: dict-built figures must equal what go.Figure's own verbs build, and be validated in tests."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from dashboard.figures import spec as S
from dashboard.figures.spec import FigureSpec


def test_fsp001_tests_validate_every_figure():
    assert S.validating()
    with pytest.raises(ValueError):
        FigureSpec([{"type": "scatter", "x": [1], "colour": "red"}]).figure()


def test_fsp002_served_figures_skip_validation(monkeypatch):
    monkeypatch.setenv(S.VALIDATE_VARIABLE, "0")
    fig = FigureSpec([{"type": "scatter", "x": [1], "colour": "red"}]).figure()
    assert fig.to_plotly_json()["data"][0]["colour"] == "red"  # not checked, sent as is


def test_fsp003_same_json_as_graph_objects():
    frame = pd.DataFrame({"year": [2019, 2020], "value": [1.5, None]})
    expected = go.Figure()
    expected.add_trace(go.Scatter(x=frame["year"], y=frame["value"], name="a", line={"color": "#123456"}))
    expected.update_layout(title={"text": "t"}, margin={"l": 10})
    expected.update_layout(margin={"r": 5})
    expected.update_xaxes(range=[2018, 2021])
    expected.add_annotation(text="n", x=0, y=1, showarrow=False)
    expected.add_vline(x=2020, line={"dash": "dash"})
    spec = FigureSpec()
    spec.add_trace(
        {
            "type": "scatter",
            "x": frame["year"],
            "y": frame["value"],
            "name": "a",
            "line": {"color": "#123456"},
        }
    )
    spec.update_layout(title={"text": "t"}, margin={"l": 10})
    spec.update_layout(margin={"r": 5})
    spec.update_xaxes(range=[2018, 2021])
    spec.add_annotation(text="n", x=0, y=1, showarrow=False)
    spec.add_vline(x=2020, line={"dash": "dash"})
    got = spec.figure().to_plotly_json()
    want = expected.to_plotly_json()
    assert list(got["data"][0]["x"]) == [2019, 2020]
    assert got["data"][0]["y"][1] is None  # NaN is sent as missing
    for key in ("title", "margin", "xaxis", "annotations"):
        assert got["layout"][key] == want["layout"][key]
    assert got["layout"]["shapes"][0] == {**want["layout"]["shapes"][0]}


@pytest.mark.parametrize("kind", ["xy", "polar"])
def test_fsp004_subplots_match_make_subplots(kind):
    options = {"specs": [[{"type": kind}] * 2] * 2} if kind == "polar" else {}
    expected = make_subplots(
        rows=2, cols=2, subplot_titles=["a", "b", "c", "d"], vertical_spacing=0.2, **options
    )
    trace = go.Scatterpolar(r=[1, 2], theta=["x", "y"]) if kind == "polar" else go.Scatter(x=[1], y=[2])
    expected.add_trace(trace, row=2, col=1)
    spec = FigureSpec.subplots(2, 2, kind=kind, subplot_titles=["a", "b", "c", "d"], vertical_spacing=0.2)
    spec.add_trace(
        {"type": "scatterpolar" if kind == "polar" else "scatter", **trace.to_plotly_json()}, row=2, col=1
    )
    if kind == "xy":
        expected.update_yaxes(range=[0, 3], row=2, col=1)
        spec.update_yaxes(range=[0, 3], row=2, col=1)
    got, want = spec.figure(), expected
    got_layout = got.layout.to_plotly_json()
    want_layout = want.layout.to_plotly_json()
    want_layout.pop("template")
    got_layout.pop("template", None)  # the default one Plotly adds when validating
    assert got_layout == want_layout
    assert got.data[0].to_plotly_json() == want.data[0].to_plotly_json()


def test_fsp005_grid_cache_is_not_shared_between_figures():
    first = FigureSpec.subplots(2, 1, subplot_titles=["a", "b"])
    first.update_annotations(font={"size": 30})
    second = FigureSpec.subplots(2, 1, subplot_titles=["a", "b"])
    assert second.layout["annotations"][0]["font"] == {"size": 16}
