"""Staff import page (/gestion/import) and the template download (/import/modele.xlsx)."""

from __future__ import annotations

import datetime as dt

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, dcc, html, no_update
from flask import Response, request
from sqlalchemy import select

from dashboard import ids
from dashboard.i18n import t
from dashboard.importer.access import may_import
from dashboard.importer.safety import MAX_FILE_BYTES
from dashboard.pages import _inputs
from dashboard.pages._context import page_context
from dashboard.runtime import db_session, runtime
from dashboard.urlstate import parse_search
from dashboard.views import importer as view
from dashboard.views.shell import page_frame

KEY = "import"
PAGE = {"path": "/gestion/import", "name": "import", "order": 90}
TEMPLATE_PATH = "/import/modele.xlsx"


def _years() -> list[int]:
    return list(range(dt.date.today().year + 1, 2014, -1))


def layout(**params: str):
    with db_session() as session:
        ctx = page_context(session, params)
    lang = ctx.lang
    if ctx.error:
        return page_frame(ctx, KEY, [])
    content: list = [
        html.H1(t("imp.title", lang), className="h2 mb-0"),
        html.P(t("imp.subtitle", lang, commune=ctx.commune_name), className="text-body-secondary"),
        html.P(
            html.A(
                t("imp.template", lang), href=f"{TEMPLATE_PATH}?commune={ctx.commune}", download="modele.xlsx"
            )
        ),
    ]
    if not may_import(ctx.commune or ""):
        return page_frame(ctx, KEY, [*content, view.forbidden(lang)])
    year_options = [{"label": t("imp.year.all", lang), "value": "all"}] + [
        {"label": str(y), "value": str(y)} for y in _years()
    ]
    content += [
        dbc.Label(t("imp.year", lang), html_for=ids.IMP_YEAR),
        dbc.Select(
            id=ids.IMP_YEAR, options=year_options, value="all", className="mb-3", style={"maxWidth": "20rem"}
        ),
        dcc.Upload(
            id=ids.IMP_UPLOAD,
            children=html.Div(t("imp.upload", lang)),
            multiple=True,
            max_size=MAX_FILE_BYTES,
            accept=".xlsx,.csv,.json",
            className="import-drop border border-2 rounded p-4 text-center",
            style={"borderStyle": "dashed"},
        ),
        dcc.Loading(html.Div(id=ids.IMP_REPORT, className="mt-3", role="region", **{"aria-live": "polite"})),
        dcc.Store(id=ids.IMP_TOKEN),
        dbc.Button(
            t("imp.confirm", lang), id=ids.IMP_CONFIRM, color="primary", className="mt-3", disabled=True
        ),
        html.Div(id=ids.IMP_RESULT, className="mt-3", role="status", **{"aria-live": "polite"}),
    ]
    return page_frame(ctx, KEY, content)


def _view(search: object) -> tuple[str, str, int | None]:
    params = parse_search(_inputs.search(search))
    with db_session() as session:
        ctx = page_context(session, params)
    return ctx.commune or "", ctx.lang, None


def _year(value: object) -> int | None:
    text = _inputs.text(value, 8)
    return int(text) if text.isdigit() and int(text) in _years() else None


def register_callbacks(app: Dash) -> None:
    @app.callback(
        Output(ids.IMP_REPORT, "children"),
        Output(ids.IMP_TOKEN, "data"),
        Output(ids.IMP_CONFIRM, "disabled"),
        Output(ids.IMP_RESULT, "children"),
        Input(ids.IMP_UPLOAD, "contents"),
        State(ids.IMP_UPLOAD, "filename"),
        State(ids.IMP_YEAR, "value"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def uploaded(contents, filenames, year, search):
        if not contents:
            return no_update, no_update, no_update, no_update
        slug, lang, _ = _view(search)
        report, token = view.preview(runtime().sessions, contents, filenames, slug, _year(year), lang)
        return report, token, token is None, ""

    @app.callback(
        Output(ids.IMP_RESULT, "children", allow_duplicate=True),
        Output(ids.IMP_TOKEN, "data", allow_duplicate=True),
        Output(ids.IMP_CONFIRM, "disabled", allow_duplicate=True),
        Input(ids.IMP_CONFIRM, "n_clicks"),
        State(ids.IMP_UPLOAD, "contents"),
        State(ids.IMP_UPLOAD, "filename"),
        State(ids.IMP_YEAR, "value"),
        State(ids.IMP_TOKEN, "data"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def confirmed(n_clicks, contents, filenames, year, seen, search):
        if not n_clicks:
            return no_update, no_update, no_update
        slug, lang, _ = _view(search)
        result = view.confirm(runtime().sessions, contents, filenames, slug, _year(year), seen, lang)
        return result, None, True

    def template_download() -> Response:
        from dashboard.db import models as M
        from dashboard.importer.template import build_workbook

        slug = _inputs.text(request.args.get("commune"), 80)
        with db_session() as session:
            services = list(
                session.scalars(
                    select(M.Service.code)
                    .join(M.Commune)
                    .where(M.Commune.slug == slug)
                    .order_by(M.Service.code)
                )
            )
        return Response(
            build_workbook(services=services),
            mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": 'attachment; filename="modele.xlsx"'},
        )

    app.server.add_url_rule(TEMPLATE_PATH, "import_template", template_download)
