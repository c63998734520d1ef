"""Analytics (SPEC 9): each endpoint at 1,000,000 progress rows, 100,000 attempts and 200,000
messages over 200 courses and 20,000 learners (``analytics_data.py``), one uvicorn process on
PostgreSQL, one connection; the mastery-matrix CSV of a course with 2,000 learners streamed,
its rows per second and the server's memory; EXPLAIN of the heaviest query."""

import argparse
import datetime as dt
import os
import subprocess
import time
from pathlib import Path

import httpx

from scripts.bench.analytics_data import BIG_COURSE_LEARNERS, STEPS
from scripts.bench.common import (
    PASSWORD,
    PLATFORM_PORT,
    machine_description,
    median_of,
    platform_env,
    prepare_database,
)
from scripts.bench.report import Measurement, write_section
from scripts.bench.servers import ROOT, platform_server
from scripts.bench.wrk import WrkResult, run_wrk

P95_TARGET_MS = 200.0
CSV_TARGET_ROWS_PER_S = 20_000
ADMIN = {"email": "chief@example.com", "password": PASSWORD}
DAYS = 180
HEAVIEST = """EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT count(DISTINCT learning_active_days.user_id) FROM learning_active_days
WHERE learning_active_days.course_id = 'fa78e31a-7565-2a27-84ea-151f9fd4a084'
  AND learning_active_days.day >= current_date - 179 AND learning_active_days.day <= current_date"""


def _generate(dsn: str, admin_id: str) -> float:
    script = "".join(body for _, body in STEPS) + "VACUUM ANALYZE;\n"
    started = time.perf_counter()
    subprocess.run(
        ["psql", dsn, "-v", "ON_ERROR_STOP=1", "-v", f"admin={admin_id}", "-q"],
        input=script.encode(),
        check=True,
    )
    return time.perf_counter() - started


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _stream_csv(url: str, headers: dict[str, str], pid: int) -> tuple[int, float, int, int]:
    """Rows, seconds, and the server's RSS before and at most while the CSV streamed."""
    before = peak = _rss_kib(pid)
    rows = 0
    started = time.perf_counter()
    with httpx.stream("GET", url, headers={**headers, "Accept": "text/csv"}, timeout=120) as r:
        r.raise_for_status()
        for chunk in r.iter_lines():
            if chunk:
                rows += 1
            if rows % 200 == 0:
                peak = max(peak, _rss_kib(pid))
    return rows - 1, time.perf_counter() - started, before, peak


def run_analytics(args: argparse.Namespace) -> None:
    database_url, dsn = prepare_database("tutor_bench_analytics")
    env = {
        **platform_env(database_url),
        "FIRST_ADMIN_EMAIL": ADMIN["email"],
        "FIRST_ADMIN_PASSWORD": ADMIN["password"],
    }
    base = f"http://127.0.0.1:{PLATFORM_PORT}"
    today = dt.datetime.now(dt.UTC).date()
    days = f"from={today - dt.timedelta(days=DAYS - 1)}&to={today}"
    course = "fa78e31a-7565-2a27-84ea-151f9fd4a084"  # md5("course1"): 2,000 learners
    tutored = "cc3b17e7-9e77-7048-f811-3ddf95debf2a"  # md5("course2"): its tutor's sessions
    paths = {
        "course": f"/api/v1/analytics/courses/{course}?{days}",
        "quizzes": f"/api/v1/analytics/courses/{course}/quizzes?{days}",
        "mastery": f"/api/v1/analytics/courses/{course}/mastery?{days}",
        "tutoring": f"/api/v1/analytics/courses/{tutored}/tutoring?{days}",
        "usage": f"/api/v1/analytics/usage?{days}",
    }
    runs: dict[str, list[WrkResult]] = {name: [] for name in paths}
    with platform_server(PLATFORM_PORT, env) as server:
        login = httpx.post(
            f"{base}/api/v1/auth/login",
            json={"login": ADMIN["email"], "password": ADMIN["password"]},
            timeout=30,
        )
        login.raise_for_status()
        auth = {"Authorization": f"Bearer {login.json()['access_token']}"}
        admin_id = httpx.get(f"{base}/api/v1/users/me", headers=auth, timeout=30).json()["id"]
        seconds_to_generate = _generate(dsn, admin_id)
        for path in paths.values():
            httpx.get(base + path, headers=auth, timeout=60).raise_for_status()
        for _ in range(args.rounds):
            for name, path in paths.items():
                runs[name].append(
                    run_wrk(base + path, headers=auth, connections=1, seconds=args.seconds)
                )
        streams = [
            _stream_csv(base + paths["mastery"], auth, server.pid) for _ in range(args.rounds)
        ]
    explain = subprocess.run(
        ["psql", dsn, "-Atc", HEAVIEST], capture_output=True, text=True, check=True
    ).stdout
    measured = {name: median_of(results) for name, results in runs.items()}
    write_section(
        ROOT / "docs" / "benchmarks.md",
        "analytics",
        _render(
            dt.datetime.now(dt.UTC),
            machine_description(),
            args.seconds,
            measured,
            streams,
            seconds_to_generate,
            explain,
        ),
    )


