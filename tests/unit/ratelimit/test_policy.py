"""Rate-limit settings: ``N/second|minute|hour|day`` and the route groups they configure."""

import pytest

from tutor_platform.bootstrap.settings import load_settings
from tutor_platform.shared.ratelimit.policy import (
    AI_MESSAGES,
    AUTH,
    PUBLIC,
    QUIZ_SUBMIT,
    InvalidRateLimit,
    RateLimit,
    parse_rate_limit,
    route_groups,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1/second", RateLimit(1, 1)),
        ("10/minute", RateLimit(10, 60)),
        ("100/hour", RateLimit(100, 3600)),
        ("5/day", RateLimit(5, 86400)),
        (" 3 / Minute ", RateLimit(3, 60)),
    ],
)
def test_valid_values_parse(value: str, expected: RateLimit) -> None:
    assert parse_rate_limit(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "10",
        "/minute",
        "10/",
        "10/minutes",
        "10/week",
        "ten/minute",
        "0/minute",
        "-1/minute",
        "1.5/second",
        "10 per minute",
        "10/minute/hour",
    ],
)
def test_invalid_values_are_rejected_with_the_setting_named(value: str) -> None:
    with pytest.raises(InvalidRateLimit, match="RATE_LIMIT_AUTH") as caught:
        parse_rate_limit(value, "RATE_LIMIT_AUTH")
    assert "N/second, N/minute, N/hour or N/day" in str(caught.value)


def test_default_route_groups_follow_the_spec() -> None:
    groups = route_groups(load_settings(environ={}, env_file=None))

    assert groups[PUBLIC].rate == RateLimit(100, 60)
    assert (groups[PUBLIC].per, groups[PUBLIC].anonymous_only) == ("ip", True)
    assert groups[AUTH].rate == RateLimit(10, 60)
    assert (groups[AUTH].per, groups[AUTH].anonymous_only) == ("ip", False)
    assert groups[QUIZ_SUBMIT].rate == RateLimit(10, 3600)
    assert groups[QUIZ_SUBMIT].per == "user"
    assert groups[AI_MESSAGES].rate == RateLimit(30, 60)
    assert groups[AI_MESSAGES].per == "user"


def test_route_groups_read_each_setting() -> None:
    settings = load_settings(
        environ={
            "RATE_LIMIT_PUBLIC": "7/second",
            "RATE_LIMIT_AUTH": "3/hour",
            "RATE_LIMIT_QUIZ_SUBMIT": "2/day",
            "RATE_LIMIT_AI_MESSAGES": "9/minute",
        },
        env_file=None,
    )
    groups = route_groups(settings)

    assert groups[PUBLIC].rate == RateLimit(7, 1)
    assert groups[AUTH].rate == RateLimit(3, 3600)
    assert groups[QUIZ_SUBMIT].rate == RateLimit(2, 86400)
    assert groups[AI_MESSAGES].rate == RateLimit(9, 60)


def test_an_invalid_group_setting_names_its_variable() -> None:
    settings = load_settings(environ={"RATE_LIMIT_AI_MESSAGES": "30/min"}, env_file=None)
    with pytest.raises(InvalidRateLimit, match="RATE_LIMIT_AI_MESSAGES='30/min'"):
        route_groups(settings)
