"""Assessment: submitting an attempt of 20 questions (grading, mastery evidence, review cards,
all in the attempt's transaction) and ``GET /review/due`` for a learner with 5,000 cards, on
PostgreSQL, one uvicorn process, one connection (the latency a learner sees), next to the
one-query baseline in the same rounds (the machine's load shows in it).

A first attempt at a quiz is the one that writes mastery and review: each request of that
scenario is the learner's first attempt at another copy of the quiz (same 20 lessons, new
questions), so every one stores 20 pieces of evidence, retraces 20 lessons and makes 20 cards.
A later attempt at the same quiz adds none of them.

``--before REF`` measures the code of a git revision too, in the same rounds: each round runs
the scenarios on the revision's server and on this tree's (which goes first alternates), one at
a time on the same port (each on its own database, migrated by its own code), so both see the
same load."""

import argparse
import asyncio
import datetime as dt
import json
import os
import subprocess
import sys
import uuid
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from scripts.bench.common import (
    BASELINE_PORT,
    PASSWORD,
    PLATFORM_PORT,
    fresh_database,
    machine_description,
    median_of,
    platform_env,
    sign_up,
)
from scripts.bench.report import Measurement, write_section
from scripts.bench.servers import ROOT, baseline_server, process
from scripts.bench.wrk import WrkResult, run_wrk
from tutor_platform.bootstrap.tables import metadata

QUESTIONS = 20
CARDS = 5000
COPIES_PER_ROUND = 600
"""Quizzes for first attempts in one round (more than one connection submits in a round)."""
WARM_UP = 10
"""First attempts (and due-list reads) sent to a freshly started server before it is measured."""
SUBMIT_P95_TARGET_MS = 40.0
DUE_P95_TARGET_MS = 20.0
ADMIN = {"email": "chief@example.com", "password": PASSWORD}


def _setup(base: str) -> tuple[str, str, dict[str, bool | str]]:
    """A published course with one lesson per question and a quiz of 20 questions (half true
    or false, half single choice); the learner's token and the quiz's answers."""
    login = httpx.post(
        f"{base}/api/v1/auth/login",
        json={"login": ADMIN["email"], "password": ADMIN["password"]},
        timeout=30,
    )
    login.raise_for_status()
    admin = {"Authorization": f"Bearer {login.json()['access_token']}"}
    with httpx.Client(base_url=f"{base}/api/v1", headers=admin, timeout=30) as client:
        course = client.post("/courses", json={"title": "Bench course"}).json()
        section = client.post(f"/courses/{course['id']}/sections", json={"title": "One"}).json()
        lessons = [
            client.post(
                f"/sections/{section['id']}/lessons",
                json={"title": f"Lesson {n}", "content": f"Lesson {n} text."},
            ).json()["id"]
            for n in range(QUESTIONS)
        ]
        client.post(f"/courses/{course['id']}/publish").raise_for_status()
        questions: list[dict[str, Any]] = []
        for n, lesson in enumerate(lessons):
            if n % 2:
                questions.append(
                    {
                        "kind": "true_false",
                        "prompt": f"Statement {n}.",
                        "points": 1,
                        "correct": True,
                        "lesson_id": lesson,
                    }
                )
            else:
                questions.append(
                    {
                        "kind": "single_choice",
                        "prompt": f"Question {n}?",
                        "points": 1,
                        "options": [{"text": "yes"}, {"text": "no"}],
                        "correct_option_ids": ["a"],
                        "lesson_id": lesson,
                    }
                )
        quiz = client.post(
            f"/courses/{course['id']}/quizzes", json={"title": "Bench quiz", "questions": questions}
        )
        quiz.raise_for_status()
    made = quiz.json()
    answers = {q["id"]: (True if q["kind"] == "true_false" else "b") for q in made["questions"]}
    return made["id"], sign_up(base), answers


