"""Every lesson draft route, for each caller: anonymous, a free student, a premium student,
another instructor, the course's instructor and an admin; on a lesson of a published and of
an unpublished course (drafts are authoring: no one else learns more than 403).

All rows share one world per module (the shared world of ``tests/integration/conftest.py``):
a row adds drafts and jobs and applies a draft to the lesson, and no row's answer depends on
the lesson's content or on the drafts already there.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from typing import cast
from uuid import UUID, uuid4

import pytest
from litestar import Litestar

from tests.integration.accounts import Client, assert_error, in_app_loop
from tests.integration.media.lesson_media_support import (
    API,
    Lessons,
    People,
    container_of,
    headers,
    shared_lessons,
    shared_people,
)
from tutor_platform.media.domain.lesson_media import LessonDraft
from tutor_platform.shared.clock import SystemClock

__all__ = ["shared_lessons", "shared_people"]
CALLERS = ("anonymous", "free", "premium", "other_instructor", "instructor", "admin")
EDITORS_ONLY = dict(zip(CALLERS, (401, 403, 403, 403, 0, 0), strict=True))
CODES = {401: "UNAUTHENTICATED", 403: "FORBIDDEN"}


def stored_draft(client: Client, app: Litestar, lesson_id: str, course_id: str) -> str:
    """A draft as a finished job leaves it (made directly, to give each caller a fresh one)."""
    draft = LessonDraft(
        id=uuid4(),
        lesson_id=UUID(lesson_id),
        course_id=UUID(course_id),
        job_id=uuid4(),
        content="# Drafted\n\nNew text.",
        instructions=None,
        model_id="local-retrieval-1",
        provider="local",
        created_by=uuid4(),
        created_at=SystemClock().now(),
    )
    uow_factory = container_of(app).media.lesson_uow_factory()

    async def store() -> None:
        async with uow_factory() as uow:
            await uow.drafts.add(draft)
            await uow.commit()

    in_app_loop(client, store)
    return str(draft.id)


async def course_of(client: Client, people: People, lesson_id: str) -> str:
    response = await client.get(f"{API}/lessons/{lesson_id}", headers=people.admin.headers)
    course_id: str = response.json()["course_id"]
    return course_id


@pytest.mark.parametrize("lesson", ["free_lesson", "hidden_lesson"])
@pytest.mark.parametrize(
    ("method", "route", "success"),
    [
        ("POST", "generate-content", 202),
        ("GET", "drafts", 200),
        ("POST", "apply", 200),
    ],
)
async def test_draft_routes_are_for_the_course_editors_only(
    shared_client: Client,
    shared_people: People,
    shared_lessons: Lessons,
    lesson: str,
    method: str,
    route: str,
    success: int,
) -> None:
    client, app = shared_client, cast(Litestar, shared_client.app)
    lesson_id = getattr(shared_lessons, lesson)
    course_id = await course_of(client, shared_people, lesson_id)
    for name, account in shared_people.by_name().items():
        if route == "apply":
            draft_id = stored_draft(client, app, lesson_id, course_id)
            path = f"{API}/lessons/{lesson_id}/drafts/{draft_id}/apply"
        else:
            path = f"{API}/lessons/{lesson_id}/{route}"
        if method == "POST":
            response = await client.post(path, headers=headers(account))
        else:
            response = await client.get(path, headers=headers(account))
        expected = EDITORS_ONLY[name] or success
        if expected == success:
            assert response.status_code == success, (name, response.text)
        else:
            assert_error(response, expected, CODES[expected])
