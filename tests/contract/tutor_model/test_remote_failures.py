"""How every remote adapter survives a provider's bad day: timeouts, 429 with Retry-After,
5xx (retried), other 4xx (not retried), malformed bodies, and an open circuit breaker.

Each test is bounded: timeouts are a fraction of a second and backoff waits are recorded, not
slept.

Runs in the SQLite pass only: this adapter touches no database, Redis or job queue, so a
PostgreSQL pass would run the same code again.
"""

import asyncio
import time

import pytest

from tests.contract.tutor_model.conftest import Harness, tight
from tests.fakes.asgi import Scripted
from tests.fakes.log_capture import captured_events, rendered_logs
from tests.fakes.tutor_models import AI_CORE_TEST_KEY, GEMINI_TEST_KEY, OPENAI_TEST_KEY
from tutor_platform.ai.ports.model import (
    GradingRequest,
    TextDelta,
    TutorPrompt,
    TutorReply,
)
from tutor_platform.shared.errors import UpstreamFailed
from tutor_platform.shared.resilience import CircuitOpen

PROMPT = TutorPrompt(system_prompt="You are a tutor.", message="Explain osmosis.")
GRADING = GradingRequest(
    question="What is osmosis?",
    answer="Water moving through a membrane.",
    rubric_keywords=["water"],
)


async def test_a_provider_that_does_not_answer_in_time_fails_after_the_retries(
    remote: Harness,
) -> None:
    await remote.rebuild(tight(timeout_seconds=0.5, max_retries=1))
    await remote.warm_up()
    remote.server.enqueue(remote.answer("late", delay=3.0), remote.answer("late", delay=3.0))
    started = time.monotonic()

    with pytest.raises(UpstreamFailed, match="timeout, 2 attempts"):
        await remote.model.reply(PROMPT)

    assert time.monotonic() - started < 2.5
    assert len(remote.server.requests) == 2


async def test_a_slow_first_attempt_is_retried_and_the_second_answer_is_used(
    remote: Harness,
) -> None:
    await remote.rebuild(tight(timeout_seconds=0.5, max_retries=1))
    await remote.warm_up()
    remote.server.enqueue(remote.answer("too late", delay=3.0), remote.answer("in time"))

    reply = await remote.model.reply(PROMPT)

    assert reply.content == "in time"


async def test_429_with_retry_after_is_retried_after_the_wait_asked_for(remote: Harness) -> None:
    remote.server.enqueue(remote.error(429, retry_after="2"), remote.answer("after the wait"))

    reply = await remote.model.reply(PROMPT)

    assert reply.content == "after the wait"
    assert remote.sleep.waits == [2.0]
    assert len(remote.server.requests) == 2


async def test_a_500_then_a_success_is_retried(remote: Harness) -> None:
    remote.server.enqueue(remote.error(500), remote.answer("second time lucky"))

    reply = await remote.model.reply(PROMPT)

    assert reply.content == "second time lucky"
    assert len(remote.sleep.waits) == 1
    assert 0 <= remote.sleep.waits[0] <= 0.01


async def test_503_until_the_retries_run_out_is_an_upstream_failure(remote: Harness) -> None:
    remote.server.enqueue(*[remote.error(503)] * 3)

    with pytest.raises(UpstreamFailed) as caught:
        await remote.model.reply(PROMPT)

    assert caught.value.code == "UPSTREAM_ERROR"
    assert (
        f"{remote.name} did not answer successfully (http_503, 3 attempts)" == caught.value.detail
    )
    assert len(remote.server.requests) == 3


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
async def test_other_client_errors_are_not_retried(remote: Harness, status: int) -> None:
    remote.server.enqueue(remote.error(status), remote.answer("never asked"))

    with pytest.raises(UpstreamFailed, match=f"http_{status}, 1 attempt"):
        await remote.model.reply(PROMPT)

    assert len(remote.server.requests) == 1
    assert remote.sleep.waits == []


@pytest.mark.parametrize(
    "body", [Scripted(body=b"<html>oops</html>"), Scripted(json={"unexpected": True})]
)
async def test_a_malformed_body_is_an_upstream_failure(remote: Harness, body: Scripted) -> None:
    remote.server.enqueue(body)

    with pytest.raises(UpstreamFailed, match="malformed"):
        await remote.model.reply(PROMPT)

    assert len(remote.server.requests) == 1


