"""gunicorn settings for production: `gunicorn -c deploy/gunicorn.conf.py dashboard.wsgi:server`.

The app is built once in the master (`preload_app`: the schema check and Dash's set-up run
once, workers share the loaded code copy-on-write); each worker then drops the database
connections it inherited, as SQLAlchemy requires after a fork.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")  # the reverse proxy talks to this
workers = int(os.environ.get("GUNICORN_WORKERS", min(4, multiprocessing.cpu_count() * 2)))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
preload_app = True
timeout = 60
graceful_timeout = 20
max_requests = 2000  # recycle workers now and then: bounds any slow memory growth
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG")  # e.g. "-" for stdout; off by default
errorlog = "-"


def post_fork(server, worker):
    from dashboard.wsgi import engine

    engine.dispose(close=False)
