"""The HTML document Dash serves: `<html lang>` set on the server from `?lang=`, and the chart
scripts fetched from the start on the pages that draw charts.

Screen readers pick their voice from the document language before any script runs,
so setting it only client-side (the shell's clientside callback) is too late for the
first page read and absent for tools that do not run scripts.
"""

from __future__ import annotations

import re

from dash import Dash
from flask import has_request_context, request

from dashboard.i18n import normalise_language
from dashboard.plotly_bundle import DASH_PLOTLY_PATH

PRELOAD_MARK = "{%preload%}"  # in the app's index_string, inside <head>
# Plotly and dcc.Graph's chunk load only once a graph is on screen, after the page callback. Fetched
# from the start at low priority (the page's own scripts first), the first chart came 4-130 ms
# sooner (median of 9 loads, 3 interleaved rounds; at high priority it came later, having delayed the
# other scripts). Only on the pages that draw charts: home and staff pages never need Plotly's 375 kB.
PRELOADED_SCRIPTS = ("_dash-component-suites/dash/dcc/async-graph.js", DASH_PLOTLY_PATH.lstrip("/"))
CHART_PAGES = frozenset(
    {
        "synergies",
        "matrices",
        "synthese",
        "marches",
        "indicateurs-sociaux",
        "pst",
        "bruxelles",
        "presentation",
    }
)

_HTML_TAG = re.compile(r"<html(\s[^>]*)?>", flags=re.IGNORECASE)
_LANG_ATTR = re.compile(r"""\slang=("[^"]*"|'[^']*'|\S+)""", flags=re.IGNORECASE)


def with_language(document: str, lang: str) -> str:
    """`document` with its <html> tag carrying lang=`lang` (added or replaced)."""

    def replace(match: re.Match[str]) -> str:
        attributes = _LANG_ATTR.sub("", match.group(1) or "")
        return f'<html lang="{lang}"{attributes}>'

    return _HTML_TAG.sub(replace, document, count=1)


def preloads(prefix: str, path: str) -> str:
    """The <link rel=preload> tags for the page at `path` (empty where it draws no chart)."""
    page = path.removeprefix(prefix).strip("/")
    if page not in CHART_PAGES:
        return ""
    return "".join(
        f'<link rel="preload" href="{prefix}{script}" as="script" fetchpriority="low">'
        for script in PRELOADED_SCRIPTS
    )


def install(app: Dash) -> None:
    """Wrap the app's index rendering so each page request gets the language of its URL."""
    render = app.interpolate_index
    prefix = app.config.requests_pathname_prefix

    def interpolate_index(**kwargs: str) -> str:
        document = render(**kwargs)
        in_request = has_request_context()
        lang = normalise_language(request.args.get("lang") if in_request else None)
        document = document.replace(PRELOAD_MARK, preloads(prefix, request.path) if in_request else "")
        return with_language(document, lang)

    app.interpolate_index = interpolate_index  # type: ignore[method-assign]
