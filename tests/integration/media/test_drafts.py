"""AI lesson drafts over HTTP, end to end on the default (local) AI model: a job writes the
draft, the lesson stays as it was until the instructor applies it, a draft is applied once;
every refused request changes nothing."""

import asyncio
from typing import Any
from uuid import uuid4

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.integration.accounts import Client, assert_error
from tests.integration.media.lesson_media_support import (
    API,
    LESSON_CONTENT,
    Lessons,
    People,
    job_worker,
    lessons,
    people,
    queue_name,
    settings,
    wait_for_job,
)
from tutor_platform.bootstrap.container import RootContainer
from tutor_platform.shared.jobs.tables import JobRow

pytestmark = pytest.mark.both_databases

__all__ = ["job_worker", "lessons", "people", "queue_name", "settings"]


async def generate(
    client: Client, people: People, lesson_id: str, body: Any = None
) -> dict[str, Any]:
    """Ask for a draft as the instructor and wait for the job's outcome."""
    options = {} if body is None else {"json": body}
    response = await client.post(
        f"{API}/lessons/{lesson_id}/generate-content", headers=people.instructor.headers, **options
    )
    assert response.status_code == 202, response.text
    job = await wait_for_job(client, people.instructor, response.json()["job_id"])
    assert job["status"] == "succeeded", job
    return job


async def lesson_content(client: Client, people: People, lesson_id: str) -> str:
    response = await client.get(f"{API}/lessons/{lesson_id}", headers=people.instructor.headers)
    content: str = response.json()["content"]
    return content


async def test_a_draft_is_kept_for_review_and_changes_nothing_until_applied(
    client: Client, people: People, lessons: Lessons, job_worker: RootContainer | None
) -> None:
    job = await generate(
        client, people, lessons.free_lesson, {"instructions": "  Add a worked example.  "}
    )

    listing = await client.get(
        f"{API}/lessons/{lessons.free_lesson}/drafts", headers=people.instructor.headers
    )

    assert job["kind"] == "media.generate_lesson_draft"
    assert listing.status_code == 200
    [draft] = listing.json()["items"]
    assert draft["id"] == job["result"]["draft_id"]
    assert draft["lesson_id"] == lessons.free_lesson
    assert draft["course_id"] == lessons.course_id
    assert draft["job_id"] == job["id"]
    assert draft["instructions"] == "Add a worked example."
    assert (draft["provider"], draft["model_id"]) == ("local", "local-retrieval-1")
    assert draft["created_by"] == people.instructor.id
    assert draft["applied_at"] is None
    assert "Mitochondria" in draft["content"]
    assert await lesson_content(client, people, lessons.free_lesson) == LESSON_CONTENT


async def test_the_offline_draft_is_an_outline_that_names_the_instructions_it_did_not_follow(
    client: Client, people: People, lessons: Lessons, job_worker: RootContainer | None
) -> None:
    await generate(client, people, lessons.free_lesson, {"instructions": "Add a worked example."})

    listing = await client.get(
        f"{API}/lessons/{lessons.free_lesson}/drafts", headers=people.instructor.headers
    )

    [draft] = listing.json()["items"]
    assert draft["content"] == (
        "# Cell energy\n\n"
        "- Every living cell needs a steady supply of energy.\n"
        "- It gets it by breaking down sugar.\n\n"
        "## Mitochondria\n\n"
        "- Mitochondria are small structures inside the cell.\n"
        "- They turn sugar and oxygen into ATP, the molecule the cell spends as energy.\n"
        "- They even carry their own DNA.\n\n"
        "## Why it matters\n\n"
        "- Muscles and nerves use a lot of ATP.\n"
        "- When mitochondria fail, the whole body feels it.\n\n"
        "This draft is an outline of the current lesson. The offline model cannot write new "
        "material, so these instructions were not carried out: “Add a worked example”."
    )


async def test_applying_a_draft_makes_it_the_lesson_content_once(
    client: Client, people: People, lessons: Lessons, job_worker: RootContainer | None
) -> None:
    job = await generate(client, people, lessons.free_lesson)
    draft_id = job["result"]["draft_id"]
    apply = f"{API}/lessons/{lessons.free_lesson}/drafts/{draft_id}/apply"

    applied = await client.post(apply, headers=people.admin.headers)
    again = await client.post(apply, headers=people.instructor.headers)

    assert applied.status_code == 200, applied.text
    lesson = applied.json()
    draft = (
        await client.get(
            f"{API}/lessons/{lessons.free_lesson}/drafts", headers=people.instructor.headers
        )
    ).json()["items"][0]
    assert lesson["id"] == lessons.free_lesson
    assert lesson["course_id"] == lessons.course_id
    assert lesson["title"] == "Cell energy"
    assert lesson["content"] == draft["content"]
    assert await lesson_content(client, people, lessons.free_lesson) == draft["content"]
    assert draft["applied_at"] is not None
    assert_error(again, 409, "CONFLICT")


