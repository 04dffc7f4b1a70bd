"""Settings read from the environment, once, by the app factory and the CLI."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "commune-cpas-dashboard"
PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


def default_database_path() -> Path:
    """Where the embedded SQLite database lives unless DATABASE_URL says otherwise.

    A per-user data directory (e.g. ~/.local/share/commune-cpas-dashboard on
    Linux) so that the database survives a new checkout and never lands in the
    working directory by accident.
    """
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "dashboard.sqlite3"


def default_database_url() -> str:
    return f"sqlite:///{default_database_path()}"


def normalise_database_url(url: str) -> str:
    """Accept the `postgres://` and `postgresql://` spellings of hosting providers (psycopg 3 driver)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


@dataclass(frozen=True)
class Settings:
    database_url: str = field(default_factory=default_database_url)
    data_dir: Path = PROJECT_DIR / "data"
    environment: str = "development"
    default_language: str = "fr"
    default_commune: str = "tournai"
    secret_key: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env = os.environ
        values: dict[str, object] = {
            "database_url": normalise_database_url(env.get("DATABASE_URL") or default_database_url()),
            "data_dir": Path(env.get("DASHBOARD_DATA_DIR") or PROJECT_DIR / "data"),
            "environment": env.get("DASHBOARD_ENV", "development"),
            "default_language": env.get("DASHBOARD_LANGUAGE", "fr"),
            "default_commune": env.get("DASHBOARD_COMMUNE", "tournai"),
            "secret_key": env.get("SECRET_KEY") or None,
        }
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")
