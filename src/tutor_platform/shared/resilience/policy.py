"""Retries, timeouts, ``Retry-After``, a time budget and the circuit breaker around calls to
one provider, with one structured log line per attempt."""

import asyncio
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Final, TypeVar

import structlog

from tutor_platform.shared.clock import Clock, SystemClock
from tutor_platform.shared.resilience.breaker import BreakerState, CircuitBreaker
from tutor_platform.shared.resilience.errors import CircuitOpen, UpstreamCallFailed
from tutor_platform.shared.resilience.retry_after import parse_retry_after
from tutor_platform.shared.telemetry import breaker_states, telemetry

T = TypeVar("T")

logger = structlog.get_logger("tutor_platform.upstream")


@dataclass(frozen=True, slots=True, kw_only=True)
class RetryConfig:
    """How long to wait for one attempt, how often and how long to retry.

    ``max_retries`` counts the attempts after the first. The backoff before retry ``n`` is
    drawn uniformly from ``[0, min(backoff_max_seconds, backoff_base_seconds * 2**(n-1))]``
    (full jitter), unless the provider sent ``Retry-After``: that wait is honoured, and one
    longer than ``retry_after_max_seconds`` ends the retries at once. No retry starts when its
    wait would end past ``total_seconds`` from the first attempt.
    """

    timeout_seconds: float = 30.0
    max_retries: int = 2
    backoff_base_seconds: float = 0.5
    backoff_max_seconds: float = 8.0
    retry_after_max_seconds: float = 20.0
    total_seconds: float = 90.0

    def __post_init__(self) -> None:
        if self.timeout_seconds <= 0 or self.total_seconds <= 0:
            raise ValueError("timeouts must be positive")
        if self.max_retries < 0:
            raise ValueError("max_retries must not be negative")
        if min(self.backoff_base_seconds, self.backoff_max_seconds) < 0:
            raise ValueError("backoff must not be negative")
        if self.retry_after_max_seconds < 0:
            raise ValueError("retry_after_max_seconds must not be negative")


@dataclass(frozen=True, slots=True)
class Failure:
    """An adapter's judgement of an exception from its SDK or HTTP client.

    ``reason`` is short and safe to log (``http_503``, ``network``, ``malformed``);
    ``retry_after`` is the raw ``Retry-After`` header, if the provider sent one. Only
    retryable failures count against the circuit breaker: any other answer shows the
    provider is up.
    """

    retryable: bool
    reason: str
    retry_after: str | None = None


Classifier = Callable[[Exception], Failure | None]
"""Judges an exception; None means it is no provider failure (a bug) and is re-raised as is."""
_TIMED_OUT: Final = Failure(retryable=True, reason="timeout")


class _AttemptTimedOut(Exception):
    """An attempt took longer than its timeout."""


class _Finished:
    """Marks a stream that ended."""


_FINISHED: Final = _Finished()