async def test_of_two_simultaneous_applies_one_wins_and_the_other_is_a_conflict(
    client: Client, people: People, lessons: Lessons, job_worker: RootContainer | None
) -> None:
    draft_id = (await generate(client, people, lessons.free_lesson))["result"]["draft_id"]
    apply = f"{API}/lessons/{lessons.free_lesson}/drafts/{draft_id}/apply"

    responses = await asyncio.gather(
        client.post(apply, headers=people.instructor.headers),
        client.post(apply, headers=people.admin.headers),
    )

    assert sorted(r.status_code for r in responses) == [200, 409]


@pytest.mark.parametrize("body", [None, {}, {"instructions": None}, {"instructions": "   "}])
async def test_instructions_are_optional(
    client: Client,
    people: People,
    lessons: Lessons,
    job_worker: RootContainer | None,
    body: Any,
) -> None:
    job = await generate(client, people, lessons.free_lesson, body)

    drafts = await client.get(
        f"{API}/lessons/{lessons.free_lesson}/drafts", headers=people.instructor.headers
    )
    [draft] = drafts.json()["items"]
    assert draft["id"] == job["result"]["draft_id"]
    assert draft["instructions"] is None


async def job_count(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        # media's own jobs: the lesson writes of the fixtures enqueue learning's index jobs
        media_jobs = select(func.count()).select_from(JobRow).where(JobRow.kind.like("media.%"))
        return int(await connection.scalar(media_jobs) or 0)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"instructions": "x" * 2001}, "instructions"),
        ({"instructions": 42}, "instructions"),
        ({"instructions": "ok", "model": "gpt"}, None),
        (["instructions"], None),
    ],
)
async def test_bad_instructions_are_refused_and_start_no_job(
    client: Client,
    people: People,
    lessons: Lessons,
    db_engine: AsyncEngine,
    body: Any,
    field: str | None,
) -> None:
    response = await client.post(
        f"{API}/lessons/{lessons.free_lesson}/generate-content",
        json=body,
        headers=people.instructor.headers,
    )

    errors = assert_error(response, 422, "VALIDATION_ERROR")
    if field is not None:
        assert errors["errors"][0]["field"] == field
    assert await job_count(db_engine) == 0


async def test_unknown_lessons_and_drafts_are_not_found(
    client: Client,
    people: People,
    lessons: Lessons,
    db_engine: AsyncEngine,
    job_worker: RootContainer | None,
) -> None:
    draft_id = (await generate(client, people, lessons.free_lesson))["result"]["draft_id"]
    jobs_before = await job_count(db_engine)
    unknown = str(uuid4())
    auth = people.instructor.headers

    for path in (
        f"{API}/lessons/{unknown}/generate-content",
        f"{API}/lessons/{unknown}/drafts/{draft_id}/apply",
        f"{API}/lessons/{lessons.free_lesson}/drafts/{unknown}/apply",
        f"{API}/lessons/{lessons.premium_lesson}/drafts/{draft_id}/apply",
        f"{API}/lessons/{lessons.free_lesson}/drafts/not-a-uuid/apply",
    ):
        assert_error(await client.post(path, headers=auth), 404, "NOT_FOUND")
    assert_error(
        await client.get(f"{API}/lessons/{unknown}/drafts", headers=auth), 404, "NOT_FOUND"
    )

    assert await job_count(db_engine) == jobs_before
    assert await lesson_content(client, people, lessons.free_lesson) == LESSON_CONTENT
    assert await lesson_content(client, people, lessons.premium_lesson) != LESSON_CONTENT


async def test_another_instructor_can_neither_draft_nor_apply(
    client: Client,
    people: People,
    lessons: Lessons,
    db_engine: AsyncEngine,
    job_worker: RootContainer | None,
) -> None:
    draft_id = (await generate(client, people, lessons.free_lesson))["result"]["draft_id"]
    jobs_before = await job_count(db_engine)
    rival = people.other_instructor.headers

    drafted = await client.post(
        f"{API}/lessons/{lessons.free_lesson}/generate-content", headers=rival
    )
    applied = await client.post(
        f"{API}/lessons/{lessons.free_lesson}/drafts/{draft_id}/apply", headers=rival
    )

    assert_error(drafted, 403, "FORBIDDEN")
    assert_error(applied, 403, "FORBIDDEN")
    assert await job_count(db_engine) == jobs_before
    assert await lesson_content(client, people, lessons.free_lesson) == LESSON_CONTENT
    drafts = await client.get(
        f"{API}/lessons/{lessons.free_lesson}/drafts", headers=people.instructor.headers
    )
    assert drafts.json()["items"][0]["applied_at"] is None
