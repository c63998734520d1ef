"""The AI-Core adapter's wire details, through httpx against a fake AI-Core server."""

import socket
import time
from collections.abc import AsyncIterator
from uuid import UUID

import pytest

from tests.fakes.ai_core_server import FakeAiCore, ai_core_error, ai_core_reply
from tests.fakes.tutor_models import AI_CORE_TEST_KEY, FAST, RecordedSleep, remote_model
from tutor_platform.ai.adapters.outbound.ai_core.tutor_model import (
    AiCoreTutorModel,
    classify_ai_core_error,
)
from tutor_platform.ai.adapters.outbound.endpoint import Endpoint
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
from tutor_platform.shared.resilience import CircuitBreaker, Resilience

SESSION_ID = UUID("0193a1b2-0000-7000-8000-0000000000d1")
TUTOR_ID = UUID("0193a1b2-0000-7000-8000-0000000000d2")
PROMPT = TutorPrompt(
    system_prompt="You are a history tutor.",
    message="Why did the Roman Republic fall?",
    history=[ChatTurn("user", "Hello"), ChatTurn("assistant", "Hi! Ask me anything.")],
    passages=[
        CoursePassage(
            UUID("0193a1b2-0000-7000-8000-0000000000d3"),
            "The late Republic",
            "Civil wars weakened the Republic.",
        )
    ],
    images=[ImagePart("image/png", b"png-bytes")],
    model_id="history-large",
    session_id=SESSION_ID,
    tutor_id=TUTOR_ID,
    knowledge_base_id="kb-rome",
)


@pytest.fixture
async def model(fake_ai_core: FakeAiCore) -> AsyncIterator[AiCoreTutorModel]:
    built = remote_model("ai_core", fake_ai_core.url)
    assert isinstance(built, AiCoreTutorModel)
    yield built
    await built.aclose()


async def test_the_request_body_is_exactly_the_specified_one(
    model: AiCoreTutorModel, fake_ai_core: FakeAiCore
) -> None:
    await model.reply(PROMPT)

    request = fake_ai_core.last_request
    assert (request.method, request.path) == ("POST", "/api/v1/generate")
    assert request.headers["authorization"] == f"Bearer {AI_CORE_TEST_KEY}"
    body = request.json()
    system_prompt = body.pop("system_prompt")
    assert body == {
        "chat_id": str(SESSION_ID),
        "tutor_id": str(TUTOR_ID),
        "model_id": "history-large",
        "knowledge_base_id": "kb-rome",
        "message": "Why did the Roman Republic fall?",
        "history": [
            {"role": "user", "content": "Hello"},
            {"role": "assistant", "content": "Hi! Ask me anything."},
        ],
        "attachments": [{"content_type": "image/png", "data": "cG5nLWJ5dGVz"}],
    }
    assert system_prompt.startswith("You are a history tutor.")
    assert "Civil wars weakened the Republic." in system_prompt


async def test_without_a_key_no_authorization_is_sent(fake_ai_core: FakeAiCore) -> None:
    resilience = Resilience(
        "ai_core", FAST, CircuitBreaker(5, 60, time.monotonic), classify_ai_core_error
    )
    anonymous = AiCoreTutorModel(
        Endpoint(base_url=fake_ai_core.url, api_key="", timeout_seconds=2, resilience=resilience)
    )

    await anonymous.reply(PROMPT)
    await anonymous.aclose()

    assert "authorization" not in fake_ai_core.last_request.headers


async def test_fields_beyond_content_go_to_extra(
    model: AiCoreTutorModel, fake_ai_core: FakeAiCore
) -> None:
    fake_ai_core.enqueue(
        ai_core_reply(
            "The Republic fell after decades of civil war.",
            tokens_used=57,
            processing_time=1.5,
            sources=["doc-7"],
            model_id="ai-core-xl",
            finish_reason="STOP",
        )
    )

    reply = await model.reply(PROMPT)

    assert reply.content == "The Republic fell after decades of civil war."
    assert reply.extra == {
        "tokens_used": 57,
        "processing_time": 1.5,
        "sources": ["doc-7"],
        "model_id": "ai-core-xl",
        "finish_reason": "STOP",
    }
    assert (reply.model_id, reply.finish_reason) == ("ai-core-xl", "stop")
    assert reply.tokens_out == 8


async def test_a_reply_without_model_or_finish_reason_gets_sensible_ones(
    model: AiCoreTutorModel, fake_ai_core: FakeAiCore
) -> None:
    fake_ai_core.enqueue(ai_core_reply("Short answer."))

    reply = await model.reply(TutorPrompt(system_prompt="", message="Hi"))

    assert (reply.model_id, reply.finish_reason, reply.extra) == ("ai-core-default", "stop", {})
    assert fake_ai_core.last_request.json()["chat_id"] is None


async def test_the_answer_is_streamed_word_by_word_after_one_call(
    model: AiCoreTutorModel, fake_ai_core: FakeAiCore
) -> None:
    fake_ai_core.enqueue(ai_core_reply("Civil wars and ambition.", tokens_used=4))

    items = [item async for item in model.stream(PROMPT)]

    assert items[:-1] == [
        TextDelta("Civil "),
        TextDelta("wars "),
        TextDelta("and "),
        TextDelta("ambition."),
    ]
    assert isinstance(items[-1], TutorReply)
    assert items[-1].extra == {"tokens_used": 4}
    assert len(fake_ai_core.requests) == 1


async def test_grading_sends_the_rubric_and_reads_json_from_content(
    model: AiCoreTutorModel, fake_ai_core: FakeAiCore
) -> None:
    fake_ai_core.enqueue(
        ai_core_reply(
            'Here you go:\n```json\n{"score": 0.4, "feedback": "Partly.", '
            '"strengths": ["Names civil war"], "improvements": ["Mention Caesar"]}\n```'
        )
    )

    grade = await model.grade(
        GradingRequest(
            question="Why did the Republic fall?",
            answer="Civil war.",
            rubric_keywords=["civil war", "Caesar"],
            model_id="grader-1",
        )
    )

    body = fake_ai_core.last_request.json()
    assert "JSON" in body["system_prompt"]
    assert "Why did the Republic fall?" in body["message"]
    assert "- Caesar" in body["message"]
    assert body["message"].endswith("Student's answer:\nCivil war.")
    assert (body["model_id"], body["history"], body["attachments"]) == ("grader-1", [], [])
    assert grade.score == 0.4
    assert grade.improvements == ["Mention Caesar"]


async def test_health_is_the_health_endpoint(
    model: AiCoreTutorModel, fake_ai_core: FakeAiCore
) -> None:
    assert await model.health() is True
    assert fake_ai_core.last_request.path == "/health"

    fake_ai_core.enqueue(ai_core_error(503))
    assert await model.health() is False


async def test_an_unreachable_service_is_unhealthy_and_fails_after_retries() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sleep = RecordedSleep()
    unreachable = remote_model("ai_core", f"http://127.0.0.1:{port}", sleep=sleep)

    assert await unreachable.health() is False
    with pytest.raises(UpstreamFailed, match=r"network, 3 attempts"):
        await unreachable.reply(PROMPT)
    await unreachable.aclose()

    assert len(sleep.waits) == 2