class Resilience:
    """Runs calls to one provider with retries, timeouts and that provider's breaker.

    ``classify`` sorts exceptions into retryable or not; the clock, sleep and random source
    are injected so tests can control time.
    """

    def __init__(
        self,
        name: str,
        config: RetryConfig,
        breaker: CircuitBreaker,
        classify: Classifier,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        jitter: Callable[[], float] = random.random,
        clock: Clock | None = None,
    ) -> None:
        self.name = name
        self.config = config
        self.breaker = breaker
        breaker_states.watch(name, breaker)
        self._classify = classify
        self._monotonic = monotonic
        self._sleep = sleep
        self._jitter = jitter
        self._clock = clock or SystemClock()

    async def call(
        self,
        operation: Callable[[], Awaitable[T]],
        *,
        action: str,
        fields: Mapping[str, object] | None = None,
        result_fields: Callable[[T], Mapping[str, object]] | None = None,
    ) -> T:
        """The result of ``operation``, retried as configured.

        Raises ``CircuitOpen`` without calling when the breaker is open, and
        ``UpstreamCallFailed`` when a failure is not retryable or the retries ran out.
        ``fields`` (e.g. the model) and ``result_fields(result)`` (e.g. tokens) are logged.
        """
        context = dict(fields or {})
        started = self._monotonic()
        attempt = 0
        while True:
            attempt += 1
            self._acquire(action, context, attempt)
            attempt_started = self._monotonic()
            try:
                result = await self._attempt(operation, self._attempt_timeout(started))
            except Exception as exc:
                failure = self._judge(exc)
                if failure is None:
                    self.breaker.release()
                    raise
                delay = self._after_failure(
                    failure, action, context, attempt, attempt_started, started
                )
                if delay is None:
                    raise UpstreamCallFailed(self.name, failure.reason, attempt) from exc
                await self._sleep(delay)
                continue
            except BaseException:
                self.breaker.release()
                raise
            self.breaker.record_success()
            extra = result_fields(result) if result_fields else {}
            self._log_ok(action, context, attempt, attempt_started, extra)
            return result

    async def stream(
        self,
        open_stream: Callable[[], AsyncIterator[T]],
        *,
        action: str,
        fields: Mapping[str, object] | None = None,
        result_fields: Callable[[T], Mapping[str, object]] | None = None,
    ) -> AsyncIterator[T]:
        """The items of ``open_stream()``; retried (from a new stream) only before the first
        item. Waiting for each item is bounded by the attempt timeout. ``result_fields`` is
        applied to the last item for the log line."""
        context = dict(fields or {})
        started = self._monotonic()
        attempt = 0
        while True:
            attempt += 1
            self._acquire(action, context, attempt)
            attempt_started = self._monotonic()
            iterator = open_stream()
            last: T | _Finished = _FINISHED
            try:
                while True:
                    timeout = (
                        self.config.timeout_seconds
                        if last is not _FINISHED
                        else self._attempt_timeout(started)
                    )
                    item = await self._attempt(_next_or_finished(iterator), timeout)
                    if isinstance(item, _Finished):
                        break
                    last = item
                    yield item
            except Exception as exc:
                failure = self._judge(exc)
                if failure is None:
                    self.breaker.release()
                    raise
                if last is not _FINISHED:
                    self._after_failure(failure, action, context, attempt, attempt_started, None)
                    reason = f"{failure.reason} mid-stream"
                    raise UpstreamCallFailed(self.name, reason, attempt) from exc
                delay = self._after_failure(
                    failure, action, context, attempt, attempt_started, started
                )
                if delay is None:
                    raise UpstreamCallFailed(self.name, failure.reason, attempt) from exc
                await self._sleep(delay)
                continue
            except BaseException:
                self.breaker.release()
                raise
            finally:
                await _close(iterator)
            self.breaker.record_success()
            extra = result_fields(last) if result_fields and not isinstance(last, _Finished) else {}
            self._log_ok(action, context, attempt, attempt_started, extra)
            return

    async def _attempt(self, operation: Callable[[], Awaitable[T]], seconds: float) -> T:
        try:
            async with asyncio.timeout(seconds) as scope:
                return await operation()
        except TimeoutError as exc:
            if scope.expired():
                raise _AttemptTimedOut from exc
            raise

    def _attempt_timeout(self, started: float) -> float:
        remaining = self.config.total_seconds - (self._monotonic() - started)
        return max(0.0, min(self.config.timeout_seconds, remaining))

    def _judge(self, exc: Exception) -> Failure | None:
        if isinstance(exc, _AttemptTimedOut):
            return _TIMED_OUT
        return self._classify(exc)

    def _acquire(self, action: str, context: Mapping[str, object], attempt: int) -> None:
        if self.breaker.try_acquire():
            return
        self._log("warning", action, attempt, {**context, "outcome": "circuit_open"})
        raise CircuitOpen(self.name, self.breaker.retry_after())

    def _after_failure(
        self,
        failure: Failure,
        action: str,
        context: Mapping[str, object],
        attempt: int,
        attempt_started: float,
        retry_from: float | None,
    ) -> float | None:
        """Record the failure and log it; the wait before the next attempt, or None.

        ``retry_from`` is when the call's first attempt started; None when it may not retry.
        """
        if failure.retryable:
            self.breaker.record_failure()
        else:
            self.breaker.record_success()
        telemetry.provider_call(self.name, action, "error", self._monotonic() - attempt_started)
        delay = None if retry_from is None else self._retry_delay(failure, attempt, retry_from)
        self._log(
            "warning",
            action,
            attempt,
            {
                **context,
                "outcome": "failed" if delay is None else "retry",
                "reason": failure.reason,
                "latency_ms": self._elapsed_ms(attempt_started),
                "retry_in_ms": None if delay is None else round(delay * 1000),
            },
        )
        return delay

    def _retry_delay(self, failure: Failure, attempt: int, started: float) -> float | None:
        config = self.config
        if not failure.retryable or attempt > config.max_retries:
            return None
        if self.breaker.state is not BreakerState.CLOSED:
            return None
        asked = parse_retry_after(failure.retry_after, self._clock.now())
        if asked is not None:
            if asked > config.retry_after_max_seconds:
                return None
            delay = asked
        else:
            exponential = config.backoff_base_seconds * 2 ** (attempt - 1)
            delay = self._jitter() * min(config.backoff_max_seconds, exponential)
        remaining = config.total_seconds - (self._monotonic() - started)
        return delay if delay < remaining else None

    def _log_ok(
        self,
        action: str,
        context: Mapping[str, object],
        attempt: int,
        attempt_started: float,
        extra: Mapping[str, object],
    ) -> None:
        telemetry.provider_call(self.name, action, "ok", self._monotonic() - attempt_started)
        fields = {**context, "outcome": "ok", "latency_ms": self._elapsed_ms(attempt_started)}
        self._log("info", action, attempt, {**fields, **extra})

    def _log(self, level: str, action: str, attempt: int, fields: Mapping[str, object]) -> None:
        log = logger.info if level == "info" else logger.warning
        names = {"provider": self.name, "action": action, "attempt": attempt}
        log("upstream_call", **{**fields, **names})

    def _elapsed_ms(self, since: float) -> int:
        return round((self._monotonic() - since) * 1000)


def _next_or_finished(iterator: AsyncIterator[T]) -> Callable[[], Awaitable[T | _Finished]]:
    async def step() -> T | _Finished:
        try:
            return await anext(iterator)
        except StopAsyncIteration:
            return _FINISHED

    return step


async def _close(iterator: AsyncIterator[object]) -> None:
    aclose = getattr(iterator, "aclose", None)
    if aclose is not None:
        await aclose()
