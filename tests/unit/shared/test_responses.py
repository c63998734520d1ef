"""Response bodies from views: same-named attributes are copied, the rest is given."""

from dataclasses import dataclass

import msgspec
import pytest

from tutor_platform.shared.http.responses import convert


@dataclass
class View:
    id: int
    title: str
    secret: str


class Body(msgspec.Struct):
    id: int
    title: str
    locked: bool = False


class Renamed(msgspec.Struct):
    id: int
    label: str = msgspec.field(name="title")


def test_same_named_fields_are_copied_and_the_rest_ignored() -> None:
    assert convert(View(1, "Intro", "hidden"), Body) == Body(1, "Intro")


def test_given_fields_add_to_or_replace_the_copied_ones() -> None:
    body = convert(View(1, "Intro", "hidden"), Body, title="Locked", locked=True)
    assert body == Body(1, "Locked", locked=True)


def test_a_field_is_read_by_its_encoded_name() -> None:
    assert convert(View(1, "Intro", ""), Renamed, id=2) == Renamed(2, "Intro")


def test_a_given_value_of_the_wrong_type_is_refused() -> None:
    with pytest.raises(msgspec.ValidationError):
        convert(View(1, "Intro", ""), Body, locked="yes")
