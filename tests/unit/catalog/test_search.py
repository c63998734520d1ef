"""Search use cases: what counts as a query, who sees a premium lesson's snippet, and how a
tutor's question finds lessons."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from uuid import UUID

import pytest

from tutor_platform.catalog.application.search_catalog import SearchCatalog
from tutor_platform.catalog.application.search_relevant_lessons import SearchRelevantLessons
from tutor_platform.catalog.domain.search import (
    ALL_KINDS,
    LESSON,
    Passage,
    SearchHit,
    SearchKind,
    SearchQuery,
    SearchResults,
    search_terms,
)
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import FieldError, ValidationFailed
from tutor_platform.shared.ids import new_id

INSTRUCTOR = new_id()
COURSE_ID = new_id()


@dataclass
class RecordingIndex:
    """A SearchIndex answering from canned results and recording what it was asked."""

    hits: list[SearchHit] = field(default_factory=list)
    matches: list[Passage] = field(default_factory=list)
    leading: list[Passage] = field(default_factory=list)
    queries: list[SearchQuery] = field(default_factory=list)
    term_lists: list[list[str]] = field(default_factory=list)

    async def search(self, query: SearchQuery) -> SearchResults:
        self.queries.append(query)
        return SearchResults(self.hits, len(self.hits))

    async def matching_lessons(
        self, course_id: UUID, terms: Sequence[str], limit: int
    ) -> list[Passage]:
        self.term_lists.append(list(terms))
        return self.matches[:limit]

    async def leading_lessons(self, course_id: UUID, limit: int) -> list[Passage]:
        return self.leading[:limit]


def hit(kind: SearchKind = LESSON, *, is_premium: bool = False) -> SearchHit:
    return SearchHit(
        type=kind,
        id=new_id(),
        course_id=COURSE_ID,
        title="Lists",
        snippet="<mark>lists</mark> hold items",
        rank=0.5,
        instructor_id=INSTRUCTOR,
        is_premium=is_premium,
    )


def passage(title: str) -> Passage:
    return Passage(new_id(), title, f"Text of {title}.")


def principal(role: str = "student", plan: str = "free", user_id: UUID | None = None) -> Principal:
    return Principal(user_id or new_id(), role, plan)


async def test_the_text_is_trimmed_and_the_page_passed_on() -> None:
    index = RecordingIndex()

    await SearchCatalog(index).execute("  python lists \n", ALL_KINDS, 5, 10, None)

    assert index.queries == [SearchQuery("python lists", ALL_KINDS, 5, 10)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "must not be empty"),
        ("   \t\n ", "must not be empty"),
        ("x" * 201, "must be at most 200 printable characters"),
        ("x" * 10_000, "must be at most 200 printable characters"),
        ("lists\x00", "must be at most 200 printable characters"),
        ("a\x1bb", "must be at most 200 printable characters"),
    ],
)
async def test_an_empty_long_or_unprintable_text_is_refused(text: str, message: str) -> None:
    index = RecordingIndex()

    with pytest.raises(ValidationFailed) as raised:
        await SearchCatalog(index).execute(text, ALL_KINDS, 20, 0, None)

    assert raised.value.errors == [FieldError("q", message)]
    assert index.queries == []


async def test_two_hundred_characters_are_enough() -> None:
    index = RecordingIndex()

    await SearchCatalog(index).execute(" " + "x" * 200 + " ", ALL_KINDS, 20, 0, None)

    assert index.queries[0].text == "x" * 200


@pytest.mark.parametrize(
    ("viewer", "sees_snippet"),
    [
        (None, False),
        (principal(), False),
        (principal("instructor"), False),
        (principal(plan="premium"), True),
        (principal("admin"), True),
        (principal("instructor", user_id=INSTRUCTOR), True),
    ],
    ids=["anonymous", "free", "other instructor", "premium", "admin", "course instructor"],
)
async def test_a_premium_lessons_snippet_is_for_those_who_may_read_it(
    viewer: Principal | None, sees_snippet: bool
) -> None:
    premium, free, course = hit(is_premium=True), hit(), hit("course")
    index = RecordingIndex(hits=[premium, free, course])

    results = await SearchCatalog(index).execute("lists", ALL_KINDS, 20, 0, viewer)

    assert [item.snippet for item in results.items] == [
        premium.snippet if sees_snippet else "",
        free.snippet,
        course.snippet,
    ]
    assert [item.id for item in results.items] == [premium.id, free.id, course.id]
    assert results.total == 3


def test_search_terms_are_the_distinct_words_without_syntax() -> None:
    assert search_terms('How do "Python" lists work? lists -or- OR python*') == [
        "How",
        "do",
        "Python",
        "lists",
        "work",
    ]
    assert search_terms("a b c d", limit=2) == ["a", "b"]
    assert search_terms("*** --- ()") == []


async def test_relevant_lessons_come_from_any_word_of_the_question() -> None:
    lists, loops = passage("Lists"), passage("Loops")
    index = RecordingIndex(matches=[lists, loops], leading=[passage("Intro")])

    found = await SearchRelevantLessons(index).execute(COURSE_ID, "how do lists work?", 3)

    assert found == [lists, loops]
    assert index.term_lists == [["how", "do", "lists", "work"]]


async def test_without_a_match_the_first_lessons_stand_in() -> None:
    intro, basics = passage("Intro"), passage("Basics")
    index = RecordingIndex(leading=[intro, basics, passage("Later")])

    assert await SearchRelevantLessons(index).execute(COURSE_ID, "submarines", 2) == [
        intro,
        basics,
    ]
    assert await SearchRelevantLessons(index).execute(COURSE_ID, "?!", 1) == [intro]
    assert index.term_lists == [["submarines"]]


async def test_no_lessons_are_asked_for_with_a_limit_below_one() -> None:
    index = RecordingIndex(matches=[passage("Lists")], leading=[passage("Intro")])

    assert await SearchRelevantLessons(index).execute(COURSE_ID, "lists", 0) == []
