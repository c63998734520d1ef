"""The one clock helper of the tests: which time a test uses, and why.

- ``T0`` is a fixed instant for code that reads an injected ``Clock`` (use cases, domain
  rules, repositories given explicit timestamps). It never meets the real clock, so it can
  stay fixed forever; give it to a ``FixedClock`` with ``fixed_clock()``.
- ``utc_today()`` / ``utc_now()`` are the real date and time, for adapters whose server keeps
  its own real time (a Redis key that expires at an absolute time, a JWT checked by a library
  against the wall clock). A test that hands such an adapter a fixed date is a time bomb: it
  passes until the real date overtakes it.

CI runs the suite once with the machine's clock moved a year ahead (``scripts/run-tests``
under ``faketime``), which catches a test that mixes the two.
"""

from datetime import UTC, date, datetime

from tutor_platform.shared.clock import FixedClock

T0 = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


def fixed_clock(at: datetime = T0) -> FixedClock:
    """A clock standing at ``at`` (``T0`` by default) until a test moves it."""
    return FixedClock(at)


def utc_now() -> datetime:
    """The real time, timezone-aware in UTC."""
    return datetime.now(UTC)


def utc_today() -> date:
    """The real UTC day."""
    return utc_now().date()
