"""Retries, backoff, Retry-After, the time budget, timeouts, the breaker and the log lines of
``Resilience``, with an injected clock, sleep and jitter."""

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.fakes.log_capture import captured_events
from tests.support.clock import T0
from tests.unit.ratelimit.fake_clock import FakeMonotonic
from tutor_platform.shared.clock import FixedClock
from tutor_platform.shared.errors import UpstreamFailed
from tutor_platform.shared.resilience import (
    BreakerState,
    CircuitBreaker,
    CircuitOpen,
    Failure,
    Resilience,
    RetryConfig,
    UpstreamCallFailed,
)

NOW = T0
CONFIG = RetryConfig(
    timeout_seconds=5,
    max_retries=3,
    backoff_base_seconds=1,
    backoff_max_seconds=3,
    retry_after_max_seconds=10,
    total_seconds=60,
)


class Boom(Exception):
    """A provider failure as an adapter would see it."""

    def __init__(self, status: int = 503, retry_after: str | None = None) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        self.retry_after = retry_after


def classify(exc: Exception) -> Failure | None:
    if isinstance(exc, Boom):
        retryable = exc.status == 429 or exc.status >= 500
        return Failure(retryable, f"http_{exc.status}", exc.retry_after)
    return None


@dataclass
class Scene:
    """The test's control of time, and a provider that follows a script."""

    clock: FakeMonotonic = field(default_factory=FakeMonotonic)
    sleeps: list[float] = field(default_factory=list)
    outcomes: list[object] = field(default_factory=list)
    calls: int = 0

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.clock.advance(seconds)

    async def operation(self) -> str:
        self.calls += 1
        outcome = self.outcomes.pop(0) if self.outcomes else "answer"
        if isinstance(outcome, Exception):
            raise outcome
        return str(outcome)


def make(
    scene: Scene,
    config: RetryConfig = CONFIG,
    threshold: int = 10,
    jitter: float = 0.5,
) -> Resilience:
    return Resilience(
        "fakeai",
        config,
        CircuitBreaker(threshold, 30, scene.clock),
        classify,
        monotonic=scene.clock,
        sleep=scene.sleep,
        jitter=lambda: jitter,
        clock=FixedClock(NOW),
    )


@pytest.fixture
def scene() -> Scene:
    return Scene()


async def test_a_success_is_returned_at_once(scene: Scene) -> None:
    result = await make(scene).call(scene.operation, action="reply")

    assert result == "answer"
    assert scene.calls == 1
    assert scene.sleeps == []


async def test_retryable_failures_are_retried_with_growing_jittered_backoff(scene: Scene) -> None:
    scene.outcomes = [Boom(503), Boom(500), Boom(502), "late answer"]

    result = await make(scene, jitter=0.5).call(scene.operation, action="reply")

    assert result == "late answer"
    assert scene.calls == 4
    assert scene.sleeps == [0.5, 1.0, 1.5]  # half of 1, 2, then 4 capped at 3


async def test_full_jitter_draws_the_wait_between_zero_and_the_ceiling(scene: Scene) -> None:
    scene.outcomes = [Boom(503), Boom(503)]

    await make(scene, jitter=0.0).call(scene.operation, action="reply")

    assert scene.sleeps == [0.0, 0.0]


async def test_other_client_errors_are_not_retried(scene: Scene) -> None:
    scene.outcomes = [Boom(400), "never reached"]

    with pytest.raises(UpstreamCallFailed) as caught:
        await make(scene).call(scene.operation, action="reply")

    assert scene.calls == 1
    assert scene.sleeps == []
    assert caught.value.reason == "http_400"
    assert caught.value.detail == "fakeai did not answer successfully (http_400, 1 attempt)"
    assert isinstance(caught.value, UpstreamFailed)


async def test_when_retries_run_out_the_call_fails_with_the_last_reason(scene: Scene) -> None:
    scene.outcomes = [Boom(503)] * 4

    with pytest.raises(UpstreamCallFailed) as caught:
        await make(scene).call(scene.operation, action="reply")

    assert scene.calls == 4
    assert caught.value.attempts == 4
    assert "http_503, 4 attempts" in caught.value.detail


async def test_retry_after_in_seconds_is_honoured_instead_of_backoff(scene: Scene) -> None:
    scene.outcomes = [Boom(429, retry_after="7")]

    assert await make(scene).call(scene.operation, action="reply") == "answer"

    assert scene.sleeps == [7.0]


