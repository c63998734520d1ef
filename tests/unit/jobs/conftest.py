"""Use cases of the jobs kernel over in-memory storage and a fixed clock."""

from datetime import UTC, datetime

import pytest

from tests.unit.jobs.fakes import InMemoryJobs
from tutor_platform.shared.clock import FixedClock

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


@pytest.fixture
def jobs() -> InMemoryJobs:
    return InMemoryJobs()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)
