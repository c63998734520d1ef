"""Assessment: submitting an attempt of 20 questions (grading, mastery evidence, review cards,
all in the attempt's transaction) and ``GET /review/due`` for a learner with 5,000 cards, on
PostgreSQL, one uvicorn process, one connection (the latency a learner sees), next to the
one-query baseline in the same rounds (the machine's load shows in it).

A first attempt at a quiz is the one that writes mastery and review: each request of that
scenario is the learner's first attempt at another copy of the quiz (same 20 lessons, new
questions), so every one stores 20 pieces of evidence, retraces 20 lessons and makes 20 cards.
A later attempt at the same quiz adds none of them."""

import argparse
import asyncio
import datetime as dt
import json
import os
import uuid
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from scripts.bench.common import (
    BASELINE_PORT,
    PASSWORD,
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
from tutor_platform.bootstrap.tables import metadata

QUESTIONS = 20
CARDS = 5000
COPIES_PER_ROUND = 600
"""Quizzes for first attempts in one round (more than one connection submits in a round)."""
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


def run_assessment(args: argparse.Namespace) -> None:
    database_url, dsn = prepare_database("tutor_bench_assessment")
    env = {
        **platform_env(database_url),
        "FIRST_ADMIN_EMAIL": ADMIN["email"],
        "FIRST_ADMIN_PASSWORD": ADMIN["password"],
    }
    base = f"http://127.0.0.1:{PLATFORM_PORT}"
    runs: dict[str, list[WrkResult]] = {"first": [], "later": [], "due": [], "baseline": []}
    with platform_server(PLATFORM_PORT, env), baseline_server(BASELINE_PORT, dsn):
        quiz_id, token, answers = _setup(base)
        auth = {"Authorization": f"Bearer {token}"}
        me = httpx.get(f"{base}/api/v1/users/me", headers=auth, timeout=30).json()
        quiz = httpx.get(f"{base}/api/v1/quizzes/{quiz_id}", headers=auth, timeout=30).json()
        asyncio.run(_cards(database_url, me["id"], quiz_id, quiz["course_id"]))
        copies = asyncio.run(_copies(database_url, quiz_id, COPIES_PER_ROUND * args.rounds))
        asyncio.run(_vacuum(database_url))
        body = json.dumps({"answers": answers})
        submit = {"Authorization": f"Bearer {_taker(base)}", "Content-Type": "application/json"}
        one = {"connections": 1, "seconds": args.seconds}
        for round_number in range(args.rounds):
            runs["baseline"].append(run_wrk(f"http://127.0.0.1:{BASELINE_PORT}/baseline", **one))
            fresh = copies[round_number * COPIES_PER_ROUND : (round_number + 1) * COPIES_PER_ROUND]
            runs["first"].append(
                run_wrk(
                    base,
                    method="POST",
                    headers=submit,
                    paths=[path for path, _ in fresh],
                    bodies=[body for _, body in fresh],
                    **one,
                )
            )
            runs["later"].append(
                run_wrk(
                    f"{base}/api/v1/quizzes/{quiz_id}/attempts",
                    method="POST",
                    headers=submit,
                    body=body,
                    **one,
                )
            )
            runs["due"].append(
                run_wrk(
                    f"{base}/api/v1/review/due",
                    headers=auth,
                    connections=1,
                    seconds=args.seconds,
                )
            )
    measured = {name: median_of(results) for name, results in runs.items()}
    write_section(
        ROOT / "docs" / "benchmarks.md",
        "assessment",
        _render(dt.datetime.now(dt.UTC), _machine(), args.seconds, measured),
    )


def _machine() -> str:
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"{machine_description()}; load average at the end {load}"


def _render(when: dt.datetime, machine: str, seconds: int, m: dict[str, Measurement]) -> str:
    first, later, due, base = m["first"], m["later"], m["due"], m["baseline"]
    first_ok = "met" if first.p95_ms <= SUBMIT_P95_TARGET_MS else "MISSED"
    due_ok = "met" if due.p95_ms <= DUE_P95_TARGET_MS else "MISSED"

    def row(name: str, r: Measurement, target: str) -> str:
        return (
            f"| {name} | {r.rps:,.0f} | {r.p50_ms:.2f} | {r.p95_ms:.2f} | {r.p99_ms:.2f} | "
            f"{r.errors} | {r.p95_ms / base.p95_ms:.1f} x | {target} |"
        )

    return "\n".join(
        [
            "<!-- bench:assessment -->",
            "## Assessment: an attempt of 20 questions, the due review cards",
            "",
            f"- Date: {when:%Y-%m-%d %H:%M} UTC; machine: {machine}.",
            f"- wrk, 1 connection, {seconds} s per run, {first.rounds} interleaved rounds; "
            "medians shown. One `tutor-platform serve` process on PostgreSQL 15 (production "
            "settings, rate limits off) and the one-query baseline (`SELECT 1` behind "
            "Litestar) measured in the same rounds. The quiz has 10 true/false and 10 single "
            "choice questions, each testing its own lesson. A *first attempt* is the learner's "
            "first at a copy of the quiz (new questions, the same 20 lessons): it is graded and "
            "stored with 20 pieces of mastery evidence, 20 lessons traced and 20 review cards "
            "in one transaction; a *later attempt* at the same quiz adds no evidence or card. "
            f"Another learner has {CARDS:,} cards, half of them due (the table vacuumed, as "
            "autovacuum leaves an insert-only table), and reads the due list.",
            "",
            "| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | p95 vs baseline | target |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
            row("POST /quizzes/{id}/attempts, first attempt", first, f"p95 ≤ 40 ms: {first_ok}"),
            row("POST /quizzes/{id}/attempts, later attempt", later, ""),
            row(f"GET /review/due ({CARDS:,} cards)", due, f"p95 ≤ 20 ms: {due_ok}"),
            row("baseline `SELECT 1`", base, ""),
            "<!-- /bench:assessment -->",
        ]
    )
