"""Learning: catalog reads at 200 courses x 5 sections x 6 lessons, then search at 60,000
lessons, next to the one-query baseline; the search plan is shown with EXPLAIN."""

import argparse
import asyncio
import datetime as dt
import random
from typing import Any
from urllib.parse import quote

import asyncpg
import httpx
from sqlalchemy import event

from scripts.bench.catalog_data import SEARCH_TERMS, seed_catalog
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
from tutor_platform.catalog.adapters.outbound.sqlalchemy.search_postgres import (
    PostgresSearchIndex,
)
from tutor_platform.catalog.domain.search import COURSE, LESSON, SearchQuery
from tutor_platform.shared.persistence.engine import create_engine

READ_COURSES = 200
SEARCH_COURSES = 2000  # x 30 lessons = 60,000 lessons
READ_TARGET = 0.6
SEARCH_P95_TARGET_MS = 20.0
NOT_MODIFIED_TARGET = 1.5
BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}
"""What a browser sends with every request (Chrome 131); the reads are measured with it."""


def _paths(prefix: str, ids: list[object], count: int = 64, suffix: str = "") -> list[str]:
    rng = random.Random(11)  # noqa: S311 - picking request paths, not secrets
    return [f"{prefix}/{rng.choice(ids)}{suffix}" for _ in range(count)]


def run_learning(args: argparse.Namespace) -> None:
    database_url, dsn = prepare_database("tutor_bench_learning")
    seeded = asyncio.run(seed_catalog(dsn, courses=READ_COURSES))
    base = f"http://127.0.0.1:{PLATFORM_PORT}"
    api = f"{base}/api/v1"
    load = {"connections": args.connections, "seconds": args.seconds}
    reads = {
        "courses": [f"/api/v1/courses?limit=20&offset={n * 20}" for n in range(10)],
        "outline": _paths("/api/v1/courses", list(seeded.course_ids)),
        "lesson": _paths("/api/v1/lessons", list(seeded.lesson_ids)),
    }
    runs: dict[str, list[WrkResult]] = {name: [] for name in [*reads, "baseline"]}
    search_runs: dict[str, list[WrkResult]] = {"search_c1": [], "search_c8": []}
    search_paths = [f"/api/v1/search?q={quote(term)}&limit=20" for term in SEARCH_TERMS]
    with (
        platform_server(PLATFORM_PORT, platform_env(database_url)),
        baseline_server(BASELINE_PORT, dsn),
    ):
        sign_up(base)
        outline = f"{base}{reads['outline'][0]}"
        etag = httpx.get(outline, headers=BROWSER, timeout=30).headers["etag"]
        conditional = {**BROWSER, "If-None-Match": etag}
        runs.update({"outline_200": [], "outline_304": []})
        for _ in range(args.rounds):
            for name, paths in reads.items():
                runs[name].append(run_wrk(f"{api}/courses", paths=paths, headers=BROWSER, **load))
            runs["outline_200"].append(run_wrk(outline, headers=BROWSER, **load))
            runs["outline_304"].append(run_wrk(outline, headers=conditional, **load))
            runs["baseline"].append(run_wrk(f"http://127.0.0.1:{BASELINE_PORT}/baseline", **load))
        asyncio.run(
            seed_catalog(dsn, courses=SEARCH_COURSES - READ_COURSES, first_number=READ_COURSES)
        )
        lessons = asyncio.run(_count_lessons(dsn))
        for _ in range(args.rounds):
            search_runs["search_c1"].append(
                run_wrk(f"{api}/search", paths=search_paths, connections=1, seconds=args.seconds)
            )
            search_runs["search_c8"].append(
                run_wrk(f"{api}/search", paths=search_paths, connections=8, seconds=args.seconds)
            )
    plan = asyncio.run(_explain_search(database_url, SEARCH_TERMS[0]))
    write_section(
        ROOT / "docs" / "benchmarks.md",
        "learning",
        render_learning(
            when=dt.datetime.now(dt.UTC),
            machine=machine_description(),
            args=args,
            reads={name: median_of(results) for name, results in runs.items()},
            search={name: median_of(results) for name, results in search_runs.items()},
            lessons=lessons,
            plan=plan,
        ),
    )


async def _count_lessons(dsn: str) -> int:
    connection = await asyncpg.connect(dsn)
    try:
        return int(await connection.fetchval("SELECT count(*) FROM lessons"))
    finally:
        await connection.close()


