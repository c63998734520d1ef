"""The ActivityRepository contract: activity instants and streak records."""

from datetime import timedelta

from tests.contract.progress_repository.harness import T0, Backend
from tutor_platform.progress.domain.streaks import StreakRecord
from tutor_platform.shared.ids import new_id

MINUTE = timedelta(minutes=1)


async def test_activity_is_read_between_two_instants(backend: Backend) -> None:
    user = new_id()
    instants = [T0 - timedelta(days=2), T0 - timedelta(hours=5), T0, T0 + timedelta(days=3)]
    async with backend.uow_factory() as uow:
        for at in reversed(instants):
            await uow.activity.record(user, at)
        await uow.activity.record(new_id(), T0)
        await uow.commit()
    async with backend.uow_factory() as uow:
        assert await uow.activity.between(user, T0 - timedelta(days=10), T0) == instants[:3]
        assert await uow.activity.between(user, instants[0], T0 - MINUTE) == [instants[1]]
        assert await uow.activity.between(user, T0, T0 + timedelta(days=10)) == [instants[3]]
        assert await uow.activity.between(new_id(), T0 - timedelta(days=10), T0) == []


async def test_activity_in_one_quarter_hour_is_kept_once_at_its_latest(
    backend: Backend,
) -> None:
    user = new_id()
    async with backend.uow_factory() as uow:
        for minutes in (3, 14, 7):
            await uow.activity.record(user, T0 + minutes * MINUTE)
        await uow.activity.record(user, T0 + 15 * MINUTE)
        await uow.commit()
    async with backend.uow_factory() as uow:
        assert await uow.activity.between(user, T0 - MINUTE, T0 + timedelta(hours=1)) == [
            T0 + 14 * MINUTE,
            T0 + 15 * MINUTE,
        ]
        assert await uow.activity.between(user, T0 + 13 * MINUTE, T0 + 14 * MINUTE) == [
            T0 + 14 * MINUTE
        ]


async def test_a_new_learner_has_an_empty_streak_record(backend: Backend) -> None:
    async with backend.uow_factory() as uow:
        assert await uow.activity.streak_record(new_id()) == StreakRecord(None, 0)


async def test_the_longest_streak_only_grows(backend: Backend) -> None:
    user = new_id()
    async with backend.uow_factory() as uow:
        await uow.activity.raise_longest(user, 3)
        await uow.activity.raise_longest(user, 7)
        await uow.activity.raise_longest(user, 5)
        await uow.commit()
    async with backend.uow_factory() as uow:
        assert await uow.activity.streak_record(user) == StreakRecord(None, 7)


async def test_a_reset_is_remembered_and_keeps_the_longest_streak(backend: Backend) -> None:
    user = new_id()
    async with backend.uow_factory() as uow:
        await uow.activity.reset(user, T0, 4)
        await uow.commit()
    async with backend.uow_factory() as uow:
        assert await uow.activity.streak_record(user) == StreakRecord(T0, 4)
        await uow.activity.raise_longest(user, 6)
        await uow.activity.reset(user, T0 + timedelta(days=1), 2)
        await uow.commit()
    async with backend.uow_factory() as uow:
        assert await uow.activity.streak_record(user) == StreakRecord(T0 + timedelta(days=1), 6)
        await uow.activity.raise_longest(user, 1)
        await uow.commit()
    async with backend.uow_factory() as uow:
        assert await uow.activity.streak_record(user) == StreakRecord(T0 + timedelta(days=1), 6)
