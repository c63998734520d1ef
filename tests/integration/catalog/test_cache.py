"""The catalog read cache: repeated reads stay off the database, every write is seen at once,
in this process and (through Redis) in another API process."""

import asyncio
from collections.abc import AsyncIterator

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.conftest import REDIS_URL, make_settings
from tests.integration.accounts import Client, MakeAccount
from tests.integration.catalog.conftest import API, MakeCourse
from tests.integration.catalog.test_query_counts import counted_statements
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.settings import Settings

pytestmark = pytest.mark.both_databases

LONG_TTL = 600


async def test_repeated_reads_are_served_from_the_cache_until_a_write(
    client: Client, app: Litestar, make_account: MakeAccount, make_course: MakeCourse
) -> None:
    teacher = await make_account("teacher", role="instructor")
    course = await make_course(teacher, sections=2, lessons_per_section=2)
    paths = [f"/courses/{course.id}", "/courses", f"/lessons/{course.lesson_ids[0]}"]
    for path in paths:
        await client.get(API + path)
    with counted_statements(app) as statements:
        for path in paths:
            assert (await client.get(API + path)).status_code == 200
    assert statements == []
    renamed = await client.patch(
        f"{API}/lessons/{course.lesson_ids[0]}", json={"title": "Renamed"}, headers=teacher.headers
    )
    assert renamed.status_code == 200
    lesson = (await client.get(f"{API}/lessons/{course.lesson_ids[0]}")).json()
    outline = (await client.get(f"{API}/courses/{course.id}")).json()
    assert lesson["title"] == outline["sections"][0]["lessons"][0]["title"] == "Renamed"


async def test_unpublishing_hides_a_cached_course_at_once(
    client: Client, make_account: MakeAccount, make_course: MakeCourse
) -> None:
    teacher = await make_account("teacher", role="instructor")
    course = await make_course(teacher, sections=1, lessons_per_section=1)
    assert (await client.get(f"{API}/courses/{course.id}")).status_code == 200
    assert (await client.get(f"{API}/courses")).json()["total"] == 1
    response = await client.post(f"{API}/courses/{course.id}/unpublish", headers=teacher.headers)
    assert response.status_code == 200
    assert (await client.get(f"{API}/courses/{course.id}")).status_code == 404
    assert (await client.get(f"{API}/lessons/{course.lesson_ids[0]}")).status_code == 404
    assert (await client.get(f"{API}/courses")).json()["total"] == 0


@pytest.fixture
def redis_settings(database_url: str) -> Settings:
    return make_settings(database_url, redis_url=REDIS_URL, catalog_cache_ttl_seconds=LONG_TTL)


@pytest.mark.requires_redis
class TestAcrossProcesses:
    """Two API processes over one database and Redis, each with its own cache."""

    @pytest.fixture
    def settings(self, redis_settings: Settings) -> Settings:
        return redis_settings

    @pytest.fixture
    async def second_process(self, settings: Settings) -> AsyncIterator[Client]:
        async with AsyncTestClient(app=create_app(settings, migrate_on_start=False)) as other:
            yield other

    async def test_a_write_in_one_process_is_seen_by_another(
        self,
        client: Client,
        second_process: Client,
        make_account: MakeAccount,
        make_course: MakeCourse,
    ) -> None:
        teacher = await make_account("teacher", role="instructor")
        course = await make_course(teacher, sections=1, lessons_per_section=1)
        lesson_path = f"{API}/lessons/{course.lesson_ids[0]}"
        assert (await second_process.get(lesson_path)).json()["title"] != "Changed"
        await client.patch(lesson_path, json={"title": "Changed"}, headers=teacher.headers)
        for _ in range(100):
            if (await second_process.get(lesson_path)).json()["title"] == "Changed":
                return
            await asyncio.sleep(0.02)
        pytest.fail("the other process kept serving the old lesson")
