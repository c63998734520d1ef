"""Validation errors in plain words, every invalid field of a body at once."""

from typing import Annotated, Literal
from uuid import UUID

import msgspec
import pytest

from tutor_platform.shared.http.validation_messages import (
    PATTERN_FALLBACK,
    body_problems,
    human_message,
)

Username = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z0-9_.-]{3,32}$",
        extra={"message": "must be 3 to 32 characters: letters, digits, '.', '_' or '-'"},
    ),
]


class Option(msgspec.Struct, forbid_unknown_fields=True):
    text: Annotated[str, msgspec.Meta(min_length=1, max_length=20)]


class Question(msgspec.Struct, forbid_unknown_fields=True):
    kind: Literal["single_choice", "true_false"]
    points: Annotated[int, msgspec.Meta(ge=1, le=100)]
    options: Annotated[list[Option], msgspec.Meta(max_length=3)] = []


class Signup(msgspec.Struct, forbid_unknown_fields=True):
    username: Username
    email: str
    age: Annotated[int, msgspec.Meta(ge=13)] | None = None
    course_id: UUID | None = None
    questions: Annotated[list[Question], msgspec.Meta(min_length=1)] = []


def problems(body: bytes) -> dict[str, str]:
    try:
        msgspec.json.decode(body, type=Signup, strict=True)
    except msgspec.ValidationError as error:
        return dict(body_problems(body, Signup, error))
    raise AssertionError("the body was valid")


@pytest.mark.parametrize(
    ("message", "plain"),
    [
        ("Expected `str`, got `int` - at `$.email`", "must be text, not a whole number"),
        ("Expected `int | null`, got `str`", "must be a whole number or null, not text"),
        ("Expected `str` of length >= 1", "must not be empty"),
        ("Expected `str` of length <= 32", "must be at most 32 characters"),
        ("Expected `array` of length <= 30", "must have at most 30 items"),
        ("Expected `int` >= 1 - at `$.limit`", "must be at least 1"),
        ("Expected `float` <= 2.0", "must be at most 2.0"),
        ("Expected `str` matching regex '^[a-z]+$'", PATTERN_FALLBACK),
        ("Invalid UUID", "must be a UUID"),
        ("Object missing required field `name`", "is required"),
        ("Object contains unknown field `owner`", "is not a field of this request"),
    ],
)
def test_msgspec_messages_read_as_plain_words(message: str, plain: str) -> None:
    assert human_message(message) == plain


def test_a_pattern_is_never_shown_and_the_field_says_what_it_accepts() -> None:
    message = human_message("Expected `str` matching regex '^[a-z0-9_.-]{3,32}$'", Username)
    assert message == "must be 3 to 32 characters: letters, digits, '.', '_' or '-'"
    assert "regex" not in PATTERN_FALLBACK


def test_every_invalid_field_of_a_body_is_named_at_once() -> None:
    found = problems(
        b'{"username": "a b", "email": 5, "age": 7, "course_id": "x", "owner": 1,'
        b' "questions": [{"kind": "essay", "points": 0},'
        b' {"kind": "true_false", "points": 1, "options": [{"text": ""}, {"txt": "a"}]}]}'
    )
    assert found == {
        "owner": "is not a field of this request",
        "username": "must be 3 to 32 characters: letters, digits, '.', '_' or '-'",
        "email": "must be text, not a whole number",
        "age": "must be at least 13",
        "course_id": "must be a UUID",
        "questions[0].kind": "must be one of: single_choice, true_false",
        "questions[0].points": "must be at least 1",
        "questions[1].options[0].text": "must not be empty",
        "questions[1].options[1].txt": "is not a field of this request",
        "questions[1].options[1].text": "is required",
    }


def test_missing_fields_and_list_bounds_are_named() -> None:
    assert problems(b'{"questions": []}') == {
        "username": "is required",
        "email": "is required",
        "questions": "must not be empty",
    }


def test_a_body_that_is_not_an_object_is_one_problem_of_the_body() -> None:
    assert problems(b"[1, 2]") == {"": "must be an object, not a list"}


class Patch(msgspec.Struct, forbid_unknown_fields=True):
    questions: Annotated[
        Annotated[list[Question], msgspec.Meta(min_length=1)] | msgspec.UnsetType,
        msgspec.Meta(description="Replaces every question."),
    ] = msgspec.UNSET


def test_the_fields_of_an_optional_list_of_structs_are_named() -> None:
    body = b'{"questions": [{"kind": "true_false", "points": 0, "extra": 1}]}'
    with pytest.raises(msgspec.ValidationError) as error:
        msgspec.json.decode(body, type=Patch, strict=True)
    assert dict(body_problems(body, Patch, error.value)) == {
        "questions[0].extra": "is not a field of this request",
        "questions[0].points": "must be at least 1",
    }