async def test_retry_after_as_an_http_date_is_honoured(scene: Scene) -> None:
    scene.outcomes = [Boom(503, retry_after="Sun, 22 Nov 2026 10:00:04 GMT")]

    await make(scene).call(scene.operation, action="reply")

    assert scene.sleeps == [4.0]


async def test_a_retry_after_longer_than_the_cap_fails_at_once(scene: Scene) -> None:
    scene.outcomes = [Boom(429, retry_after="30")]  # within the budget, over the cap

    with pytest.raises(UpstreamCallFailed, match="http_429"):
        await make(scene).call(scene.operation, action="reply")

    assert scene.calls == 1
    assert scene.sleeps == []


async def test_no_retry_starts_past_the_total_budget(scene: Scene) -> None:
    config = RetryConfig(timeout_seconds=5, max_retries=5, backoff_base_seconds=1, total_seconds=9)
    scene.outcomes = [Boom(429, retry_after="4")] * 6

    with pytest.raises(UpstreamCallFailed):
        await make(scene, config).call(scene.operation, action="reply")

    assert scene.sleeps == [4.0, 4.0]
    assert scene.calls == 3


async def test_an_attempt_that_takes_too_long_times_out_and_is_retried(scene: Scene) -> None:
    config = RetryConfig(timeout_seconds=0.05, max_retries=1, backoff_base_seconds=0)
    attempts = 0

    async def slow_then_fast() -> str:
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            await asyncio.sleep(10)
        return "fast"

    async with asyncio.timeout(2):
        assert await make(scene, config).call(slow_then_fast, action="reply") == "fast"
    assert attempts == 2


async def test_timeouts_that_never_end_fail_as_upstream_errors(scene: Scene) -> None:
    config = RetryConfig(timeout_seconds=0.02, max_retries=2, backoff_base_seconds=0)

    async def hang() -> str:
        await asyncio.sleep(10)
        return "never"

    async with asyncio.timeout(2):
        with pytest.raises(UpstreamCallFailed) as caught:
            await make(scene, config).call(hang, action="reply")
    assert caught.value.reason == "timeout"
    assert caught.value.attempts == 3


async def test_exceptions_that_are_no_provider_failure_propagate_unchanged(scene: Scene) -> None:
    scene.outcomes = [KeyError("bug")]

    with pytest.raises(KeyError):
        await make(scene).call(scene.operation, action="reply")

    assert scene.calls == 1


async def test_an_open_breaker_fails_fast_without_calling(scene: Scene) -> None:
    resilience = make(scene, RetryConfig(max_retries=0), threshold=2)
    scene.outcomes = [Boom(503), Boom(503)]
    for _ in range(2):
        with pytest.raises(UpstreamCallFailed):
            await resilience.call(scene.operation, action="reply")

    with pytest.raises(CircuitOpen) as caught:
        await resilience.call(scene.operation, action="reply")

    assert scene.calls == 2
    assert caught.value.retry_after == 30
    assert caught.value.detail == "fakeai is temporarily unavailable; try again in 30 s"


async def test_after_the_reset_time_a_trial_call_closes_the_breaker(scene: Scene) -> None:
    resilience = make(scene, RetryConfig(max_retries=0), threshold=1)
    scene.outcomes = [Boom(503)]
    with pytest.raises(UpstreamCallFailed):
        await resilience.call(scene.operation, action="reply")
    scene.clock.advance(30)

    assert await resilience.call(scene.operation, action="reply") == "answer"

    assert resilience.breaker.state is BreakerState.CLOSED


async def test_retries_stop_when_the_breaker_opens(scene: Scene) -> None:
    scene.outcomes = [Boom(503)] * 4

    with pytest.raises(UpstreamCallFailed) as caught:
        await make(scene, threshold=2).call(scene.operation, action="reply")

    assert caught.value.attempts == 2
    assert scene.sleeps == [0.5]


async def test_client_errors_do_not_count_against_the_breaker(scene: Scene) -> None:
    resilience = make(scene, threshold=1)
    scene.outcomes = [Boom(400), Boom(404)]
    for _ in range(2):
        with pytest.raises(UpstreamCallFailed):
            await resilience.call(scene.operation, action="reply")

    assert resilience.breaker.state is BreakerState.CLOSED


