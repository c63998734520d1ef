"""The premium features worded by a remote provider (the openai SDK against a fake
OpenAI-compatible server on localhost): what the server decides stays deterministic (the
path's steps and reasons, which passages exist to cite), the provider only words it. The
adaptive path's summary is the provider's text, written from the path's reasons; a synthesis
is read back as the provider's list of ideas, each cited by its own ``[n]`` markers (unknown
numbers dropped); a mentor plan's advice keeps only markers of passages that were sent.

Runs in the SQLite pass only: it checks the prompts and the reading of replies, which do not
depend on the database."""

import pytest

from tests.conftest import make_settings
from tests.fakes.fixtures import fake_openai, fake_openai_server
from tests.fakes.openai_server import FakeOpenAI, openai_reply, system_message, user_texts
from tests.fakes.tutor_models import OPENAI_TEST_KEY
from tests.integration.accounts import Client
from tests.integration.assessment.conftest import API, Classroom, submit
from tutor_platform.bootstrap.settings import Settings

__all__ = ["fake_openai", "fake_openai_server"]


@pytest.fixture
def settings(database_url: str, fake_openai: FakeOpenAI) -> Settings:
    return make_settings(
        database_url,
        ai_provider_default="openai",
        openai_api_key=OPENAI_TEST_KEY,
        openai_base_url=f"{fake_openai.url}/v1",
        ai_max_retries=0,
        ai_backoff_seconds=0.01,
        ai_timeout_seconds=5,
    )


def prompt_of(fake: FakeOpenAI) -> str:
    request = fake.last_request
    return system_message(request) + "\n".join(user_texts(request))


async def test_the_path_is_the_servers_and_its_summary_the_providers_words(
    client: Client, classroom: Classroom, fake_openai: FakeOpenAI
) -> None:
    member = classroom.member
    wrong = {classroom.question("single_choice"): "a"}
    assert (await submit(client, member, classroom.quiz["id"], wrong)).status_code == 201
    fake_openai.enqueue(openai_reply("Start with Lesson 1.1: the division question."))

    response = await client.post(
        f"{API}/hybrid/adaptive-learning",
        json={"course_id": classroom.course.id},
        headers=member.headers,
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["summary"] == "Start with Lesson 1.1: the division question."
    first = body["steps"][0]
    assert (first["lesson_id"], first["basis"]) == (
        classroom.course.lesson_ids[0],
        "missed_questions",
    )
    assert first["reason"].startswith("You missed 5 questions on this lesson")
    prompt = prompt_of(fake_openai)
    assert first["reason"] in prompt
    assert "Content of lesson 1.1." in prompt


async def test_a_synthesis_is_the_providers_list_of_ideas_each_with_its_own_citations(
    client: Client, classroom: Classroom, fake_openai: FakeOpenAI
) -> None:
    lessons = classroom.course.lesson_ids[:2]
    fake_openai.enqueue(
        openai_reply(
            "The lessons connect on two ideas.\n\n"
            "- Both lessons build on the same course material [1] [2].\n"
            "- The second lesson extends the first [2] [7]."
        )
    )

    response = await client.post(
        f"{API}/hybrid/synthesis",
        json={"course_id": classroom.course.id, "lesson_ids": lessons},
        headers=classroom.member.headers,
    )

    assert response.status_code == 200, response.text
    body = response.json()
    ideas = [
        (idea["idea"], [c["lesson_id"] for c in idea["citations"]]) for idea in body["connections"]
    ]
    assert ideas == [
        ("Both lessons build on the same course material [1] [2].", lessons),
        ("The second lesson extends the first [2].", [lessons[1]]),
    ]
    assert [c["index"] for c in body["citations"]] == [1, 2]
    prompt = prompt_of(fake_openai)
    assert "Content of lesson 1.1." in prompt
    assert "Content of lesson 1.2." in prompt
    assert "[n]" in prompt


async def test_a_mentor_plans_advice_keeps_only_markers_of_passages_sent(
    client: Client, classroom: Classroom, fake_openai: FakeOpenAI
) -> None:
    fake_openai.enqueue(openai_reply("Plan a little every day [3]."))

    response = await client.post(
        f"{API}/hybrid/mentor-session",
        json={"goal": "Learn to cook"},
        headers=classroom.member.headers,
    )

    assert response.status_code == 200, response.text
    plan = response.json()
    assert plan["advice"] == "Plan a little every day."
    assert plan["citations"] == []
    assert "Learn to cook" in prompt_of(fake_openai)
