"""Subscriptions and the effective plan, against an injected clock."""

from datetime import timedelta

from tests.unit.identity.builders import T0
from tutor_platform.identity.domain.subscription import Subscription, change_plan
from tutor_platform.shared.auth import Plan
from tutor_platform.shared.clock import FixedClock


def test_premium_without_end_stays_premium() -> None:
    subscription = Subscription(Plan.PREMIUM, started_at=T0)
    assert subscription.is_active(T0 + timedelta(days=3650))
    assert subscription.effective_plan(T0 + timedelta(days=3650)) == Plan.PREMIUM


def test_premium_falls_back_to_free_when_it_ends() -> None:
    clock = FixedClock(T0)
    subscription = Subscription(Plan.PREMIUM, started_at=T0, ends_at=T0 + timedelta(days=30))
    clock.advance(days=29, hours=23)
    assert subscription.effective_plan(clock.now()) == Plan.PREMIUM
    clock.advance(hours=1)
    assert not subscription.is_active(clock.now())
    assert subscription.effective_plan(clock.now()) == Plan.FREE
    assert subscription.plan == Plan.PREMIUM


def test_free_is_always_free() -> None:
    assert Subscription(Plan.FREE, started_at=T0).effective_plan(T0) == Plan.FREE


def test_changing_plan_starts_a_new_period() -> None:
    current = Subscription(Plan.FREE, started_at=T0)
    later = T0 + timedelta(days=5)
    changed = change_plan(current, Plan.PREMIUM, T0 + timedelta(days=40), later)
    assert changed == Subscription(Plan.PREMIUM, started_at=later, ends_at=T0 + timedelta(days=40))


def test_extending_a_running_plan_keeps_its_start() -> None:
    current = Subscription(Plan.PREMIUM, started_at=T0, ends_at=T0 + timedelta(days=30))
    later = T0 + timedelta(days=10)
    changed = change_plan(current, Plan.PREMIUM, None, later)
    assert changed == Subscription(Plan.PREMIUM, started_at=T0, ends_at=None)


def test_renewing_an_ended_plan_starts_again() -> None:
    current = Subscription(Plan.PREMIUM, started_at=T0, ends_at=T0 + timedelta(days=1))
    later = T0 + timedelta(days=10)
    assert change_plan(current, Plan.PREMIUM, None, later).started_at == later
