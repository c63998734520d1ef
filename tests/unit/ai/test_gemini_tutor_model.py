"""The Gemini adapter's wire details, through the real google-genai SDK against a fake server."""

from collections.abc import AsyncIterator
from dataclasses import replace
from uuid import UUID

import pytest

from tests.fakes.asgi import Scripted
from tests.fakes.gemini_server import FakeGemini, gemini_reply, gemini_stream, system_text
from tests.fakes.tutor_models import GEMINI_TEST_KEY, remote_model
from tutor_platform.ai.adapters.outbound.gemini.tutor_model import GeminiTutorModel
from tutor_platform.ai.ports.model import (
    CoursePassage,
    GradingRequest,
    TextDelta,
    TutorPrompt,
    TutorReply,
)
from tutor_platform.shared.errors import UpstreamFailed

PROMPT = TutorPrompt(
    system_prompt="You are a chemistry tutor.",
    message="What is a covalent bond?",
    passages=[
        CoursePassage(
            UUID("0193a1b2-0000-7000-8000-0000000000c1"),
            "Chemical bonds",
            "A covalent bond is a shared pair of electrons.",
            "Covalent bonds",
        )
    ],
    temperature=0.4,
    max_output_tokens=256,
)


@pytest.fixture
async def model(fake_gemini: FakeGemini) -> AsyncIterator[GeminiTutorModel]:
    built = remote_model("gemini", fake_gemini.url)
    assert isinstance(built, GeminiTutorModel)
    yield built
    await built.aclose()


async def test_the_request_names_the_model_and_carries_the_settings(
    model: GeminiTutorModel, fake_gemini: FakeGemini
) -> None:
    reply = await model.reply(PROMPT)

    request = fake_gemini.last_request
    assert request.path == "/v1beta/models/gemini-test:generateContent"
    assert request.headers["x-goog-api-key"] == GEMINI_TEST_KEY
    assert request.json()["generationConfig"] == {"temperature": 0.4, "maxOutputTokens": 256}
    assert system_text(request).startswith("You are a chemistry tutor.")
    assert '[1] Lesson "Chemical bonds", section "Covalent bonds"\nA covalent' in system_text(
        request
    )
    assert reply.model_id == "gemini-test"


async def test_the_system_prompt_holds_the_tutor_the_policy_the_numbered_passages_and_the_rules(
    model: GeminiTutorModel, fake_gemini: FakeGemini
) -> None:
    second = CoursePassage(None, "notes.md", "Ionic bonds transfer electrons.", None)
    prompt = replace(PROMPT, passages=[PROMPT.passages[0], second])

    await model.reply(prompt)

    text = system_text(fake_gemini.last_request)
    own, policy, rule, first, other = text.split("\n\n")
    assert own == "You are a chemistry tutor."
    assert "guide the learner to the answer with questions, hints" in policy
    assert "Never hand over the answer to a graded exercise" in policy
    assert "cite it with its number in square brackets, like [1]" in rule
    assert "If the passages do not cover the question, say so plainly" in rule
    assert first.startswith('[1] Lesson "Chemical bonds", section "Covalent bonds"\n')
    assert other == '[2] Lesson "notes.md"\nIonic bonds transfer electrons.'


async def test_a_question_the_course_does_not_cover_is_flagged_in_the_system_prompt(
    model: GeminiTutorModel, fake_gemini: FakeGemini
) -> None:
    prompt = replace(PROMPT, passages=[], uncovered=True, other_courses=["Physics"])

    await model.reply(prompt)

    text = system_text(fake_gemini.last_request)
    assert "the course does not cover it" in text
    assert 'These other courses of the platform may cover it: "Physics".' in text
    assert "[1]" not in text


async def test_the_tutor_model_overrides_the_default(
    model: GeminiTutorModel, fake_gemini: FakeGemini
) -> None:
    prompt = TutorPrompt(system_prompt="", message="Hello", model_id="gemini-2.5-pro", task="text")

    reply = await model.reply(prompt)

    assert fake_gemini.last_request.path == "/v1beta/models/gemini-2.5-pro:generateContent"
    assert "systemInstruction" not in fake_gemini.last_request.json()
    assert reply.model_id == "gemini-2.5-pro"


async def test_tokens_and_finish_reason_come_from_the_response(
    model: GeminiTutorModel, fake_gemini: FakeGemini
) -> None:
    fake_gemini.enqueue(
        gemini_reply("Cut short", finish_reason="MAX_TOKENS", prompt_tokens=31, output_tokens=256)
    )

    reply = await model.reply(PROMPT)

    assert (reply.tokens_in, reply.tokens_out) == (31, 256)
    assert reply.finish_reason == "max_tokens"
    assert reply.extra == {"model_version": "fake-gemini-001"}


