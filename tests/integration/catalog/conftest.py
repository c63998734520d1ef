"""Shared fixtures of the learning HTTP tests: courses built through the public API.

``make_course(owner, sections=2, lessons_per_section=3, published=True)`` creates a course
owned by ``owner`` (an instructor or admin ``Account``), its sections and lessons, and returns
their ids. ``premium`` lists the (section index, lesson index) pairs to mark premium.
"""

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from itertools import count
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.integration.accounts import Account, Client
from tutor_platform.catalog.adapters.outbound.sqlalchemy.tables import (
    CourseRow,
    LessonRow,
    SectionRow,
)

API = "/api/v1"
_numbers = count(1)


@dataclass
class CourseIds:
    """Ids of a course made by ``make_course``; ``lesson_ids`` is flat, in course order."""

    id: str
    slug: str
    owner: Account
    section_ids: list[str] = field(default_factory=list)
    lessons_by_section: list[list[str]] = field(default_factory=list)

    @property
    def lesson_ids(self) -> list[str]:
        return [lesson for section in self.lessons_by_section for lesson in section]


MakeCourse = Callable[..., Awaitable[CourseIds]]


async def _created(
    client: httpx.AsyncClient, path: str, owner: Account, body: dict[str, Any]
) -> Any:
    response = await client.post(API + path, json=body, headers=owner.headers)
    assert response.status_code == 201, response.text
    return response.json()


def course_maker(client: httpx.AsyncClient) -> MakeCourse:
    """Works with the test client and with a plain httpx client on an ASGI transport."""

    async def make(
        owner: Account,
        sections: int = 2,
        lessons_per_section: int = 3,
        published: bool = True,
        premium: Iterable[tuple[int, int]] = (),
        **course_fields: Any,
    ) -> CourseIds:
        n = next(_numbers)
        body = {"title": f"Course {n}", "subject": "python", **course_fields}
        course = await _created(client, "/courses", owner, body)
        ids = CourseIds(id=course["id"], slug=course["slug"], owner=owner)
        premium_lessons = set(premium)
        for s in range(sections):
            section = await _created(
                client, f"/courses/{ids.id}/sections", owner, {"title": f"Section {s + 1}"}
            )
            ids.section_ids.append(section["id"])
            lessons = []
            for n_lesson in range(lessons_per_section):
                lesson = await _created(
                    client,
                    f"/sections/{section['id']}/lessons",
                    owner,
                    {
                        "title": f"Lesson {s + 1}.{n_lesson + 1}",
                        "content": f"Content of lesson {s + 1}.{n_lesson + 1}.",
                        "is_premium": (s, n_lesson) in premium_lessons,
                    },
                )
                lessons.append(lesson["id"])
            ids.lessons_by_section.append(lessons)
        if published:
            response = await client.post(f"{API}/courses/{ids.id}/publish", headers=owner.headers)
            assert response.status_code == 200, response.text
        return ids

    return make


@pytest.fixture
def make_course(client: Client) -> MakeCourse:
    """``await make_course(owner, sections=2, lessons_per_section=3, published=True)``."""
    return course_maker(client)


CatalogSnapshot = Callable[[], Awaitable[list[tuple[Any, ...]]]]


@pytest.fixture
def catalog_snapshot(db_engine: AsyncEngine) -> CatalogSnapshot:
    """Every stored course, section and lesson, to prove a request changed nothing."""

    async def take() -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = []
        async with db_engine.connect() as connection:
            for table in (CourseRow.__table__, SectionRow.__table__, LessonRow.__table__):
                result = await connection.execute(select(table).order_by(table.c.id))
                rows.extend(tuple(row) for row in result.all())
        return rows

    return take
