"""Reading and advancing a learner's streak, shared by the progress use cases."""

from datetime import datetime, tzinfo
from uuid import UUID

from tutor_platform.progress.domain.streaks import (
    WINDOW,
    Streak,
    reaches_back_to,
    resolve_timezone,
    summarize,
)
from tutor_platform.progress.ports.profiles import LearnerProfiles
from tutor_platform.progress.ports.streaks import ActivityRepository


async def timezone_of(profiles: LearnerProfiles, user_id: UUID) -> tzinfo:
    """The learner's time zone; UTC when they set none or an unknown one."""
    return resolve_timezone(await profiles.timezone_of(user_id))


async def read_streak(
    activity: ActivityRepository, user_id: UUID, zone: tzinfo, now: datetime
) -> Streak:
    """The streak as of ``now``: activity since the last reset, read one window at a time
    (most reads need one) until the current run is wholly inside what was read."""
    record = await activity.streak_record(user_id)
    floor = record.reset_at
    since = now - WINDOW
    instants = await activity.between(user_id, _later(since, floor), now)
    while (floor is None or since > floor) and reaches_back_to(instants, now, zone, since):
        older = await activity.between(user_id, _later(since - WINDOW, floor), since)
        if not older:
            break
        instants = older + instants
        since -= WINDOW
    return summarize(instants, now, zone, record)


async def record_activity(
    activity: ActivityRepository, user_id: UUID, zone: tzinfo, now: datetime
) -> Streak:
    """Record activity now and keep the longest streak up to date; returns the streak."""
    await activity.record(user_id, now)
    streak = await read_streak(activity, user_id, zone, now)
    await activity.raise_longest(user_id, streak.longest)
    return streak


def _later(at: datetime, floor: datetime | None) -> datetime:
    return at if floor is None else max(at, floor)
