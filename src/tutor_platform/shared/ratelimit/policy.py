"""Rate-limit policies: ``N/second|minute|hour|day`` values and the route groups they govern.

Routes opt in with ``opt={RATE_LIMIT_OPT: AUTH}`` (or another group name).
"""

import re
from dataclasses import dataclass
from typing import Literal, Protocol

RATE_LIMIT_OPT = "rate_limit"

PUBLIC = "public"
AUTH = "auth"
QUIZ_SUBMIT = "quiz_submit"
AI_MESSAGES = "ai_messages"

_WINDOW_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_RATE_PATTERN = re.compile(r"^\s*(\d+)\s*/\s*(second|minute|hour|day)\s*$", re.IGNORECASE)


class InvalidRateLimit(ValueError):
    """A rate-limit setting is not of the form ``N/second|minute|hour|day``."""


@dataclass(frozen=True, slots=True)
class RateLimit:
    """At most ``limit`` hits per fixed window of ``window_seconds``."""

    limit: int
    window_seconds: int


def parse_rate_limit(value: str, setting: str = "rate limit") -> RateLimit:
    """Parse ``"10/minute"`` into ``RateLimit(10, 60)``; anything else raises InvalidRateLimit."""
    match = _RATE_PATTERN.match(value)
    if match is None or int(match.group(1)) < 1:
        raise InvalidRateLimit(
            f"{setting}={value!r} is not a valid rate limit: "
            "use N/second, N/minute, N/hour or N/day with N >= 1"
        )
    return RateLimit(int(match.group(1)), _WINDOW_SECONDS[match.group(2).lower()])


@dataclass(frozen=True, slots=True)
class RouteGroup:
    """Routes sharing one limit, counted per client IP or per authenticated user."""

    name: str
    rate: RateLimit
    per: Literal["ip", "user"]
    anonymous_only: bool = False


class RateLimitSettings(Protocol):
    """The settings that configure the route groups."""

    @property
    def rate_limit_public(self) -> str: ...

    @property
    def rate_limit_auth(self) -> str: ...

    @property
    def rate_limit_quiz_submit(self) -> str: ...

    @property
    def rate_limit_ai_messages(self) -> str: ...


def route_groups(settings: RateLimitSettings) -> dict[str, RouteGroup]:
    """Every route group with its limit from settings (invalid values raise InvalidRateLimit)."""
    groups = [
        RouteGroup(
            PUBLIC,
            parse_rate_limit(settings.rate_limit_public, "RATE_LIMIT_PUBLIC"),
            per="ip",
            anonymous_only=True,
        ),
        RouteGroup(AUTH, parse_rate_limit(settings.rate_limit_auth, "RATE_LIMIT_AUTH"), per="ip"),
        RouteGroup(
            QUIZ_SUBMIT,
            parse_rate_limit(settings.rate_limit_quiz_submit, "RATE_LIMIT_QUIZ_SUBMIT"),
            per="user",
        ),
        RouteGroup(
            AI_MESSAGES,
            parse_rate_limit(settings.rate_limit_ai_messages, "RATE_LIMIT_AI_MESSAGES"),
            per="user",
        ),
    ]
    return {group.name: group for group in groups}
