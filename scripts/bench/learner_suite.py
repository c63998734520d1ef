"""A learner's hot paths (issue 18): their progress, the tutors list, a history page, completing
a lesson, adding study minutes and a message to the grounded ``local`` tutor, under wrk next to
the one-query baseline in the same rounds.

``BENCH_BEFORE_REV=<rev>`` also serves that commit's code (its ``src`` exported with
``git archive``) from the same database and measures it in the same interleaved rounds.
"""

import argparse
import asyncio
import datetime as dt
import json
import os
import subprocess
import tarfile
import tempfile
from contextlib import ExitStack
from io import BytesIO
from pathlib import Path
from uuid import UUID

import asyncpg
import httpx
from sqlalchemy import insert

from scripts.bench.catalog_data import seed_catalog
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
from tutor_platform.bootstrap.container import build_container, close_container
from tutor_platform.bootstrap.settings import load_settings
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.persistence.engine import create_engine
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.tables import TutorRow

COURSES = 20
STARTED = 8
"""Courses the learner started (a lesson or more completed in each)."""
HISTORY = 60
"""Exchanges in the session whose newest page of 50 messages is read."""
READ_TARGET, WRITE_TARGET, MESSAGE_TARGET = 0.6, 0.3, 400.0
QUESTION = "How do I get the position and the item in a loop?"
WRITES = ("complete", "study_minutes")


async def _lessons(dsn: str, course_ids: list[UUID]) -> dict[UUID, list[UUID]]:
    connection = await asyncpg.connect(dsn)
    try:
        rows = await connection.fetch(
            "SELECT course_id, id FROM lessons WHERE course_id = ANY($1) ORDER BY position",
            course_ids,
        )
    finally:
        await connection.close()
    by_course: dict[UUID, list[UUID]] = {course: [] for course in course_ids}
    for row in rows:
        by_course[row["course_id"]].append(row["id"])
    return by_course


async def _tutor_and_index(database_url: str, course_id: UUID) -> UUID:
    """The course's ``local`` tutor, and every lesson indexed for retrieval."""
    tutor_id = new_id()
    engine = create_engine(database_url)
    async with engine.begin() as connection:
        await connection.execute(
            insert(TutorRow),
            [
                {
                    "id": tutor_id,
                    "course_id": course_id,
                    "name": "Bench tutor",
                    "description": "",
                    "provider": "local",
                    "model_id": "local-retrieval-1",
                    "system_prompt": "You are a patient tutor.",
                    "temperature": 0.3,
                    "is_active": True,
                    "created_by": new_id(),
                }
            ],
        )
    await engine.dispose()
    settings = load_settings(
        environ={}, env_file=None, database_url=database_url, log_level="WARNING"
    )
    container = build_container(settings)
    try:
        await container.catalog.reindex_passages().execute()
    finally:
        await close_container(container)
    return tutor_id


def _learner(base: str, lessons: dict[UUID, list[UUID]], tutor_id: UUID) -> dict[str, object]:
    """The learner's token and history: lessons completed in ``STARTED`` courses, study
    minutes, a session of ``HISTORY`` exchanges and 32 fresh sessions to post to."""
    token = sign_up(base)
    auth = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=f"{base}/api/v1", headers=auth, timeout=60) as client:
        for number, course_lessons in enumerate(list(lessons.values())[:STARTED]):
            for lesson in course_lessons[: 3 + 3 * number]:
                client.post(f"/progress/lessons/{lesson}/complete").raise_for_status()
        client.post(f"/progress/tutors/{tutor_id}/add", json={"minutes": 30}).raise_for_status()
        sessions = [
            client.post("/sessions", json={"tutor_id": str(tutor_id)}).json()["id"]
            for _ in range(33)
        ]
        for _ in range(HISTORY):
            sent = client.post(f"/sessions/{sessions[0]}/messages", json={"content": QUESTION})
            sent.raise_for_status()
    return {"token": token, "history": sessions[0], "posting": sessions[1:]}


def _scenarios(
    lessons: dict[UUID, list[UUID]], tutor_id: UUID, learner: dict[str, object]
) -> dict[str, dict[str, object]]:
    course_ids = list(lessons)
    every_lesson = [lesson for ids in lessons.values() for lesson in ids]
    posting = learner["posting"]
    assert isinstance(posting, list)
    return {
        "course_progress": {"paths": [f"/api/v1/progress/courses/{c}" for c in course_ids]},
        "all_progress": {"paths": ["/api/v1/progress/courses"]},
        "tutors": {"paths": ["/api/v1/tutors"]},
        "history": {"paths": [f"/api/v1/sessions/{learner['history']}/messages?limit=50"]},
        "complete": {
            "paths": [f"/api/v1/progress/lessons/{lesson}/complete" for lesson in every_lesson],
            "method": "POST",
        },
        "study_minutes": {
            "paths": [f"/api/v1/progress/tutors/{tutor_id}/add"],
            "method": "POST",
            "body": json.dumps({"minutes": 1}),
        },
        "message": {
            "paths": [f"/api/v1/sessions/{session}/messages" for session in posting],
            "method": "POST",
            "body": json.dumps({"content": QUESTION}),
        },
    }


