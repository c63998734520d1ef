"""Operations: what a Prometheus scrape of ``/metrics`` costs with realistic label counts, and
what scraping does to the throughput of requests.

The platform (production settings, PostgreSQL, Redis, one uvicorn process) first serves one
request to every operation of its OpenAPI document, with made-up ids and empty bodies (so
most answer 401, 404 or 422, as probes and mistakes do in production), so that ``/metrics``
carries a series per route and status seen, as a process that has served for a while does.
Then, in interleaved rounds: ``/metrics`` and ``/health/live`` at concurrency 1 (the cost of a
scrape next to the cheapest request); ``/users/me`` at concurrency 32 alone, with a scraper
fetching ``/metrics`` every second (15 times Prometheus' default interval), and with a
scraper fetching it back to back; the one-query baseline.
"""

import argparse
import datetime as dt
import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from scripts.bench.common import (
    BASELINE_PORT,
    PLATFORM_PORT,
    machine_description,
    median_of,
    platform_env,
    prepare_database,
    sign_up,
)
from scripts.bench.report import Measurement, write_section
from scripts.bench.servers import ROOT, baseline_server, platform_server
from scripts.bench.wrk import WrkResult, run_wrk

SCRAPE_EVERY_SECONDS = 1.0
_SKIPPED_PREFIXES = ("/api/v1/auth/", "/mcp")
"""Left out of the warm-up: logging out (everywhere) would end the benchmark user's session."""


def _operations(client: httpx.Client) -> Iterator[tuple[str, str]]:
    """Method and concrete path of every operation, path parameters made up."""
    document = client.get("/schema/openapi.json").raise_for_status().json()
    for template, item in document["paths"].items():
        if template.startswith(_SKIPPED_PREFIXES):
            continue
        path = template
        while "{" in path:
            start, end = path.index("{"), path.index("}")
            path = path[:start] + str(uuid.uuid4()) + path[end + 1 :]
        for method in item:
            if method in ("get", "post", "put", "patch", "delete"):
                yield method.upper(), path


def _warm_up(client: httpx.Client) -> int:
    """One request per operation (and the benchmark's own route); the operations tried."""
    tried = 0
    for method, path in list(_operations(client)):
        if method != "GET" and path.startswith("/api/v1/users/me"):
            continue
        body = None if method in ("GET", "DELETE") else {}
        client.request(method, path, json=body)
        tried += 1
    for _ in range(200):
        client.get("/api/v1/users/me").raise_for_status()
    return tried


@contextmanager
def _scraping(url: str, every_seconds: float) -> Iterator[list[int]]:
    """Scrape ``url`` every ``every_seconds`` (0: back to back) while the block runs; the
    list fills with the number of scrapes made."""
    stop = threading.Event()
    made = [0]

    def loop() -> None:
        with httpx.Client(timeout=30) as client:
            while not stop.is_set():
                client.get(url).raise_for_status()
                made[0] += 1
                if every_seconds:
                    stop.wait(every_seconds)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield made
    finally:
        stop.set()
        thread.join()


def _series(text: str) -> int:
    return sum(1 for line in text.splitlines() if line and not line.startswith("#"))