async def test_a_blocked_answer_without_text_is_an_upstream_failure(
    model: GeminiTutorModel, fake_gemini: FakeGemini
) -> None:
    blocked = {"candidates": [{"finishReason": "SAFETY", "index": 0}]}
    fake_gemini.enqueue(Scripted(json=blocked))

    with pytest.raises(UpstreamFailed, match=r"no answer \(finish reason safety\)"):
        await model.reply(PROMPT)

    assert len(fake_gemini.requests) == 1


async def test_streaming_uses_server_sent_events_and_passes_chunks_on(
    model: GeminiTutorModel, fake_gemini: FakeGemini
) -> None:
    fake_gemini.enqueue(gemini_stream("A covalent ", "bond shares ", "electrons."))

    items = [item async for item in model.stream(PROMPT)]

    request = fake_gemini.last_request
    assert request.path == "/v1beta/models/gemini-test:streamGenerateContent"
    assert request.query == {"alt": ["sse"]}
    assert items[:-1] == [
        TextDelta("A covalent "),
        TextDelta("bond shares "),
        TextDelta("electrons."),
    ]
    final = items[-1]
    assert isinstance(final, TutorReply)
    assert final.content == "A covalent bond shares electrons."
    assert (final.tokens_in, final.tokens_out, final.finish_reason) == (12, 5, "stop")


async def test_a_stream_cut_after_its_first_chunk_fails_without_a_retry(
    model: GeminiTutorModel, fake_gemini: FakeGemini
) -> None:
    fake_gemini.enqueue(gemini_stream("A covalent ", "bond ", "shares.", break_after=1))
    received: list[TextDelta | TutorReply] = []

    with pytest.raises(UpstreamFailed, match="mid-stream"):
        await _collect(model.stream(PROMPT), received)

    assert received == [TextDelta("A covalent ")]
    assert len(fake_gemini.requests) == 1


async def _collect(
    stream: AsyncIterator[TextDelta | TutorReply], into: list[TextDelta | TutorReply]
) -> None:
    async for item in stream:
        into.append(item)


async def test_grading_asks_for_json_of_a_given_shape(
    model: GeminiTutorModel, fake_gemini: FakeGemini
) -> None:
    grade = await model.grade(
        GradingRequest(
            question="What is a covalent bond?",
            answer="Atoms share electrons.",
            rubric_keywords=["share", "electrons"],
            rubric_guidance="Full marks for shared electron pairs.",
        )
    )

    body = fake_gemini.last_request.json()
    config = body["generationConfig"]
    assert config["responseMimeType"] == "application/json"
    assert config["temperature"] == 0.0
    schema = config["responseSchema"]
    assert schema["required"] == ["score", "feedback", "strengths", "improvements"]
    assert schema["properties"]["strengths"] == {"type": "ARRAY", "items": {"type": "STRING"}}
    sent = body["contents"][0]["parts"][0]["text"]
    assert "Atoms share electrons." in sent
    assert "- electrons" in sent
    assert "Full marks for shared electron pairs." in sent
    assert "JSON" in system_text(fake_gemini.last_request)
    assert (grade.score, grade.strengths) == (0.75, ["Names the key process"])


async def test_a_grade_in_a_code_fence_is_accepted(
    model: GeminiTutorModel, fake_gemini: FakeGemini
) -> None:
    fenced = '```json\n{"score": 1, "feedback": "Right.", "strengths": [], "improvements": []}\n```'
    fake_gemini.enqueue(gemini_reply(fenced))

    grade = await model.grade(GradingRequest(question="q", answer="a"))

    assert grade.score == 1.0
    assert len(fake_gemini.requests) == 1


async def test_a_grade_carries_the_usage_reported_for_every_call_it_took(
    model: GeminiTutorModel, fake_gemini: FakeGemini
) -> None:
    valid = '{"score": 1, "feedback": "Right.", "strengths": [], "improvements": []}'
    fake_gemini.enqueue(gemini_reply("not a grade", prompt_tokens=30, output_tokens=3))
    fake_gemini.enqueue(gemini_reply(valid, prompt_tokens=31, output_tokens=9))

    grade = await model.grade(GradingRequest(question="q", answer="a"))

    assert (grade.score, grade.tokens_in, grade.tokens_out) == (1.0, 61, 12)


async def test_health_asks_for_the_default_model(
    model: GeminiTutorModel, fake_gemini: FakeGemini
) -> None:
    assert await model.health() is True
    assert fake_gemini.last_request.path == "/v1beta/models/gemini-test"

    fake_gemini.enqueue(Scripted(status=500, json={"error": {"code": 500}}))
    assert await model.health() is False
