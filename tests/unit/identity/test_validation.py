"""Field rules of a user: email, username, names, preferences."""

import pytest

from tutor_platform.identity.domain.validation import (
    FieldChecks,
    clean_username,
    email_problem,
    full_name_problem,
    preferences_problem,
    username_problem,
)
from tutor_platform.shared.errors import ValidationFailed


@pytest.mark.parametrize("email", ["a@b.co", "Ann.Lee+tag@Example.COM", "x_y@sub.domain.org"])
def test_valid_emails(email: str) -> None:
    assert email_problem(email) is None


@pytest.mark.parametrize(
    "email",
    [
        "",
        "plain",
        "a@b",
        "@b.co",
        "a@@b.co",
        "a b@c.de",
        "a@b..co",
        "a@.b.co",
        "a\x00@b.co",
        f"{'a' * 65}@b.co",
        f"a@{'b' * 250}.co",
    ],
)
def test_invalid_emails(email: str) -> None:
    assert email_problem(email) is not None


@pytest.mark.parametrize("username", ["abc", "a.b-c_d", "x" * 32, "user2026"])
def test_valid_usernames(username: str) -> None:
    assert username_problem(username) is None


@pytest.mark.parametrize("username", ["ab", "x" * 33, "has space", "émile", "a/b", "a\x00bc"])
def test_invalid_usernames(username: str) -> None:
    assert username_problem(username) is not None


def test_usernames_are_trimmed_and_lower_cased() -> None:
    assert clean_username("  Ann.Lee ") == "ann.lee"


def test_full_name_limits() -> None:
    assert full_name_problem("Émile Zola") is None
    assert full_name_problem("x" * 121) is not None
    assert full_name_problem("tab\there") is not None


def test_preferences_limits() -> None:
    assert preferences_problem({"theme": "dark", "a": {"b": [1, 2, {"c": None}]}}) is None
    deep: dict[str, object] = {}
    node = deep
    for _ in range(9):
        node["k"] = {}
        node = node["k"]  # type: ignore[assignment]
    assert "nest" in (preferences_problem(deep) or "")
    assert "NUL" in (preferences_problem({"k": "a\x00"}) or "")
    assert "NUL" in (preferences_problem({"a\x00": 1}) or "")
    assert "bytes" in (preferences_problem({"k": "x" * 20_000}) or "")


def test_field_checks_report_every_problem_at_once() -> None:
    checks = FieldChecks()
    checks.check("email", "bad")
    checks.check("username", None)
    checks.check("password", "short")
    with pytest.raises(ValidationFailed) as raised:
        checks.raise_if_failed()
    assert [(e.field, e.message) for e in raised.value.errors] == [
        ("email", "bad"),
        ("password", "short"),
    ]