def run_operations(args: argparse.Namespace) -> None:
    database_url, dsn = prepare_database("tutor_bench_operations")
    names = ("metrics_c1", "live_c1", "me", "me_scraped_1s", "me_scraped_busy", "baseline")
    runs: dict[str, list[WrkResult]] = {name: [] for name in names}
    scrapes: dict[str, list[int]] = {"me_scraped_1s": [], "me_scraped_busy": []}
    base = f"http://127.0.0.1:{PLATFORM_PORT}"
    metrics_url = f"{base}/metrics"
    load = {"connections": args.connections, "seconds": args.seconds}
    env = {**platform_env(database_url), "JOB_QUEUE_NAME": "bench-operations"}
    with (
        platform_server(PLATFORM_PORT, env),
        baseline_server(BASELINE_PORT, dsn),
    ):
        auth = {"Authorization": f"Bearer {sign_up(base)}"}
        with httpx.Client(base_url=base, headers=auth, timeout=30) as client:
            operations = _warm_up(client)
        scrape = httpx.get(metrics_url, timeout=30).text
        me = f"{base}/api/v1/users/me"
        for _ in range(args.rounds):
            runs["metrics_c1"].append(run_wrk(metrics_url, connections=1, seconds=args.seconds))
            runs["live_c1"].append(
                run_wrk(f"{base}/health/live", connections=1, seconds=args.seconds)
            )
            runs["me"].append(run_wrk(me, headers=auth, **load))
            for name, every in (("me_scraped_1s", SCRAPE_EVERY_SECONDS), ("me_scraped_busy", 0)):
                with _scraping(metrics_url, every) as made:
                    runs[name].append(run_wrk(me, headers=auth, **load))
                scrapes[name].append(made[0])
            runs["baseline"].append(run_wrk(f"http://127.0.0.1:{BASELINE_PORT}/baseline", **load))
    _report(args, {n: median_of(r) for n, r in runs.items()}, scrapes, operations, scrape)


def _report(
    args: argparse.Namespace,
    measured: dict[str, Measurement],
    scrapes: dict[str, list[int]],
    operations: int,
    scrape: str,
) -> None:
    me = measured["me"].rps
    labels = {
        "metrics_c1": "GET /metrics (one scraper), c=1",
        "live_c1": "GET /health/live, c=1",
        "me": "GET /api/v1/users/me, c=32, no scraping",
        "me_scraped_1s": "GET /api/v1/users/me, c=32, /metrics scraped every 1 s",
        "me_scraped_busy": "GET /api/v1/users/me, c=32, /metrics scraped back to back",
        "baseline": "baseline one-query endpoint, c=32",
    }
    rows = [
        f"| {labels[name]} | {m.rps:,.0f} | {m.p50_ms:.2f} | {m.p99_ms:.2f} | {m.errors} |"
        for name, m in measured.items()
    ]
    per_scrape = measured["metrics_c1"].p50_ms
    floor = measured["live_c1"].p50_ms
    busy = sum(scrapes["me_scraped_busy"]) / max(1, len(scrapes["me_scraped_busy"]))
    section = "\n".join(
        [
            "<!-- bench:operations -->",
            "## Operations: the cost of a `/metrics` scrape",
            "",
            f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; machine: "
            f"{machine_description()}; load average at the end {os.getloadavg()[0]:.1f}.",
            f"- wrk, {args.seconds} s per run, {args.rounds} interleaved rounds; medians shown. "
            "The platform (production settings, PostgreSQL, Redis) and the baseline each run "
            "as one uvicorn process on this machine (`scripts/bench/operations_suite.py`).",
            f"- Before measuring, one request went to each of {operations} operations of the "
            "OpenAPI document (made-up ids, empty bodies: mostly 401/404/422), so the scrape "
            f"carries **{_series(scrape):,} series** in **{len(scrape.encode()) / 1024:,.0f} KiB**"
            " (a histogram per route and a counter per route and status, as after a while in "
            "production).",
            "",
            "| scenario | req/s | p50 ms | p99 ms | errors |",
            "|---|---:|---:|---:|---:|",
            *rows,
            "",
            f"- One scrape costs **{per_scrape:.2f} ms** (p50 at c=1), "
            f"{per_scrape - floor:.2f} ms more than the cheapest request ({floor:.2f} ms).",
            "- `/users/me` throughput with `/metrics` scraped every second: "
            f"**{measured['me_scraped_1s'].rps / me:.1%}** of the unscraped run; scraped back to "
            f"back (about {busy / args.seconds:.0f} scrapes/s): "
            f"**{measured['me_scraped_busy'].rps / me:.1%}**. Unscraped `/users/me` = "
            f"{me / measured['baseline'].rps:.0%} of the baseline's.",
            "<!-- /bench:operations -->",
        ]
    )
    write_section(ROOT / "docs" / "benchmarks.md", "operations", section)
