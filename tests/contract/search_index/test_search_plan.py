"""The search query is answered from the full-text index, not by reading every lesson.

PostgreSQL: over 2,000 lessons, vacuumed and analysed (as autovacuum would, which also moves
the GIN index's pending entries into the index), the plan of the real search statement
(captured as the adapter sends it) reads ``lessons`` through a Bitmap Index Scan on the GIN
index. SQLite:
the plan starts from the FTS5 index and reaches ``lessons`` by key only.
"""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.contract.search_index.catalog_rows import CatalogRows
from tutor_platform.catalog.adapters.outbound.sqlalchemy.tables import LessonRow
from tutor_platform.catalog.domain.search import LESSON, SearchQuery
from tutor_platform.catalog.ports.search import SearchIndex
from tutor_platform.shared.persistence.engine import create_session_factory

LESSONS = 2000


def _words(rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choices("bcdfghjklmnprstvz", k=3)) + "ox" for _ in range(count)]


@contextmanager
def captured_statements(engine: AsyncEngine) -> Iterator[list[tuple[str, Any]]]:
    statements: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        statements.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", capture)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", capture)


async def test_the_search_statement_uses_the_full_text_index(
    search_index: SearchIndex, catalog: CatalogRows, db_engine: AsyncEngine
) -> None:
    rng = random.Random(7)
    vocabulary = _words(rng, 400)
    course = await catalog.course("Big course")
    section = await catalog.section(course)
    async with create_session_factory(db_engine).begin() as session:
        session.add_all(
            LessonRow(
                section_id=section.id,
                course_id=course.id,
                title=" ".join(rng.choices(vocabulary, k=3)),
                content=" ".join(rng.choices(vocabulary, k=60))
                + (" quasar" if n % 400 == 0 else ""),
                position=n + 1,
                estimated_minutes=10,
                is_premium=False,
            )
            for n in range(LESSONS)
        )
    postgres = db_engine.dialect.name == "postgresql"
    async with db_engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        await autocommit.exec_driver_sql("VACUUM ANALYZE lessons" if postgres else "ANALYZE")

    with captured_statements(db_engine) as statements:
        results = await search_index.search(SearchQuery("quasar", (LESSON,), 20, 0))
    assert results.total == LESSONS // 400

    statement, parameters = statements[0]
    explain = "EXPLAIN" if postgres else "EXPLAIN QUERY PLAN"
    async with db_engine.connect() as connection:
        plan_rows = await connection.exec_driver_sql(f"{explain} {statement}", parameters)
        plan = "\n".join(str(row[-1]) for row in plan_rows)
    if postgres:
        assert "Bitmap Index Scan on ix_lessons_search_vector" in plan, plan
        assert "Seq Scan on lessons" not in plan, plan
    else:
        assert "SCAN lessons_fts VIRTUAL TABLE INDEX" in plan, plan
        assert "SCAN l" not in plan.replace("SCAN lessons_fts", ""), plan
