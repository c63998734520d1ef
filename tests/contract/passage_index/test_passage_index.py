"""The PassageIndex contract and hybrid retrieval, on the run's database."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.contract.passage_index.conftest import World
from tutor_platform.catalog.adapters.outbound.sqlalchemy import passage_index
from tutor_platform.catalog.adapters.outbound.sqlalchemy.tables import (
    CourseRow,
    LessonPassageRow,
    LessonRow,
)
from tutor_platform.catalog.domain.passages import HEADING_SEPARATOR, query_terms
from tutor_platform.catalog.ports.passages import CandidateQuery, Candidates, PassageRecord
from tutor_platform.shared.citations import relevance

OPERATORS = """# Operators

Python compares values with operators.

## Assignment and equality

A single `=` stores a value in a name: `x = 5`. Two equals signs, `==`, ask whether two values
are equal: `x == 5` is `True`.

## Division

`/` always gives a float: `7 / 2` is `3.5`. Floor division `//` drops the fraction: `7 // 2`
is `3`, and `%` gives the remainder.
"""
SCRIPTS = """# Scripts

## Running a module as a script

```python
def main():
    print("hello")

if __name__ == "__main__":
    main()
```

The `__name__` variable holds `"__main__"` when the file runs as a program.
"""
LOOPS = """# Loops

## enumerate and zip

When you need the position as well as the item, use `enumerate` rather than managing a
counter yourself.

```python
for number, step in enumerate(steps, start=1):
    print(number, step)
```

## while

A while loop repeats as long as its condition is true.
"""
COOKING = """## Bread

