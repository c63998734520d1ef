"""Summaries spoken by ElevenLabs (``SPEECH_PROVIDER=elevenlabs``, the real SDK against a fake
server on localhost): the narration is sent as ElevenLabs expects and the MP3 it answers is
the summary's file; an ElevenLabs that keeps failing leaves no file and no summary."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import make_settings
from tests.contract.speech_synthesizer.fake_elevenlabs import (
    FakeElevenLabs,
    elevenlabs_error,
    mp3_frames,
)
from tests.fakes.asgi import serve_asgi
from tests.integration.accounts import Client
from tests.integration.media.lesson_media_support import (
    API,
    Lessons,
    People,
    job_worker,
    lessons,
    people,
    queue_name,
    wait_for_job,
)
from tutor_platform.bootstrap.container import RootContainer
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.media.adapters.outbound.sqlalchemy.lesson_media_tables import (
    LessonSummaryRow,
)
from tutor_platform.media.adapters.outbound.sqlalchemy.tables import FileRow

pytestmark = pytest.mark.both_databases

__all__ = ["job_worker", "lessons", "people", "queue_name"]
API_KEY = "test-elevenlabs-key-42"


@pytest.fixture(scope="module")
def elevenlabs_server() -> Iterator[FakeElevenLabs]:
    fake = FakeElevenLabs()
    with serve_asgi(fake) as url:
        fake.url = url
        yield fake


@pytest.fixture
def fake_elevenlabs(elevenlabs_server: FakeElevenLabs) -> FakeElevenLabs:
    elevenlabs_server.reset()
    return elevenlabs_server


@pytest.fixture
def settings(
    database_url: str, storage_dir: Path, queue_name: str, fake_elevenlabs: FakeElevenLabs
) -> Settings:
    return make_settings(
        database_url,
        storage_dir=str(storage_dir),
        job_queue_name=queue_name,
        refresh_token_purge_interval_seconds=0,
        speech_provider="elevenlabs",
        elevenlabs_api_key=API_KEY,
        elevenlabs_base_url=fake_elevenlabs.url,
        elevenlabs_voice_id="narrator-1",
        elevenlabs_model_id="eleven_test",
        ai_backoff_seconds=0.01,
        # Every job attempt meets the failing provider (no circuit opened by the previous one).
        ai_breaker_failure_threshold=100,
    )


@pytest.fixture
def job_backoff_seconds() -> float:
    """A failing job is retried at once, not after the task's 10 s and 20 s, so the test
    waits for its end and its client's shutdown has no retry left to wait for."""
    return 0.01


async def rows(engine: AsyncEngine) -> tuple[int, int]:
    async with engine.connect() as connection:
        summaries = await connection.scalar(select(func.count()).select_from(LessonSummaryRow))
        files = await connection.scalar(select(func.count()).select_from(FileRow))
    return int(summaries or 0), int(files or 0)


async def test_an_elevenlabs_narration_is_stored_as_an_mp3_summary(
    client: Client,
    people: People,
    lessons: Lessons,
    fake_elevenlabs: FakeElevenLabs,
    job_worker: RootContainer | None,
) -> None:
    response = await client.post(
        f"{API}/lessons/{lessons.free_lesson}/summaries",
        json={"kind": "audio"},
        headers=people.premium.headers,
    )
    job = await wait_for_job(client, people.premium, response.json()["job_id"])

    assert job["status"] == "succeeded", job
    request = fake_elevenlabs.last_request
    assert request.path == "/v1/text-to-speech/narrator-1"
    assert request.headers["xi-api-key"] == API_KEY
    assert request.json()["model_id"] == "eleven_test"
    summary = (await client.get(f"{API}/lessons/{lessons.free_lesson}/summaries")).json()
    script = summary["items"][0]["script"]
    assert request.json()["text"] == script
    file_id = job["result"]["file_id"]
    file = (await client.get(f"{API}/files/{file_id}")).json()
    assert (file["content_type"], file["filename"]) == (
        "audio/mpeg",
        "Cell energy - audio summary.mp3",
    )
    assert file["duration_ms"] > 1000
    content = (await client.get(f"{API}/files/{file_id}/content")).content
    assert content == mp3_frames(len(script.split()) * 0.4)
    assert content[0] == 0xFF
    assert content[1] & 0xE0 == 0xE0


async def test_an_elevenlabs_that_keeps_failing_leaves_no_summary(
    client: Client,
    people: People,
    lessons: Lessons,
    fake_elevenlabs: FakeElevenLabs,
    db_engine: AsyncEngine,
    job_worker: RootContainer | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fake_elevenlabs, "default", lambda request: elevenlabs_error(500))
    response = await client.post(
        f"{API}/lessons/{lessons.free_lesson}/summaries",
        json={"kind": "video"},
        headers=people.instructor.headers,
    )

    job = await wait_for_job(client, people.instructor, response.json()["job_id"])

    assert job["status"] == "failed", job
    assert "elevenlabs did not answer successfully (http_500, 3 attempts)" in job["error"]
    assert len(fake_elevenlabs.requests) == 9  # three job attempts of three calls each
    assert await rows(db_engine) == (0, 0)
