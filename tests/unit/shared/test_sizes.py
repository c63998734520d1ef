"""The size estimate behind caches bounded in bytes: text counts at its length, through
every kind of container a cached value is built of."""

from dataclasses import dataclass

import msgspec

from tutor_platform.shared.cache.sizes import OBJECT_BYTES, approximate_size


@dataclass(frozen=True, slots=True)
class Lesson:
    title: str
    content: str


class Body(msgspec.Struct):
    items: list[Lesson]
    raw: bytes


def test_text_anywhere_in_a_value_is_counted_at_its_length() -> None:
    lesson = Lesson("t", "x" * 10_000)
    value = (Body([lesson, lesson], b"y" * 5_000), {"key": "z" * 2_000})

    size = approximate_size(value)

    assert 2 * 10_000 + 5_000 + 2_000 < size < 2 * 10_000 + 5_000 + 2_000 + 40 * OBJECT_BYTES


def test_an_empty_value_is_one_object() -> None:
    assert approximate_size(None) == approximate_size(3) == OBJECT_BYTES
