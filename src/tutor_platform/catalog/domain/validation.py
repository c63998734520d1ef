"""Rules for the catalog's fields: each ``*_problem`` function returns what is wrong, or None."""

import re
from collections.abc import Sequence
from typing import Final

from tutor_platform.catalog.domain.catalog import DIFFICULTIES
from tutor_platform.shared.validation import FieldChecks as FieldChecks

MAX_TITLE_LENGTH: Final = 200
MAX_DESCRIPTION_LENGTH: Final = 5000
MAX_SUBJECT_LENGTH: Final = 80
MAX_CONTENT_LENGTH: Final = 200_000
MAX_PREREQUISITES: Final = 20
MAX_PREREQUISITE_LENGTH: Final = 200
MIN_ESTIMATED_MINUTES: Final = 1
MAX_ESTIMATED_MINUTES: Final = 1440
MAX_QUERY_LENGTH: Final = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_title(raw: str) -> str:
    """Titles are stored without surrounding white space."""
    return raw.strip()


def clean_prerequisites(raw: Sequence[str]) -> list[str]:
    return [item.strip() for item in raw]


def title_problem(title: str) -> str | None:
    """For an already trimmed title."""
    if not 1 <= len(title) <= MAX_TITLE_LENGTH:
        return f"must be 1 to {MAX_TITLE_LENGTH} characters (surrounding spaces are trimmed)"
    if _CONTROL.search(title):
        return "must not contain control characters"
    return None


def description_problem(description: str) -> str | None:
    return _max_length_problem(description, MAX_DESCRIPTION_LENGTH)


def content_problem(content: str) -> str | None:
    return _max_length_problem(content, MAX_CONTENT_LENGTH)


def subject_problem(subject: str) -> str | None:
    if _CONTROL.search(subject):
        return "must not contain control characters"
    return _max_length_problem(subject, MAX_SUBJECT_LENGTH)


def difficulty_problem(difficulty: str) -> str | None:
    return None if difficulty in DIFFICULTIES else f"must be one of {', '.join(DIFFICULTIES)}"


def prerequisites_problem(prerequisites: Sequence[str]) -> str | None:
    """For trimmed items: at most 20, each 1 to 200 characters."""
    if len(prerequisites) > MAX_PREREQUISITES:
        return f"must have at most {MAX_PREREQUISITES} items"
    if any(not 1 <= len(item) <= MAX_PREREQUISITE_LENGTH for item in prerequisites):
        return f"items must be 1 to {MAX_PREREQUISITE_LENGTH} characters"
    if any(_CONTROL.search(item) for item in prerequisites):
        return "items must not contain control characters"
    return None


def estimated_minutes_problem(minutes: int) -> str | None:
    if MIN_ESTIMATED_MINUTES <= minutes <= MAX_ESTIMATED_MINUTES:
        return None
    return f"must be between {MIN_ESTIMATED_MINUTES} and {MAX_ESTIMATED_MINUTES}"


def query_problem(text: str) -> str | None:
    if len(text) > MAX_QUERY_LENGTH or _CONTROL.search(text):
        return f"must be at most {MAX_QUERY_LENGTH} printable characters"
    return None


def _max_length_problem(value: str, limit: int) -> str | None:
    return None if len(value) <= limit else f"must be at most {limit} characters"
