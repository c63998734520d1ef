"""Grounded tutoring on PostgreSQL: 2,000 lessons in 20 courses indexed from scratch, retrieval
on one course, then a message to the offline tutor over HTTP (whole answer, and the first
streamed delta) at concurrency 1, against one uvicorn process.

Targets (issue 11): indexing 1,000 lessons ≤ 60 s; retrieval p95 ≤ 15 ms; a message p95 ≤ 60
ms; the first streamed delta p95 ≤ 50 ms.
"""

import argparse
import asyncio
import datetime as dt
import os
import statistics
import time
from collections import deque

import httpx
from sqlalchemy import insert, text

from scripts.bench.common import PLATFORM_PORT, machine_description, platform_env, sign_up
from scripts.bench.report import write_section
from scripts.bench.retrieval import COURSES, QUESTIONS, _catalog, _database, _drop
from scripts.bench.servers import ROOT, platform_server
from tutor_platform.bootstrap.container import build_container, close_container
from tutor_platform.bootstrap.migrations import upgrade_database
from tutor_platform.bootstrap.settings import load_settings
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.persistence.engine import create_engine
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.tables import TutorRow

GROUNDING_COURSES = 2 * COURSES
RETRIEVALS = 300
MESSAGES = 100
TOPICS = (
    "How do I get the position and the item in a loop?",
    "What does // do?",
    "What is the difference between = and ==?",
    "What is __name__ for?",
    "How do dictionary keys and values work?",
    "What is the capital of Australia?",
)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


async def _index(url: str) -> tuple[list[object], float, int, list[float]]:
    """Index every lesson, then time retrievals on the first course (in this process)."""
    engine = create_engine(url)
    await upgrade_database(engine)
    await engine.dispose()
    course_ids: list[object] = []
    for _ in range(GROUNDING_COURSES // COURSES):
        ids, _size = await _catalog(url, first=len(course_ids))
        course_ids += ids
    settings = load_settings(environ={}, env_file=None, database_url=url, log_level="WARNING")
    container = build_container(settings)
    try:
        await container.embedder().embed_query("warm up the model")
        started = time.perf_counter()
        report = await container.catalog.reindex_passages().execute()
        indexing = time.perf_counter() - started
        await _analyze(url)
        facade = container.catalog.facade()
        await facade.retrieve_passages(course_ids[0], QUESTIONS[0])
        timings = []
        for i in range(RETRIEVALS):
            started = time.perf_counter()
            await facade.retrieve_passages(course_ids[0], QUESTIONS[i % len(QUESTIONS)], 8)
            timings.append((time.perf_counter() - started) * 1000)
    finally:
        await close_container(container)
    return course_ids, indexing, report.lessons, timings


async def _analyze(url: str) -> None:
    """Planner statistics after the bulk load, as autovacuum would gather them on a live
    database (without them the first plans scan every course's passages)."""
    engine = create_engine(url)
    async with engine.connect() as connection:
        await connection.execute(text("ANALYZE"))
        await connection.commit()
    await engine.dispose()


def _conversation(base: str, course_id: object) -> tuple[dict[str, str], str]:
    token = sign_up(base)
    admin = {"Authorization": f"Bearer {token}"}
    tutors = httpx.get(f"{base}/api/v1/tutors?course_id={course_id}", headers=admin, timeout=30)
    tutors.raise_for_status()
    tutor_id = tutors.json()["items"][0]["id"]
    session = httpx.post(
        f"{base}/api/v1/sessions", json={"tutor_id": tutor_id}, headers=admin, timeout=30
    )
    session.raise_for_status()
    return admin, str(session.json()["id"])


def _messages(base: str, headers: dict[str, str], session_id: str) -> tuple[list[float], ...]:
    url = f"{base}/api/v1/sessions/{session_id}/messages"
    whole: list[float] = []
    first: list[float] = []
    with httpx.Client(headers=headers, timeout=30) as client:
        for i in range(MESSAGES + 5):
            started = time.perf_counter()
            client.post(url, json={"content": TOPICS[i % len(TOPICS)]}).raise_for_status()
            if i >= 5:
                whole.append((time.perf_counter() - started) * 1000)
        for i in range(MESSAGES + 5):
            started = time.perf_counter()
            body = {"content": TOPICS[i % len(TOPICS)]}
            with client.stream("POST", f"{url}/stream", json=body) as response:
                lines = response.iter_lines()
                for line in lines:
                    if line == "event: delta":
                        if i >= 5:
                            first.append((time.perf_counter() - started) * 1000)
                        break
                deque(lines, maxlen=0)  # read the rest of the stream
    return whole, first


def run_grounding(args: argparse.Namespace) -> None:
    name = f"bench_grounding_{os.getpid()}"
    url = asyncio.run(_database(name))
    try:
        course_ids, indexing, lessons, retrievals = asyncio.run(_index(url))
        asyncio.run(_tutors(url, course_ids))
        base = f"http://127.0.0.1:{PLATFORM_PORT}"
        with platform_server(PLATFORM_PORT, platform_env(url)):
            headers, session_id = _conversation(base, course_ids[0])
            whole, first = _messages(base, headers, session_id)
    finally:
        asyncio.run(_drop(name))
    per_thousand = indexing / lessons * 1000
    rows = [
        ("index 1,000 lessons from scratch (s)", per_thousand, per_thousand, 60.0),
        (
            "retrieval on a 100-lesson course (ms)",
            statistics.median(retrievals),
            _p95(retrievals),
            15.0,
        ),
        (
            "POST a message to the local tutor, c=1 (ms)",
            statistics.median(whole),
            _p95(whole),
            60.0,
        ),
        ("first streamed delta, c=1 (ms)", statistics.median(first), _p95(first), 50.0),
    ]
    lines = [
        "<!-- bench:grounding -->",
        "## Grounded tutoring: indexing, retrieval, a message to the local tutor",
        "",
        f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; machine: {machine_description()};"
        f" load average at the end {os.getloadavg()[0]:.1f}.",
        f"- PostgreSQL 15, {lessons:,} lessons of about 2 KB in {GROUNDING_COURSES} courses, "
        "the offline WordLlama embedder; retrieval timed in-process after `ANALYZE` "
        f"({RETRIEVALS} questions); messages over HTTP to one uvicorn process (production "
        f"settings), {MESSAGES} each, one at a time, after 5 warm-up requests "
        "(`scripts/bench/grounding_suite.py`).",
        "",
        "| scenario | p50 | p95 | target (p95) | verdict |",
        "|---|---:|---:|---:|---|",
        *(
            f"| {label} | {p50:.1f} | {p95:.1f} | ≤ {target:g} | "
            f"{'met' if p95 <= target else 'MISSED'} |"
            for label, p50, p95, target in rows
        ),
        "",
        "<!-- /bench:grounding -->",
    ]
    write_section(ROOT / "docs" / "benchmarks.md", "grounding", "\n".join(lines))


async def _tutors(url: str, course_ids: list[object]) -> None:
    """One offline tutor per course, written straight into the table."""
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.execute(
            insert(TutorRow),
            [
                {
                    "id": new_id(),
                    "course_id": course_id,
                    "name": f"Tutor {n}",
                    "description": "",
                    "provider": "local",
                    "model_id": "local-retrieval-1",
                    "system_prompt": "You are a patient tutor.",
                    "temperature": 0.3,
                    "is_active": True,
                    "created_by": new_id(),
                }
                for n, course_id in enumerate(course_ids)
            ],
        )
    await engine.dispose()
