"""Command line: `python -m dashboard <command>`. Every command honours DATABASE_URL.

Each area of the app keeps its commands in its own module of this package (`database`,
`server`, …) and registers them on `main` by being imported at the bottom of this file.
"""

from __future__ import annotations

import logging
import sys

import click

from dashboard.config import Settings, default_database_path


def settings_for(database_url: str | None) -> Settings:
    """The settings from the environment, with --database-url overriding DATABASE_URL."""
    overrides = {"database_url": database_url} if database_url else {}
    return Settings.from_env(**overrides)


def fail(message: str) -> None:
    """Exit non-zero with a one-line reason."""
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


@click.group(
    help="Synergy and social-indicator dashboard for Belgian communes and their CPAS.\n\n"
    f"Database: DATABASE_URL, default sqlite:///{default_database_path()}"
)
def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")


# Command modules register themselves on `main` when imported.
from dashboard.cli import accounts, database, documents, maintenance, server, slides, transfer  # noqa: E402, F401
