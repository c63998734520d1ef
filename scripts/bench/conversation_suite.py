"""Conversation features on PostgreSQL over HTTP, at concurrency 1, against one uvicorn
process: a new message next to a regenerated answer (the same offline tutor, the same
session), and resuming a streamed answer with ``Last-Event-ID`` (the time until every missing
event has arrived), with the stream log in memory and on Redis Streams.

Targets (issue 14): regenerate p95 within 10 ms of a new message's p95; a resumed stream
delivers the missing events within 50 ms (p95).
"""

import argparse
import asyncio
import datetime as dt
import os
import statistics
import time

import httpx
from httpx_sse import connect_sse
from sqlalchemy import insert

from scripts.bench.common import (
    PASSWORD,
    PLATFORM_PORT,
    machine_description,
    platform_env,
    sign_up,
)
from scripts.bench.report import write_section
from scripts.bench.retrieval import _database, _drop
from scripts.bench.servers import ROOT, platform_server
from tutor_platform.bootstrap.migrations import upgrade_database
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.persistence.engine import create_engine
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.tables import TutorRow

ROUNDS = 100
WARM_UP = 5
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
PORT = int(os.environ.get("BENCH_PLATFORM_PORT", PLATFORM_PORT))
"""The platform's port (another run may hold the default one on a shared machine)."""
QUESTION = "Can you explain how a for loop walks through a list, step by step?"


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


async def _prepare(url: str) -> None:
    engine = create_engine(url)
    await upgrade_database(engine)
    async with engine.begin() as connection:
        await connection.execute(
            insert(TutorRow),
            [
                {
                    "id": new_id(),
                    "course_id": None,
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


def _session(client: httpx.Client) -> str:
    tutor_id = client.get("/api/v1/tutors").json()["items"][0]["id"]
    session = client.post("/api/v1/sessions", json={"tutor_id": tutor_id})
    session.raise_for_status()
    return str(session.json()["id"])


def _timed(action: object, rounds: int) -> list[float]:
    timings = []
    for i in range(rounds + WARM_UP):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        if i >= WARM_UP:
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def _send_and_regenerate(client: httpx.Client, session_id: str) -> tuple[list[float], ...]:
    url = f"/api/v1/sessions/{session_id}/messages"
    answers: list[str] = []

    def send() -> None:
        response = client.post(url, json={"content": QUESTION})
        response.raise_for_status()
        answers.append(response.json()["assistant_message"]["id"])

    def regenerate() -> None:
        response = client.post(f"/api/v1/messages/{answers[-1]}/regenerate")
        response.raise_for_status()
        answers.append(response.json()["id"])

    return _timed(send, ROUNDS), _timed(regenerate, ROUNDS)


def _resumes(client: httpx.Client, session_id: str) -> list[float]:
    url = f"/api/v1/sessions/{session_id}/messages/stream"
    timings = []
    for i in range(ROUNDS + WARM_UP):
        with connect_sse(client, "POST", url, json={"content": QUESTION}) as source:
            events = list(source.iter_sse())
        answer_id = events[0].json()["assistant_message_id"]
        started = time.perf_counter()
        headers = {"Last-Event-ID": events[1].id}
        resume = f"/api/v1/messages/{answer_id}/stream"
        with connect_sse(client, "GET", resume, headers=headers) as source:
            missing = list(source.iter_sse())
        elapsed = (time.perf_counter() - started) * 1000
        assert [e.id for e in missing] == [e.id for e in events[2:]], "resumed the rest"
        if i >= WARM_UP:
            timings.append(elapsed)
    return timings


def _measure(url: str, redis_url: str) -> tuple[list[float], list[float], list[float]]:
    base = f"http://127.0.0.1:{PORT}"
    env = {**platform_env(url), "REDIS_URL": redis_url}
    with platform_server(PORT, env):
        token = sign_up(base) if not redis_url else _login(base)
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
            session_id = _session(client)
            send, regenerate = _send_and_regenerate(client, session_id)
            resumes = _resumes(client, session_id)
    return send, regenerate, resumes


def _login(base: str) -> str:
    """The benchmark user (registered on the first server) logs in again."""
    login = httpx.post(
        f"{base}/api/v1/auth/login", json={"login": "bench_user", "password": PASSWORD}, timeout=30
    )
    login.raise_for_status()
    return str(login.json()["access_token"])


def run_conversation(args: argparse.Namespace) -> None:
    name = f"bench_conversation_{os.getpid()}"
    url = asyncio.run(_database(name))
    try:
        asyncio.run(_prepare(url))
        send, regenerate, resumes = _measure(url, "")
        _, _, redis_resumes = _measure(url, REDIS_URL)
    finally:
        asyncio.run(_drop(name))
    gap = _p95(regenerate) - _p95(send)
    rows = [
        ("POST a message, c=1 (ms)", statistics.median(send), _p95(send), None),
        ("POST regenerate, c=1 (ms)", statistics.median(regenerate), _p95(regenerate), None),
        ("resume after event 2, log in memory (ms)", *_stats(resumes), 50.0),
        ("resume after event 2, log on Redis Streams (ms)", *_stats(redis_resumes), 50.0),
    ]
    lines = [
        "<!-- bench:conversation -->",
        "## Conversations: regenerate, resume a stream",
        "",
        f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; machine: {machine_description()};"
        f" load average at the end {os.getloadavg()[0]:.1f}.",
        "- PostgreSQL 15, one uvicorn process (production settings), the offline tutor without a "
        f"course; {ROUNDS} requests per scenario, one at a time, after {WARM_UP} warm-up "
        "requests; the same session grows through the run (every regeneration adds a branch). "
        "A resume replays the events after the second one of a finished stream and is timed "
        "until its last event (`scripts/bench/conversation_suite.py`).",
        "",
        "| scenario | p50 | p95 | target (p95) | verdict |",
        "|---|---:|---:|---:|---|",
        *(
            f"| {label} | {p50:.1f} | {p95:.1f} | "
            + ("—" if target is None else f"≤ {target:g}")
            + " | "
            + ("—" if target is None else ("met" if p95 <= target else "MISSED"))
            + " |"
            for label, p50, p95, target in rows
        ),
        f"| regenerate p95 minus message p95 (ms) | | {gap:.1f} | ≤ 10 | "
        f"{'met' if gap <= 10 else 'MISSED'} |",
        "",
        "<!-- /bench:conversation -->",
    ]
    write_section(ROOT / "docs" / "benchmarks.md", "conversation", "\n".join(lines))


def _stats(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), _p95(values)
