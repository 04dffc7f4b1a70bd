"""/gestion/synergies: add and edit synergies (planned → ongoing → done), with validation and audit."""

from __future__ import annotations

from dash import Dash, Input, Output, State, html, no_update

from dashboard import ids
from dashboard.auth import require_edit
from dashboard.auth.callbacks import edit_callback, message
from dashboard.editing import InvalidEdit, save_synergy, write_transaction
from dashboard.i18n import t
from dashboard.pages import _inputs
from dashboard.pages._context import page_context
from dashboard.runtime import db_session, runtime
from dashboard.urlstate import parse_search
from dashboard.views import staff_synergies as view
from dashboard.views.shell import page_frame
from dashboard.views.staff import gate, lang_store

KEY = "staff-synergies"
PATH = "/gestion/synergies"
PAGE = {"path": PATH, "name": "gestion-synergies", "order": 91}
FIELD_OUTPUTS = [Output(view.field_id(name), "value") for name in view.FIELDS]
FIELD_STATES = [State(view.field_id(name), "value") for name in view.FIELDS]


def layout(**params: str):
    with db_session() as session:
        ctx = page_context(session, params)
        if ctx.error:
            return page_frame(ctx, KEY, [])
        refused = gate(ctx, PATH)
        content = refused or [
            html.H1(t("gsyn.title", ctx.lang, commune=ctx.commune_name), className="h2"),
            lang_store(ctx.lang),
            *view.form(session, ctx.commune, ctx.lang),
        ]
    return page_frame(ctx, KEY, content)


def _commune(search: object) -> str | None:
    with db_session() as session:
        return page_context(session, parse_search(_inputs.search(search))).commune


def _clean(name: str, value: object) -> object:
    """Hostile-input coercion per field kind (the editing module validates the meaning)."""
    if name == "objectives":
        return _inputs.texts(value)
    if name in view.NUMBERS:
        return value if isinstance(value, (int, str)) and not isinstance(value, bool) else None
    return _inputs.text(value, 4000)


def register_callbacks(app: Dash) -> None:
    @app.callback(
        *FIELD_OUTPUTS,
        Output(view.field_id("ref"), "disabled"),
        Output(ids.GSYN_MESSAGE, "children", allow_duplicate=True),
        Input(ids.GSYN_PICK, "value"),
        State(ids.URL, "search"),
        State(ids.STAFF_LANG, "data"),
        prevent_initial_call=True,
    )
    @edit_callback(n_outputs=len(view.FIELDS) + 2)
    def pick(ref, search, lang):
        """Fill the form with the chosen synergy (or empty it for a new one)."""
        commune = _commune(search)
        require_edit(commune)
        ref = _inputs.text(ref, 40)
        with db_session() as session:
            if ref == view.NEW:
                values = view.empty_values()
                values["service"] = no_update
            else:
                values = view.values_of(session, commune, ref)
                if values is None:
                    raise InvalidEdit("edit.invalid.synergy", ref=ref)
        # the message is left as is: a save that created a synergy selects it, firing this callback
        return (*[values[name] for name in view.FIELDS], ref != view.NEW, no_update)

    @app.callback(
        Output(ids.GSYN_PICK, "options"),
        Output(ids.GSYN_PICK, "value"),
        Output(ids.GSYN_MESSAGE, "children", allow_duplicate=True),
        Input(ids.GSYN_SAVE, "n_clicks"),
        State(ids.GSYN_PICK, "value"),
        *FIELD_STATES,
        State(ids.URL, "search"),
        State(ids.STAFF_LANG, "data"),
        prevent_initial_call=True,
    )
    @edit_callback(n_outputs=3)
    def save(n_clicks, picked, *rest):
        if not n_clicks:
            return no_update, no_update, no_update
        *fields, search, lang = rest
        commune = _commune(search)
        actor = require_edit(commune)
        values = {name: _clean(name, value) for name, value in zip(view.FIELDS, fields, strict=True)}
        create = _inputs.text(picked, 40) == view.NEW
        ref = values.pop("ref") if create else _inputs.text(picked, 40)
        with write_transaction(runtime().sessions) as session:
            event = save_synergy(session, actor, commune=commune, ref=ref, values=values, create=create)
            count = len(event.changes) if event else 0
        with db_session() as session:
            options = view.pick_options(session, commune, lang)
        if create:
            text = t("gsyn.created", lang, ref=ref)
        else:
            text = t("edit.saved", lang, count=count) if count else t("edit.unchanged", lang)
        return options, ref if create else no_update, message(text, "success" if create or count else "info")
