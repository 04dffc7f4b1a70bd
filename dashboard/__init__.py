"""The Dash app factory. No module-level app: `create_app(settings)` builds one."""

from __future__ import annotations

import logging
from importlib import import_module

import dash
from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html, no_update

from dashboard import document, ids, performance, security
from dashboard.config import PROJECT_DIR, Settings
from dashboard.db.session import make_engine, make_session_factory
from dashboard.pages import _inputs
from dashboard.runtime import EXTENSION_KEY, Runtime
from dashboard.urlstate import parse_search, with_params

log = logging.getLogger(__name__)

# Page modules, in navbar order; each exposes KEY, PAGE, layout() and register_callbacks(app).
PAGE_MODULES = (
    "dashboard.pages.home",
    "dashboard.pages.synergies",
    "dashboard.pages.matrices",
    "dashboard.pages.synthesis",
    "dashboard.pages.contracts",
    "dashboard.pages.social",
    "dashboard.pages.pst",
    "dashboard.pages.brussels",
    "dashboard.pages.presentation",
    "dashboard.pages.importer",
    # staff area (login, editing forms, audit trail, accounts); not in the public navbar
    "dashboard.pages.login",
    "dashboard.pages.staff_synergies",
    "dashboard.pages.staff_matrices",
    "dashboard.pages.staff_journal",
    "dashboard.pages.staff_accounts",
    "dashboard.pages.not_found_404",  # Dash pages shows it for unknown paths
)

INDEX_STRING = """<!DOCTYPE html>
<html lang="fr">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
        {%preload%}
    </head>
    <body>
        {%app_entry%}
        <div class="dash-scripts">
            {%config%}
            {%scripts%}
            {%renderer%}
        </div>
    </body>
</html>"""


def create_app(settings: Settings | None = None, *, engine=None) -> Dash:
    """Build the app for `settings` (from the environment when omitted).

    The database must already be set up (see dashboard.bootstrap.ensure_database);
    building an app never writes to it.
    """
    settings = settings or Settings.from_env()
    engine = engine or make_engine(settings.database_url)
    modules = [import_module(name) for name in PAGE_MODULES]

    app = Dash(
        __name__,
        use_pages=True,
        pages_folder="",
        assets_folder=str(PROJECT_DIR / "assets"),
        serve_locally=True,
        title="Synergies Commune–CPAS",
        update_title=None,
        suppress_callback_exceptions=True,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.index_string = INDEX_STRING
    app.server.extensions[EXTENSION_KEY] = Runtime(
        settings=settings,
        engine=engine,
        sessions=make_session_factory(engine),
        built_pages=frozenset(module.KEY for module in modules),
    )
    for module in modules:
        dash.register_page(module.__name__, layout=_inputs.clean_layout(module.layout), **module.PAGE)
        module.register_callbacks(app)

    app.layout = html.Div(
        [
            dcc.Location(id=ids.URL, refresh="callback-nav"),
            dcc.Store(id=ids.HTML_LANG_SINK),
            dcc.Store(id=ids.THEME_STORE, storage_type="local"),  # the theme chosen, remembered
            dash.page_container,
        ]
    )
    _register_shell_callbacks(app, settings.default_commune)

    from dashboard.api import create_blueprint
    from dashboard.exports import download, routes, slides_web
    from dashboard.views import themes as themes_web

    app.server.register_blueprint(create_blueprint())
    app.server.register_blueprint(routes.create_blueprint())
    download.register_callbacks(app)
    app.server.register_blueprint(slides_web.create_blueprint())
    app.server.register_blueprint(themes_web.create_blueprint())
    document.install(app)
    from dashboard.auth.web import install as install_auth

    install_auth(app, settings)  # sessions, CSRF, login throttling; before the security headers
    performance.install(app, settings)  # after auth (its CSRF check comes first), before security
    security.install(app, settings)  # last: the CSP lists the hashes of every inline script
    return app


def _register_shell_callbacks(app: Dash, default_commune: str) -> None:
    @app.callback(
        Output(ids.URL, "search"),
        Output(ids.URL, "refresh"),
        Input(ids.COMMUNE_SELECT, "value"),
        Input(ids.YEAR_SELECT, "value"),
        Input(ids.LANGUAGE_SELECT, "value"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def shared_filters_to_url(commune: str | None, year: str | None, lang: str | None, search: str | None):
        """A shared filter changed: put it in the URL, which re-renders the page for the new view.

        Dash also fires this when a page's filter bar is inserted (every input at once, despite
        prevent_initial_call); only a single user change may touch the URL.
        """
        commune, year, lang = _inputs.text(commune, 80), _inputs.text(year, 8), _inputs.text(lang, 8)
        search = _inputs.search(search)
        if len(dash.ctx.triggered) != 1:
            return no_update, no_update
        changed = dash.ctx.triggered_id
        current = parse_search(search)
        changes: dict[str, object] = {}
        if changed == ids.COMMUNE_SELECT and commune != current.get("commune", default_commune):
            changes = {"commune": commune, "year": None}  # the page picks the commune's latest year
        elif changed == ids.YEAR_SELECT and year != current.get("year"):
            changes = {"year": year}
        elif changed == ids.LANGUAGE_SELECT and lang != current.get("lang", "fr"):
            changes = {"lang": lang}
        if not changes:
            return no_update, no_update
        new = with_params(search, **changes)
        if new == (search or ""):
            return no_update, no_update
        return new, "callback-nav"

    app.clientside_callback(
        """function (search) {
            const lang = new URLSearchParams(search || "").get("lang");
            document.documentElement.lang = ["fr", "nl", "en"].includes(lang) ? lang : "fr";
            return window.dash_clientside.no_update;
        }""",
        Output(ids.HTML_LANG_SINK, "data"),
        Input(ids.URL, "search"),
    )

    # Themes: the URL's ?theme= wins, else the remembered choice; assets/30-themes.js does the work.
    app.clientside_callback(
        ClientsideFunction("themes", "fromUrl"),
        Output(ids.THEME_SELECT, "value"),
        Input(ids.URL, "search"),
        Input(ids.THEME_SELECT, "id"),  # fires when a page's filter bar is inserted
        State(ids.THEME_STORE, "data"),
    )
    app.clientside_callback(
        ClientsideFunction("themes", "choose"),
        Output(ids.THEME_STORE, "data"),
        Input(ids.THEME_SELECT, "value"),
        prevent_initial_call=True,
    )

    app.clientside_callback(
        "function (n, open) { const next = n ? !open : open; return [next, String(next)]; }",
        Output(ids.NAVBAR_COLLAPSE, "is_open"),
        Output(ids.NAVBAR_TOGGLER, "aria-expanded"),
        Input(ids.NAVBAR_TOGGLER, "n_clicks"),
        State(ids.NAVBAR_COLLAPSE, "is_open"),
        prevent_initial_call=True,
    )


__all__ = ["create_app"]