def _taker(base: str) -> str:
    """A second learner, who submits the attempts (so the first keeps exactly its cards)."""
    user = {"email": "taker@example.com", "username": "bench_taker", "password": PASSWORD}
    httpx.post(f"{base}/api/v1/auth/register", json=user, timeout=30).raise_for_status()
    login = httpx.post(
        f"{base}/api/v1/auth/login",
        json={"login": user["username"], "password": PASSWORD},
        timeout=30,
    )
    login.raise_for_status()
    return str(login.json()["access_token"])


async def _cards(database_url: str, user_id: str, quiz_id: str, course_id: str) -> None:
    """5,000 cards of the learner: half due (the 20 soonest of the quiz's questions), half
    later, as a long-time learner would have."""
    engine = create_async_engine(database_url)
    now = dt.datetime.now(dt.UTC)
    async with engine.begin() as connection:
        questions = [
            row[0]
            for row in await connection.execute(
                text("SELECT id FROM quiz_questions WHERE quiz_id = :quiz ORDER BY position"),
                {"quiz": uuid.UUID(quiz_id)},
            )
        ]
        rows = []
        for n in range(CARDS):
            question = questions[n] if n < len(questions) else uuid.uuid4()
            due = now - dt.timedelta(days=30) + dt.timedelta(minutes=n * 17)
            rows.append(
                {
                    "id": uuid.uuid4(),
                    "user_id": uuid.UUID(user_id),
                    "course_id": uuid.UUID(course_id),
                    "quiz_id": uuid.UUID(quiz_id),
                    "question_id": question,
                    "schedule": json.dumps({"card_id": 1, "state": 2, "step": None}),
                    "due_at": due,
                    "reviews": 3,
                    "created_at": now,
                }
            )
        await connection.execute(
            text(
                "INSERT INTO review_cards (id, user_id, course_id, quiz_id, question_id, "
                "schedule, due_at, reviews, created_at, updated_at) VALUES (:id, :user_id, "
                ":course_id, :quiz_id, :question_id, CAST(:schedule AS JSONB), :due_at, "
                ":reviews, :created_at, :created_at)"
            ),
            rows,
        )
        await connection.execute(text("ANALYZE review_cards"))
    await engine.dispose()


async def _copies(database_url: str, quiz_id: str, count: int) -> list[tuple[str, str]]:
    """``count`` copies of the quiz (new ids, the same lessons): each one's attempts path and
    a body answering its questions like the original's."""
    quizzes, questions = metadata.tables["quizzes"], metadata.tables["quiz_questions"]
    engine = create_async_engine(database_url)
    made = []
    async with engine.begin() as connection:
        quiz = (await connection.execute(quizzes.select().where(quizzes.c.id == quiz_id))).one()
        rows = (
            await connection.execute(questions.select().where(questions.c.quiz_id == quiz_id))
        ).all()
        quiz_rows, question_rows = [], []
        for n in range(count):
            copy = uuid.uuid4()
            quiz_rows.append({**quiz._asdict(), "id": copy, "title": f"Bench quiz {n}"})
            answers = {}
            for row in rows:
                question = uuid.uuid4()
                question_rows.append({**row._asdict(), "id": question, "quiz_id": copy})
                answers[str(question)] = True if row.kind == "true_false" else "b"
            made.append((f"/api/v1/quizzes/{copy}/attempts", json.dumps({"answers": answers})))
        await connection.execute(quizzes.insert(), quiz_rows)
        await connection.execute(questions.insert(), question_rows)
    await engine.dispose()
    return made


