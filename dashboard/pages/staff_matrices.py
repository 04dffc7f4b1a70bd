"""/gestion/matrices: staff edit of the five register levels of a service-year (login + right on the commune)."""

from __future__ import annotations

from dash import ALL, Dash, Input, Output, State, html, no_update

from dashboard import ids
from dashboard.auth import require_edit
from dashboard.auth.callbacks import edit_callback, message
from dashboard.editing import set_matrix_levels, write_transaction
from dashboard.editing.matrix import parse_year
from dashboard.i18n import t
from dashboard.pages import _inputs
from dashboard.pages._context import page_context
from dashboard.runtime import db_session, runtime
from dashboard.urlstate import parse_search
from dashboard.views import staff_matrices as view
from dashboard.views.shell import page_frame
from dashboard.views.staff import gate, lang_store

KEY = "staff-matrices"
PATH = "/gestion/matrices"
PAGE = {"path": PATH, "name": "gestion-matrices", "order": 92}
LEVELS = [Output({"type": ids.GMAT_LEVEL, "register": code}, "value") for code in view.REGISTERS]


def layout(**params: str):
    with db_session() as session:
        ctx = page_context(session, params)
        if ctx.error:
            return page_frame(ctx, KEY, [])
        refused = gate(ctx, PATH)
        content = refused or [
            html.H1(t("gmat.title", ctx.lang, commune=ctx.commune_name), className="h2"),
            html.P(t("gmat.intro", ctx.lang), className="text-body-secondary"),
            lang_store(ctx.lang),
            *view.form(session, ctx),
        ]
    return page_frame(ctx, KEY, content)


def _commune(search: object) -> str | None:
    with db_session() as session:
        return page_context(session, parse_search(_inputs.search(search))).commune


def register_callbacks(app: Dash) -> None:
    @app.callback(
        *LEVELS,
        Output(ids.GMAT_NOTE, "children"),
        Output(ids.GMAT_MESSAGE, "children", allow_duplicate=True),
        Input(ids.GMAT_SERVICE, "value"),
        Input(ids.GMAT_YEAR, "value"),
        State(ids.URL, "search"),
        State(ids.STAFF_LANG, "data"),
        prevent_initial_call=True,
    )
    @edit_callback(n_outputs=len(LEVELS) + 2)
    def load(service, year, search, lang):
        """Another service or year: show its current levels (empty for a matrix not yet entered)."""
        commune = _commune(search)
        require_edit(commune)
        service, year = _inputs.text(service, 60), parse_year(year if isinstance(year, (int, str)) else None)
        with db_session() as session:
            values = view.current_levels(session, commune, service, year)
        return (*[values.get(code) for code in view.REGISTERS], view.note(values, lang), None)

    @app.callback(
        Output(ids.GMAT_NOTE, "children", allow_duplicate=True),
        Output(ids.GMAT_MESSAGE, "children", allow_duplicate=True),
        Input(ids.GMAT_SAVE, "n_clicks"),
        State(ids.GMAT_SERVICE, "value"),
        State(ids.GMAT_YEAR, "value"),
        State({"type": ids.GMAT_LEVEL, "register": ALL}, "value"),
        State({"type": ids.GMAT_LEVEL, "register": ALL}, "id"),
        State(ids.URL, "search"),
        State(ids.STAFF_LANG, "data"),
        prevent_initial_call=True,
    )
    @edit_callback(n_outputs=2)
    def save(n_clicks, service, year, levels, level_ids, search, lang):
        if not n_clicks:
            return no_update, no_update
        commune = _commune(search)
        actor = require_edit(commune)
        levels = levels if isinstance(levels, list) else []
        level_ids = level_ids if isinstance(level_ids, list) else []
        submitted = {
            i.get("register"): v for i, v in zip(level_ids, levels, strict=False) if isinstance(i, dict)
        }
        with write_transaction(runtime().sessions) as session:
            event = set_matrix_levels(
                session,
                actor,
                commune=commune,
                year=year if isinstance(year, (int, str)) else None,
                service=_inputs.text(service, 60),
                levels=submitted,
            )
            count = len(event.changes) if event else 0
        text = t("edit.saved", lang, count=count) if count else t("edit.unchanged", lang)
        return None, message(text, "success" if count else "info")
