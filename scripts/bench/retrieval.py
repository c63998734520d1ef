"""Passage index timings on PostgreSQL: index 1,000 lessons (~2 KB each) from scratch, then
retrieval latency on a course of 100 lessons.

``python -m scripts.bench.retrieval`` (BENCH_POSTGRES_URL, default the local server). Makes and
drops its own database. Targets: indexing ≤ 60 s, retrieval p95 ≤ 15 ms.
"""

import asyncio
import os
import random
import statistics
import time
from typing import Any
from uuid import UUID

from sqlalchemy import insert
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from tutor_platform.bootstrap.container import build_container, close_container
from tutor_platform.bootstrap.migrations import upgrade_database
from tutor_platform.bootstrap.settings import load_settings
from tutor_platform.catalog.adapters.outbound.sqlalchemy.tables import (
    CourseRow,
    LessonRow,
    SectionRow,
)
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.persistence.engine import create_engine

POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)
COURSES = 10
LESSONS_PER_COURSE = 100
QUERIES = 300
WORDS = [
    "loop",
    "list",
    "value",
    "function",
    "variable",
    "string",
    "number",
    "index",
    "item",
    "position",
    "range",
    "dictionary",
    "key",
    "class",
    "object",
    "method",
    "module",
    "import",
    "file",
    "path",
    "error",
    "exception",
    "test",
    "assert",
    "condition",
    "branch",
    "compare",
    "equal",
    "divide",
    "remainder",
    "floor",
    "integer",
    "float",
    "round",
    "format",
    "print",
    "input",
    "return",
    "yield",
    "generator",
    "iterator",
    "comprehension",
    "tuple",
    "set",
    "slice",
    "append",
    "sort",
    "reverse",
    "filter",
    "map",
    "lambda",
    "scope",
    "global",
    "local",
    "default",
    "argument",
    "keyword",
    "parameter",
    "recursion",
    "stack",
    "queue",
    "tree",
    "graph",
]
SNIPPETS = (
    "for i, item in enumerate(items):\n    print(i, item)",
    'if __name__ == "__main__":\n    main()',
    "total //= 2\nrest = total % 3",
    "while count != 0:\n    count -= 1",
    "squares = [n ** 2 for n in range(10)]",
)
QUESTIONS = (
    "how do I get the position and the item in a loop",
    "what does // do",
    "= and ==",
    "__name__",
    "why does my recursion overflow the stack",
    "dictionary keys and values",
    "how to read a file line by line",
    "give me an example",
    "what is a generator and yield",
    "sort a list in reverse",
)


def _paragraph(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text.capitalize() + "."


def lesson_markdown(rng: random.Random, n: int) -> str:
    """About 2 KB: an intro, three sections (one with a sub-section) and a code block."""
    parts = [_paragraph(rng, 40)]
    for s in range(3):
        parts.append(f"## Topic {n}.{s} {rng.choice(WORDS)}")
        parts.append(_paragraph(rng, 45))
        if s == 1:
            parts.append(f"### Detail {rng.choice(WORDS)}")
            parts.append(f"```python\n{rng.choice(SNIPPETS)}\n```")
        parts.append(_paragraph(rng, 30))
    return "\n\n".join(parts) + "\n"


async def _database(name: str) -> str:
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    await admin.dispose()
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


async def _drop(name: str) -> None:
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.dispose()


async def _catalog(url: str, first: int = 0) -> tuple[list[UUID], int]:
    """The courses (published) with their lessons, written straight into the tables."""
    rng = random.Random(7)  # noqa: S311 - reproducible test data
    engine = create_engine(url)
    course_ids: list[UUID] = []
    size = 0
    async with engine.begin() as connection:
        for c in range(first, first + COURSES):
            course_id = new_id()
            course_ids.append(course_id)
            await connection.execute(
                insert(CourseRow),
                [
                    {
                        "id": course_id,
                        "title": f"Course {c}",
                        "slug": f"course-{c}",
                        "description": "",
                        "subject": "python",
                        "difficulty": "beginner",
                        "prerequisites": [],
                        "is_published": True,
                        "instructor_id": new_id(),
                    }
                ],
            )
            section_id = new_id()
            await connection.execute(
                insert(SectionRow),
                [{"id": section_id, "course_id": course_id, "title": "All", "position": 1}],
            )
            rows: list[dict[str, Any]] = []
            for n in range(LESSONS_PER_COURSE):
                content = lesson_markdown(rng, n)
                size += len(content.encode())
                rows.append(
                    {
                        "id": new_id(),
                        "section_id": section_id,
                        "course_id": course_id,
                        "title": f"Lesson {n} about {rng.choice(WORDS)}",
                        "content": content,
                        "position": n + 1,
                        "estimated_minutes": 10,
                        "is_premium": False,
                    }
                )
            await connection.execute(insert(LessonRow), rows)
    await engine.dispose()
    return course_ids, size


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def main() -> None:
    name = f"bench_retrieval_{os.getpid()}"
    url = await _database(name)
    try:
        engine = create_engine(url)
        await upgrade_database(engine)
        await engine.dispose()
        course_ids, size = await _catalog(url)
        settings = load_settings(
            environ={}, env_file=None, database_url=url, redis_url="", log_level="WARNING"
        )
        container = build_container(settings)
        try:
            await container.embedder().embed_query("warm up the model")
            started = time.perf_counter()
            report = await container.catalog.reindex_passages().execute()
            indexing = time.perf_counter() - started
            facade = container.catalog.facade()
            course = course_ids[0]
            cold_started = time.perf_counter()
            await facade.retrieve_passages(course, QUESTIONS[0])
            cold = (time.perf_counter() - cold_started) * 1000
            timings: list[float] = []
            cpu: list[float] = []
            for i in range(QUERIES):
                started, cpu_started = time.perf_counter(), time.process_time()
                await facade.retrieve_passages(course, QUESTIONS[i % len(QUESTIONS)])
                timings.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
        finally:
            await close_container(container)
        print(
            f"indexed {report.lessons} lessons ({size / report.lessons / 1024:.1f} KB each) into "
            f"{report.passages} passages in {indexing:.1f} s "
            f"({indexing / report.lessons * 1000:.1f} ms a lesson; target ≤ 60 s)"
        )
        print(
            f"retrieval on a course of {LESSONS_PER_COURSE} lessons "
            f"({report.passages // COURSES} passages), {QUERIES} queries: "
            f"p50 {statistics.median(timings):.2f} ms, p95 {_percentile(timings, 0.95):.2f} ms, "
            f"max {max(timings):.2f} ms; first query (loads the course's vectors) {cold:.2f} ms "
            "(target p95 ≤ 15 ms)"
        )
        print(
            f"this process's CPU time a query: p50 {statistics.median(cpu):.2f} ms, "
            f"p95 {_percentile(cpu, 0.95):.2f} ms; load average {os.getloadavg()[0]:.1f} "
            f"on {os.cpu_count()} cores"
        )
    finally:
        await _drop(name)


if __name__ == "__main__":
    asyncio.run(main())
