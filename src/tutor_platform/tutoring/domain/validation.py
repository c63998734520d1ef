"""Shared field rules of the tutoring context: each ``*_problem`` function returns what is
wrong with a value, or None."""

import re
from typing import Final

from tutor_platform.shared.errors import FieldError, ValidationFailed

_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f]")


def fail(field: str, message: str) -> ValidationFailed:
    """A validation error on one field."""
    return ValidationFailed(errors=[FieldError(field=field, message=message)])


def name_problem(value: str, maximum: int) -> str | None:
    """For an already trimmed one-line name or title."""
    if not 1 <= len(value) <= maximum:
        return f"must be 1 to {maximum} characters (surrounding spaces are trimmed)"
    if _CONTROL.search(value):
        return "must not contain control characters"
    return None


def max_length_problem(value: str, maximum: int) -> str | None:
    return None if len(value) <= maximum else f"must be at most {maximum} characters"