def _run(port: int, token: str, scenario: dict[str, object], args: argparse.Namespace) -> WrkResult:
    headers = {
        "Authorization": f"Bearer {token}",
        "Accept-Encoding": "gzip, deflate, br, zstd",
        "Content-Type": "application/json",
    }
    paths = scenario["paths"]
    assert isinstance(paths, list)
    body = scenario.get("body")
    return run_wrk(
        f"http://127.0.0.1:{port}{paths[0]}",
        connections=args.connections,
        seconds=args.seconds,
        headers=headers,
        method=str(scenario.get("method", "GET")),
        paths=paths if len(paths) > 1 else None,
        body=None if body is None or len(paths) > 1 else str(body),
        bodies=[str(body)] * len(paths) if body is not None and len(paths) > 1 else None,
    )


def _export(rev: str, into: Path) -> Path:
    """``rev``'s ``src`` tree, written under ``into``."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", rev, "src"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def run_learner(args: argparse.Namespace) -> None:
    before_rev = os.environ.get("BENCH_BEFORE_REV")
    before_port = PLATFORM_PORT + 100
    database_url, dsn = prepare_database("tutor_bench_learner")
    seeded = asyncio.run(seed_catalog(dsn, courses=COURSES))
    lessons = asyncio.run(_lessons(dsn, seeded.course_ids))
    tutor_id = asyncio.run(_tutor_and_index(database_url, seeded.course_ids[0]))
    env = platform_env(database_url)
    builds = {"after": PLATFORM_PORT, **({"before": before_port} if before_rev else {})}
    runs: dict[str, list[WrkResult]] = {}
    with ExitStack() as stack, tempfile.TemporaryDirectory() as scratch:
        stack.enter_context(platform_server(PLATFORM_PORT, env))
        if before_rev:
            source = _export(before_rev, Path(scratch))
            stack.enter_context(platform_server(before_port, {**env, "PYTHONPATH": str(source)}))
        stack.enter_context(baseline_server(BASELINE_PORT, dsn))
        learner = _learner(f"http://127.0.0.1:{PLATFORM_PORT}", lessons, tutor_id)
        token = str(learner["token"])
        scenarios = _scenarios(lessons, tutor_id, learner)
        baseline = f"http://127.0.0.1:{BASELINE_PORT}/baseline"
        for _ in range(args.rounds):
            runs.setdefault("baseline", []).append(
                run_wrk(baseline, connections=args.connections, seconds=args.seconds)
            )
            for name, scenario in scenarios.items():
                for build, port in builds.items():
                    runs.setdefault(f"{name}:{build}", []).append(_run(port, token, scenario, args))
    measured = {name: median_of(results) for name, results in runs.items()}
    write_section(
        ROOT / "docs" / "benchmarks.md",
        "learner",
        _render(args, measured, before_rev),
    )


_LABELS = {
    "course_progress": "GET /progress/courses/{id} (20 courses)",
    "all_progress": f"GET /progress/courses ({STARTED} started)",
    "tutors": "GET /tutors",
    "history": f"GET /sessions/{{id}}/messages (50 of {2 * HISTORY})",
    "complete": "POST /progress/lessons/{id}/complete",
    "study_minutes": "POST /progress/tutors/{id}/add",
    "message": "POST /sessions/{id}/messages (`local`, grounded)",
}


def _verdict(name: str, m: Measurement, base: Measurement) -> str:
    if name == "message":
        return "met" if m.rps >= MESSAGE_TARGET else "MISSED"
    target = WRITE_TARGET if name in WRITES else READ_TARGET
    ratio_ok = m.rps >= target * base.rps
    tail_ok = name in WRITES or m.p99_ms <= 4 * m.p50_ms
    return "met" if ratio_ok and tail_ok else "MISSED"


def _render(args: argparse.Namespace, m: dict[str, Measurement], before_rev: str | None) -> str:
    base = m["baseline"]
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    head = (
        "| scenario | build | req/s | vs baseline | p50 ms | p99 ms | p99/p50 | errors | target |"
    )
    rows = []
    for name, label in _LABELS.items():
        for build in ("before", "after"):
            r = m.get(f"{name}:{build}")
            if r is None:
                continue
            rows.append(
                f"| {label} | {before_rev if build == 'before' else 'this'} | {r.rps:,.0f} | "
                f"{r.rps / base.rps:.0%} | {r.p50_ms:.2f} | {r.p99_ms:.2f} | "
                f"{r.p99_ms / r.p50_ms:.1f} | {r.errors} | {_verdict(name, r, base)} |"
            )
    rows.append(
        f"| baseline `SELECT 1` | | {base.rps:,.0f} | 100% | {base.p50_ms:.2f} | "
        f"{base.p99_ms:.2f} | {base.p99_ms / base.p50_ms:.1f} | {base.errors} | |"
    )
    return "\n".join(
        [
            "<!-- bench:learner -->",
            "## A learner's hot paths: progress, tutors, history, writes, a tutor message",
            "",
            f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; machine: "
            f"{machine_description()}; load average at the end {load}.",
            f"- wrk c={args.connections}, {args.seconds} s per run, {args.rounds} interleaved "
            "rounds (baseline, then each scenario on each build), medians; one uvicorn process "
            "per build on one PostgreSQL 15 database, the production configuration (Redis on), "
            f"rate limits off (`scripts/bench/learner_suite.py`). {COURSES} courses of 30 "
            f"lessons; the learner completed lessons in {STARTED} of them; the `local` tutor "
            "answers from its course's indexed lessons (retrieval on every message); each "
            "message goes to one of 32 sessions.",
            "- Targets (issue 18): reads ≥ 60 % of the baseline and p99 ≤ 4 x p50; writes "
            "≥ 30 %; a message ≥ 400 req/s.",
            "",
            head,
            "|---|---|---:|---:|---:|---:|---:|---:|---|",
            *rows,
            "<!-- /bench:learner -->",
        ]
    )
