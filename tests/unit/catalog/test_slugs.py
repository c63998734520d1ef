"""Slugs derived from titles, and the slug rule."""

import re

import pytest

from tutor_platform.catalog.domain.slugs import MAX_SLUG_LENGTH, SLUG_REGEX, slug_problem, slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Practical Python", "practical-python"),
        ("  SQL: the Fundamentals!  ", "sql-the-fundamentals"),
        ("C++ & Rust -- 2026 edition", "c-rust-2026-edition"),
        ("Café Crème Brûlée", "cafe-creme-brulee"),
        ("Straße der Ærøskøbing Łódź", "strasse-der-aeroskobing-lodz"),
        ("\uff26\uff55\uff4c\uff4c \uff34\uff45\uff58\uff54", "full-text"),  # full-width
        ("Python 3.12 — what's new", "python-3-12-what-s-new"),
    ],
)
def test_a_slug_keeps_latin_letters_and_digits_joined_by_hyphens(title: str, slug: str) -> None:
    assert slugify(title) == slug
    assert slug_problem(slug) is None


def test_titles_without_latin_letters_get_distinct_valid_slugs() -> None:
    japanese, russian = slugify("日本語の基礎"), slugify("Основы")
    assert japanese.startswith("course-")
    assert japanese != russian
    assert slugify("日本語の基礎") == japanese
    assert re.fullmatch(SLUG_REGEX, japanese)


def test_a_long_title_is_cut_to_the_maximum_without_a_trailing_hyphen() -> None:
    slug = slugify("word " * 100)
    assert len(slug) <= MAX_SLUG_LENGTH
    assert not slug.endswith("-")
    assert slug_problem(slug) is None


@pytest.mark.parametrize(
    "slug", ["", "Upper", "double--hyphen", "-leading", "trailing-", "under_score", "a" * 221]
)
def test_invalid_slugs_are_reported(slug: str) -> None:
    assert slug_problem(slug) is not None