Knead the dough, let it rise, bake it in a hot oven until golden.
"""


async def _course(world: World, published: bool = True, **lessons: str) -> dict[str, LessonRow]:
    course = await world.catalog.course("Python", published=published)
    made = {}
    for title, content in lessons.items():
        made[title] = await world.catalog.lesson(course, title, content)
        await world.indexer.execute(made[title].id)
    return made


async def _titles(world: World, course_id: UUID, query: str, limit: int = 3) -> list[str]:
    return [p.lesson_title for p in await world.retrieve.execute(course_id, query, limit)]


async def test_a_lesson_is_stored_as_passages_in_reading_order(world: World) -> None:
    lessons = await _course(world, Operators=OPERATORS)
    lesson = lessons["Operators"]

    passages = await world.index.lesson_passages(lesson.id)

    assert [p.heading for p in passages] == [
        "Operators",
        HEADING_SEPARATOR.join(("Operators", "Assignment and equality")),
        HEADING_SEPARATOR.join(("Operators", "Division")),
    ]
    assert [p.position for p in passages] == [1, 2, 3]
    assert passages[1].markdown.startswith("A single `=` stores a value")
    assert "`" not in passages[1].text
    assert "x == 5" in passages[1].text
    assert {p.lesson_id for p in passages} == {lesson.id}
    assert {p.course_id for p in passages} == {lesson.course_id}
    assert all(p.lesson_title == "Operators" for p in passages)


async def test_indexing_again_replaces_the_passages_and_a_deleted_lesson_has_none(
    world: World, db_engine: AsyncEngine
) -> None:
    lesson = (await _course(world, Operators=OPERATORS))["Operators"]
    await world.catalog.change(LessonRow, lesson.id, content="Just one paragraph now.")

    again = await world.indexer.execute(lesson.id)
    twice = await world.indexer.execute(lesson.id)

    assert (again.passages, twice.passages) == (1, 1)
    assert [p.text for p in await world.index.lesson_passages(lesson.id)] == [
        "Just one paragraph now."
    ]
    await world.catalog.remove(LessonRow, lesson.id)
    assert await world.index.lesson_passages(lesson.id) == []
    gone = await world.indexer.execute(lesson.id)
    assert gone.removed
    assert gone.passages == 0


async def test_deleting_a_course_deletes_its_passages(world: World, db_engine: AsyncEngine) -> None:
    lesson = (await _course(world, Operators=OPERATORS))["Operators"]

    await world.catalog.remove(CourseRow, lesson.course_id)

    async with db_engine.connect() as connection:
        count = (await connection.execute(select(func.count()).select_from(LessonPassageRow))).one()
    assert count == (0,)
    assert await world.retrieve.execute(lesson.course_id, "floor division") == []


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("= and ==", "Operators"),
        ("//", "Operators"),
        ("what is %", "Operators"),
        ("__name__", "Scripts"),
        ("enumerate", "Loops"),
        ("position and item", "Loops"),
    ],
)
async def test_code_and_words_find_their_lesson_first(world: World, query: str, title: str) -> None:
    lessons = await _course(world, Operators=OPERATORS, Scripts=SCRIPTS, Loops=LOOPS)
    course_id = lessons["Operators"].course_id

    assert (await _titles(world, course_id, query))[0] == title


async def _candidates(
    world: World, course_id: UUID, query: str, *, include_premium: bool = True
) -> Candidates:
    vector = await world.embedder.embed_query(query)
    query_of = CandidateQuery(
        course_id,
        query_terms(query),
        vector,
        world.embedder.name,
        lexical_limit=20,
        vector_limit=3,
        include_premium=include_premium,
    )
    return (await _read(world, query_of, lambda found: []))[0]


async def _read(
    world: World, query: CandidateQuery, choose: Callable[[Candidates], list[UUID]]
) -> tuple[Candidates, list[PassageRecord]]:
    """The candidates ``choose`` was given and the passages it picked."""
    seen: list[Candidates] = []

    def remember(found: Candidates) -> list[UUID]:
        seen.append(found)
        return choose(found)

    records = await world.index.retrieve(query, remember)
    return seen[-1], records


async def test_full_text_candidates_match_any_term_within_the_course_only(world: World) -> None:
    lessons = await _course(world, Operators=OPERATORS, Loops=LOOPS)
    other = await _course(world, Elsewhere=OPERATORS)
    course_id = lessons["Operators"].course_id

    vector = await world.embedder.embed_query("floor division or enumerate")
    terms = query_terms("floor division or enumerate")
    query = CandidateQuery(course_id, terms, vector, world.embedder.name, 20, 3, True)
    found, records = await _read(world, query, lambda found: found.lexical)

    assert {r.id for r in records} == set(found.lexical)
    assert {r.lesson_title for r in records} == {"Operators", "Loops"}
    assert all(r.course_id == course_id for r in records)
    assert other["Elsewhere"].course_id != course_id
    assert (await _candidates(world, course_id, "the and of")).lexical == []


async def test_premium_passages_are_left_out_when_asked(world: World) -> None:
    lessons = await _course(world, Operators=OPERATORS, Loops=LOOPS)
    await world.catalog.change(LessonRow, lessons["Loops"].id, is_premium=True)
    course_id = lessons["Loops"].course_id

    with_premium = await world.retrieve.execute(course_id, "enumerate", 10)
    without = await world.retrieve.execute(course_id, "enumerate", 10, include_premium=False)

    assert with_premium[0].lesson_title == "Loops"
    assert with_premium[0].is_premium
    assert without
    assert all(not p.is_premium for p in without)


async def test_retrieval_scores_say_how_well_a_passage_matches(world: World) -> None:
    lessons = await _course(world, Operators=OPERATORS, Cooking=COOKING)
    course_id = lessons["Operators"].course_id

    found = await world.retrieve.execute(course_id, "floor division remainder", 5)

    best = found[0]
    assert best.heading == HEADING_SEPARATOR.join(("Operators", "Division"))
    assert best.lexical == 1.0
    assert -1.0 <= best.similarity <= 1.0
    assert [p.score for p in found] == sorted((p.score for p in found), reverse=True)
    assert all(p.score == pytest.approx(relevance(p.similarity, p.lexical)) for p in found)
    bread = next(p for p in found if p.lesson_title == "Cooking")
    assert bread.lexical == 0.0
    assert bread.similarity < best.similarity


async def test_vector_candidates_are_the_nearest_passages_of_the_same_embedder(
    world: World,
) -> None:
    lessons = await _course(world, Operators=OPERATORS, Loops=LOOPS)
    course_id = lessons["Loops"].course_id

    found = await _candidates(world, course_id, "counting items in a loop")
    vector = await world.embedder.embed_query("loop")
    other_query = CandidateQuery(course_id, ["loop"], vector, "other:model", 20, 3, True)
    other, _ = await _read(world, other_query, lambda found: [])

    assert len(found.nearest) == 3
    nearest = [found.similarity[pid] for pid in found.nearest]
    assert nearest == sorted(nearest, reverse=True)
    assert all(-1.0 <= s <= 1.0 for s in found.similarity.values())
    assert set(found.stems) == set(found.similarity) >= set(found.lexical) | set(found.nearest)
    assert "enumer" in found.stems[found.nearest[0]] or "loop" in found.stems[found.nearest[0]]
    assert (other.nearest, other.similarity) == ([], {})


async def test_premium_passages_are_no_candidates_when_left_out(world: World) -> None:
    lessons = await _course(world, Operators=OPERATORS, Loops=LOOPS)
    await world.catalog.change(LessonRow, lessons["Loops"].id, is_premium=True)
    course_id = lessons["Loops"].course_id
    loops = {p.id for p in await world.index.lesson_passages(lessons["Loops"].id)}

    found = await _candidates(world, course_id, "enumerate loop", include_premium=False)

    assert loops

    assert not loops & (set(found.lexical) | set(found.nearest) | set(found.similarity))
    assert found.nearest


async def test_the_vector_cache_follows_a_reindex(world: World) -> None:
    lesson = (await _course(world, Loops=LOOPS))["Loops"]
    course_id = lesson.course_id
    assert (await _titles(world, course_id, "enumerate"))[0] == "Loops"

    await world.catalog.change(LessonRow, lesson.id, content="Bake bread in a hot oven.")
    await world.indexer.execute(lesson.id)

    found = await world.retrieve.execute(course_id, "oven", 5)
    assert [p.text for p in found] == ["Bake bread in a hot oven."]


async def test_a_kept_course_is_retrieved_in_one_statement(
    world: World, db_engine: AsyncEngine
) -> None:
    course_id = (await _course(world, Loops=LOOPS, Operators=OPERATORS))["Loops"].course_id
    await world.retrieve.execute(course_id, "enumerate", 5)
    statements: list[str] = []

    def capture(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    event.listen(db_engine.sync_engine, "before_cursor_execute", capture)
    try:
        found = await world.retrieve.execute(course_id, "floor division", 5)
    finally:
        event.remove(db_engine.sync_engine, "before_cursor_execute", capture)

    assert found[0].lesson_title == "Operators"
    assert len(statements) == 1


async def _statements_of_retrieval(world: World, db_engine: AsyncEngine, course_id: UUID) -> int:
    statements: list[str] = []

    def capture(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    event.listen(db_engine.sync_engine, "before_cursor_execute", capture)
    try:
        await world.retrieve.execute(course_id, "enumerate", 5)
    finally:
        event.remove(db_engine.sync_engine, "before_cursor_execute", capture)
    return len(statements)


async def test_past_the_byte_bound_the_least_recently_used_courses_are_forgotten(
    world: World, db_engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, third = [
        (await _course(world, Loops=LOOPS))["Loops"].course_id for _ in range(3)
    ]
    for course_id in (first, second):
        await world.retrieve.execute(course_id, "enumerate", 5)
    assert await _statements_of_retrieval(world, db_engine, first) == 1

    monkeypatch.setattr(passage_index, "CACHED_BYTES", 1)
    await world.retrieve.execute(third, "enumerate", 5)

    assert await _statements_of_retrieval(world, db_engine, third) == 1
    assert await _statements_of_retrieval(world, db_engine, first) > 1


async def test_a_lesson_deleted_without_an_index_job_is_not_retrieved(world: World) -> None:
    lessons = await _course(world, Loops=LOOPS, Operators=OPERATORS)
    course_id = lessons["Loops"].course_id
    assert (await _titles(world, course_id, "enumerate"))[0] == "Loops"

    await world.catalog.remove(LessonRow, lessons["Loops"].id)

    assert "Loops" not in await _titles(world, course_id, "enumerate loop", limit=10)
    assert set(await _titles(world, course_id, "floor division")) == {"Operators"}


async def test_matching_courses_are_published_courses_with_a_matching_passage(
    world: World,
) -> None:
    python = await _course(world, Operators=OPERATORS)
    await _course(world, published=False, Hidden=SCRIPTS)
    baking = await world.catalog.course("Baking")
    bread = await world.catalog.lesson(baking, "Bread", COOKING)
    await world.indexer.execute(bread.id)

    assert await world.index.matching_courses(query_terms("bake bread"), 3) == [baking.id]
    assert await world.index.matching_courses(query_terms("__name__"), 3) == []
    assert await world.index.matching_courses(query_terms("floor division"), 3) == [
        python["Operators"].course_id
    ]


@pytest.mark.parametrize(
    "query",
    [
        "!!! ??? ...",
        "🙂🙂🙂",
        "the and of is it",
        "",
        "   ",
        "¿Qué es un bucle «while»? 循环是什么",
        "loop " * 10_000,
        "x" * 50_000,
        "\x00\x01 'quoted' \"double\" NEAR(a b) -c col:term * ^ ( )",
    ],
)
async def test_any_question_gives_passages_or_nothing_never_an_error(
    world: World, query: str
) -> None:
    lessons = await _course(world, Loops=LOOPS)

    found = await world.retrieve.execute(lessons["Loops"].course_id, query, 5)

    assert len(found) <= 5
    if not query_terms(query):
        assert found == []


async def test_a_course_without_passages_retrieves_nothing(world: World) -> None:
    course = await world.catalog.course("Empty")
    assert await world.retrieve.execute(course.id, "enumerate") == []
