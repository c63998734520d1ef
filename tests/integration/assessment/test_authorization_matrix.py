"""Every assessment route, for each caller: anonymous, a free student (the one whose answers
and mastery the world holds), a premium student (another learner), another instructor, the
course's instructor and an admin. A refused request changes nothing.

Reads and refused requests change nothing, so they share one world per module (the shared
world of ``tests/integration/conftest.py``), one row per route and caller; the requests that
succeed in changing something get a world of their own for each route.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.assessment.conftest import (
    API,
    MakeQuiz,
    Snapshot,
    created,
    free_text,
    quiz_body,
    submit,
    true_false,
)
from tests.integration.catalog.conftest import MakeCourse, course_maker

ACTORS = ("anonymous", "student", "premium", "other instructor", "course instructor", "admin")
CODES = {401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND", 422: "VALIDATION_ERROR"}
PREMIUM = 4030
"""403 with the code PREMIUM_REQUIRED."""
BKT = {"p_init": 0.2, "p_transit": 0.15, "p_slip": 0.05, "p_guess": 0.25}


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


def world_builder(
    client: Client, make_account: MakeAccount, make_course: MakeCourse, make_quiz: MakeQuiz
) -> Callable[[], Awaitable[World]]:
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
        essay = await make_quiz(teacher, course.id, questions=[free_text()])
        question_id = essay["questions"][0]["id"]
        attempt = await submit(
            client, accounts["student"], essay["id"], {question_id: "It is more specific."}
        )
        assert attempt.json()["status"] == "needs_review", attempt.text
        ids = {
            "course": course.id,
            "draft_course": draft.id,
            "lesson1": course.lesson_ids[0],
            "lesson2": course.lesson_ids[1],
            "quiz": quiz["id"],
            "premium_quiz": premium["id"],
            "hidden_quiz": hidden["id"],
            "student_id": accounts["student"].id,
            "essay_quiz": essay["id"],
            "attempt": attempt.json()["id"],
            "essay_question": question_id,
        }
        return World(accounts, ids)

    return world


@pytest.fixture
def build(
    client: Client, make_account: MakeAccount, make_course: MakeCourse, make_quiz: MakeQuiz
) -> Any:
    """A world of the test's own."""
    return world_builder(client, make_account, make_course, make_quiz)


@pytest.fixture
def shared(shared_client: Client) -> Client:
    shared_client.cookies.clear()
    return shared_client


@pytest.fixture(scope="module")
async def shared_world(shared_client: Client, shared_make_account: MakeAccount) -> World:
    """The module's shared world, for the rows that change nothing; its "fresh_quiz" (the
    quiz a DELETE row would remove) is never removed there, as only refusals target it."""

    async def make_quiz(author: Account, course_id: str, **fields: Any) -> dict[str, Any]:
        path = f"/courses/{course_id}/quizzes"
        return await created(shared_client, path, author, quiz_body(**fields))

    world = await world_builder(
        shared_client, shared_make_account, course_maker(shared_client), make_quiz
    )()
    fresh = await make_quiz(world.accounts["course instructor"], world.ids["course"])
    world.ids["fresh_quiz"] = fresh["id"]
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
    ("GET", "/quizzes/{essay_quiz}/review", None, authors(200)),
    (
        "GET",
        "/quizzes/{hidden_quiz}/review",
        None,
        each(403, anonymous=401, other_instructor=404, course_instructor=200, admin=200),
    ),
    ("PUT", "/attempts/{attempt}/results/{essay_question}", {"awarded_points": 1}, authors(200)),
    (
        "PUT",
        "/attempts/{attempt}/results/{essay_question}",
        {"awarded_points": 3},
        each(403, anonymous=401, course_instructor=422, admin=422),
    ),
    ("GET", "/courses/{course}/mastery-parameters", None, signed_in(200)),
    (
        "GET",
        "/courses/{draft_course}/mastery-parameters",
        None,
        signed_in(404, course_instructor=200, admin=200),
    ),
    ("PUT", "/courses/{course}/mastery-parameters", BKT, authors(200)),
    (
        "PUT",
        "/courses/{course}/mastery-parameters",
        {**BKT, "p_slip": 0.5, "p_guess": 0.5},
        each(403, anonymous=401, course_instructor=422, admin=422),
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


def _changes_the_world(method: str, status: int) -> bool:
    """A write that succeeds; every other request (reads, refusals) changes nothing."""
    return method != "GET" and status < 400


READ_ONLY_CASES = [
    pytest.param(method, path, body, actor, expected[actor], id=f"{method} {path} as {actor}")
    for method, path, body, expected in ROUTES
    for actor in ACTORS
    if not _changes_the_world(method, expected[actor])
]
WRITE_CASES = [
    pytest.param(method, path, body, expected, id=f"{method} {path}")
    for method, path, body, expected in ROUTES
    if any(_changes_the_world(method, status) for status in expected.values())
]


async def _check(
    client: Client,
    world: World,
    ids: dict[str, str],
    method: str,
    path: str,
    body: dict[str, Any] | None,
    actor: str,
    expected: int,
) -> None:
    account = world.accounts.get(actor)
    response = await client.request(
        method,
        API + path.format(**ids),
        json=fill(body, ids),
        headers=account.headers if account else {},
    )
    status, code = (
        (403, "PREMIUM_REQUIRED")
        if expected == PREMIUM
        else (
            expected,
            CODES.get(expected),
        )
    )
    assert response.status_code == status, (actor, response.text)
    if code is not None:
        assert_error(response, status, code)


@pytest.mark.parametrize(("method", "path", "body", "actor", "expected"), READ_ONLY_CASES)
async def test_each_caller_gets_what_their_role_allows(
    shared: Client,
    shared_world: World,
    snapshot: Snapshot,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    actor: str,
    expected: int,
) -> None:
    """Reads and refusals, on the module's shared world: each leaves everything as it was."""
    before = await snapshot()
    await _check(shared, shared_world, shared_world.ids, method, path, body, actor, expected)
    assert await snapshot() == before, actor


@pytest.mark.parametrize(("method", "path", "body", "expected"), WRITE_CASES)
async def test_each_caller_gets_what_their_role_allows_writes(
    client: Client,
    build: Any,
    make_quiz: MakeQuiz,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    expected: dict[str, int],
) -> None:
    """The callers whose write succeeds, one after the other on a world of the route's own
    (with a quiz of their own to delete)."""
    world: World = await build()
    for actor in ACTORS:
        if not _changes_the_world(method, expected[actor]):
            continue
        ids = dict(world.ids)
        if "{fresh_quiz}" in path:
            made = await make_quiz(world.accounts["course instructor"], ids["course"])
            ids["fresh_quiz"] = made["id"]
        await _check(client, world, ids, method, path, body, actor, expected[actor])


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
