"""The one clock helper of the tests: which time a test uses, and why.

- ``T0`` is a fixed instant for code that reads an injected ``Clock`` (use cases, domain
  rules, repositories given explicit timestamps). It never meets the real clock, so it can
  stay fixed forever; give it to a ``FixedClock`` with ``fixed_clock()``.
- ``utc_today()`` / ``utc_now()`` are the real date and time, for adapters whose server keeps
  its own real time (a Redis key that expires at an absolute time, a JWT checked by a library
  against the wall clock). A test that hands such an adapter a fixed date is a time bomb: it
  passes until the real date overtakes it.

CI runs the SQLite pass with the wall clock moved a year ahead (``TEST_CLOCK_SHIFT=+365d``,
``shift_clock`` below), which catches a test that mixes the two before the date comes.

Debian's libfaketime was tried first and left out: with its monotonic fix on, the HTTP tests
ran about four times slower (its handling of timed waits in aiosqlite's and asyncio's
threads); with it off, ``time.sleep`` in a thread failed with EINVAL. time-machine moves the
clock inside the test process instead: ``time.time``, ``datetime.now`` and the like (so the
app's ``SystemClock``, PyJWT and every adapter in the process), never the monotonic clocks
that timeouts use. Programs a test starts (the CLI, worker and API processes) and the servers
(PostgreSQL, Redis) keep the real time.
"""

import re
from datetime import UTC, date, datetime, timedelta

import time_machine

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


_travel: time_machine.travel | None = None


def shift_clock(shift: str) -> None:
    """Move this process's wall clock by ``shift`` (``+365d``, ``-2d``; "" does nothing), from
    now on and for good; it keeps ticking."""
    global _travel
    if not shift or _travel is not None:
        return
    match = re.fullmatch(r"([+-]?\d+)d", shift.strip())
    if match is None:
        raise ValueError(f"TEST_CLOCK_SHIFT must look like +365d, not {shift!r}")
    _travel = time_machine.travel(utc_now() + timedelta(days=int(match[1])), tick=True)
    _travel.start()