async def _vacuum(database_url: str) -> None:
    """What autovacuum does to an insert-only table soon after (index-only counts)."""
    engine = create_async_engine(database_url, isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.exec_driver_sql("VACUUM ANALYZE review_cards")
    await engine.dispose()


@dataclass
class _Build:
    """One version of the code under test, with its own database and its prepared world."""

    label: str
    source: Path
    database_url: str = ""
    env: dict[str, str] = field(default_factory=dict)
    quiz_id: str = ""
    body: str = ""
    auth: dict[str, str] = field(default_factory=dict)
    submit: dict[str, str] = field(default_factory=dict)
    copies: list[tuple[str, str]] = field(default_factory=list)
    runs: dict[str, list[WrkResult]] = field(
        default_factory=lambda: {"first": [], "later": [], "due": []}
    )

    def server(self) -> AbstractContextManager[subprocess.Popen[bytes]]:
        return process(
            [sys.executable, "-m", "tutor_platform.bootstrap.cli", "serve"],
            {**self.env, "PORT": str(PLATFORM_PORT)},
            f"http://127.0.0.1:{PLATFORM_PORT}/health/ready",
        )


def _exported(revision: str) -> Path:
    """The ``src`` and ``migrations`` of a git revision, under ``var/``."""
    commit = (
        subprocess.run(
            ["git", "rev-parse", "--short", revision], cwd=ROOT, check=True, capture_output=True
        )
        .stdout.decode()
        .strip()
    )
    target = ROOT / "var" / f"bench-{commit}"
    if not target.exists():
        target.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", commit, "src", "migrations"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def _prepare(build: _Build, rounds: int) -> None:
    """A fresh database migrated by the build's code, and the world of the scenarios."""
    build.database_url = asyncio.run(fresh_database(f"tutor_bench_assessment_{build.label}"))
    build.env = {
        **platform_env(build.database_url),
        "PYTHONPATH": str(build.source / "src"),
        "FIRST_ADMIN_EMAIL": ADMIN["email"],
        "FIRST_ADMIN_PASSWORD": ADMIN["password"],
    }
    cli = [sys.executable, "-m", "tutor_platform.bootstrap.cli", "migrate"]
    subprocess.run(cli, env={**os.environ, **build.env}, check=True)
    base = f"http://127.0.0.1:{PLATFORM_PORT}"
    with build.server():
        build.quiz_id, token, answers = _setup(base)
        build.auth = {"Authorization": f"Bearer {token}"}
        me = httpx.get(f"{base}/api/v1/users/me", headers=build.auth, timeout=30).json()
        quiz = httpx.get(f"{base}/api/v1/quizzes/{build.quiz_id}", headers=build.auth, timeout=30)
        course_id = quiz.json()["course_id"]
        asyncio.run(_cards(build.database_url, me["id"], build.quiz_id, course_id))
        build.copies = asyncio.run(
            _copies(build.database_url, build.quiz_id, COPIES_PER_ROUND * rounds)
        )
        asyncio.run(_vacuum(build.database_url))
        build.body = json.dumps({"answers": answers})
        build.submit = {
            "Authorization": f"Bearer {_taker(base)}",
            "Content-Type": "application/json",
        }


def _round(build: _Build, round_number: int, seconds: int) -> None:
    base = f"http://127.0.0.1:{PLATFORM_PORT}"
    fresh = build.copies[round_number * COPIES_PER_ROUND : (round_number + 1) * COPIES_PER_ROUND]
    with build.server():
        # A server just started compiles its statements on first use: warm it up first.
        with httpx.Client(base_url=base, timeout=30) as client:
            for path, body in fresh[:WARM_UP]:
                client.post(path, content=body, headers=build.submit).raise_for_status()
                client.get("/api/v1/review/due", headers=build.auth).raise_for_status()
        fresh = fresh[WARM_UP:]
        build.runs["first"].append(
            run_wrk(
                base,
                method="POST",
                headers=build.submit,
                paths=[path for path, _ in fresh],
                bodies=[body for _, body in fresh],
                connections=1,
                seconds=seconds,
            )
        )
        build.runs["later"].append(
            run_wrk(
                f"{base}/api/v1/quizzes/{build.quiz_id}/attempts",
                method="POST",
                headers=build.submit,
                body=build.body,
                connections=1,
                seconds=seconds,
            )
        )
        build.runs["due"].append(
            run_wrk(f"{base}/api/v1/review/due", headers=build.auth, connections=1, seconds=seconds)
        )


def run_assessment(args: argparse.Namespace) -> None:
    builds = [_Build("after", ROOT)]
    if getattr(args, "before", None):
        builds.insert(0, _Build("before", _exported(args.before)))
    for build in builds:
        _prepare(build, args.rounds)
    baseline: list[WrkResult] = []
    dsn = builds[-1].database_url.replace("postgresql+asyncpg", "postgresql")
    with baseline_server(BASELINE_PORT, dsn):
        for round_number in range(args.rounds):
            baseline.append(
                run_wrk(
                    f"http://127.0.0.1:{BASELINE_PORT}/baseline",
                    connections=1,
                    seconds=args.seconds,
                )
            )
            # Alternate who goes first, so a change of load between the two is shared.
            for build in builds if round_number % 2 == 0 else builds[::-1]:
                _round(build, round_number, args.seconds)
    base = median_of(baseline)
    sections = [
        (build.label, {name: median_of(runs) for name, runs in build.runs.items()})
        for build in builds
    ]
    write_section(
        ROOT / "docs" / "benchmarks.md",
        "assessment",
        _render(dt.datetime.now(dt.UTC), _machine(), args, base, sections),
    )


def _machine() -> str:
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"{machine_description()}; load average at the end {load}"


def _render(
    when: dt.datetime,
    machine: str,
    args: argparse.Namespace,
    base: Measurement,
    builds: list[tuple[str, dict[str, Measurement]]],
) -> str:
    def row(name: str, r: Measurement, target: str) -> str:
        return (
            f"| {name} | {r.rps:,.0f} | {r.p50_ms:.2f} | {r.p95_ms:.2f} | {r.p99_ms:.2f} | "
            f"{r.errors} | {r.p95_ms / base.p95_ms:.1f} x | {target} |"
        )

    rows = []
    for label, m in builds:
        first, later, due = m["first"], m["later"], m["due"]
        first_ok = "met" if first.p95_ms <= SUBMIT_P95_TARGET_MS else "MISSED"
        due_ok = "met" if due.p95_ms <= DUE_P95_TARGET_MS else "MISSED"
        name = "" if len(builds) == 1 else f"{label}: "
        rows += [
            row(
                f"{name}POST /quizzes/{{id}}/attempts, first attempt",
                first,
                f"p95 ≤ 40 ms: {first_ok}",
            ),
            row(f"{name}POST /quizzes/{{id}}/attempts, later attempt", later, ""),
            row(f"{name}GET /review/due ({CARDS:,} cards)", due, f"p95 ≤ 20 ms: {due_ok}"),
        ]
    compared = (
        f" *before* is revision `{args.before}`, *after* this tree, each round running both "
        "one after the other on the same port (each on its own database)."
        if len(builds) > 1
        else ""
    )
    return "\n".join(
        [
            "<!-- bench:assessment -->",
            "## Assessment: an attempt of 20 questions, the due review cards",
            "",
            f"- Date: {when:%Y-%m-%d %H:%M} UTC; machine: {machine}.",
            f"- wrk, 1 connection, {args.seconds} s per run, {base.rounds} interleaved rounds; "
            "medians shown. One `tutor-platform serve` process on PostgreSQL 15 (production "
            "settings, rate limits off) and the one-query baseline (`SELECT 1` behind "
            "Litestar) measured in the same rounds. The quiz has 10 true/false and 10 single "
            "choice questions, each testing its own lesson. A *first attempt* is the learner's "
            "first at a copy of the quiz (new questions, the same 20 lessons): it is graded and "
            "stored with 20 pieces of mastery evidence, 20 lessons traced and 20 review cards "
            "in one transaction; a *later attempt* at the same quiz adds no evidence or card. "
            f"Another learner has {CARDS:,} cards, half of them due (the table vacuumed, as "
            "autovacuum leaves an insert-only table), and reads the due list." + compared,
            "",
            "| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | p95 vs baseline | target |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
            *rows,
            row("baseline `SELECT 1`", base, ""),
            "<!-- /bench:assessment -->",
        ]
    )
