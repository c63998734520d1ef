"""The passage index over HTTP writes: lesson writes re-index through ``learning.index_lesson``
jobs, and ``CatalogFacade`` retrieves passages of the demo course by code and by words.

Runs on both databases: indexing and retrieval use each database's own full-text search."""

import asyncio
from pathlib import Path
from uuid import UUID

import pytest
from litestar import Litestar
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.integration.accounts import Client, MakeAccount, in_app_loop
from tests.integration.catalog.conftest import API, MakeCourse
from tests.integration.catalog.passage_support import (
    IndexSettled,
    index_settled,
    index_worker,
    settings,
)
from tutor_platform.bootstrap.cli import main
from tutor_platform.bootstrap.demo.catalog import load_demo_catalog
from tutor_platform.bootstrap.demo.seed import seed_demo
from tutor_platform.catalog.adapters.outbound.sqlalchemy.tables import LessonPassageRow
from tutor_platform.catalog.api import CatalogFacade, RetrievedPassage
from tutor_platform.shared.persistence.engine import create_engine

pytestmark = pytest.mark.both_databases

__all__ = ["index_settled", "index_worker", "settings"]

LESSON = """Intro to the lesson.

## Comparing

Use `==` to compare two values.

## Dividing

Floor division `//` drops the fraction.
"""


def facade_of(app: Litestar) -> CatalogFacade:
    facade: CatalogFacade = app.state.container.catalog.facade()
    return facade


def passages_of(client: Client, app: Litestar, lesson_id: str) -> list[RetrievedPassage]:
    facade = facade_of(app)
    return in_app_loop(client, lambda: facade.lesson_passages(UUID(lesson_id)))


def retrieve(
    client: Client, app: Litestar, course_id: str, query: str, limit: int = 3
) -> list[RetrievedPassage]:
    facade = facade_of(app)
    return in_app_loop(client, lambda: facade.retrieve_passages(UUID(course_id), query, limit))


async def test_lesson_writes_keep_the_passages_current_through_index_jobs(
    client: Client,
    app: Litestar,
    make_account: MakeAccount,
    make_course: MakeCourse,
    index_settled: IndexSettled,
) -> None:
    teacher = await make_account("teacher", role="instructor")
    course = await make_course(teacher, sections=2, lessons_per_section=1, published=False)
    first, second = course.lesson_ids
    await index_settled()
    assert [p.text for p in passages_of(client, app, first)] == ["Content of lesson 1.1."]

    response = await client.patch(
        f"{API}/lessons/{first}", json={"content": LESSON}, headers=teacher.headers
    )
    assert response.status_code == 200, response.text
    await index_settled()

    passages = passages_of(client, app, first)
    assert [p.heading for p in passages] == [None, "Comparing", "Dividing"]
    assert passages[1].markdown == "Use `==` to compare two values."
    assert passages[1].text == "Use == to compare two values."
    assert passages[1].lesson_title == "Lesson 1.1"
    assert passages[1].score == 0.0
    assert retrieve(client, app, course.id, "//")[0].heading == "Dividing"

    moved = await client.post(
        f"{API}/lessons/{first}/move",
        json={"position": 2, "section_id": course.section_ids[1]},
        headers=teacher.headers,
    )
    assert moved.status_code == 200, moved.text
    await index_settled()
    assert len(passages_of(client, app, first)) == 3

    deleted = await client.delete(f"{API}/lessons/{first}", headers=teacher.headers)
    assert deleted.status_code == 204, deleted.text
    await index_settled()
    assert passages_of(client, app, first) == []
    left = retrieve(client, app, course.id, "floor division comparing values")
    assert {p.lesson_id for p in left} == {UUID(second)}


async def test_deleting_a_course_leaves_no_passage(
    client: Client,
    app: Litestar,
    make_account: MakeAccount,
    make_course: MakeCourse,
    index_settled: IndexSettled,
    db_engine: AsyncEngine,
) -> None:
    teacher = await make_account("teacher", role="instructor")
    course = await make_course(teacher, sections=1, lessons_per_section=2)
    await index_settled()

    response = await client.delete(f"{API}/courses/{course.id}", headers=teacher.headers)
    assert response.status_code == 204, response.text
    await index_settled()

    async with db_engine.connect() as connection:
        left = await connection.execute(
            select(func.count())
            .select_from(LessonPassageRow)
            .where(LessonPassageRow.course_id == UUID(course.id))
        )
    assert left.scalar_one() == 0
    assert retrieve(client, app, course.id, "content lesson") == []


@pytest.fixture
async def demo_course(client: Client, app: Litestar, index_settled: IndexSettled) -> str:
    """The demo catalog, seeded as ``serve`` does (which leaves it indexed): the id of
    "Practical Python"."""
    container = app.state.container
    in_app_loop(client, lambda: seed_demo(container, load_demo_catalog()))
    await index_settled()
    facade = facade_of(app)
    found = in_app_loop(client, lambda: facade.matching_courses("python loops enumerate", 3))
    python = [course for course in found if course.slug == "practical-python"]
    assert python, found
    return str(python[0].id)


DEMO_QUESTIONS = [
    ("= and ==", "Making decisions with if, elif and else"),
    ("//", "Numbers, strings and type conversion"),
    ("__name__", "Modules, imports and readable code"),
    ("position and item", "Repeating work with for and while loops"),
    ("enumerate", "Repeating work with for and while loops"),
]


async def test_the_demo_course_answers_code_and_words_with_the_right_lesson(
    client: Client, app: Litestar, demo_course: str
) -> None:
    missed = {}
    for query, lesson_title in DEMO_QUESTIONS:
        found = retrieve(client, app, demo_course, query, limit=3)
        assert all(p.course_id == UUID(demo_course) for p in found)
        if lesson_title not in [p.lesson_title for p in found]:
            missed[query] = [(p.lesson_title, p.heading) for p in found]
    assert missed == {}

    facade = facade_of(app)
    joins = in_app_loop(client, lambda: facade.matching_courses("inner join of two tables"))
    nothing = in_app_loop(client, lambda: facade.matching_courses("the of and"))
    assert [course.slug for course in joins][:1] == ["sql-fundamentals"]
    assert nothing == []


def test_reindex_rebuilds_every_lesson(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("REDIS_URL", "")
    assert main(["seed-demo"]) == 0
    seeded = _passage_counts(url)
    lessons = sum(len(course.lessons) for course in load_demo_catalog().courses)
    assert len(seeded) == lessons, "the seed leaves every demo lesson indexed"
    _run(url, "DELETE FROM lesson_passages")
    capsys.readouterr()

    assert main(["reindex"]) == 0

    assert f"re-indexed {lessons} lessons into {sum(seeded.values())} passages" in (
        capsys.readouterr().out
    )
    assert _passage_counts(url) == seeded


def _run(url: str, sql: str) -> list[tuple[object, ...]]:
    async def go() -> list[tuple[object, ...]]:
        engine = create_engine(url)
        try:
            async with engine.begin() as connection:
                result = await connection.exec_driver_sql(sql)
                return [tuple(row) for row in result.all()] if result.returns_rows else []
        finally:
            await engine.dispose()

    return asyncio.run(go())


def _passage_counts(url: str) -> dict[str, int]:
    rows = _run(url, "SELECT lesson_id, count(*) FROM lesson_passages GROUP BY lesson_id")
    return {str(lesson): int(str(count)) for lesson, count in rows}
