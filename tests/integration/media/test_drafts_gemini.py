"""A draft written by Gemini (against a fake server on localhost): the prompt holds the
instructor's instructions and this lesson's place in its course outline, says it is a draft
(no teaching policy), and the model's answer becomes the draft.

Runs in the SQLite pass only: it checks the prompt a remote provider receives, which does not
depend on the database."""

from pathlib import Path

import pytest

from tests.conftest import make_settings
from tests.fakes.fixtures import fake_gemini, fake_gemini_server
from tests.fakes.gemini_server import FakeGemini, gemini_reply, system_text, user_texts
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
from tutor_platform.ai.adapters.outbound.support import TEACHING_POLICY
from tutor_platform.bootstrap.container import RootContainer
from tutor_platform.bootstrap.settings import Settings

__all__ = ["fake_gemini", "fake_gemini_server", "job_worker", "lessons", "people", "queue_name"]


@pytest.fixture
def settings(
    database_url: str, storage_dir: Path, queue_name: str, fake_gemini: FakeGemini
) -> Settings:
    return make_settings(
        database_url,
        storage_dir=str(storage_dir),
        job_queue_name=queue_name,
        refresh_token_purge_interval_seconds=0,
        ai_provider_default="gemini",
        gemini_api_key="test-gemini-key",
        gemini_base_url=fake_gemini.url,
        ai_backoff_seconds=0.01,
    )


async def test_gemini_is_asked_to_follow_the_instructions_for_this_lesson_in_its_outline(
    client: Client,
    people: People,
    lessons: Lessons,
    fake_gemini: FakeGemini,
    job_worker: RootContainer | None,
) -> None:
    fake_gemini.enqueue(gemini_reply("# Cell energy\n\nATP is like a charged battery."))
    response = await client.post(
        f"{API}/lessons/{lessons.free_lesson}/generate-content",
        json={"instructions": "Explain ATP with an analogy."},
        headers=people.instructor.headers,
    )
    assert response.status_code == 202, response.text

    job = await wait_for_job(client, people.instructor, response.json()["job_id"])

    assert job["status"] == "succeeded", job
    request = fake_gemini.last_request
    system, [message] = system_text(request), user_texts(request)
    assert 'draft of the lesson "Cell energy"' in message
    assert message.endswith("The instructor asks for this:\nExplain ATP with an analogy.")
    assert "Course: Course " in system
    assert "   - Cell energy  <- this lesson" in system
    assert "   - Lesson 1.2" in system
    assert "Mitochondria are small structures inside the cell." in system
    assert TEACHING_POLICY not in system
    drafts = await client.get(
        f"{API}/lessons/{lessons.free_lesson}/drafts", headers=people.instructor.headers
    )
    [draft] = drafts.json()["items"]
    assert draft["content"] == "# Cell energy\n\nATP is like a charged battery."
    assert draft["provider"] == "gemini"