async def _explain_search(database_url: str, term: str) -> str:
    """EXPLAIN ANALYZE of the statements the platform's search adapter sends for ``term``."""
    engine = create_engine(database_url)
    statements: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        statements.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", capture)
    try:
        await PostgresSearchIndex(engine).search(SearchQuery(term, (COURSE, LESSON), 20, 0))
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", capture)
    plans = []
    async with engine.connect() as connection:
        for statement, parameters in statements:
            rows = await connection.exec_driver_sql(
                f"EXPLAIN (ANALYZE, BUFFERS) {statement}", parameters
            )
            plans.append("\n".join(str(row[0]) for row in rows))
    await engine.dispose()
    return "\n\n".join(plans)


def table_row(name: str, m: Measurement, base: Measurement | None = None) -> str:
    """A row of the scenario table: req/s, p50, p95, p99, p99/p50, errors, ratio to ``base``."""
    ratio = f"{m.rps / base.rps:.0%}" if base and base.rps else ""
    tail = f"{m.p99_ms / m.p50_ms:.1f}" if m.p50_ms else ""
    return (
        f"| {name} | {m.rps:,.0f} | {m.p50_ms:.2f} | {m.p95_ms:.2f} | {m.p99_ms:.2f} "
        f"| {tail} | {m.errors} | {ratio} |"
    )


def render_learning(
    *,
    when: dt.datetime,
    machine: str,
    args: argparse.Namespace,
    reads: dict[str, Measurement],
    search: dict[str, Measurement],
    lessons: int,
    plan: str,
) -> str:
    base = reads["baseline"]
    ratios = {name: reads[name].rps / base.rps for name in ("courses", "outline", "lesson")}
    not_modified = reads["outline_304"].rps / reads["outline_200"].rps
    worst = min(ratios.values())
    p95 = search["search_c1"].p95_ms
    uses_gin = "Bitmap Index Scan on ix_lessons_search_vector" in plan
    c = args.connections
    return "\n".join(
        [
            "<!-- bench:learning -->",
            "## Learning: catalog reads and search",
            "",
            f"- Date: {when:%Y-%m-%d %H:%M} UTC; machine: {machine}.",
            f"- Data: {READ_COURSES} published courses x 5 sections x 6 lessons of about 2 KB "
            f"for the reads; then {lessons:,} lessons in all for search "
            "(`scripts/bench/catalog_data.py`, written with COPY).",
            f"- wrk, {args.seconds} s per run, {args.rounds} interleaved rounds, medians shown; "
            "each read scenario cycles over 64 request paths (10 list pages, random courses, "
            "random lessons); anonymous requests with a browser's `Accept-Encoding` (gzip); "
            "one uvicorn process each, PostgreSQL 15, the production configuration (Redis on), "
            "rate limits off.",
            "",
            "| scenario | req/s | p50 ms | p95 ms | p99 ms | p99/p50 | errors | vs baseline |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
            table_row(f"GET /courses (page of 20), c={c}", reads["courses"], base),
            table_row(f"GET /courses/{{id}} (outline), c={c}", reads["outline"], base),
            table_row(f"GET /lessons/{{id}}, c={c}", reads["lesson"], base),
            table_row(f"one outline, 200, c={c}", reads["outline_200"], base),
            table_row(f"one outline, 304 (`If-None-Match`), c={c}", reads["outline_304"], base),
            table_row(f"baseline one-query endpoint, c={c}", base),
            table_row(f"GET /search at {lessons:,} lessons, c=1", search["search_c1"]),
            table_row(f"GET /search at {lessons:,} lessons, c=8", search["search_c8"]),
            "",
            f"- Reads: the slowest is **{worst:.0%}** of the baseline (target ≥ 60%: "
            f"{'met' if worst >= READ_TARGET else 'MISSED'}).",
            f"- A 304 runs at **{not_modified:.2f}x** the req/s of the 200 of the same outline "
            f"(target ≥ {NOT_MODIFIED_TARGET}x: "
            f"{'met' if not_modified >= NOT_MODIFIED_TARGET else 'MISSED'}); it costs no query.",
            f"- Search p95 at concurrency 1: **{p95:.1f} ms** (target < 20 ms: "
            f"{'met' if p95 < SEARCH_P95_TARGET_MS else 'MISSED'}); the plan "
            f"{'uses' if uses_gin else 'does NOT use'} the GIN index:",
            "",
            "```",
            plan,
            "```",
            "<!-- /bench:learning -->",
        ]
    )
