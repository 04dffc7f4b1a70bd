"""Dash side of the table exports: the page's download section and the callback that fills dcc.Download.

The file is built on the server from the URL (commune, year, language and the page's own
filters), never from what the browser sends as table content, so a forged request can only
ask for data the open API already serves.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from dashboard import ids
from dashboard.exports import tables as table_exports
from dashboard.exports.tabular import to_csv, to_xlsx
from dashboard.i18n import t
from dashboard.pages import _inputs
from dashboard.urlstate import build_search, parse_search
from dashboard.views.shell import PageContext

FORMATS = ("csv", "xlsx")
MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download_sink() -> dcc.Download:
    return dcc.Download(id=ids.EXP_DOWNLOAD)


def tables_section(page: str, ctx: PageContext) -> html.Section | None:
    """'Download the tables': one CSV and one XLSX button per table of the page (None if it has none)."""
    names = table_exports.PAGE_TABLES.get(page)
    if not names or ctx.error or not ctx.commune:
        return None
    lang = ctx.lang
    items = []
    for name in names:
        title = t(table_exports.TABLES[name].title, lang)
        buttons = [
            html.Button(
                fmt.upper(),
                id={"type": ids.EXP_TABLE_BUTTON, "table": name, "fmt": fmt},
                n_clicks=0,
                type="button",
                className="btn btn-outline-primary btn-sm me-1",
                title=t("exp.download_as", lang, table=title, format=fmt.upper()),
                **{"aria-label": t("exp.download_as", lang, table=title, format=fmt.upper())},
            )
            for fmt in FORMATS
        ]
        items.append(html.Li([html.Span(title, className="me-2"), *buttons], className="mb-1"))
    return html.Section(
        [
            html.H2(t("exp.tables.title", lang), className="h6"),
            html.P(t("exp.tables.note", lang), className="small text-body-secondary mb-2"),
            html.Ul(items, className="list-unstyled mb-0"),
        ],
        id=ids.EXP_TABLES,
        className="export-tables border-top mt-4 pt-3",
        **{"aria-label": t("exp.tables.title", lang)},
    )


def report_card(ctx: PageContext, years: list[int]) -> dbc.Card:
    """Home-page card: the annual report of the selected year as PDF or XLSX (plain download links)."""
    lang = ctx.lang
    if ctx.year not in years:
        body = [html.P(t("rep.home.none", lang, year=ctx.year or "—"), className="mb-0")]
    else:
        query = build_search({"commune": ctx.commune, "year": ctx.year, "lang": lang})
        links = [
            html.A(
                t(f"rep.home.{fmt}", lang),
                href=f"/exports/report.{fmt}{query}",
                download=f"{ctx.commune}-rapport-synergies-{ctx.year}.{fmt}",
                className=f"btn btn-{'primary' if fmt == 'pdf' else 'outline-primary'} btn-sm me-2",
            )
            for fmt in ("pdf", "xlsx")
        ]
        body = [html.P(t("rep.home.text", lang), className="mb-2"), html.Div(links)]
    return dbc.Card(
        dbc.CardBody([html.H2(t("rep.home.title", lang, year=ctx.year or ""), className="h5"), *body]),
        id=ids.EXP_REPORT_CARD,
        className="mb-3 mt-3",
    )


def build_file(name: str, fmt: str, search: str) -> dict:
    """The dcc.Download payload for table `name` in `fmt`, for the view in the URL query `search`."""
    from dashboard.pages._context import page_context
    from dashboard.runtime import db_session

    params = parse_search(search)
    with db_session() as session:
        ctx = page_context(session, params)
        if ctx.error:
            raise PreventUpdate
        df = table_exports.table_frame(session, ctx, name, params)
        title = t(table_exports.TABLES[name].title, ctx.lang)
    content = to_csv(df) if fmt == "csv" else to_xlsx([(title, df)])
    return dcc.send_bytes(content, table_exports.filename(ctx, name, fmt), type=MIME[fmt])


def register_callbacks(app: Dash) -> None:
    @app.callback(
        Output(ids.EXP_DOWNLOAD, "data"),
        Input({"type": ids.EXP_TABLE_BUTTON, "table": ALL, "fmt": ALL}, "n_clicks"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def download_table(_clicks, search):
        trigger = dash.ctx.triggered_id
        if not isinstance(trigger, dict) or not any(item["value"] for item in dash.ctx.triggered):
            raise PreventUpdate  # buttons inserted, not clicked
        name, fmt = _inputs.text(trigger.get("table"), 40), _inputs.text(trigger.get("fmt"), 8)
        if name not in table_exports.TABLES or fmt not in FORMATS:
            raise PreventUpdate
        return build_file(name, fmt, _inputs.search(search))
