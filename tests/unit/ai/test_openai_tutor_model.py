"""The OpenAI-compatible adapter's wire details, through the real ``openai`` SDK against a fake
server: the request body (model, messages with the system prompt, history, images as data
URLs, temperature, max_tokens), streaming with usage, structured grading and the health check."""

import base64
from collections.abc import AsyncIterator
from uuid import UUID

import pytest

from tests.fakes.asgi import Scripted
from tests.fakes.openai_server import (
    FakeOpenAI,
    openai_error,
    openai_reply,
    openai_stream,
    system_message,
)
from tests.fakes.tutor_models import OPENAI_TEST_KEY, remote_model
from tutor_platform.ai.adapters.outbound.openai.tutor_model import OpenAITutorModel
from tutor_platform.ai.adapters.outbound.support import system_instruction
from tutor_platform.ai.ports.model import (
    ChatTurn,
    CoursePassage,
    GradingRequest,
    ImagePart,
    TextDelta,
    TutorPrompt,
    TutorReply,
)
from tutor_platform.shared.errors import UpstreamFailed

PROMPT = TutorPrompt(
    system_prompt="You are a chemistry tutor.",
    message="What is a covalent bond?",
    history=[ChatTurn("user", "Hello"), ChatTurn("assistant", "Hi! What shall we study?")],
    passages=[
        CoursePassage(
            UUID("0193a1b2-0000-7000-8000-0000000000c1"),
            "Chemical bonds",
            "A covalent bond is a shared pair of electrons.",
        )
    ],
    temperature=0.4,
    max_output_tokens=256,
)
JPEG = b"\xff\xd8\xff\xe0 fake jpeg"


@pytest.fixture
async def model(fake_openai: FakeOpenAI) -> AsyncIterator[OpenAITutorModel]:
    built = remote_model("openai", fake_openai.url)
    assert isinstance(built, OpenAITutorModel)
    yield built
    await built.aclose()


async def test_the_request_carries_model_messages_and_settings(
    model: OpenAITutorModel, fake_openai: FakeOpenAI
) -> None:
    reply = await model.reply(PROMPT)

    request = fake_openai.last_request
    assert (request.method, request.path) == ("POST", "/v1/chat/completions")
    assert request.headers["authorization"] == f"Bearer {OPENAI_TEST_KEY}"
    body = request.json()
    assert (body["model"], body["temperature"], body["max_tokens"]) == ("gpt-test", 0.4, 256)
    assert body.get("stream") in (None, False)
    assert body["messages"] == [
        {"role": "system", "content": system_instruction(PROMPT)},
        {"role": "user", "content": "Hello"},
        {"role": "assistant", "content": "Hi! What shall we study?"},
        {"role": "user", "content": "What is a covalent bond?"},
    ]
    assert system_message(request).startswith("You are a chemistry tutor.")
    assert '[1] Lesson "Chemical bonds"\nA covalent bond' in system_message(request)
    assert reply.content == "Fake OpenAI answer to: What is a covalent bond?"
    assert reply.model_id == "gpt-test"


async def test_images_travel_as_data_urls_beside_the_text(
    model: OpenAITutorModel, fake_openai: FakeOpenAI
) -> None:
    prompt = TutorPrompt(
        system_prompt="",
        message="What is this?",
        images=[ImagePart("image/jpeg", JPEG)],
        task="text",
    )

    await model.reply(prompt)

    [message] = fake_openai.last_request.json()["messages"]
    encoded = base64.b64encode(JPEG).decode()
    assert message == {
        "role": "user",
        "content": [
            {"type": "text", "text": "What is this?"},
            {"type": "image_url", "image_url": {"url": f"data:image/jpeg;base64,{encoded}"}},
        ],
    }


async def test_the_tutor_model_overrides_the_default_and_no_empty_system_message_is_sent(
    model: OpenAITutorModel, fake_openai: FakeOpenAI
) -> None:
    reply = await model.reply(
        TutorPrompt(system_prompt="", message="Hi", model_id="llama3.2", task="text")
    )

    body = fake_openai.last_request.json()
    assert body["model"] == "llama3.2"
    assert body["messages"] == [{"role": "user", "content": "Hi"}]
    assert "max_tokens" not in body
    assert reply.model_id == "llama3.2"


