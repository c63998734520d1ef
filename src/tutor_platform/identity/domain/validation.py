"""Rules for the fields of a user: each ``*_problem`` function returns what is wrong, or None."""

import json
import re
from functools import cache
from typing import Any
from zoneinfo import available_timezones

from tutor_platform.shared.auth import Plan, Role
from tutor_platform.shared.validation import FieldChecks as FieldChecks

USERNAME_REGEX = r"[a-z0-9_.-]{3,32}"
EMAIL_REGEX = r"[^@\s\x00-\x1f\x7f]{1,64}@[^@\s.\x00-\x1f\x7f]+(\.[^@\s.\x00-\x1f\x7f]+)+"
PRINTABLE_REGEX = r"[^\x00-\x1f\x7f]*"
MAX_EMAIL_LENGTH = 254
MAX_FULL_NAME_LENGTH = 120
MAX_PREFERENCES_BYTES = 16 * 1024
MAX_PREFERENCES_DEPTH = 8
_USERNAME = re.compile(USERNAME_REGEX)
_EMAIL = re.compile(EMAIL_REGEX)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_ROLES = frozenset(Role)
_PLANS = frozenset(Plan)


def has_control_characters(value: str) -> bool:
    return _CONTROL.search(value) is not None


def clean_username(raw: str) -> str:
    """Usernames are compared and stored lower-case, without surrounding spaces."""
    return raw.strip().lower()


def clean_name(raw: str) -> str:
    return raw.strip()


def email_problem(email: str) -> str | None:
    if len(email) > MAX_EMAIL_LENGTH or not _EMAIL.fullmatch(email):
        return "must be a valid email address"
    return None


def username_problem(username: str) -> str | None:
    if not _USERNAME.fullmatch(username):
        return "must be 3 to 32 characters of a-z, 0-9, '_', '.' or '-'"
    return None


def full_name_problem(full_name: str) -> str | None:
    if len(full_name) > MAX_FULL_NAME_LENGTH:
        return f"must be at most {MAX_FULL_NAME_LENGTH} characters"
    if has_control_characters(full_name):
        return "must not contain control characters"
    return None


def role_problem(role: str) -> str | None:
    return None if role in _ROLES else f"must be one of {', '.join(sorted(_ROLES))}"


def plan_problem(plan: str) -> str | None:
    return None if plan in _PLANS else f"must be one of {', '.join(sorted(_PLANS))}"


def preferences_problem(preferences: dict[str, Any]) -> str | None:
    """Preferences are a small JSON object: bounded depth and size, no NUL characters."""
    stack: list[tuple[Any, int]] = [(preferences, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_PREFERENCES_DEPTH:
            return f"must not nest deeper than {MAX_PREFERENCES_DEPTH} levels"
        if isinstance(value, dict):
            if any("\x00" in key for key in value):
                return "must not contain NUL characters"
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, str) and "\x00" in value:
            return "must not contain NUL characters"
    if len(json.dumps(preferences, separators=(",", ":"))) > MAX_PREFERENCES_BYTES:
        return f"must be at most {MAX_PREFERENCES_BYTES} bytes as JSON"
    return None


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def timezone_problem(timezone: Any) -> str | None:
    """``preferences.timezone``, when set, names an IANA time zone (``Europe/Paris``, ``UTC``)."""
    if timezone is None or (isinstance(timezone, str) and timezone in _time_zones()):
        return None
    return "must be an IANA time zone name such as Europe/Paris or UTC"
