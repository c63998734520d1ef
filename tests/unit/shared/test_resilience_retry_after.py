"""Reading ``Retry-After``: delay-seconds or an HTTP date."""

import pytest

from tests.support.clock import T0
from tutor_platform.shared.resilience import parse_retry_after

NOW = T0


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("7", 7.0),
        (" 0 ", 0.0),
        ("Sun, 22 Nov 2026 10:00:12 GMT", 12.0),
        ("Sun, 22 Nov 2026 09:59:00 GMT", 0.0),
        ("Sun, 22 Nov 2026 10:01:00 -0000", 60.0),
    ],
)
def test_seconds_and_dates_become_a_wait_from_now(header: str, seconds: float) -> None:
    assert parse_retry_after(header, NOW) == seconds


@pytest.mark.parametrize("header", [None, "", "soon", "-3", "1.5"])
def test_absent_or_unreadable_values_give_none(header: str | None) -> None:
    assert parse_retry_after(header, NOW) is None
