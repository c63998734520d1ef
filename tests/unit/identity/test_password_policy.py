"""The password policy of SPEC 1: length, no email local part or username, not common."""

import pytest

from tutor_platform.identity.domain.password_policy import PasswordPolicy

POLICY = PasswordPolicy(frozenset({"password123", "qwertyuiop"}))
EMAIL = "Ann.Lee@example.com"
USERNAME = "annie"


def problems(password: str, email: str = EMAIL, username: str = USERNAME) -> list[str]:
    return POLICY.problems(password, email=email, username=username)


def test_a_long_unusual_password_passes() -> None:
    assert problems("violet-tractor-lamp") == []


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("short-pw1", "at least 10"),
        ("x" * 129, "at most 128"),
    ],
)
def test_length_is_10_to_128(password: str, expected: str) -> None:
    assert expected in problems(password)[0]


def test_boundaries_are_inclusive() -> None:
    assert problems("v" * 9 + "z") == []
    assert problems("v" * 127 + "z") == []


@pytest.mark.parametrize("password", ["ann.lee", "my-ANN.LEE-pass", "ANN.LEE2026xx"])
def test_email_local_part_is_refused_in_any_case(password: str) -> None:
    assert any("local part" in p for p in problems(password.ljust(10, "z")))


@pytest.mark.parametrize("password", ["annie-rocks-1", "xxANNIExxyy"])
def test_username_is_refused_in_any_case(password: str) -> None:
    assert any("username" in p for p in problems(password))


def test_equal_to_username_is_refused() -> None:
    assert any("username" in p for p in problems("longusername", username="LongUserName"))


def test_a_two_letter_local_part_only_refuses_itself() -> None:
    assert problems("ab-violet-lamp", email="ab@example.com", username="xyz") == []


@pytest.mark.parametrize("password", ["password123", "PASSWORD123", "QwertyUiop"])
def test_common_passwords_are_refused_ignoring_case(password: str) -> None:
    assert "is too common" in problems(password)


def test_shipped_list_has_the_10000_most_common_passwords() -> None:
    from tutor_platform.identity.adapters.outbound.data.common_passwords import (
        FileCommonPasswords,
    )

    common = FileCommonPasswords()
    assert len(common) == 10_000
    assert "password" in common
    assert "1234567890" in common
    assert "violet-tractor-lamp" not in common
    assert PasswordPolicy(common).problems("1234567890", email="a@b.cd", username="xyz") == [
        "is too common"
    ]