async def test_tokens_finish_reason_and_served_model_come_from_the_response(
    model: OpenAITutorModel, fake_openai: FakeOpenAI
) -> None:
    fake_openai.enqueue(
        openai_reply(
            "Cut short",
            finish_reason="length",
            prompt_tokens=31,
            completion_tokens=256,
            model="gpt-test-2025-01-01",
        )
    )

    reply = await model.reply(PROMPT)

    assert (reply.tokens_in, reply.tokens_out) == (31, 256)
    assert reply.finish_reason == "length"
    assert reply.extra == {"model_version": "gpt-test-2025-01-01"}


async def test_an_answer_without_text_is_an_upstream_failure(
    model: OpenAITutorModel, fake_openai: FakeOpenAI
) -> None:
    refused = openai_reply("", finish_reason="content_filter")
    fake_openai.enqueue(refused)

    with pytest.raises(UpstreamFailed, match=r"no answer \(finish reason content_filter\)"):
        await model.reply(PROMPT)

    assert len(fake_openai.requests) == 1


async def test_streaming_asks_for_usage_and_passes_chunks_on(
    model: OpenAITutorModel, fake_openai: FakeOpenAI
) -> None:
    fake_openai.enqueue(openai_stream("A covalent ", "bond shares ", "electrons."))

    items = [item async for item in model.stream(PROMPT)]

    body = fake_openai.last_request.json()
    assert body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}
    assert body["messages"][0]["role"] == "system"
    assert items[:-1] == [
        TextDelta("A covalent "),
        TextDelta("bond shares "),
        TextDelta("electrons."),
    ]
    final = items[-1]
    assert isinstance(final, TutorReply)
    assert final.content == "A covalent bond shares electrons."
    assert (final.tokens_in, final.tokens_out, final.finish_reason) == (14, 5, "stop")


async def test_a_stream_cut_after_its_first_chunk_fails_without_a_retry(
    model: OpenAITutorModel, fake_openai: FakeOpenAI
) -> None:
    fake_openai.enqueue(openai_stream("A covalent ", "bond ", "shares.", break_after=2))
    received: list[TextDelta | TutorReply] = []

    with pytest.raises(UpstreamFailed, match="mid-stream"):
        await _collect(model.stream(PROMPT), received)

    assert received == [TextDelta("A covalent ")]
    assert len(fake_openai.requests) == 1


async def _collect(
    stream: AsyncIterator[TextDelta | TutorReply], into: list[TextDelta | TutorReply]
) -> None:
    async for item in stream:
        into.append(item)


async def test_a_stream_that_is_not_server_sent_events_is_malformed(
    model: OpenAITutorModel, fake_openai: FakeOpenAI
) -> None:
    fake_openai.enqueue(Scripted(body=b"<html>gateway</html>"))

    with pytest.raises(UpstreamFailed, match="malformed"):
        await anext(model.stream(PROMPT))


async def test_grading_asks_for_a_json_schema_reply(
    model: OpenAITutorModel, fake_openai: FakeOpenAI
) -> None:
    grade = await model.grade(
        GradingRequest(
            question="What is a covalent bond?",
            answer="Atoms share electrons.",
            rubric_keywords=["share", "electrons"],
            rubric_guidance="Full marks for shared electron pairs.",
            model_id="gpt-grader",
        )
    )

    body = fake_openai.last_request.json()
    assert (body["model"], body["temperature"]) == ("gpt-grader", 0.0)
    response_format = body["response_format"]
    assert response_format["type"] == "json_schema"
    schema = response_format["json_schema"]["schema"]
    assert schema["required"] == ["score", "feedback", "strengths", "improvements"]
    assert schema["properties"]["strengths"] == {"type": "array", "items": {"type": "string"}}
    system, user = body["messages"]
    assert system["role"] == "system"
    assert "JSON" in system["content"]
    assert "Atoms share electrons." in user["content"]
    assert "- electrons" in user["content"]
    assert (grade.score, grade.strengths) == (0.8, ["Uses the right terms"])


async def test_health_lists_the_models(model: OpenAITutorModel, fake_openai: FakeOpenAI) -> None:
    assert await model.health() is True
    assert (fake_openai.last_request.method, fake_openai.last_request.path) == (
        "GET",
        "/v1/models",
    )

    fake_openai.enqueue(openai_error(500))
    assert await model.health() is False


async def test_only_the_shared_policy_retries_not_the_sdk(
    model: OpenAITutorModel, fake_openai: FakeOpenAI
) -> None:
    fake_openai.enqueue(*(openai_error(503) for _ in range(3)))

    with pytest.raises(UpstreamFailed, match="http_503, 3 attempts"):
        await model.reply(PROMPT)

    assert len(fake_openai.requests) == 3
