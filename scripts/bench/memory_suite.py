"""Memory: the API process's resident set size under a long mixed read load.

One `tutor-platform serve` process (production configuration) over 200 courses x 30 lessons;
wrk cycles through a mix of many distinct reads (course pages, outlines, lessons, searches,
`/users/me`, a course's progress) in one-minute segments, and the process's RSS is read after
each. ``--memory-minutes`` sets the length (20 by default; the checkpoints are its half and
its end).
"""

import argparse
import asyncio
import datetime as dt
import os
import random
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from scripts.bench.catalog_data import ALL_TOPICS, RARE_WORDS, SEARCH_MIX, seed_catalog
from scripts.bench.common import (
    PLATFORM_PORT,
    machine_description,
    platform_env,
    prepare_database,
    sign_up,
)
from scripts.bench.report import write_section
from scripts.bench.servers import ROOT, platform_server
from scripts.bench.wrk import run_wrk

RSS_LIMIT_MB = 400.0
SEGMENT_SECONDS = 60
COURSES = 200
SEARCHES = 1500
"""Distinct search queries in the mix: three times the default search cache bound."""


@dataclass(frozen=True)
class Sample:
    minute: float
    rss_mb: float
    rps: float
    errors: int
    load: float


def rss_mb(pid: int) -> float:
    """The resident set size of process ``pid`` (Linux ``/proc``), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def mixed_paths(course_ids: list[object], lesson_ids: list[object]) -> list[str]:
    """Request paths in a shuffled mix: every lesson and course once, list pages, searches."""
    rng = random.Random(5)  # noqa: S311 - picking request paths, not secrets
    api = "/api/v1"
    words = [*SEARCH_MIX, *ALL_TOPICS, *RARE_WORDS]
    searches = [f"{api}/search?q={quote(words[n % len(words)])}" for n in range(SEARCHES)]
    paths = [
        *(f"{api}/lessons/{lesson}" for lesson in lesson_ids),
        *(f"{api}/courses/{course}" for course in course_ids),
        *(f"{api}/progress/courses/{course}" for course in course_ids),
        *(f"{api}/courses?limit=20&offset={n * 20}" for n in range(10)),
        *searches,
        *([f"{api}/users/me"] * 500),
    ]
    rng.shuffle(paths)
    return paths


def run_memory(args: argparse.Namespace) -> None:
    database_url, dsn = prepare_database("tutor_bench_memory")
    seeded = asyncio.run(seed_catalog(dsn, courses=COURSES))
    base = f"http://127.0.0.1:{PLATFORM_PORT}"
    paths = mixed_paths(list(seeded.course_ids), list(seeded.lesson_ids))
    segments = max(2, round(args.memory_minutes * 60 / SEGMENT_SECONDS))
    samples: list[Sample] = []
    # The one token must outlive the run (the production default of 15 minutes does not).
    lifetime = {"ACCESS_TOKEN_TTL_SECONDS": str(int(args.memory_minutes * 60) + 600)}
    with platform_server(PLATFORM_PORT, {**platform_env(database_url), **lifetime}) as server:
        token = sign_up(base)
        start_mb = rss_mb(server.pid)
        for segment in range(1, segments + 1):
            result = run_wrk(
                f"{base}/api/v1",
                paths=paths,
                headers={"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"},
                connections=args.connections,
                seconds=SEGMENT_SECONDS,
            )
            samples.append(
                Sample(
                    minute=segment * SEGMENT_SECONDS / 60,
                    rss_mb=rss_mb(server.pid),
                    rps=result.requests_per_second,
                    errors=result.errors,
                    load=os.getloadavg()[0],
                )
            )
    write_section(
        ROOT / "docs" / "benchmarks.md",
        "memory",
        render_memory(
            when=dt.datetime.now(dt.UTC),
            machine=machine_description(),
            connections=args.connections,
            start_mb=start_mb,
            samples=samples,
            distinct_paths=len(set(paths)),
        ),
    )


def render_memory(
    *,
    when: dt.datetime,
    machine: str,
    connections: int,
    start_mb: float,
    samples: list[Sample],
    distinct_paths: int,
) -> str:
    half = samples[len(samples) // 2 - 1]
    end = samples[-1]
    growth = end.rss_mb - half.rss_mb
    below = max(half.rss_mb, end.rss_mb) < RSS_LIMIT_MB
    return "\n".join(
        [
            "<!-- bench:memory -->",
            "## Memory: RSS of one API process under a long mixed load",
            "",
            f"- Date: {when:%Y-%m-%d %H:%M} UTC; machine: {machine}.",
            f"- One `tutor-platform serve` process, production configuration (Redis on), rate "
            f"limits off, {COURSES} courses x 30 lessons; wrk at c={connections}, "
            f"{len(samples)} segments of {SEGMENT_SECONDS} s, cycling through {distinct_paths:,} "
            "distinct GETs (every lesson, outline and course progress, 10 list pages, "
            f"{SEARCHES:,} searches, `/users/me`), with a bearer token and gzip. RSS after "
            f"start-up and sign-up: {start_mb:.0f} MiB.",
            "",
            "| minute | RSS MiB | req/s | errors | load (1 min) |",
            "|---:|---:|---:|---:|---:|",
            *(
                f"| {s.minute:g} | {s.rss_mb:.0f} | {s.rps:,.0f} | {s.errors} | {s.load:.1f} |"
                for s in samples
            ),
            "",
            f"- RSS at minute {half.minute:g}: **{half.rss_mb:.0f} MiB**, at minute "
            f"{end.minute:g}: **{end.rss_mb:.0f} MiB** (below {RSS_LIMIT_MB:.0f} MiB: "
            f"{'met' if below else 'MISSED'}; change between the two: {growth:+.0f} MiB).",
            "<!-- /bench:memory -->",
        ]
    )
