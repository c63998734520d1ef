"""What every ``TutorModel`` promises, whichever provider answers.

Runs in the SQLite pass only: this adapter touches no database, Redis or job queue, so a
PostgreSQL pass would run the same code again."""

import base64
from dataclasses import replace
from typing import Any
from uuid import UUID

from tests.contract.tutor_model.conftest import Harness
from tests.fakes.asgi import RecordedRequest
from tests.fakes.gemini_server import system_text
from tests.fakes.openai_server import system_message
from tutor_platform.ai.adapters.outbound.local.tutor_model import LocalTutorModel
from tutor_platform.ai.ports.model import (
    ChatTurn,
    CoursePassage,
    GradingRequest,
    ImagePart,
    TextDelta,
    TutorPrompt,
    TutorReply,
)

SESSION_ID = UUID("0193a1b2-0000-7000-8000-000000000001")
TUTOR_ID = UUID("0193a1b2-0000-7000-8000-000000000002")
PASSAGE = CoursePassage(
    lesson_id=UUID("0193a1b2-0000-7000-8000-000000000003"),
    title="Photosynthesis",
    text=(
        "Plants use light energy to turn water and carbon dioxide into glucose. "
        "Chlorophyll in the leaves absorbs the light."
    ),
)
PNG = b"\x89PNG\r\n\x1a\n fake image bytes"


BASE_PROMPT = TutorPrompt(
    system_prompt="You are Ada, a patient biology tutor.",
    message="What does chlorophyll do?",
    history=[
        ChatTurn("user", "Hi, I am studying plants."),
        ChatTurn("assistant", "Great, what would you like to know?"),
    ],
    passages=[PASSAGE],
    session_id=SESSION_ID,
    tutor_id=TUTOR_ID,
    knowledge_base_id="kb-biology",
    temperature=0.2,
)


def prompt(**changes: Any) -> TutorPrompt:
    return replace(BASE_PROMPT, **changes)


async def collect(harness: Harness, tutor_prompt: TutorPrompt) -> list[TextDelta | TutorReply]:
    return [item async for item in harness.model.stream(tutor_prompt)]


async def test_a_reply_has_content_and_its_metadata(harness: Harness) -> None:
    reply = await harness.model.reply(prompt())

    assert reply.content.strip()
    assert reply.provider == harness.name == harness.model.provider
    assert reply.model_id
    assert reply.tokens_in > 0
    assert reply.tokens_out > 0
    assert reply.finish_reason == "stop"


async def test_streamed_deltas_add_up_to_the_final_reply(harness: Harness) -> None:
    items = await collect(harness, prompt())

    *deltas, final = items
    assert isinstance(final, TutorReply)
    assert len(deltas) > 1
    assert all(isinstance(d, TextDelta) and d.text for d in deltas)
    assert "".join(d.text for d in deltas if isinstance(d, TextDelta)) == final.content
    assert final.provider == harness.name
    assert final.tokens_out > 0


async def test_a_stream_says_what_a_reply_says(harness: Harness) -> None:
    streamed = (await collect(harness, prompt()))[-1]
    replied = await harness.model.reply(prompt())

    assert isinstance(streamed, TutorReply)
    assert streamed.content == replied.content


async def test_a_grade_is_a_score_between_0_and_1_with_reasons(harness: Harness) -> None:
    grade = await harness.model.grade(
        GradingRequest(
            question="Explain photosynthesis.",
            answer="Plants use light and chlorophyll to make glucose.",
            rubric_keywords=["light", "glucose", "carbon dioxide"],
            rubric_guidance="Mention the inputs and the products.",
        )
    )

    assert 0.0 <= grade.score <= 1.0
    assert grade.feedback
    assert all(isinstance(s, str) for s in grade.strengths)
    assert all(isinstance(s, str) for s in grade.improvements)
    assert grade.strengths or grade.improvements


async def test_a_provider_that_is_up_is_healthy(harness: Harness) -> None:
    assert await harness.model.health() is True


def sent_conversation(
    harness: Harness, request: RecordedRequest
) -> tuple[str, list[tuple[str, str]]]:
    """The system text and the (role, text) turns a remote provider received."""
    body = request.json()
    if harness.name == "gemini":
        roles = {"user": "user", "model": "assistant"}
        turns = [
            (roles[c["role"]], "".join(part.get("text", "") for part in c["parts"]))
            for c in body["contents"]
        ]
        return system_text(request), turns
    if harness.name == "openai":
        turns = [
            (m["role"], _openai_text(m["content"]))
            for m in body["messages"]
            if m["role"] != "system"
        ]
        return system_message(request), turns
    turns = [(turn["role"], turn["content"]) for turn in body["history"]]
    return body["system_prompt"], [*turns, ("user", body["message"])]


async def test_system_prompt_passages_and_history_reach_the_provider(remote: Harness) -> None:
    await remote.model.reply(prompt())

    system, turns = sent_conversation(remote, remote.server.last_request)
    assert system.startswith("You are Ada, a patient biology tutor.")
    assert "Photosynthesis" in system
    assert "Chlorophyll in the leaves absorbs the light." in system
    assert turns == [
        ("user", "Hi, I am studying plants."),
        ("assistant", "Great, what would you like to know?"),
        ("user", "What does chlorophyll do?"),
    ]


async def test_a_streamed_request_carries_the_same_conversation(remote: Harness) -> None:
    await collect(remote, prompt())

    system, turns = sent_conversation(remote, remote.server.last_request)
    assert "Chlorophyll in the leaves absorbs the light." in system
    assert turns[-1] == ("user", "What does chlorophyll do?")


def _openai_text(content: str | list[dict[str, Any]]) -> str:
    if isinstance(content, str):
        return content
    return "".join(part["text"] for part in content if part["type"] == "text")


def sent_images(harness: Harness, request: RecordedRequest) -> list[tuple[str, bytes]]:
    body = request.json()
    if harness.name == "gemini":
        parts = [part for c in body["contents"] for part in c["parts"] if "inlineData" in part]
        return [
            (
                part["inlineData"].get("mimeType") or part["inlineData"]["mime_type"],
                base64.b64decode(part["inlineData"]["data"]),
            )
            for part in parts
        ]
    if harness.name == "openai":
        urls = [
            part["image_url"]["url"]
            for m in body["messages"]
            if isinstance(m["content"], list)
            for part in m["content"]
            if part["type"] == "image_url"
        ]
        return [_data_url(url) for url in urls]
    return [(a["content_type"], base64.b64decode(a["data"])) for a in body["attachments"]]


def _data_url(url: str) -> tuple[str, bytes]:
    header, _, data = url.partition(",")
    assert header.startswith("data:")
    assert header.endswith(";base64")
    return header.removeprefix("data:").removesuffix(";base64"), base64.b64decode(data)


async def test_images_reach_a_remote_provider(remote: Harness) -> None:
    await remote.model.reply(prompt(images=[ImagePart("image/png", PNG)]))

    assert sent_images(remote, remote.server.last_request) == [("image/png", PNG)]


async def test_the_offline_model_acknowledges_images() -> None:
    reply = await LocalTutorModel().reply(prompt(images=[ImagePart("image/png", PNG)]))

    assert reply.content.startswith("I received 1 image, but I cannot look at images offline")
