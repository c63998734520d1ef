"""Lesson summaries over HTTP, end to end on the default adapters (local AI model, local
speech, moviepy): the job's progress and outcome, a real WAV and a real MP4 to download, the
lesson's list; and every way a request is refused, changing nothing."""

import asyncio
import io
import struct
from typing import Any
from uuid import uuid4

import mutagen
import pytest
from dependency_injector import providers
from litestar import Litestar
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.integration.accounts import Client, assert_error
from tests.integration.media.lesson_media_support import (
    API,
    Lessons,
    People,
    container_of,
    job_worker,
    lessons,
    people,
    queue_name,
    settings,
    wait_for_job,
)
from tutor_platform.bootstrap.container import RootContainer
from tutor_platform.media.adapters.outbound.sqlalchemy.lesson_media_tables import (
    LessonSummaryRow,
)
from tutor_platform.media.adapters.outbound.sqlalchemy.tables import FileRow
from tutor_platform.media.ports.authoring import SpeechAudio, SpeechSynthesizer
from tutor_platform.shared.jobs.tables import JobRow

pytestmark = pytest.mark.both_databases

__all__ = ["job_worker", "lessons", "people", "queue_name", "settings"]


class UnhurriedSpeech:
    """The real speech, a second late: each step of the job is visible for a while."""

    def __init__(self, inner: SpeechSynthesizer) -> None:
        self._inner = inner

    async def synthesize(self, text: str) -> SpeechAudio:
        await asyncio.sleep(1.0)
        return await self._inner.synthesize(text)

    async def aclose(self) -> None:
        return None


def unhurried(app: Litestar, worker: RootContainer | None) -> None:
    """Slow the speech down wherever the job runs (the API process, or the SAQ worker)."""
    for container in (container_of(app), worker):
        if container is not None:
            inner = container.media.speech_synthesizer()
            container.media.speech_synthesizer.override(providers.Object(UnhurriedSpeech(inner)))


async def request_summary(client: Client, lesson_id: str, account: Any, kind: str = "audio") -> str:
    response = await client.post(
        f"{API}/lessons/{lesson_id}/summaries", json={"kind": kind}, headers=account.headers
    )
    assert response.status_code == 202, response.text
    assert set(response.json()) == {"job_id"}
    job_id: str = response.json()["job_id"]
    return job_id


def mp4_boxes(data: bytes) -> list[str]:
    boxes, offset = [], 0
    while offset + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        boxes.append(kind.decode("latin-1"))
        if size < 8:
            break
        offset += size
    return boxes


async def test_a_premium_student_gets_an_audio_summary_anyone_may_play(
    client: Client, people: People, lessons: Lessons, job_worker: RootContainer | None
) -> None:
    job_id = await request_summary(client, lessons.free_lesson, people.premium)

    job = await wait_for_job(client, people.premium, job_id)

    assert job["status"] == "succeeded", job
    assert job["kind"] == "media.render_summary"
    assert job["progress"] == 1.0
    listing = await client.get(f"{API}/lessons/{lessons.free_lesson}/summaries")
    assert listing.status_code == 200
    [summary] = listing.json()["items"]
    assert listing.json()["total"] == 1
    assert summary["id"] == job["result"]["summary_id"]
    assert summary["file_id"] == job["result"]["file_id"]
    assert summary["kind"] == "audio"
    assert summary["job_id"] == job_id
    assert summary["created_by"] == people.premium.id
    assert summary["script"] == (
        "Here is a short summary of the lesson Cell energy. Every living cell needs a steady "
        "supply of energy. It gets it by breaking down sugar. Mitochondria are small structures "
        "inside the cell. They turn sugar and oxygen into ATP, the molecule the cell spends as "
        "energy. Muscles and nerves use a lot of ATP. When mitochondria fail, the whole body "
        "feels it."
    )
    file = (await client.get(f"{API}/files/{summary['file_id']}")).json()
    assert file["kind"] == "audio"
    assert file["content_type"] == "audio/wav"
    assert file["visibility"] == "public"
    assert file["owner_id"] == people.premium.id
    assert file["duration_ms"] > 2000
    content = await client.get(f"{API}/files/{summary['file_id']}/content")
    assert content.status_code == 200
    assert content.content[:4] == b"RIFF"
    assert content.content[8:12] == b"WAVE"
    assert mutagen.File(io.BytesIO(content.content)).info.length * 1000 == pytest.approx(
        file["duration_ms"], abs=2
    )


async def test_the_instructor_gets_a_video_summary_and_can_follow_its_progress(
    client: Client,
    app: Litestar,
    people: People,
    lessons: Lessons,
    job_worker: RootContainer | None,
) -> None:
    unhurried(app, job_worker)
    job_id = await request_summary(client, lessons.free_lesson, people.instructor, "video")
    progress: list[float] = []

    job = await wait_for_job(
        client,
        people.instructor,
        job_id,
        seen=lambda state: progress.append(state.get("progress") or 0.0),
    )

    assert job["status"] == "succeeded", job
    assert 0.3 in progress
    assert progress == sorted(progress)
    assert progress[-1] == 1.0
    file_id = job["result"]["file_id"]
    file = (await client.get(f"{API}/files/{file_id}", headers=people.instructor.headers)).json()
    assert (file["kind"], file["content_type"]) == ("video", "video/mp4")
    assert file["filename"] == "Cell energy - video summary.mp4"
    listing = await client.get(f"{API}/lessons/{lessons.free_lesson}/summaries")
    [summary] = listing.json()["items"]
    assert summary["script"].startswith("Here is a short summary of the lesson Cell energy. ")
    assert not set("#*`|\n") & set(summary["script"])
    assert summary["script"].endswith(".")
    video = (await client.get(f"{API}/files/{file_id}/content")).content
    assert mp4_boxes(video)[:2] == ["ftyp", "moov"]
    assert b"avc1" in video
    seconds = mutagen.File(io.BytesIO(video)).info.length
    assert 10 < seconds < 90
    assert seconds * 1000 == pytest.approx(file["duration_ms"], abs=50)
    stranger = await client.get(f"{API}/jobs/{job_id}", headers=people.premium.headers)
    assert_error(stranger, 404, "NOT_FOUND")


