"""Learning streaks: consecutive local days with activity (a completion or study minutes).

Activity is kept as UTC instants; days are counted in the learner's *current* time zone when
the streak is read, so a change of time zone re-reads the past in the new one.

- The current streak is the run of active days ending today or yesterday: a streak stays
  alive until the end of the day after its last active day.
- A reset makes every activity up to the reset instant stop counting; activity after it,
  even later on the same day, counts again, so that day is day 1 of the next streak.
- The longest streak is the longest current streak ever reached; a reset never lowers it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WINDOW = timedelta(days=400)
"""How far back one read of activity goes; a longer current streak reads further back."""

BUCKET = timedelta(minutes=15)
"""Activity is stored once per user and 15-minute UTC bucket. Every time zone's offset is a
multiple of 15 minutes, so all instants of a bucket fall on the same local day anywhere."""


def resolve_timezone(name: object) -> tzinfo:
    """The IANA zone of that name; UTC when the name is missing, not a string or unknown."""
    if not isinstance(name, str) or not name.strip():
        return UTC
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return UTC


def activity_bucket(at: datetime) -> datetime:
    """The start of the 15-minute UTC bucket of an instant."""
    utc = at.astimezone(UTC)
    return utc.replace(minute=utc.minute - utc.minute % 15, second=0, microsecond=0)


def local_day(at: datetime, zone: tzinfo) -> date:
    return at.astimezone(zone).date()


def active_days(instants: Iterable[datetime], zone: tzinfo) -> set[date]:
    """The local days on which any of the instants fell."""
    return {local_day(at, zone) for at in instants}


def run_ending(days: set[date], last: date) -> int:
    """How many consecutive active days end on ``last`` (0 when ``last`` is not active)."""
    length = 0
    while last - timedelta(days=length) in days:
        length += 1
    return length


def longest_run(days: set[date]) -> int:
    """The longest run of consecutive active days."""
    return max(
        (run_ending(days, day) for day in days if day + timedelta(days=1) not in days), default=0
    )


@dataclass(frozen=True, slots=True)
class CurrentRun:
    """The current streak and its first day (``None`` when there is no streak)."""

    days: int
    first_day: date | None


def current_run(days: set[date], today: date) -> CurrentRun:
    """The run ending today, else the one ending yesterday, else none."""
    for last in (today, today - timedelta(days=1)):
        length = run_ending(days, last)
        if length:
            return CurrentRun(length, last - timedelta(days=length - 1))
    return CurrentRun(0, None)


@dataclass(frozen=True, slots=True)
class StreakRecord:
    """What is stored per learner besides the activity: the last reset and the longest
    streak recorded so far (which covers runs before the reset or older than a read)."""

    reset_at: datetime | None = None
    longest: int = 0

    def counts(self, at: datetime) -> bool:
        """Whether activity at this instant still counts (it came after the last reset)."""
        return self.reset_at is None or at > self.reset_at


@dataclass(frozen=True, slots=True)
class Streak:
    current: int
    longest: int


def summarize(
    instants: Iterable[datetime], now: datetime, zone: tzinfo, record: StreakRecord
) -> Streak:
    """The streak as of ``now`` from the activity that still counts."""
    days = active_days((at for at in instants if record.counts(at)), zone)
    current = current_run(days, local_day(now, zone)).days
    return Streak(current, max(record.longest, longest_run(days), current))


def reaches_back_to(
    instants: Iterable[datetime], now: datetime, zone: tzinfo, since: datetime
) -> bool:
    """Whether the current run may go on before ``since``: activity was read only after it,
    and the day before the run's first one is the day of ``since`` or earlier (so a part of
    it, at least, was not read)."""
    run = current_run(active_days(instants, zone), local_day(now, zone))
    return run.first_day is not None and run.first_day - timedelta(days=1) <= local_day(since, zone)