async def test_a_cancelled_trial_call_lets_the_next_call_try(scene: Scene) -> None:
    resilience = make(scene, RetryConfig(max_retries=0), threshold=1)
    scene.outcomes = [Boom(503)]
    with pytest.raises(UpstreamCallFailed):
        await resilience.call(scene.operation, action="reply")
    scene.clock.advance(30)
    started = asyncio.Event()

    async def hang() -> str:
        started.set()
        await asyncio.sleep(10)
        return "never"

    task = asyncio.create_task(resilience.call(hang, action="reply"))
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    assert await resilience.call(scene.operation, action="reply") == "answer"


async def test_each_attempt_is_logged_with_its_outcome_and_fields(scene: Scene) -> None:
    scene.outcomes = [Boom(503)]

    with captured_events() as logs:
        await make(scene).call(
            scene.operation,
            action="reply",
            fields={"model": "m-1"},
            result_fields=lambda result: {"tokens_out": len(result)},
        )

    calls = [entry for entry in logs if entry["event"] == "upstream_call"]
    assert [(c["attempt"], c["outcome"]) for c in calls] == [(1, "retry"), (2, "ok")]
    assert calls[0]["reason"] == "http_503"
    assert calls[0]["retry_in_ms"] == 500
    assert {c["provider"] for c in calls} == {"fakeai"}
    assert {c["model"] for c in calls} == {"m-1"}
    assert calls[1]["tokens_out"] == len("answer")
    assert all(isinstance(c["latency_ms"], int) for c in calls)


def stream_of(items: Sequence[str], fail_at: int | None = None) -> Callable[[], AsyncIterator[str]]:
    """A stream of ``items`` that fails with a 503 where its index is ``fail_at``."""

    async def generate() -> AsyncIterator[str]:
        for index, item in enumerate(items):
            if index == fail_at:
                raise Boom(503)
            yield item

    return generate


async def collect(stream: AsyncIterator[str], into: list[str]) -> None:
    async for item in stream:
        into.append(item)


async def test_a_stream_that_fails_before_its_first_item_is_opened_again(scene: Scene) -> None:
    opened = []

    def open_stream() -> AsyncIterator[str]:
        opened.append(1)
        if len(opened) == 1:
            return stream_of(["a", "b"], fail_at=0)()
        return stream_of(["a", "b"])()

    items = [item async for item in make(scene).stream(open_stream, action="stream")]

    assert items == ["a", "b"]
    assert len(opened) == 2
    assert scene.sleeps == [0.5]


async def test_a_stream_that_fails_after_an_item_is_not_retried(scene: Scene) -> None:
    opened = []

    def open_stream() -> AsyncIterator[str]:
        opened.append(1)
        return stream_of(["a", "b", "c"], fail_at=2)()

    received: list[str] = []
    with pytest.raises(UpstreamCallFailed) as caught:
        await collect(make(scene).stream(open_stream, action="stream"), received)

    assert received == ["a", "b"]
    assert len(opened) == 1
    assert caught.value.reason == "http_503 mid-stream"


async def test_waiting_for_the_first_item_is_bounded_by_the_timeout(scene: Scene) -> None:
    config = RetryConfig(timeout_seconds=0.02, max_retries=1, backoff_base_seconds=0)

    async def never_starts() -> AsyncIterator[str]:
        await asyncio.sleep(10)
        yield "never"

    async with asyncio.timeout(2):
        with pytest.raises(UpstreamCallFailed, match="timeout, 2 attempts"):
            await collect(make(scene, config).stream(never_starts, action="stream"), [])


async def test_a_finished_stream_logs_the_fields_of_its_last_item(scene: Scene) -> None:
    with captured_events() as logs:
        items = [
            item
            async for item in make(scene).stream(
                stream_of(["a", "bb"]),
                action="stream",
                result_fields=lambda last: {"last": last},
            )
        ]

    assert items == ["a", "bb"]
    assert [(e["outcome"], e["last"]) for e in logs if e["event"] == "upstream_call"] == [
        ("ok", "bb")
    ]


@pytest.mark.parametrize(
    "options",
    [
        {"timeout_seconds": 0},
        {"total_seconds": -1},
        {"max_retries": -1},
        {"backoff_base_seconds": -1},
        {"retry_after_max_seconds": -1},
    ],
)
def test_nonsense_configs_are_refused(options: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="must"):
        RetryConfig(**options)
