"""Serving the app."""

from __future__ import annotations

import sys

import click

from dashboard.cli import fail, main, settings_for


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8050, show_default=True, type=int)
@click.option("--database-url", help="Overrides DATABASE_URL.")
@click.option("--debug", is_flag=True, help="Dash dev tools and reloading (development only).")
def serve(host: str, port: int, database_url: str | None, debug: bool) -> None:
    """Serve the app; on first start the database is created and filled from data/."""
    from dashboard import create_app
    from dashboard.bootstrap import ensure_database
    from dashboard.db.session import make_engine
    from dashboard.importer.problems import ValidationFailed

    settings = settings_for(database_url)
    from dashboard.security import debug_allowed

    if debug and not debug_allowed(settings):
        fail(f"--debug is refused when DASHBOARD_ENV={settings.environment} (development only)")
    engine = make_engine(settings.database_url)
    try:
        result = ensure_database(engine, settings)
    except ValidationFailed as exc:
        click.echo(exc.report(), err=True)
        sys.exit(1)
    click.echo(
        f"database {result.action}: {result.communes} communes "
        f"({engine.url.render_as_string(hide_password=True)})"
    )
    app = create_app(settings, engine=engine)
    click.echo(f"serving on http://{host}:{port}/")
    app.run(host=host, port=port, debug=debug)
