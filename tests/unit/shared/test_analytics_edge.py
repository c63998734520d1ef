"""The analytics edge without HTTP: which days a range means, and which medium an Accept
header picks (the HTTP tests cover the error bodies)."""

from datetime import date, timedelta

import pytest

from tests.support.clock import T0
from tutor_platform.shared.errors import NotAcceptable, ValidationFailed
from tutor_platform.shared.figures import median_of
from tutor_platform.shared.http.analytics import date_range, prefers_csv

TODAY = T0.date()


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (None, None, (TODAY - timedelta(days=29), TODAY)),
        ("2026-01-10", None, (date(2026, 1, 10), TODAY)),
        (None, "2026-03-31", (date(2026, 3, 2), date(2026, 3, 31))),
        ("2026-03-01", "2026-03-01", (date(2026, 3, 1), date(2026, 3, 1))),
        ("2025-03-01", "2026-03-01", (date(2025, 3, 1), date(2026, 3, 1))),
    ],
)
def test_a_range_defaults_to_the_30_days_ending_today_or_at_to(
    start: str | None, end: str | None, expected: tuple[date, date]
) -> None:
    days = date_range(start, end, TODAY)

    assert (days.start, days.end) == expected


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (None, "0001-01-05", "to"),
        ("9999-12-31", None, "from"),
        ("1969-12-31", "1970-01-02", "from"),
    ],
)
def test_a_day_outside_the_calendar_it_can_count_is_refused(
    start: str | None, end: str | None, field: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        date_range(start, end, TODAY)

    assert [error.field for error in refused.value.errors] == [field]


def test_a_year_and_a_day_is_too_long() -> None:
    with pytest.raises(ValidationFailed):
        date_range("2025-03-01", "2026-03-02", TODAY)


@pytest.mark.parametrize(
    ("accept", "csv"),
    [
        ("", False),
        ("*/*", False),
        ("text/csv", True),
        ("text/*", True),
        ("application/json, text/csv", False),
        ("application/json;q=0.5, text/csv", True),
        ("text/csv;q=0, */*", False),
    ],
)
def test_accept_picks_json_unless_csv_is_preferred(accept: str, csv: bool) -> None:
    assert prefers_csv(accept) is csv


@pytest.mark.parametrize("accept", ["application/xml", "text/csv;q=0", "image/*"])
def test_an_accept_allowing_neither_is_not_acceptable(accept: str) -> None:
    with pytest.raises(NotAcceptable):
        prefers_csv(accept)


def test_the_median_of_a_histogram() -> None:
    assert median_of({5: 1, 12: 1}) == 8.5
    assert median_of({3: 2, 90: 1}) == 3
    assert median_of({}) is None
