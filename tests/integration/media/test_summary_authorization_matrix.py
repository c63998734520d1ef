"""Every lesson summary route, for each caller: anonymous, a free student, a premium student,
another instructor (free plan), the course's instructor and an admin; on a free lesson, a
premium lesson and a lesson of an unpublished course.

All rows share one world per module (the shared world of ``tests/integration/conftest.py``):
the only change a row makes is a new summary job, and no row's answer depends on how many
there are.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

import pytest

from tests.integration.accounts import Client, assert_error
from tests.integration.media.lesson_media_support import (
    API,
    Lessons,
    People,
    headers,
    shared_lessons,
    shared_people,
)

__all__ = ["shared_lessons", "shared_people"]
CALLERS = ("anonymous", "free", "premium", "other_instructor", "instructor", "admin")
CODES = {401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND"}
PREMIUM = "PREMIUM_REQUIRED"

Expected = int | tuple[int, str]


def expect(*outcomes: Expected) -> dict[str, Expected]:
    return dict(zip(CALLERS, outcomes, strict=True))


CASES: list[tuple[str, str, dict[str, Expected]]] = [
    (
        "POST",
        "free_lesson",
        expect(401, (403, PREMIUM), 202, (403, PREMIUM), 202, 202),
    ),
    (
        "POST",
        "premium_lesson",
        expect(401, (403, PREMIUM), 202, (403, PREMIUM), 202, 202),
    ),
    ("POST", "hidden_lesson", expect(401, 404, 404, 404, 202, 202)),
    ("GET", "free_lesson", expect(200, 200, 200, 200, 200, 200)),
    (
        "GET",
        "premium_lesson",
        expect((403, PREMIUM), (403, PREMIUM), 200, (403, PREMIUM), 200, 200),
    ),
    ("GET", "hidden_lesson", expect(404, 404, 404, 404, 200, 200)),
]


@pytest.mark.parametrize(("method", "lesson", "expected"), CASES)
async def test_summary_routes_answer_each_caller_as_specified(
    shared_client: Client,
    shared_people: People,
    shared_lessons: Lessons,
    method: str,
    lesson: str,
    expected: dict[str, Expected],
) -> None:
    client = shared_client
    path = f"{API}/lessons/{getattr(shared_lessons, lesson)}/summaries"
    for name, account in shared_people.by_name().items():
        outcome = expected[name]
        status, code = outcome if isinstance(outcome, tuple) else (outcome, CODES.get(outcome))
        if method == "POST":
            response = await client.post(path, json={"kind": "audio"}, headers=headers(account))
        else:
            response = await client.get(path, headers=headers(account))
        if code is None:
            assert response.status_code == status, (name, response.text)
        else:
            assert_error(response, status, code)
