"""Load test: 50 viewers switching filters for 60 s against gunicorn (2 workers) on PostgreSQL with a
shared Redis cache, all on loopback. Writes benchmarks/results/loadtest.json and .md.

    .venv/bin/python -m benchmarks.loadtest --database-url postgresql://postgres@127.0.0.1:5432/bench

The database must be empty (it is migrated with `python -m dashboard upgrade` and filled with
the default data) or hold this app's data already. Redis is started on a free loopback port for
the run unless --redis-url is given.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import server as S
from benchmarks.run import communes_of
from dashboard.config import PROJECT_DIR, normalise_database_url

RESULTS = Path(__file__).resolve().parent / "results"


def start_redis() -> tuple[subprocess.Popen, str]:
    port = S.free_port()
    process = subprocess.Popen(
        [
            shutil.which("redis-server") or "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--maxmemory",
            "256mb",
            "--maxmemory-policy",
            "allkeys-lru",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    return process, f"redis://127.0.0.1:{port}/0"


def prepare_database(url: str) -> None:
    python = sys.executable
    subprocess.run([python, "-m", "dashboard", "upgrade", "--database-url", url], check=True, cwd=PROJECT_DIR)
    init = subprocess.run(
        [python, "-m", "dashboard", "init-db", "--database-url", url],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
    )
    if init.returncode != 0 and "already holds" not in init.stderr:
        raise RuntimeError(init.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True, help="PostgreSQL database of the run")
    parser.add_argument("--redis-url", help="an existing Redis (default: one started for the run)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    url = normalise_database_url(args.database_url)
    prepare_database(url)
    redis_process, redis_url = (None, args.redis_url) if args.redis_url else start_redis()
    out = Path(tempfile.mkdtemp(prefix="loadtest-"))
    try:
        with S.gunicorn(url, workers=args.workers, env={"CACHE_REDIS_URL": redis_url}) as (base, master):
            env = {
                **os.environ,
                "LOADTEST_COMMUNES": json.dumps(communes_of(url, 50)),
                "PYTHONPATH": str(PROJECT_DIR),
            }
            subprocess.run(
                [
                    str(Path(sys.executable).with_name("locust")),
                    "-f",
                    str(Path(__file__).with_name("locustfile.py")),
                    "--headless",
                    "--users",
                    str(args.users),
                    "--spawn-rate",
                    str(max(1, args.users // 5)),
                    "--run-time",
                    f"{args.seconds}s",
                    "--stop-timeout",
                    "5",
                    "--host",
                    base,
                    "--csv",
                    str(out / "run"),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                env=env,
                cwd=PROJECT_DIR,
                timeout=args.seconds + 120,
                check=False,
            )
            rss = {pid: S.peak_rss_mb(pid) for pid in S.worker_pids(master.pid)}
        rows = list(csv.DictReader((out / "run_stats.csv").open()))
        exceptions_file = out / "run_exceptions.csv"
        exceptions = (
            [dict(r) for r in csv.DictReader(exceptions_file.open())] if exceptions_file.exists() else []
        )
        total = next(r for r in rows if r["Name"] == "Aggregated")
        report = {
            "users": args.users,
            "seconds": args.seconds,
            "workers": args.workers,
            "database": "postgresql",
            "cache": "redis",
            "requests": int(total["Request Count"]),
            "failures": int(total["Failure Count"]),
            "exceptions": sum(int(e["Count"]) for e in exceptions),  # a viewer's task that crashed
            "exception_messages": [e["Message"] for e in exceptions][:5],
            "throughput_rps": float(total["Requests/s"]),
            "median_ms": float(total["50%"]),
            "p95_ms": float(total["95%"]),
            "p99_ms": float(total["99%"]),
            "max_ms": float(total["Max Response Time"]),
            "peak_rss_mb_per_worker": sorted(rss.values()),
            "per_request": {
                r["Name"]: {
                    "requests": int(r["Request Count"]),
                    "failures": int(r["Failure Count"]),
                    "median_ms": float(r["50%"]),
                    "p95_ms": float(r["95%"]),
                }
                for r in rows
                if r["Name"] != "Aggregated"
            },
            "load_average_end": os.getloadavg(),
        }
    finally:
        if redis_process:
            redis_process.terminate()
            redis_process.wait(timeout=10)
        shutil.rmtree(out, ignore_errors=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "loadtest.json").write_text(json.dumps(report, indent=1))
    table = (
        f"Load test: {report['users']} viewers switching filters for {report['seconds']} s, gunicorn "
        f"{report['workers']} workers, PostgreSQL, Redis cache (loopback); load average at end "
        f"{'/'.join(f'{x:.1f}' for x in report['load_average_end'])}.\n\n"
        "| requests | errors (HTTP + task) | throughput req/s | median ms | p95 ms | p99 ms | peak RSS / worker MB |\n"
        "|---|---|---|---|---|---|---|\n"
        f"| {report['requests']} | {report['failures']} + {report['exceptions']} | {report['throughput_rps']:.1f} "
        f"| {report['median_ms']:.0f} "
        f"| {report['p95_ms']:.0f} | {report['p99_ms']:.0f} | "
        f"{', '.join(f'{v:.0f}' for v in report['peak_rss_mb_per_worker'])} |\n"
    )
    (RESULTS / "loadtest.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
