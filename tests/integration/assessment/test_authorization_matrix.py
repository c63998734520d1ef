"""Every assessment route, for each caller: anonymous, a free student, a premium student,
another instructor, the course's instructor and an admin. A refused request changes nothing.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from dataclasses import dataclass
from typing import Any

import pytest

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.assessment.conftest import (
    API,
    MakeQuiz,
    Snapshot,
    quiz_body,
    true_false,
)
from tests.integration.learning.conftest import MakeCourse

ACTORS = ("anonymous", "student", "premium", "other instructor", "course instructor", "admin")
CODES = {401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND"}
PREMIUM = 4030
"""403 with the code PREMIUM_REQUIRED."""


def each(status: int, **overrides: int) -> dict[str, int]:
    statuses = dict.fromkeys(ACTORS, status)
    statuses.update({key.replace("_", " "): value for key, value in overrides.items()})
    return statuses


def signed_in(status: int, **overrides: int) -> dict[str, int]:
    return each(status, anonymous=401, **overrides)


def authors(status: int) -> dict[str, int]:
    return each(status, anonymous=401, student=403, premium=403, other_instructor=403)


def premium_only(status: int) -> dict[str, int]:
    return each(PREMIUM, anonymous=401, premium=status, admin=status)


@dataclass
class World:
    accounts: dict[str, Account]
    ids: dict[str, str]


@pytest.fixture
def build(
    client: Client, make_account: MakeAccount, make_course: MakeCourse, make_quiz: MakeQuiz
) -> Any:
    async def world() -> World:
        teacher = await make_account("teacher", role="instructor")
        accounts = {
            "student": await make_account("student"),
            "premium": await make_account("member", plan="premium"),
            "other instructor": await make_account("rival", role="instructor"),
            "course instructor": teacher,
            "admin": await make_account("chief", role="admin"),
        }
        course = await make_course(teacher, sections=1, lessons_per_section=2)
        draft = await make_course(teacher, sections=0, published=False)
        quiz = await make_quiz(teacher, course.id, questions=[true_false()])
        premium = await make_quiz(teacher, course.id, questions=[true_false()], is_premium=True)
        hidden = await make_quiz(teacher, draft.id, questions=[true_false()])
        ids = {
            "course": course.id,
            "lesson1": course.lesson_ids[0],
            "lesson2": course.lesson_ids[1],
            "quiz": quiz["id"],
            "premium_quiz": premium["id"],
            "hidden_quiz": hidden["id"],
            "student_id": accounts["student"].id,
        }
        return World(accounts, ids)

    return world


Route = tuple[str, str, dict[str, Any] | None, dict[str, int]]
ROUTES: list[Route] = [
    ("GET", "/courses/{course}/quizzes", None, signed_in(200)),
    ("POST", "/courses/{course}/quizzes", quiz_body(), authors(201)),
    ("GET", "/quizzes/{quiz}", None, signed_in(200)),
    (
        "GET",
        "/quizzes/{premium_quiz}",
        None,
        signed_in(200, student=PREMIUM, other_instructor=PREMIUM),
    ),
    ("GET", "/quizzes/{hidden_quiz}", None, signed_in(404, course_instructor=200, admin=200)),
    ("GET", "/quizzes/{quiz}/authoring", None, authors(200)),
    (
        "GET",
        "/quizzes/{hidden_quiz}/authoring",
        None,
        each(403, anonymous=401, other_instructor=404, course_instructor=200, admin=200),
    ),
    ("PATCH", "/quizzes/{quiz}", {"title": "Renamed"}, authors(200)),
    ("PATCH", "/quizzes/{hidden_quiz}", {"title": "Renamed"}, authors(200)),
    ("DELETE", "/quizzes/{fresh_quiz}", None, authors(204)),
    ("POST", "/quizzes/{quiz}/attempts", {"answers": {}}, signed_in(201)),
    (
        "POST",
        "/quizzes/{premium_quiz}/attempts",
        {"answers": {}},
        signed_in(201, student=PREMIUM, other_instructor=PREMIUM),
    ),
    (
        "POST",
        "/quizzes/{hidden_quiz}/attempts",
        {"answers": {}},
        signed_in(404, course_instructor=201, admin=201),
    ),
    ("GET", "/quizzes/{quiz}/attempts", None, signed_in(200)),
    (
        "GET",
        "/quizzes/{hidden_quiz}/attempts",
        None,
        signed_in(404, course_instructor=200, admin=200),
    ),
    (
        "POST",
        "/assessments/free-text",
        {"question": "Why test?", "answer": "To catch bugs."},
        premium_only(200),
    ),
    ("POST", "/hybrid/adaptive-learning", {"course_id": "{course}"}, premium_only(200)),
    (
        "POST",
        "/hybrid/llm-assessment",
        {"question": "Why test?", "answer": "To catch bugs."},
        premium_only(200),
    ),
    (
        "POST",
        "/hybrid/synthesis",
        {"course_id": "{course}", "lesson_ids": ["{lesson1}", "{lesson2}"]},
        premium_only(200),
    ),
    (
        "POST",
        "/hybrid/mentor-session",
        {"goal": "Learn Python", "course_id": "{course}"},
        premium_only(200),
    ),
    ("GET", "/hybrid/usage/me", None, signed_in(200)),
    ("GET", "/hybrid/usage/{student_id}", None, each(403, anonymous=401, admin=200)),
]


def fill(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**ids) if value.startswith("{") else value
    if isinstance(value, list):
        return [fill(item, ids) for item in value]
    if isinstance(value, dict):
        return {key: fill(item, ids) for key, item in value.items()}
    return value


@pytest.mark.parametrize(
    ("method", "path", "body", "expected"), ROUTES, ids=[f"{m} {p}" for m, p, *_ in ROUTES]
)
async def test_each_caller_gets_what_their_role_allows(
    client: Client,
    build: Any,
    make_quiz: MakeQuiz,
    snapshot: Snapshot,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    expected: dict[str, int],
) -> None:
    world: World = await build()
    for actor in ACTORS:
        ids = dict(world.ids)
        if "{fresh_quiz}" in path:
            made = await make_quiz(world.accounts["course instructor"], ids["course"])
            ids["fresh_quiz"] = made["id"]
        account = world.accounts.get(actor)
        before = await snapshot()
        response = await client.request(
            method,
            API + path.format(**ids),
            json=fill(body, ids),
            headers=account.headers if account else {},
        )
        status, code = (
            (403, "PREMIUM_REQUIRED")
            if expected[actor] == PREMIUM
            else (
                expected[actor],
                CODES.get(expected[actor]),
            )
        )
        assert response.status_code == status, (actor, response.text)
        if code is not None:
            assert_error(response, status, code)
            assert await snapshot() == before, actor


async def test_free_callers_of_premium_features_are_told_premium_is_required(
    client: Client, make_account: MakeAccount
) -> None:
    student = await make_account("learner")
    instructor = await make_account("teacher", role="instructor")

    for who in (student, instructor):
        response = await client.post(
            f"{API}/hybrid/mentor-session", json={"goal": "Learn"}, headers=who.headers
        )
        assert_error(response, 403, "PREMIUM_REQUIRED")
