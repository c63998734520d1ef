"""A learner sets their current streak back to 0."""

from uuid import UUID

from tutor_platform.progress.application.support.streaks import read_streak, timezone_of
from tutor_platform.progress.application.support.views import StreakView
from tutor_platform.progress.ports.profiles import LearnerProfiles
from tutor_platform.progress.ports.unit_of_work import ProgressUnitOfWorkFactory
from tutor_platform.shared.clock import Clock


class ResetStreak:
    """Activity up to now stops counting; the longest streak keeps the streak being ended."""

    def __init__(
        self, uow_factory: ProgressUnitOfWorkFactory, profiles: LearnerProfiles, clock: Clock
    ) -> None:
        self._uow_factory = uow_factory
        self._profiles = profiles
        self._clock = clock

    async def execute(self, user_id: UUID) -> StreakView:
        zone = await timezone_of(self._profiles, user_id)
        now = self._clock.now()
        async with self._uow_factory() as uow:
            streak = await read_streak(uow.activity, user_id, zone, now)
            await uow.activity.reset(user_id, now, streak.longest)
            await uow.commit()
        return StreakView(streak_days=0, longest_streak_days=streak.longest, reset_at=now)
