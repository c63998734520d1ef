"""Bad quiz bodies, created and patched: a 422 in the common error body naming every bad field,
and nothing changed.

Nothing here changes the stored data, so the instructor, the course and the quiz are made once
for the module (the shared world of ``tests/integration/conftest.py``), not once per row.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from dataclasses import dataclass
from typing import Any

import pytest

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.assessment.conftest import (
    API,
    Body,
    Snapshot,
    created,
    free_text,
    quiz_body,
    single_choice,
    true_false,
)
from tests.integration.catalog.conftest import course_maker


@dataclass
class World:
    teacher: Account
    course_id: str
    quiz: Body


@pytest.fixture
def client(shared_client: Client) -> Client:
    shared_client.cookies.clear()
    return shared_client


@pytest.fixture(scope="module")
async def world(shared_client: Client, shared_make_account: MakeAccount) -> World:
    teacher = await shared_make_account("teacher", role="instructor")
    course = await course_maker(shared_client)(teacher, sections=1, lessons_per_section=1)
    quiz = await created(
        shared_client,
        f"/courses/{course.id}/quizzes",
        teacher,
        quiz_body(lesson_id=course.lesson_ids[0]),
    )
    return World(teacher, course.id, quiz)


BAD_BODIES: list[tuple[Body, set[str]]] = [
    ({"title": "   "}, {"title"}),
    ({"questions": []}, {"questions"}),
    ({"questions": [free_text(rubric=None)]}, {"questions[0].rubric"}),
    (
        {"questions": [{k: v for k, v in free_text().items() if k != "rubric"}]},
        {"questions[0].rubric"},
    ),
    (
        {"questions": [single_choice(correct_option_ids=["a", "b"])]},
        {"questions[0].correct_option_ids"},
    ),
    (
        {"questions": [single_choice(correct_option_ids=["zzz"])]},
        {"questions[0].correct_option_ids"},
    ),
    ({"questions": [single_choice(options=[{"text": "only"}])]}, {"questions[0].options"}),
    ({"questions": [true_false(), true_false(correct=None)]}, {"questions[1].correct"}),
    ({"questions": [true_false(options=[{"text": "a"}, {"text": "b"}])]}, {"questions[0].options"}),
    ({"questions": [true_false(points=0)]}, {"questions[0].points"}),
    ({"passing_score": 1.5}, {"passing_score"}),
    ({"passing_score": 0.12345}, {"passing_score"}),
    ({"max_attempts": 0}, {"max_attempts"}),
    ({"unknown": 1}, {"unknown"}),
    ({"questions": [true_false(extra=1)]}, {"questions[0].extra"}),
    ({"questions": [true_false(kind="essay")]}, {"questions[0].kind"}),
]


@pytest.mark.parametrize(("fields", "named"), BAD_BODIES)
async def test_bad_quizzes_are_refused_naming_the_fields(
    client: Client, world: World, snapshot: Snapshot, fields: Body, named: set[str]
) -> None:
    before = await snapshot()
    body: dict[str, Any] = {**quiz_body(), **fields}

    posted = await client.post(
        f"{API}/courses/{world.course_id}/quizzes", json=body, headers=world.teacher.headers
    )
    patched = await client.patch(
        f"{API}/quizzes/{world.quiz['id']}", json=fields, headers=world.teacher.headers
    )

    for response in (posted, patched):
        error = assert_error(response, 422, "VALIDATION_ERROR")
        assert named <= {e["field"] for e in error["errors"]}, error
    assert await snapshot() == before
