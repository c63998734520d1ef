"""The search result cache: a repeated query stays off the database and returns exactly what
an uncached search returns (order, ranks, snippets, premium flags, total, each viewer's rights),
every catalog write is seen at once (in another API process through Redis), and the cache
keeps at most ``SEARCH_CACHE_MAX_ENTRIES`` results."""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.conftest import REDIS_URL, make_settings
from tests.integration.accounts import Account, Client, MakeAccount
from tests.integration.catalog.conftest import API, CourseIds, MakeCourse
from tests.integration.catalog.passage_support import IndexSettled, index_settled, index_worker
from tests.integration.catalog.test_query_counts import counted_statements
from tests.integration.catalog.test_search_api import search, write_lesson
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.settings import Settings

__all__ = ["index_settled", "index_worker"]

pytestmark = pytest.mark.both_databases

QUERIES = [
    ("lists", {}),
    ("lists", {"limit": 1}),
    ("lists", {"limit": 1, "offset": 1}),
    ("lists", {"offset": 50}),
    ("ordered lists", {}),
    ("quasars", {}),
    ("nothing matches this", {}),
]
ROUTES = ("/search", "/search/courses", "/search/lessons")


@pytest.fixture
async def teacher(make_account: MakeAccount) -> Account:
    return await make_account("teacher", role="instructor")


@pytest.fixture
async def catalog(
    client: Client, teacher: Account, make_course: MakeCourse, index_settled: IndexSettled
) -> CourseIds:
    """A course on lists (a title match, a mention) and a premium lesson on lists and quasars;
    its passage index jobs (which share the app's engine) are done."""
    course = await make_course(
        teacher, sections=1, lessons_per_section=3, title="Lists", premium=[(0, 2)]
    )
    first, second, premium = course.lesson_ids
    await write_lesson(client, teacher, first, "Lists", "Ordered **lists** of <items>.")
    await write_lesson(client, teacher, second, "Sets", "Unlike lists, sets have no order.")
    await write_lesson(client, teacher, premium, "Quasars", "Quasars outshine lists of stars.")
    await index_settled()
    return course


@pytest.fixture
async def uncached(database_url: str) -> AsyncIterator[Client]:
    """Another API process over the same database with the search and read caches off."""
    settings = make_settings(database_url, search_cache_ttl_seconds=0, catalog_cache_ttl_seconds=0)
    async with AsyncTestClient(app=create_app(settings, migrate_on_start=False)) as other:
        yield other


async def _statements(app: Litestar, client: Client, q: str, **params: Any) -> int:
    with counted_statements(app) as statements:
        await search(client, q, **params)
    return len(statements)


async def test_a_repeated_search_is_answered_without_the_database(
    client: Client, app: Litestar, catalog: CourseIds
) -> None:
    first = await search(client, "lists")

    with counted_statements(app) as statements:
        again = await search(client, "lists")

    assert statements == []
    assert again == first
    assert first["total"] == 4


async def test_a_search_answers_if_none_match_with_304_without_the_database(
    client: Client, app: Litestar, teacher: Account, catalog: CourseIds
) -> None:
    first = await client.get(f"{API}/search", params={"q": "lists"})
    etag = first.headers["etag"]

    with counted_statements(app) as statements:
        again = await client.get(
            f"{API}/search", params={"q": "lists"}, headers={"If-None-Match": etag}
        )

    assert (again.status_code, again.content, statements) == (304, b"", [])
    await write_lesson(client, teacher, catalog.lesson_ids[0], "Lists", "Changed lists.")
    changed = await client.get(
        f"{API}/search", params={"q": "lists"}, headers={"If-None-Match": etag}
    )
    assert changed.status_code == 200
    assert "Changed <mark>lists</mark>" in changed.text


@pytest.mark.parametrize("viewer", ["anonymous", "premium student", "owner"])
async def test_cached_results_equal_uncached_ones_for_every_viewer(
    client: Client,
    uncached: Client,
    make_account: MakeAccount,
    teacher: Account,
    catalog: CourseIds,
    viewer: str,
) -> None:
    reader = await make_account("rich", plan="premium")
    account = {"anonymous": None, "premium student": reader, "owner": teacher}[viewer]
    headers = account.headers if account else {}
    for route in ROUTES:
        for q, params in QUERIES:
            await search(client, q, route, headers=reader.headers, **params)  # fills the cache
            cached = await search(client, q, route, headers=headers, **params)
            fresh = await search(uncached, q, route, headers=headers, **params)
            assert cached == fresh, (route, q, params)
    [premium] = (await search(client, "quasars", headers=headers))["items"]
    assert premium["is_premium"] is True
    expected = "" if account is None else "<mark>Quasars</mark> outshine"
    assert premium["snippet"].startswith(expected)


async def test_every_catalog_write_is_seen_by_the_next_search(
    client: Client, teacher: Account, catalog: CourseIds
) -> None:
    first = catalog.lesson_ids[0]
    assert [hit["title"] for hit in (await search(client, "memory"))["items"]] == []

    await write_lesson(client, teacher, first, "Arrays", "Contiguous blocks of memory.")
    assert [hit["title"] for hit in (await search(client, "memory"))["items"]] == ["Arrays"]

    response = await client.delete(f"{API}/lessons/{first}", headers=teacher.headers)
    assert response.status_code == 204, response.text
    assert (await search(client, "memory"))["total"] == 0

    response = await client.post(f"{API}/courses/{catalog.id}/unpublish", headers=teacher.headers)
    assert response.status_code == 200, response.text
    assert (await search(client, "sets"))["total"] == 0


class TestBound:
    """With the read cache (which keeps encoded responses) off, so that searches reach the
    search cache."""

    @pytest.fixture
    def settings(self, database_url: str) -> Settings:
        return make_settings(database_url, search_cache_max_entries=2, catalog_cache_ttl_seconds=0)

    async def test_the_least_recently_used_result_is_dropped_past_the_limit(
        self, client: Client, app: Litestar, catalog: CourseIds
    ) -> None:
        for q in ("lists", "sets", "quasars"):
            await search(client, q)

        assert await _statements(app, client, "quasars") == 0
        assert await _statements(app, client, "sets") == 0
        assert await _statements(app, client, "lists") > 0


@pytest.mark.requires_redis
class TestAcrossProcesses:
    @pytest.fixture
    def settings(self, database_url: str) -> Settings:
        return make_settings(database_url, redis_url=REDIS_URL, search_cache_ttl_seconds=600)

    @pytest.fixture
    async def second_process(self, settings: Settings) -> AsyncIterator[Client]:
        async with AsyncTestClient(app=create_app(settings, migrate_on_start=False)) as other:
            yield other

    async def test_a_write_in_one_process_drops_the_others_results(
        self, client: Client, second_process: Client, teacher: Account, catalog: CourseIds
    ) -> None:
        assert (await search(second_process, "nebulae"))["total"] == 0
        await write_lesson(client, teacher, catalog.lesson_ids[1], "Nebulae", "Clouds of gas.")
        for _ in range(100):
            if (await search(second_process, "nebulae"))["total"] == 1:
                return
            await asyncio.sleep(0.02)
        pytest.fail("the other process kept serving the old result")
