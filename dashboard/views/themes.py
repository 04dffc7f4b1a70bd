"""GET /themes/plotly.json: the chart colours of each display theme, for assets/30-themes.js
(layout colours per theme, and under "recolour" the series colour swaps per theme)."""

from __future__ import annotations

from flask import Blueprint, jsonify

from dashboard.figures.themes import all_layouts, recolour_maps


def create_blueprint() -> Blueprint:
    blueprint = Blueprint("themes", __name__)

    @blueprint.get("/themes/plotly.json")
    def plotly_themes():
        response = jsonify({**all_layouts(), "recolour": recolour_maps()})
        response.headers["Cache-Control"] = "public, max-age=3600"
        return response

    return blueprint
