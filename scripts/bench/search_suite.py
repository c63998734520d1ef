"""Search at 60,000 lessons: a mix of 50 queries (``SEARCH_MIX``) at concurrency 1 and 32,
the caches off (every query ranked by the database, as before the search cache) and on (after
one pass through the mix), interleaved round by round on one database."""

import argparse
import asyncio
import datetime as dt
import os
import time
from urllib.parse import quote

import httpx

from scripts.bench.catalog_data import SEARCH_MIX, seed_catalog
from scripts.bench.common import (
    BASELINE_PORT,
    PLATFORM_PORT,
    machine_description,
    median_of,
    platform_env,
    prepare_database,
)
from scripts.bench.learning_suite import SEARCH_COURSES, table_row
from scripts.bench.report import Measurement, write_section
from scripts.bench.servers import ROOT, platform_server
from scripts.bench.wrk import WrkResult, run_wrk

RPS_TARGET = 1000.0
P95_TARGET_MS = 20.0
CONCURRENCIES = (1, 32)
VARIANTS: dict[str, dict[str, str]] = {
    "off": {"SEARCH_CACHE_TTL_SECONDS": "0", "CATALOG_CACHE_TTL_SECONDS": "0"},
    "on": {},
}
"""The settings of each server: ``on`` has the defaults (search results and encoded responses
cached)."""


def run_search(args: argparse.Namespace) -> None:
    database_url, dsn = prepare_database("tutor_bench_search")
    asyncio.run(seed_catalog(dsn, courses=SEARCH_COURSES))
    paths = [f"/api/v1/search?q={quote(q)}&limit=20" for q in SEARCH_MIX]
    ports = {"off": BASELINE_PORT, "on": PLATFORM_PORT}
    runs: dict[str, list[WrkResult]] = {
        f"{variant}_c{c}": [] for c in CONCURRENCIES for variant in VARIANTS
    }
    loads: list[float] = [os.getloadavg()[0]]
    env = platform_env(database_url)
    with (
        platform_server(ports["off"], {**env, **VARIANTS["off"]}),
        platform_server(ports["on"], {**env, **VARIANTS["on"]}),
    ):
        warm_up = time.monotonic()
        for path in paths:
            httpx.get(f"http://127.0.0.1:{ports['on']}{path}", timeout=60).raise_for_status()
        warm_up_seconds = time.monotonic() - warm_up
        for _ in range(args.rounds):
            for c in CONCURRENCIES:
                for variant, port in ports.items():
                    url = f"http://127.0.0.1:{port}/api/v1/search"
                    runs[f"{variant}_c{c}"].append(
                        run_wrk(url, paths=paths, connections=c, seconds=args.seconds)
                    )
            loads.append(os.getloadavg()[0])
    write_section(
        ROOT / "docs" / "benchmarks.md",
        "search",
        render_search(
            when=dt.datetime.now(dt.UTC),
            machine=machine_description(),
            args=args,
            results={name: median_of(found) for name, found in runs.items()},
            loads=loads,
            warm_up_seconds=warm_up_seconds,
        ),
    )


def render_search(
    *,
    when: dt.datetime,
    machine: str,
    args: argparse.Namespace,
    results: dict[str, Measurement],
    loads: list[float],
    warm_up_seconds: float,
) -> str:
    on_rps = results["on_c32"].rps
    on_p95 = results["on_c1"].p95_ms
    off = results["off_c32"]
    return "\n".join(
        [
            "<!-- bench:search -->",
            "## Search at 60,000 lessons: the result cache off and on",
            "",
            f"- Date: {when:%Y-%m-%d %H:%M} UTC; machine: {machine}; load average (1 min) "
            f"at the start and after each round: {', '.join(f'{x:.1f}' for x in loads)}.",
            f"- Data: {SEARCH_COURSES:,} published courses x 30 lessons of about 2 KB "
            "(`scripts/bench/catalog_data.py`); 50 queries (`SEARCH_MIX`: subject words in ~1% "
            "of the lessons, pairs, rare words, words in nearly every lesson or title, misses), "
            "`limit=20`, each connection cycling through them.",
            f"- wrk, {args.seconds} s per run, {args.rounds} interleaved rounds, medians shown; "
            "two `tutor-platform serve` processes on one database, the production "
            "configuration (Redis on), rate limits off. `off`: `SEARCH_CACHE_TTL_SECONDS=0` and "
            "`CATALOG_CACHE_TTL_SECONDS=0`, every query ranked by PostgreSQL as before the "
            "cache. `on`: the defaults (search results for 300 s and encoded responses for 60 s, "
            "both dropped by any catalog write), measured after one pass through the 50 queries "
            f"(that first pass, one request at a time: {warm_up_seconds:.1f} s, "
            f"{warm_up_seconds / len(SEARCH_MIX) * 1000:.0f} ms a query on average).",
            "",
            "| scenario | req/s | p50 ms | p95 ms | p99 ms | p99/p50 | errors | vs cache off |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
            *[
                table_row(f"search, cache {variant}, c={c}", results[f"{variant}_c{c}"], base)
                for c in CONCURRENCIES
                for variant, base in (("off", None), ("on", results[f"off_c{c}"]))
            ],
            "",
            f"- Cache on, c=32: **{on_rps:,.0f} req/s** (target ≥ {RPS_TARGET:,.0f}: "
            f"{'met' if on_rps >= RPS_TARGET else 'MISSED'}); cache off: {off.rps:,.0f}.",
            f"- Cache on, p95 at c=1: **{on_p95:.1f} ms** (target ≤ {P95_TARGET_MS:.0f} ms: "
            f"{'met' if on_p95 <= P95_TARGET_MS else 'MISSED'}); cache off: "
            f"{results['off_c1'].p95_ms:.1f} ms.",
            "<!-- /bench:search -->",
        ]
    )
