"""Run every benchmark and write benchmarks/results/latest.json and latest.md.

    .venv/bin/python -m benchmarks.run [--runs 15] [--browser-runs 7] [--scales 1,10,100]

Each figure is a median and a p95 over repeated runs in this one process, with its ratio to a
floor measured in the same run: (a) bytes of a first page load and (b) navigation → first
chart, against a static HTML page holding the same figure and the same Plotly bundle; (c)
server time of the filter callbacks against a bare Flask route answering the same JSON;
(d) the same at synthetic scale ×1, ×10, ×100, with the peak RSS of a gunicorn worker.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
from pathlib import Path

from flask import Flask

from benchmarks import browser as B
from benchmarks import callbacks as C
from benchmarks import lighthouse as L
from benchmarks import server as S
from benchmarks.synthetic import build_database, data_dir_of
from dashboard import create_app
from dashboard.cache import EXTENSION_KEY
from dashboard.config import Settings

HERE = Path(__file__).resolve().parent
SCRATCH = HERE / "scratch"
RESULTS = HERE / "results"
PAGE = "/synthese?commune=tournai"  # a page whose first chart is the synthesis trend
TARGETS = {
    "first_load_kb": 850,
    "first_chart_p50_ms": 1000,
    "callback_p95_ms_x1": 25,
    "callback_p95_ms_x100": 60,
    "rss_mb_x100": 300,
    "lighthouse_performance": 0.95,
    "lighthouse_accessibility": 1.0,
}


def summary(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median": statistics.median(ordered), "p95": p95, "n": len(ordered)}


def with_ratio(value: dict, floor: dict) -> dict:
    return {
        **value,
        "floor_median": floor["median"],
        "floor_p95": floor["p95"],
        "ratio_median": value["median"] / floor["median"] if floor["median"] else None,
        "ratio_p95": value["p95"] / floor["p95"] if floor["p95"] else None,
    }


def callback_times(database_url: str, runs: int) -> dict:
    """In-process server time of each filter callback, computed (cache emptied) and cached.

    Each scenario runs once untimed first: the figures are a worker's steady state, not the cost of
    its very first request (module imports, SQLAlchemy compiling each statement once per process).
    """
    app = create_app(Settings.from_env(database_url=database_url))
    client = app.server.test_client()
    client.get("/")
    cache = app.server.extensions[EXTENSION_KEY]
    scenarios = C.build_scenarios(client)
    cold: list[float] = []
    warm: list[float] = []
    per: dict[str, dict[str, list[float]]] = {s.name: {"cold": [], "warm": []} for s in scenarios}
    bodies: dict[str, bytes] = {}
    for scenario in scenarios:  # one untimed round: the process's first call of each (imports, compiled SQL)
        cache.clear()
        C.check(client.post("/_dash-update-component", json=scenario.payload), scenario.name)
    for _ in range(runs):
        for index, scenario in enumerate(scenarios):
            cache.clear()
            ms, response = C.time_request(
                lambda s=scenario: client.post("/_dash-update-component", json=s.payload)
            )
            C.check(response, scenario.name)
            cold.append(ms)
            per[scenario.name]["cold"].append(ms)
            ms, response = C.time_request(
                lambda s=scenario: client.post("/_dash-update-component", json=s.payload)
            )
            bodies[str(index)] = C.check(response, scenario.name)
            warm.append(ms)
            per[scenario.name]["warm"].append(ms)
    bare = Flask("floor")
    C.add_floor_route(bare, bodies)
    floor_client = bare.test_client()
    floor: list[float] = []
    for _ in range(runs):
        for index in range(len(scenarios)):
            ms, response = C.time_request(lambda i=index: floor_client.get(f"/_bench/floor/{i}"))
            C.check(response, "floor")
            floor.append(ms)
    floor_summary = summary(floor)
    return {
        "computed": with_ratio(summary(cold), floor_summary),
        "cached": with_ratio(summary(warm), floor_summary),
        "per_callback": {name: {k: summary(v) for k, v in d.items()} for name, d in per.items()},
        "scenarios": [s.name for s in scenarios],
    }


def first_figure(base: str) -> dict:
    """The first figure of PAGE as the app sends it (the floor page draws exactly this)."""
    client = S.HttpClient(base)
    payload = next(s for s in C.build_scenarios(client) if s.name.startswith("page:")).payload
    path, search = PAGE.split("?")
    for item in payload["inputs"] + payload["state"]:
        if item["id"] == "_pages_location":
            item["value"] = path if item["property"] == "pathname" else "?" + search
    answer = client.post("/_dash-update-component", json=payload).json()

    def find(node):
        if isinstance(node, dict):
            if isinstance(node.get("figure"), dict) and node["figure"].get("data"):
                return node["figure"]
            return next((f for f in map(find, node.values()) if f), None)
        if isinstance(node, list):
            return next((f for f in map(find, node) if f), None)
        return None

    figure = find(answer)
    if figure is None:
        raise RuntimeError(f"no figure on {PAGE}")
    return figure


def exercise(base: str, communes: list[str]) -> None:
    """Traffic for the memory figure: every page for many communes, and every filter callback."""
    client = S.HttpClient(base)
    scenarios = C.build_scenarios(client)
    page = next(s for s in scenarios if s.name.startswith("page:"))
    for commune in communes:
        for path in ("/", "/synthese", "/matrices", "/synergies", "/marches", "/indicateurs-sociaux"):
            body = json.loads(json.dumps(page.payload))
            for item in body["inputs"] + body["state"]:
                if item["id"] == "_pages_location":
                    item["value"] = path if item["property"] == "pathname" else f"?commune={commune}"
            client.post("/_dash-update-component", json=body)
    for scenario in scenarios:
        client.post("/_dash-update-component", json=scenario.payload)


def communes_of(database_url: str, limit: int) -> list[str]:
    from sqlalchemy import select

    from dashboard.db import models as M
    from dashboard.db.session import make_engine

    engine = make_engine(database_url)
    with engine.connect() as connection:
        slugs = list(connection.scalars(select(M.Commune.slug).order_by(M.Commune.id).limit(limit)))
    engine.dispose()
    return slugs


def measure_scale(scale: int, args, chromium_browser, lighthouse: bool) -> dict:
    url = build_database(scale, SCRATCH)
    result: dict = {"scale": scale, "database": "sqlite", "communes": len(communes_of(url, 100000))}
    result["callbacks"] = callback_times(url, args.runs)
    data_dir = data_dir_of(scale, SCRATCH)
    with S.gunicorn(url, workers=1, env={"DASHBOARD_DATA_DIR": str(data_dir)}) as (base, master):
        figure = first_figure(base)
        with B.serve(B.floor_app(figure)) as floor_base:
            B.first_loads(chromium_browser, base + PAGE, 1)  # warm the worker (imports, caches) once
            app_runs = B.first_loads(chromium_browser, base + PAGE, args.browser_runs)
            floor_runs = B.first_loads(chromium_browser, floor_base + "/", args.browser_runs)
        for key, name in (("bytes", "first_load_bytes"), ("first_chart_ms", "first_chart_ms")):
            result[name] = with_ratio(
                summary([r[key] for r in app_runs]), summary([r[key] for r in floor_runs])
            )
        exercise(base, communes_of(url, 60))
        served = communes_of(url, 100000)
        if len(served) != result["communes"]:
            raise RuntimeError(f"the server changed the ×{scale} database ({len(served)} communes)")
        result["peak_rss_mb_per_worker"] = max(S.peak_rss_mb(pid) for pid in S.worker_pids(master.pid))
        if lighthouse:
            result["lighthouse"] = {
                name: L.repeated(
                    base + path, args.chromium, SCRATCH / f"lighthouse-{name}.json", args.lighthouse_runs
                )
                for name, path in (("home", "/"), ("synthesis", PAGE))
            }
    return result


def fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def markdown(report: dict) -> str:
    lines = [
        f"Benchmarks of {report['date']} on {report['machine']} — median / p95 over repeated runs in one process; "
        "ratio = figure ÷ floor measured in the same run. Load average (1/5/15 min) at start "
        f"{'/'.join(f'{x:.1f}' for x in report['load_average_start'])}, at end "
        f"{'/'.join(f'{x:.1f}' for x in report['load_average_end'])}.",
        "",
        "| scale | communes | first load kB (ratio) | first chart ms p50 / p95 (ratio) | callback computed ms p50 / p95 (ratio) "
        "| callback cached ms p50 / p95 (ratio) | floor callback ms p50 | peak RSS / worker MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in report["scales"]:
        b, f, c, w = (
            s["first_load_bytes"],
            s["first_chart_ms"],
            s["callbacks"]["computed"],
            s["callbacks"]["cached"],
        )
        lines.append(
            f"| ×{s['scale']} | {s['communes']} | {b['median'] / 1000:.0f} / {b['p95'] / 1000:.0f} (×{fmt(b['ratio_median'], 2)}) "
            f"| {f['median']:.0f} / {f['p95']:.0f} (×{fmt(f['ratio_median'], 2)}) "
            f"| {c['median']:.1f} / {c['p95']:.1f} (×{fmt(c['ratio_median'], 0)}) "
            f"| {w['median']:.2f} / {w['p95']:.2f} (×{fmt(w['ratio_median'], 1)}) "
            f"| {c['floor_median']:.2f} | {s['peak_rss_mb_per_worker']:.0f} |"
        )
    lighthouse = next((s.get("lighthouse") for s in report["scales"] if s.get("lighthouse")), None)
    if lighthouse:
        lines += [
            "",
            "| Lighthouse 12, desktop (median of runs) | performance | accessibility | FCP ms | LCP ms | TBT ms "
            "| performance of each run |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, r in lighthouse.items():
            if "error" in r:
                lines.append(f"| {name} | error: {r['error'][:80]} | | | | | |")
            else:
                lines.append(
                    f"| {name} | {r['performance']:.2f} | {r['accessibility']:.2f} | {r['fcp_ms']:.0f} "
                    f"| {r['lcp_ms']:.0f} | {r['tbt_ms']:.0f} "
                    f"| {', '.join(f'{p:.2f}' for p in r.get('performance_runs', []))} |"
                )
    lines += ["", "| target | wanted | measured | met |", "|---|---|---|---|"]
    for name, wanted, measured, ok in report["targets"]:
        lines.append(f"| {name} | {wanted} | {measured} | {'yes' if ok else '**no**'} |")
    return "\n".join(lines) + "\n"


def check_targets(report: dict) -> list:
    by_scale = {s["scale"]: s for s in report["scales"]}
    rows = []
    x1 = by_scale.get(1)
    if x1:
        kb = x1["first_load_bytes"]["median"] / 1000
        rows.append(
            (
                "first load (×1, compressed)",
                f"≤ {TARGETS['first_load_kb']} kB",
                f"{kb:.0f} kB",
                kb <= TARGETS["first_load_kb"],
            )
        )
        p50 = x1["first_chart_ms"]["median"]
        rows.append(
            (
                "first chart visible p50 (×1)",
                "≤ 1000 ms",
                f"{p50:.0f} ms",
                p50 <= TARGETS["first_chart_p50_ms"],
            )
        )
        for kind in ("cached", "computed"):
            p95 = x1["callbacks"][kind]["p95"]
            rows.append(
                (f"callback p95 ×1, {kind}", "≤ 25 ms", f"{p95:.1f} ms", p95 <= TARGETS["callback_p95_ms_x1"])
            )
        for name, r in (x1.get("lighthouse") or {}).items():
            if "error" not in r:
                rows.append(
                    (
                        f"Lighthouse performance, {name}",
                        "≥ 0.95",
                        f"{r['performance']:.2f}",
                        r["performance"] >= 0.95,
                    )
                )
                rows.append(
                    (
                        f"Lighthouse accessibility, {name}",
                        "= 1.0",
                        f"{r['accessibility']:.2f}",
                        r["accessibility"] >= 1.0,
                    )
                )
    x100 = by_scale.get(100)
    if x100:
        for kind in ("cached", "computed"):
            p95 = x100["callbacks"][kind]["p95"]
            rows.append(
                (
                    f"callback p95 ×100, {kind}",
                    "≤ 60 ms",
                    f"{p95:.1f} ms",
                    p95 <= TARGETS["callback_p95_ms_x100"],
                )
            )
        rss = x100["peak_rss_mb_per_worker"]
        rows.append(("peak RSS per worker ×100", "≤ 300 MB", f"{rss:.0f} MB", rss <= TARGETS["rss_mb_x100"]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15, help="callback runs per scenario")
    parser.add_argument("--browser-runs", type=int, default=7, help="first page loads per page")
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--lighthouse-runs", type=int, default=5, help="audits per page (median reported)")
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    report = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "page": PAGE,
        "load_average_start": os.getloadavg(),  # other processes on the machine slow every figure
        "scales": [],
    }
    with B.chromium(args.chromium) as browser:
        for scale in scales:
            print(f"scale ×{scale} …", flush=True)
            report["scales"].append(
                measure_scale(scale, args, browser, lighthouse=scale == 1 and not args.no_lighthouse)
            )
    report["load_average_end"] = os.getloadavg()
    report["targets"] = check_targets(report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    table = markdown(report)
    (RESULTS / "latest.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
