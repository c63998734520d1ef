"""Structured grades from every remote provider, validated against one msgspec struct: a
valid reply, then replies that do not validate (not JSON, wrong types, score out of range),
asked once more and then an ``UngradableAnswer``; a timeout stays an upstream outage.

Runs in the SQLite pass only (no database is touched)."""

from typing import Any

import pytest

from tests.contract.tutor_model.conftest import Harness, tight
from tutor_platform.ai.api import UngradableAnswer
from tutor_platform.ai.ports.model import GradingRequest
from tutor_platform.shared.errors import UpstreamFailed

GRADING = GradingRequest(
    question="What is osmosis?",
    answer="Water moving through a membrane.",
    rubric_keywords=["water", "membrane"],
)
VALID = '{"score": 0.75, "feedback": "Good.", "strengths": ["water"], "improvements": []}'
INVALID = {
    "not json": "I would give it a B.",
    "truncated json": '{"score": 0.5, "feedback": "Fine",',
    "score as text": '{"score": "high", "feedback": "x", "strengths": [], "improvements": []}',
    "score as boolean": '{"score": true, "feedback": "x", "strengths": [], "improvements": []}',
    "feedback as number": '{"score": 0.5, "feedback": 3, "strengths": [], "improvements": []}',
    "strengths of numbers": '{"score": 0.5, "feedback": "x", "strengths": [1], "improvements": []}',
    "no feedback": '{"score": 0.5, "strengths": [], "improvements": []}',
    "score above 1": '{"score": 1.5, "feedback": "x", "strengths": [], "improvements": []}',
    "score below 0": '{"score": -0.1, "feedback": "x", "strengths": [], "improvements": []}',
    "a list": "[0.5]",
}


def asked_for_structure(remote: Harness, body: dict[str, Any]) -> bool:
    """Whether the request asked the provider for the grade's structure."""
    if remote.name == "gemini":
        config = body["generationConfig"]
        schema = config["responseSchema"]
        return config["responseMimeType"] == "application/json" and set(schema["required"]) >= {
            "score",
            "feedback",
        }
    if remote.name == "openai":
        response_format = body["response_format"]
        schema = response_format["json_schema"]["schema"]
        return response_format["type"] == "json_schema" and "score" in schema["required"]
    return "JSON object" in body["system_prompt"] and "score" in body["system_prompt"]


async def test_a_valid_structured_grade_is_used_as_sent(remote: Harness) -> None:
    remote.server.enqueue(remote.answer(VALID))

    grade = await remote.model.grade(GRADING)

    assert (grade.score, grade.feedback, grade.strengths) == (0.75, "Good.", ["water"])
    assert len(remote.server.requests) == 1
    assert asked_for_structure(remote, remote.server.requests[0].json())


@pytest.mark.parametrize("reply", INVALID.values(), ids=list(INVALID))
async def test_an_invalid_reply_is_asked_for_once_more(remote: Harness, reply: str) -> None:
    remote.server.enqueue(remote.answer(reply), remote.answer(VALID))

    grade = await remote.model.grade(GRADING)

    assert grade.score == 0.75
    assert len(remote.server.requests) == 2


@pytest.mark.parametrize("reply", INVALID.values(), ids=list(INVALID))
async def test_two_invalid_replies_make_an_ungradable_answer(remote: Harness, reply: str) -> None:
    remote.server.enqueue(remote.answer(reply), remote.answer(reply))

    with pytest.raises(UngradableAnswer):
        await remote.model.grade(GRADING)

    assert len(remote.server.requests) == 2


async def test_a_grading_timeout_is_an_outage_not_an_ungradable_answer(remote: Harness) -> None:
    await remote.rebuild(tight(timeout_seconds=0.3, max_retries=0))
    remote.server.enqueue(remote.answer(VALID, delay=2.0))

    with pytest.raises(UpstreamFailed, match="timeout") as raised:
        await remote.model.grade(GRADING)

    assert not isinstance(raised.value, UngradableAnswer)
