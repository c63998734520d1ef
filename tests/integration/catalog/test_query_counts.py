"""Catalog reads take a fixed number of SQL statements, whatever the size of the course.

Counted with the read cache off, so that every read reaches the database, and after the
passage index jobs of the course's lessons finished (they share the app's engine).
"""

from uuid import UUID

import pytest
from litestar import Litestar

from tests.conftest import make_settings
from tests.integration.accounts import Client, MakeAccount, in_app_loop
from tests.integration.catalog.conftest import API, MakeCourse
from tests.integration.catalog.passage_support import IndexSettled, index_settled, index_worker
from tests.support.statements import counted_statements
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.catalog.api import CatalogFacade

__all__ = ["index_settled", "index_worker"]

pytestmark = pytest.mark.both_databases


@pytest.fixture
def settings(database_url: str) -> Settings:
    return make_settings(database_url, catalog_cache_ttl_seconds=0)


async def _count(client: Client, app: Litestar, path: str) -> int:
    with counted_statements(app) as statements:
        response = await client.get(API + path)
    assert response.status_code == 200, response.text
    return len(statements)


async def test_outline_and_lesson_list_do_not_grow_with_the_course(
    client: Client,
    app: Litestar,
    make_account: MakeAccount,
    make_course: MakeCourse,
    index_settled: IndexSettled,
) -> None:
    teacher = await make_account("teacher", role="instructor")
    small = await make_course(teacher, sections=2, lessons_per_section=2)
    large = await make_course(teacher, sections=6, lessons_per_section=8)
    await index_settled()
    for path in ("/courses/{id}", "/courses/{id}/lessons", "/courses/{id}/sections"):
        small_count = await _count(client, app, path.format(id=small.id))
        large_count = await _count(client, app, path.format(id=large.id))
        assert 1 <= small_count == large_count <= 2, path
    body = (await client.get(f"{API}/courses/{large.id}/lessons?limit=100")).json()
    assert body["total"] == 48


async def test_the_course_list_does_not_grow_with_the_page(
    client: Client,
    app: Litestar,
    make_account: MakeAccount,
    make_course: MakeCourse,
    index_settled: IndexSettled,
) -> None:
    teacher = await make_account("teacher", role="instructor")
    for _ in range(2):
        await make_course(teacher, sections=1, lessons_per_section=1)
    await index_settled()
    two = await _count(client, app, "/courses")
    for _ in range(6):
        await make_course(teacher, sections=1, lessons_per_section=1)
    await index_settled()
    eight = await _count(client, app, "/courses")
    assert 1 <= two == eight <= 2


async def test_the_visible_courses_of_many_are_one_statement(
    client: Client,
    app: Litestar,
    make_account: MakeAccount,
    make_course: MakeCourse,
    index_settled: IndexSettled,
) -> None:
    teacher = await make_account("teacher", role="instructor")
    published = [await make_course(teacher, 1, 1) for _ in range(3)]
    unpublished = await make_course(teacher, 1, 1, published=False)
    await index_settled()
    learning: CatalogFacade = app.state.container.catalog.facade()
    ids = [UUID(course.id) for course in [*published, unpublished]]
    with counted_statements(app) as statements:
        visible = in_app_loop(client, lambda: learning.visible_courses(None, ids))
    assert visible == set(ids[:3])
    assert len(statements) == 1
