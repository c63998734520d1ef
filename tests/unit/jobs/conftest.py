"""Use cases of the jobs kernel over in-memory storage and a fixed clock."""

import pytest

from tests.support.clock import T0
from tests.unit.jobs.fakes import InMemoryJobs
from tutor_platform.shared.clock import FixedClock

NOW = T0


@pytest.fixture
def jobs() -> InMemoryJobs:
    return InMemoryJobs()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)
