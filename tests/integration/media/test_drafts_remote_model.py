"""A draft written by a remote AI provider (AI-Core, against a fake server on localhost): the
request carries the lesson within its course outline and the instructor's instructions, and
the provider's answer becomes the draft; a provider that keeps failing fails the job."""

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import make_settings
from tests.fakes.ai_core_server import FakeAiCore, ai_core_error, ai_core_reply
from tests.fakes.fixtures import fake_ai_core, fake_ai_core_server
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

pytestmark = pytest.mark.both_databases

__all__ = ["fake_ai_core", "fake_ai_core_server", "job_worker", "lessons", "people", "queue_name"]


@pytest.fixture
def settings(
    database_url: str, storage_dir: Path, queue_name: str, fake_ai_core: FakeAiCore
) -> Settings:
    return make_settings(
        database_url,
        storage_dir=str(storage_dir),
        job_queue_name=queue_name,
        refresh_token_purge_interval_seconds=0,
        ai_provider_default="ai_core",
        ai_core_url=fake_ai_core.url,
        ai_backoff_seconds=0.01,
        # Every job attempt meets the failing provider (no circuit opened by the previous one).
        ai_breaker_failure_threshold=100,
    )


@pytest.fixture
def job_backoff_seconds() -> float:
    """A failing job is retried at once, not after the task's 10 s and 20 s, so the test
    waits for its end and its client's shutdown has no retry left to wait for."""
    return 0.01


async def start_draft(client: Client, people: People, lesson_id: str, **body: Any) -> str:
    response = await client.post(
        f"{API}/lessons/{lesson_id}/generate-content", json=body, headers=people.instructor.headers
    )
    assert response.status_code == 202, response.text
    job_id: str = response.json()["job_id"]
    return job_id


async def test_the_provider_is_asked_for_this_lesson_within_its_outline(
    client: Client,
    people: People,
    lessons: Lessons,
    fake_ai_core: FakeAiCore,
    job_worker: RootContainer | None,
) -> None:
    fake_ai_core.enqueue(ai_core_reply("# Cell energy\n\nA rewritten lesson."))
    job_id = await start_draft(
        client, people, lessons.free_lesson, instructions="Explain ATP with an analogy."
    )

    job = await wait_for_job(client, people.instructor, job_id)

    assert job["status"] == "succeeded", job
    sent = fake_ai_core.last_request.json()
    assert "Course: Course " in sent["system_prompt"]
    assert "1. Section 1" in sent["system_prompt"]
    assert "   - Cell energy  <- this lesson" in sent["system_prompt"]
    assert "   - Lesson 1.2" in sent["system_prompt"]
    assert "Mitochondria are small structures inside the cell." in sent["system_prompt"]
    assert 'draft of the lesson "Cell energy"' in sent["message"]
    assert sent["message"].endswith("Explain ATP with an analogy.")
    drafts = await client.get(
        f"{API}/lessons/{lessons.free_lesson}/drafts", headers=people.instructor.headers
    )
    [draft] = drafts.json()["items"]
    assert draft["content"] == "# Cell energy\n\nA rewritten lesson."
    assert (draft["provider"], draft["model_id"]) == ("ai_core", "ai-core-default")


async def test_a_failing_provider_fails_the_attempt_and_leaves_no_draft(
    client: Client,
    people: People,
    lessons: Lessons,
    fake_ai_core: FakeAiCore,
    job_worker: RootContainer | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fake_ai_core, "default", lambda request: ai_core_error(503))
    job_id = await start_draft(client, people, lessons.free_lesson)

    job = await wait_for_job(client, people.instructor, job_id)

    assert job["status"] == "failed", job
    assert len(fake_ai_core.requests) == 9  # three job attempts of three calls each
    assert "ai_core did not answer successfully (http_503, 3 attempts)" in job["error"]
    drafts = await client.get(
        f"{API}/lessons/{lessons.free_lesson}/drafts", headers=people.instructor.headers
    )
    assert drafts.json()["total"] == 0
