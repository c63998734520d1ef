"""Assessment: submitting an attempt of 20 questions (grading, mastery evidence, review cards,
all in the attempt's transaction) and ``GET /review/due`` for a learner with 5,000 cards, on
PostgreSQL, one uvicorn process, one connection (the latency a learner sees)."""

import argparse
import asyncio
import datetime as dt
import json
import uuid
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from scripts.bench.common import (
    PASSWORD,
    PLATFORM_PORT,
    machine_description,
    median_of,
    platform_env,
    prepare_database,
    sign_up,
)
from scripts.bench.report import Measurement, write_section
from scripts.bench.servers import ROOT, platform_server
from scripts.bench.wrk import WrkResult, run_wrk

QUESTIONS = 20
CARDS = 5000
SUBMIT_P95_TARGET_MS = 40.0
DUE_P95_TARGET_MS = 20.0
ADMIN = {"email": "chief@example.com", "password": PASSWORD}


def _setup(base: str) -> tuple[str, str, dict[str, str]]:
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


def run_assessment(args: argparse.Namespace) -> None:
    database_url, _ = prepare_database("tutor_bench_assessment")
    env = {
        **platform_env(database_url),
        "FIRST_ADMIN_EMAIL": ADMIN["email"],
        "FIRST_ADMIN_PASSWORD": ADMIN["password"],
    }
    base = f"http://127.0.0.1:{PLATFORM_PORT}"
    runs: dict[str, list[WrkResult]] = {"submit": [], "due": []}
    with platform_server(PLATFORM_PORT, env):
        quiz_id, token, answers = _setup(base)
        auth = {"Authorization": f"Bearer {token}"}
        me = httpx.get(f"{base}/api/v1/users/me", headers=auth, timeout=30).json()
        quiz = httpx.get(f"{base}/api/v1/quizzes/{quiz_id}", headers=auth, timeout=30).json()
        asyncio.run(_cards(database_url, me["id"], quiz_id, quiz["course_id"]))
        body = json.dumps({"answers": answers})
        submit = {"Authorization": auth["Authorization"], "Content-Type": "application/json"}
        for _ in range(args.rounds):
            runs["submit"].append(
                run_wrk(
                    f"{base}/api/v1/quizzes/{quiz_id}/attempts",
                    method="POST",
                    headers=submit,
                    body=body,
                    connections=1,
                    seconds=args.seconds,
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
        _render(dt.datetime.now(dt.UTC), machine_description(), args.seconds, measured),
    )


def _render(when: dt.datetime, machine: str, seconds: int, m: dict[str, Measurement]) -> str:
    submit, due = m["submit"], m["due"]
    submit_ok = "met" if submit.p95_ms <= SUBMIT_P95_TARGET_MS else "MISSED"
    due_ok = "met" if due.p95_ms <= DUE_P95_TARGET_MS else "MISSED"
    return "\n".join(
        [
            "<!-- bench:assessment -->",
            "## Assessment: an attempt of 20 questions, the due review cards",
            "",
            f"- Date: {when:%Y-%m-%d %H:%M} UTC; machine: {machine}.",
            f"- wrk, 1 connection, {seconds} s per run, {submit.rounds} rounds; medians shown. "
            "One `tutor-platform serve` process on PostgreSQL 15 (production settings, "
            "rate limits off). The attempt (10 true/false, 10 single choice, each testing its "
            "own lesson) is graded and stored with its mastery evidence and review cards in one "
            "transaction (the first one makes the 20 cards; later ones add none). The learner "
            f"has {CARDS:,} cards, half of them due.",
            "",
            "| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | target |",
            "|---|---:|---:|---:|---:|---:|---|",
            f"| POST /quizzes/{{id}}/attempts (20 questions) | {submit.rps:,.0f} | "
            f"{submit.p50_ms:.2f} | {submit.p95_ms:.2f} | {submit.p99_ms:.2f} | "
            f"{submit.errors} | p95 ≤ 40 ms: {submit_ok} |",
            f"| GET /review/due ({CARDS:,} cards) | {due.rps:,.0f} | {due.p50_ms:.2f} | "
            f"{due.p95_ms:.2f} | {due.p99_ms:.2f} | {due.errors} | p95 ≤ 20 ms: {due_ok} |",
            "<!-- /bench:assessment -->",
        ]
    )