async def test_a_premium_lessons_summaries_are_for_those_who_may_read_it(
    client: Client, people: People, lessons: Lessons, job_worker: RootContainer | None
) -> None:
    job_id = await request_summary(client, lessons.premium_lesson, people.premium)
    assert (await wait_for_job(client, people.premium, job_id))["status"] == "succeeded"
    path = f"{API}/lessons/{lessons.premium_lesson}/summaries"

    for reader in (people.premium, people.instructor, people.admin):
        response = await client.get(path, headers=reader.headers)
        assert response.json()["total"] == 1
    for refused in ({}, people.free.headers):
        assert_error(await client.get(path, headers=refused), 403, "PREMIUM_REQUIRED")


async def test_summaries_are_paged_newest_first_and_hidden_once_their_file_is_deleted(
    client: Client, people: People, lessons: Lessons, job_worker: RootContainer | None
) -> None:
    made = []
    for _ in range(3):
        job_id = await request_summary(client, lessons.free_lesson, people.instructor)
        made.append((await wait_for_job(client, people.instructor, job_id))["result"])
    path = f"{API}/lessons/{lessons.free_lesson}/summaries"

    page = (await client.get(path, params={"limit": 2, "offset": 1})).json()
    deleted = await client.delete(
        f"{API}/files/{made[2]['file_id']}", headers=people.instructor.headers
    )
    after = (await client.get(path)).json()

    assert (page["total"], page["limit"], page["offset"]) == (3, 2, 1)
    assert [s["id"] for s in page["items"]] == [made[1]["summary_id"], made[0]["summary_id"]]
    assert deleted.status_code == 204
    assert [s["id"] for s in after["items"]] == [made[1]["summary_id"], made[0]["summary_id"]]


async def job_count(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        # media's own jobs: the lesson writes of the fixtures enqueue learning's index jobs
        media_jobs = select(func.count()).select_from(JobRow).where(JobRow.kind.like("media.%"))
        return int(await connection.scalar(media_jobs) or 0)


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"kind": "podcast"}, 422, "VALIDATION_ERROR"),
        ({}, 422, "VALIDATION_ERROR"),
        ({"kind": "audio", "voice": "x"}, 422, "VALIDATION_ERROR"),
        ({"kind": 1}, 422, "VALIDATION_ERROR"),
        ([], 422, "VALIDATION_ERROR"),
        (b"{not json", 400, "BAD_REQUEST"),
    ],
)
async def test_a_bad_request_body_is_refused_and_starts_no_job(
    client: Client,
    people: People,
    lessons: Lessons,
    db_engine: AsyncEngine,
    body: object,
    status: int,
    code: str,
) -> None:
    options: dict[str, Any] = (
        {
            "content": body,
            "headers": {**people.instructor.headers, "content-type": "application/json"},
        }
        if isinstance(body, bytes)
        else {"json": body, "headers": people.instructor.headers}
    )

    response = await client.post(f"{API}/lessons/{lessons.free_lesson}/summaries", **options)

    errors = assert_error(response, status, code)
    if body == {"kind": "podcast"}:
        assert errors["errors"][0]["field"] == "kind"
    assert await job_count(db_engine) == 0


async def test_unknown_and_hidden_lessons_are_not_found(
    client: Client, people: People, lessons: Lessons, db_engine: AsyncEngine
) -> None:
    for lesson_id in (str(uuid4()), lessons.hidden_lesson):
        path = f"{API}/lessons/{lesson_id}/summaries"
        response = await client.post(path, json={"kind": "audio"}, headers=people.premium.headers)
        assert_error(response, 404, "NOT_FOUND")
        assert_error(await client.get(path, headers=people.premium.headers), 404, "NOT_FOUND")
    assert_error(await client.get(f"{API}/lessons/not-a-uuid/summaries"), 404, "NOT_FOUND")
    assert await job_count(db_engine) == 0


async def test_free_users_need_premium_and_start_no_job(
    client: Client, people: People, lessons: Lessons, db_engine: AsyncEngine
) -> None:
    response = await client.post(
        f"{API}/lessons/{lessons.free_lesson}/summaries",
        json={"kind": "video"},
        headers=people.free.headers,
    )

    assert_error(response, 403, "PREMIUM_REQUIRED")
    assert await job_count(db_engine) == 0


@pytest.mark.parametrize("query", [{"limit": 0}, {"limit": 101}, {"offset": -1}])
async def test_bad_paging_is_refused(
    client: Client, lessons: Lessons, query: dict[str, int]
) -> None:
    response = await client.get(f"{API}/lessons/{lessons.free_lesson}/summaries", params=query)

    assert_error(response, 422, "VALIDATION_ERROR")


async def test_a_summary_row_and_its_file_are_stored_together(
    client: Client,
    people: People,
    lessons: Lessons,
    db_engine: AsyncEngine,
    job_worker: RootContainer | None,
) -> None:
    job_id = await request_summary(client, lessons.free_lesson, people.admin)
    await wait_for_job(client, people.admin, job_id)

    async with db_engine.connect() as connection:
        summaries = (await connection.execute(select(LessonSummaryRow.__table__))).all()
        files = (await connection.execute(select(FileRow.__table__))).all()

    assert [str(row.job_id) for row in summaries] == [job_id]
    assert [row.id for row in files] == [summaries[0].file_id]
