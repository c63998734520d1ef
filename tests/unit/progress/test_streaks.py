"""Streak rules: local days in the learner's time zone, resets, and the longest streak."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tutor_platform.progress.domain.streaks import (
    Streak,
    StreakRecord,
    active_days,
    activity_bucket,
    local_day,
    reaches_back_to,
    resolve_timezone,
    summarize,
)

TOKYO = ZoneInfo("Asia/Tokyo")
BERLIN = ZoneInfo("Europe/Berlin")
NO_RECORD = StreakRecord()


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def daily(last: datetime, days: int) -> list[datetime]:
    """Activity at the same time of day on ``days`` consecutive days ending at ``last``."""
    return [last - timedelta(days=n) for n in range(days)]


NOW = utc(2026, 11, 22, 12, 0)


def test_no_activity_is_no_streak() -> None:
    assert summarize([], NOW, UTC, NO_RECORD) == Streak(current=0, longest=0)


def test_activity_today_starts_a_streak_of_one() -> None:
    assert summarize([utc(2026, 11, 22, 0, 0)], NOW, UTC, NO_RECORD) == Streak(1, 1)


def test_consecutive_days_ending_today_count() -> None:
    assert summarize(daily(utc(2026, 11, 22, 9, 0), 5), NOW, UTC, NO_RECORD) == Streak(5, 5)


def test_a_streak_stays_alive_through_the_next_day() -> None:
    activity = daily(utc(2026, 11, 21, 9, 0), 3)
    assert summarize(activity, NOW, UTC, NO_RECORD) == Streak(3, 3)
    end_of_next_day = utc(2026, 11, 22, 23, 59, 59)
    assert summarize(activity, end_of_next_day, UTC, NO_RECORD).current == 3


def test_a_streak_ends_when_a_whole_day_passes_without_activity() -> None:
    activity = daily(utc(2026, 11, 20, 9, 0), 3)
    assert summarize(activity, utc(2026, 11, 22, 0, 0), UTC, NO_RECORD) == Streak(0, 3)


def test_several_activities_on_one_day_count_once() -> None:
    activity = [utc(2026, 11, 22, hour) for hour in range(0, 12, 2)]
    assert summarize(activity, NOW, UTC, NO_RECORD) == Streak(1, 1)


def test_a_gap_starts_a_new_run_and_the_longest_run_is_remembered() -> None:
    old_run = daily(utc(2026, 11, 18, 9, 0), 4)  # 15-18
    new_run = daily(utc(2026, 11, 22, 9, 0), 2)  # 21-22 (the 19th and 20th are missing)
    assert summarize(old_run + new_run, NOW, UTC, NO_RECORD) == Streak(2, 4)


def test_midnight_separates_days() -> None:
    activity = [utc(2026, 11, 21, 23, 59, 59), utc(2026, 11, 22, 0, 0, 0)]
    assert summarize(activity, NOW, UTC, NO_RECORD).current == 2


def test_late_utc_activity_is_the_next_day_in_tokyo() -> None:
    # 23:30 UTC on the 20th is 08:30 on the 21st in Tokyo; 01:00 UTC on the 22nd is 10:00.
    activity = [utc(2026, 11, 20, 23, 30), utc(2026, 11, 22, 1, 0)]
    now = utc(2026, 11, 22, 2, 0)
    assert active_days(activity, TOKYO) == {date(2026, 11, 21), date(2026, 11, 22)}
    assert summarize(activity, now, TOKYO, NO_RECORD) == Streak(2, 2)
    assert summarize(activity, now, UTC, NO_RECORD) == Streak(1, 1)


def test_today_is_the_learners_local_day() -> None:
    # At 16:00 UTC on the 22nd it is already the 23rd in Tokyo: activity on the 21st (Tokyo)
    # has expired there, while in UTC the 21st is still yesterday.
    activity = [utc(2026, 11, 21, 3, 0)]
    now = utc(2026, 11, 22, 16, 0)
    assert summarize(activity, now, TOKYO, NO_RECORD).current == 0
    assert summarize(activity, now, UTC, NO_RECORD).current == 1


def test_the_long_day_when_berlin_leaves_summer_time_is_one_day() -> None:
    # 25 October 2026: clocks go back from 03:00 CEST to 02:00 CET, so the day lasts 25 hours.
    start = utc(2026, 10, 24, 22, 30)  # 00:30 CEST on the 25th
    end = utc(2026, 10, 25, 22, 59)  # 23:59 CET on the 25th (a fixed +2 would say the 26th)
    assert active_days([start, end], BERLIN) == {date(2026, 10, 25)}
    assert summarize([start, end], utc(2026, 10, 26, 8, 0), BERLIN, NO_RECORD) == Streak(1, 1)


def test_days_around_the_short_day_when_berlin_enters_summer_time_are_consecutive() -> None:
    # 29 March 2026 lasts 23 hours (02:00 CET jumps to 03:00 CEST).
    activity = [utc(2026, 3, 28, 23, 30), utc(2026, 3, 29, 22, 30)]  # 00:30 on the 29th, 30th
    assert active_days(activity, BERLIN) == {date(2026, 3, 29), date(2026, 3, 30)}
    assert summarize(activity, utc(2026, 3, 30, 8, 0), BERLIN, NO_RECORD) == Streak(2, 2)


def test_a_reset_drops_earlier_activity_from_the_current_streak() -> None:
    activity = daily(utc(2026, 11, 21, 9, 0), 5)
    record = StreakRecord(reset_at=utc(2026, 11, 22, 8, 0), longest=5)
    assert summarize(activity, NOW, UTC, record) == Streak(0, 5)


def test_activity_later_on_the_reset_day_is_day_one() -> None:
    activity = [*daily(utc(2026, 11, 22, 7, 0), 5), utc(2026, 11, 22, 10, 0)]
    record = StreakRecord(reset_at=utc(2026, 11, 22, 8, 0), longest=5)
    assert summarize(activity, NOW, UTC, record) == Streak(1, 5)
    tomorrow = utc(2026, 11, 23, 9, 0)
    assert summarize([*activity, tomorrow], tomorrow, UTC, record) == Streak(2, 5)


def test_activity_at_the_reset_instant_does_not_count() -> None:
    reset_at = utc(2026, 11, 22, 8, 0)
    record = StreakRecord(reset_at=reset_at)
    assert summarize([reset_at], NOW, UTC, record).current == 0


def test_the_recorded_longest_streak_is_never_lowered() -> None:
    assert summarize(daily(NOW, 2), NOW, UTC, StreakRecord(longest=9)) == Streak(2, 9)


def test_the_longest_streak_follows_the_current_one_past_the_record() -> None:
    assert summarize(daily(NOW, 12), NOW, UTC, StreakRecord(longest=9)) == Streak(12, 12)


@pytest.mark.parametrize(
    "name", [None, "", "  ", 42, "Mars/Olympus_Mons", "../../etc/passwd", "UTC\x00", "/etc/x"]
)
def test_a_missing_or_unknown_time_zone_is_utc(name: object) -> None:
    assert resolve_timezone(name) is UTC


def test_a_known_time_zone_is_used() -> None:
    assert resolve_timezone("Asia/Tokyo") == TOKYO
    assert resolve_timezone(" Europe/Berlin ") == BERLIN


def test_an_activity_bucket_starts_on_a_quarter_hour() -> None:
    assert activity_bucket(utc(2026, 11, 22, 10, 44, 59, 999)) == utc(2026, 11, 22, 10, 30)
    tokyo_time = datetime(2026, 11, 22, 19, 59, tzinfo=TOKYO)
    assert activity_bucket(tokyo_time) == utc(2026, 11, 22, 10, 45)


@pytest.mark.parametrize(
    "zone", ["Asia/Kathmandu", "Asia/Kolkata", "Australia/Eucla", "America/St_Johns", "UTC"]
)
def test_every_instant_of_a_bucket_is_on_the_buckets_local_day(zone: str) -> None:
    tz = ZoneInfo(zone)
    start = utc(2026, 3, 27, 0, 0)
    for minute in range(0, 4 * 24 * 60, 7):
        at = start + timedelta(minutes=minute)
        assert local_day(activity_bucket(at), tz) == local_day(at, tz), at


def test_a_run_reaching_the_start_of_what_was_read_needs_older_activity() -> None:
    activity = daily(NOW, 10)  # the first at 12:00 on the 13th
    assert reaches_back_to(activity, NOW, UTC, since=utc(2026, 11, 13, 12, 0))
    assert reaches_back_to(activity, NOW, UTC, since=utc(2026, 11, 12, 23, 0))
    assert not reaches_back_to(activity, NOW, UTC, since=utc(2026, 11, 11, 23, 59))
    assert not reaches_back_to([], NOW, UTC, since=NOW - timedelta(days=1))