async def test_an_open_breaker_fails_fast_without_a_request(remote: Harness) -> None:
    await remote.rebuild(tight(max_retries=0), breaker_threshold=2)
    remote.server.enqueue(remote.error(503), remote.error(503))
    for _ in range(2):
        with pytest.raises(UpstreamFailed):
            await remote.model.reply(PROMPT)

    with pytest.raises(CircuitOpen, match="temporarily unavailable"):
        await remote.model.reply(PROMPT)
    with pytest.raises(CircuitOpen):
        await remote.model.grade(GRADING)

    assert len(remote.server.requests) == 2
    assert await remote.model.health() is False
    assert len(remote.server.requests) == 2


async def test_a_stream_is_retried_before_its_first_delta(remote: Harness) -> None:
    remote.server.enqueue(remote.error(503))

    items = [item async for item in remote.model.stream(PROMPT)]

    assert isinstance(items[-1], TutorReply)
    assert "".join(i.text for i in items if isinstance(i, TextDelta)) == items[-1].content
    assert len(remote.server.requests) == 2


async def test_a_stream_that_keeps_failing_ends_with_an_upstream_failure(remote: Harness) -> None:
    remote.server.enqueue(*[remote.error(502)] * 3)

    with pytest.raises(UpstreamFailed, match="http_502, 3 attempts"):
        await anext(remote.model.stream(PROMPT))


async def test_a_grade_that_is_not_valid_json_is_asked_for_once_more(remote: Harness) -> None:
    remote.server.enqueue(remote.answer("I think it deserves a B."))

    grade = await remote.model.grade(GRADING)

    assert 0 <= grade.score <= 1
    assert len(remote.server.requests) == 2


@pytest.mark.parametrize(
    "bad_grade",
    [
        "not json at all",
        '{"score": 7, "feedback": "x", "strengths": [], "improvements": []}',
        '{"score": 0.5, "feedback": "x", "strengths": "all good", "improvements": []}',
        '{"score": "high", "feedback": "x", "strengths": [], "improvements": []}',
    ],
)
async def test_a_grade_malformed_twice_is_an_upstream_failure(
    remote: Harness, bad_grade: str
) -> None:
    remote.server.enqueue(remote.answer(bad_grade), remote.answer(bad_grade))

    with pytest.raises(UpstreamFailed, match="malformed grade"):
        await remote.model.grade(GRADING)

    assert len(remote.server.requests) == 2


async def test_each_attempt_is_logged_with_provider_model_tokens_and_outcome(
    remote: Harness,
) -> None:
    remote.server.enqueue(remote.error(503))

    with captured_events() as logs:
        await remote.model.reply(PROMPT)

    calls = [entry for entry in logs if entry["event"] == "upstream_call"]
    assert [(c["provider"], c["attempt"], c["outcome"]) for c in calls] == [
        (remote.name, 1, "retry"),
        (remote.name, 2, "ok"),
    ]
    assert calls[0]["reason"] == "http_503"
    assert calls[1]["tokens_in"] > 0
    assert calls[1]["tokens_out"] > 0
    assert calls[1]["model"]
    assert all(isinstance(c["latency_ms"], int) for c in calls)


async def test_the_api_key_never_reaches_the_logs(remote: Harness) -> None:
    remote.server.enqueue(remote.error(429, retry_after="1"), remote.error(400))

    with rendered_logs() as output:
        with pytest.raises(UpstreamFailed):
            await remote.model.reply(PROMPT)
        await remote.model.grade(GRADING)

    text = output.getvalue()
    assert '"event": "upstream_call"' in text
    assert '"outcome": "failed"' in text
    assert GEMINI_TEST_KEY not in text
    assert AI_CORE_TEST_KEY not in text
    assert OPENAI_TEST_KEY not in text


async def test_a_cancelled_call_leaves_the_model_usable(remote: Harness) -> None:
    remote.server.enqueue(remote.answer("slow", delay=3.0))
    task = asyncio.create_task(remote.model.reply(PROMPT))
    await remote.requests_arrived(1)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    reply = await remote.model.reply(PROMPT)

    assert reply.content.startswith("Fake")
