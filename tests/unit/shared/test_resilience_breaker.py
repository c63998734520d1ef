"""The circuit breaker: closed, open (fail fast), half-open (one trial), with a test clock."""

import pytest

from tests.unit.ratelimit.fake_clock import FakeMonotonic
from tutor_platform.shared.resilience import BreakerState, CircuitBreaker


@pytest.fixture
def clock() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
def breaker(clock: FakeMonotonic) -> CircuitBreaker:
    return CircuitBreaker(failure_threshold=3, reset_seconds=30, monotonic=clock)


def fail(breaker: CircuitBreaker, times: int) -> None:
    for _ in range(times):
        assert breaker.try_acquire()
        breaker.record_failure()


def test_it_opens_after_the_threshold_of_failures_in_a_row(breaker: CircuitBreaker) -> None:
    fail(breaker, 2)
    assert breaker.state is BreakerState.CLOSED

    fail(breaker, 1)

    assert breaker.state is BreakerState.OPEN
    assert not breaker.try_acquire()
    assert breaker.retry_after() == 30


def test_a_success_resets_the_count_of_failures(breaker: CircuitBreaker) -> None:
    fail(breaker, 2)
    breaker.record_success()
    fail(breaker, 2)

    assert breaker.state is BreakerState.CLOSED
    assert breaker.try_acquire()


def test_after_the_reset_time_exactly_one_trial_call_goes_through(
    breaker: CircuitBreaker, clock: FakeMonotonic
) -> None:
    fail(breaker, 3)
    clock.advance(29.9)
    assert not breaker.try_acquire()
    assert breaker.retry_after() == pytest.approx(0.1)

    clock.advance(0.1)

    assert breaker.state is BreakerState.HALF_OPEN
    assert breaker.try_acquire()
    assert not breaker.try_acquire()


def test_a_successful_trial_closes_the_circuit(
    breaker: CircuitBreaker, clock: FakeMonotonic
) -> None:
    fail(breaker, 3)
    clock.advance(30)
    assert breaker.try_acquire()

    breaker.record_success()

    assert breaker.state is BreakerState.CLOSED
    assert breaker.try_acquire()
    assert breaker.try_acquire()


def test_a_failed_trial_opens_it_again_for_a_full_period(
    breaker: CircuitBreaker, clock: FakeMonotonic
) -> None:
    fail(breaker, 3)
    clock.advance(30)
    assert breaker.try_acquire()

    breaker.record_failure()

    assert breaker.state is BreakerState.OPEN
    assert breaker.retry_after() == 30
    clock.advance(29)
    assert not breaker.try_acquire()


def test_a_released_trial_lets_the_next_call_try(
    breaker: CircuitBreaker, clock: FakeMonotonic
) -> None:
    fail(breaker, 3)
    clock.advance(30)
    assert breaker.try_acquire()

    breaker.release()

    assert breaker.try_acquire()


def test_failures_of_calls_still_running_when_it_opened_do_not_extend_it(
    breaker: CircuitBreaker, clock: FakeMonotonic
) -> None:
    fail(breaker, 3)
    clock.advance(20)

    breaker.record_failure()

    assert breaker.retry_after() == 10


@pytest.mark.parametrize(("threshold", "reset"), [(0, 30.0), (3, 0.0)])
def test_nonsense_settings_are_refused(threshold: int, reset: float) -> None:
    with pytest.raises(ValueError, match="must be"):
        CircuitBreaker(threshold, reset, FakeMonotonic())
