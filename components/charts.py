"""A chart in a card: a visible title (heading), the graph, and the graph configuration."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html

from dashboard.figures.theme import IMAGE_HEIGHT, IMAGE_SCALE, IMAGE_WIDTH, graph_config
from dashboard.i18n import t


def chart_card(
    graph_id: str | dict,
    figure: go.Figure,
    *,
    title: str,
    filename: str,
    lang: str,
    note: str | None = None,
    height: int | None = None,
    fill: bool = True,
    level: int = 3,
) -> dbc.Card:
    """The title is a real heading (not only inside the SVG) so screen readers and search find it.

    `fill`: stretch to the height of its column (cards side by side); off when something follows it.
    `level`: the heading level, 2 when the card comes straight under the page's h1 (no skipped level).
    """
    # An explicit height: a responsive graph in a flex card would otherwise collapse.
    style = {"height": f"{height or figure.layout.height or 360}px"}
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(
                    [
                        (html.H2 if level == 2 else html.H3)(title, className="h6 chart-title mb-0"),
                        image_buttons(title, filename, lang),
                    ],
                    className="d-flex justify-content-between align-items-start gap-2 mb-1",
                ),
                dcc.Graph(
                    id=graph_id,
                    figure=figure,
                    config=graph_config(filename, lang),
                    style=style,
                    className="chart",
                ),
                html.P(note, className="small text-body-secondary mb-0") if note else None,
            ]
        ),
        className="chart-card h-100" if fill else "chart-card mb-2",
    )


def image_buttons(title: str, filename: str, lang: str) -> html.Div:
    """PNG and SVG buttons: assets/chart-export.js renders the chart in the browser (no data is sent).

    Real buttons, so they are reachable with Tab and fire with Enter or Space; the accessible name
    says which chart and which format, since the visible text is only "PNG" / "SVG".
    """
    return html.Div(
        [
            html.Button(
                fmt.upper(),
                type="button",
                className="btn btn-outline-secondary btn-sm chart-export",
                title=t("exp.chart.download", lang, chart=title, format=fmt.upper()),
                **{
                    "aria-label": t("exp.chart.download", lang, chart=title, format=fmt.upper()),
                    "data-chart-export": fmt,
                    "data-filename": filename,
                    "data-width": str(IMAGE_WIDTH),
                    "data-height": str(IMAGE_HEIGHT),
                    "data-scale": str(IMAGE_SCALE if fmt == "png" else 1),
                },
            )
            for fmt in ("png", "svg")
        ],
        className="btn-group btn-group-sm flex-shrink-0",
        role="group",
        **{"aria-label": t("exp.chart.group", lang)},
    )