def _render(
    when: dt.datetime,
    machine: str,
    seconds: int,
    m: dict[str, Measurement],
    streams: list[tuple[int, float, int, int]],
    generated_in: float,
    explain: str,
) -> str:
    rows = sorted(s[0] / s[1] for s in streams)
    rate = rows[len(rows) // 2]
    growth = sorted((s[3] - s[2]) / 1024 for s in streams)[len(streams) // 2]
    names = {
        "course": "GET /analytics/courses/{id}",
        "quizzes": "GET /analytics/courses/{id}/quizzes",
        "mastery": "GET /analytics/courses/{id}/mastery (20 learners a page)",
        "tutoring": "GET /analytics/courses/{id}/tutoring (100 sessions, 1,000 messages)",
        "usage": "GET /analytics/usage (every course, 180 days)",
    }
    lines = [
        "<!-- bench:analytics -->",
        "## Analytics: the five SPEC 9 endpoints, the mastery-matrix CSV",
        "",
        f"- Date: {when:%Y-%m-%d %H:%M} UTC; machine: {machine}; load: {os.getloadavg()[0]:.1f} "
        "(1-minute average at the end; other sessions share the machine).",
        "- Data (bulk SQL, `scripts/bench/analytics_data.py`, "
        f"{generated_in:.0f} s): 200 courses of 10 lessons, 20,000 learners, 1,020,000 progress "
        "rows (102,000 started courses, 918,000 completions and as many lesson visits and "
        "mastery rows), 100,000 quiz attempts of 5 questions, 20,000 sessions with 200,000 "
        "messages, and the daily figures kept for them; the course read has "
        f"{BIG_COURSE_LEARNERS:,} learners. Range: the last {DAYS} days.",
        f"- wrk, 1 connection, {seconds} s per run, {m['course'].rounds} rounds; medians shown. "
        "One `tutor-platform serve` process on PostgreSQL 15 (production settings, rate "
        "limits off), as an admin.",
        "",
        "| endpoint | req/s | p50 ms | p95 ms | p99 ms | errors | p95 < 200 ms |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for key, name in names.items():
        x = m[key]
        ok = "met" if x.p95_ms < P95_TARGET_MS else "MISSED"
        lines.append(
            f"| {name} | {x.rps:,.0f} | {x.p50_ms:.2f} | {x.p95_ms:.2f} | {x.p99_ms:.2f} | "
            f"{x.errors} | {ok} |"
        )
    csv_ok = "met" if rate >= CSV_TARGET_ROWS_PER_S else "MISSED"
    lines += [
        "",
        f"- Mastery-matrix CSV of {streams[0][0]:,} learners (`Accept: text/csv`, streamed): "
        f"**{rate:,.0f} rows/s** (median of {len(streams)}; target ≥ 20,000: {csv_ok}); the "
        f"server's resident memory grew by {growth:.1f} MiB while it streamed (median).",
        "- The heaviest query (the active learners of `GET /analytics/courses/{id}`: distinct "
        "learners of the course's active days in the range), `EXPLAIN (ANALYZE, BUFFERS)`:",
        "",
        "```",
        explain.strip(),
        "```",
        "<!-- /bench:analytics -->",
    ]
    return "\n".join(lines)
