"""WSGI entry point for gunicorn: `gunicorn dashboard.wsgi:server`. The one module-level app."""

from dashboard import create_app
from dashboard.bootstrap import ensure_database
from dashboard.config import Settings
from dashboard.db.session import make_engine

settings = Settings.from_env()
engine = make_engine(settings.database_url)
ensure_database(engine, settings)
app = create_app(settings, engine=engine)
server = app.server
