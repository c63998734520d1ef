"""GET /search, /search/courses and /search/lessons over HTTP, with content written through
the catalog API (so the index is shown to follow every write).

The query-syntax and bad-parameter rows only read: they share one world per module (the shared
world of ``tests/integration/conftest.py``)."""

from collections.abc import AsyncIterator
from typing import Any
from uuid import uuid4

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.conftest import make_settings
from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.catalog.conftest import API, CourseIds, MakeCourse, course_maker
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.container import build_container

pytestmark = pytest.mark.both_databases

HIT_KEYS = {"type", "id", "course_id", "title", "snippet", "rank", "is_premium"}
ROUTES = ("/search", "/search/courses", "/search/lessons")


async def write_lesson(
    client: Client, owner: Account, lesson_id: str, title: str, content: str
) -> None:
    response = await client.patch(
        f"{API}/lessons/{lesson_id}",
        json={"title": title, "content": content},
        headers=owner.headers,
    )
    assert response.status_code == 200, response.text


async def search(
    client: Client,
    q: str,
    route: str = "/search",
    headers: dict[str, str] | None = None,
    **params: Any,
) -> dict[str, Any]:
    response = await client.get(API + route, params={"q": q, **params}, headers=headers or {})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def found(client: Client, q: str, route: str = "/search", **params: Any) -> list[str]:
    return [hit["title"] for hit in (await search(client, q, route, **params))["items"]]


@pytest.fixture
async def teacher(make_account: MakeAccount) -> Account:
    return await make_account("teacher", role="instructor")


async def _structures(client: Client, teacher: Account) -> CourseIds:
    course = await course_maker(client)(
        teacher,
        sections=1,
        lessons_per_section=3,
        title="Data structures",
        description="Lists, sets & maps <explained>.",
    )
    lessons = course.lesson_ids
    await write_lesson(client, teacher, lessons[0], "Lists", "Ordered collections of items.")
    await write_lesson(client, teacher, lessons[1], "Sets", "Unlike lists, sets have no order.")
    await write_lesson(client, teacher, lessons[2], "Maps", "Keys and values.")
    return course


@pytest.fixture
async def structures(client: Client, teacher: Account) -> CourseIds:
    """A published course on data structures: a lesson titled "Lists", one mentioning lists."""
    return await _structures(client, teacher)


@pytest.fixture
def shared(shared_client: Client) -> Client:
    shared_client.cookies.clear()
    return shared_client


@pytest.fixture(scope="module")
async def shared_structures(shared_client: Client, shared_make_account: MakeAccount) -> CourseIds:
    """``structures`` in the module's shared world, for the rows that only read."""
    return await _structures(shared_client, await shared_make_account("teacher", role="instructor"))


async def test_search_finds_courses_and_lessons_best_first(
    client: Client, structures: CourseIds
) -> None:
    body = await search(client, "lists")

    assert body.keys() == {"items", "total", "limit", "offset"}
    assert (body["total"], body["limit"], body["offset"]) == (3, 20, 0)
    assert all(hit.keys() == HIT_KEYS for hit in body["items"])
    by_title = {hit["title"]: hit for hit in body["items"]}
    assert by_title.keys() == {"Data structures", "Lists", "Sets"}
    course, lists, sets = by_title["Data structures"], by_title["Lists"], by_title["Sets"]
    assert (course["type"], course["id"], course["course_id"]) == (
        "course",
        structures.id,
        structures.id,
    )
    assert (lists["type"], lists["id"], lists["course_id"]) == (
        "lesson",
        structures.lesson_ids[0],
        structures.id,
    )
    assert lists["rank"] > sets["rank"] > 0
    ranks = [hit["rank"] for hit in body["items"]]
    assert ranks == sorted(ranks, reverse=True)
    assert "<mark>lists</mark>" in sets["snippet"]
    assert "<mark>Lists</mark>, sets &amp; maps" in course["snippet"]
    assert "<explained>" not in course["snippet"]


async def test_the_kind_routes_return_only_their_kind(
    client: Client, structures: CourseIds
) -> None:
    courses = await search(client, "lists", "/search/courses")
    lessons = await search(client, "lists", "/search/lessons")

    assert [(hit["type"], hit["title"]) for hit in courses["items"]] == [
        ("course", "Data structures")
    ]
    assert courses["total"] == 1
    assert [(hit["type"], hit["title"]) for hit in lessons["items"]] == [
        ("lesson", "Lists"),
        ("lesson", "Sets"),
    ]
    assert lessons["total"] == 2


async def test_pages_of_hits(client: Client, structures: CourseIds) -> None:
    everything = await found(client, "lists")
    first = await search(client, "lists", limit=2)
    second = await search(client, "lists", limit=2, offset=2)

    assert (first["total"], first["limit"], first["offset"]) == (3, 2, 0)
    assert (second["total"], second["limit"], second["offset"]) == (3, 2, 2)
    assert [hit["title"] for hit in first["items"] + second["items"]] == everything
    assert (await search(client, "lists", offset=10))["items"] == []


async def test_catalog_writes_show_in_search_at_once(
    client: Client, teacher: Account, structures: CourseIds
) -> None:
    lists, sets, _ = structures.lesson_ids

    await write_lesson(client, teacher, lists, "Arrays", "Contiguous blocks of memory.")
    assert await found(client, "memory") == ["Arrays"]
    assert await found(client, "ordered collections") == []

    response = await client.delete(f"{API}/lessons/{sets}", headers=teacher.headers)
    assert response.status_code == 204, response.text
    assert await found(client, "unlike") == []

    response = await client.patch(
        f"{API}/courses/{structures.id}", json={"title": "Memory layout"}, headers=teacher.headers
    )
    assert response.status_code == 200, response.text
    assert await found(client, "layout") == ["Memory layout"]
    assert sorted(await found(client, "memory")) == ["Arrays", "Memory layout"]

    response = await client.post(
        f"{API}/courses/{structures.id}/unpublish", headers=teacher.headers
    )
    assert response.status_code == 200, response.text
    assert await found(client, "memory") == []

    await client.post(f"{API}/courses/{structures.id}/publish", headers=teacher.headers)
    response = await client.delete(f"{API}/courses/{structures.id}", headers=teacher.headers)
    assert response.status_code == 204, response.text
    assert (await search(client, "memory"))["total"] == 0


async def test_unpublished_content_is_found_by_nobody(
    client: Client, teacher: Account, admin: Account, make_course: MakeCourse
) -> None:
    draft = await make_course(teacher, sections=1, lessons_per_section=1, published=False)
    await write_lesson(client, teacher, draft.lesson_ids[0], "Nebulae", "Clouds of gas.")

    for caller in (None, teacher, admin):
        headers = caller.headers if caller else None
        body = await search(client, "nebulae", headers=headers)
        assert (body["items"], body["total"]) == ([], 0)


@pytest.mark.parametrize(
    ("caller", "sees_snippet"),
    [
        ("anonymous", False),
        ("free student", False),
        ("other instructor", False),
        ("premium student", True),
        ("owner", True),
        ("admin", True),
    ],
)
async def test_a_premium_lessons_snippet_is_only_for_its_readers(
    client: Client,
    teacher: Account,
    admin: Account,
    make_account: MakeAccount,
    make_course: MakeCourse,
    caller: str,
    sees_snippet: bool,
) -> None:
    course = await make_course(teacher, sections=1, lessons_per_section=1, premium=[(0, 0)])
    await write_lesson(client, teacher, course.lesson_ids[0], "Quasars", "Quasars shine brightly")
    accounts = {
        "free student": lambda: make_account("free"),
        "other instructor": lambda: make_account("rival", role="instructor"),
        "premium student": lambda: make_account("rich", plan="premium"),
    }
    account = {"owner": teacher, "admin": admin}.get(caller)
    if caller in accounts:
        account = await accounts[caller]()
    headers = account.headers if account else None

    [hit] = (await search(client, "quasars", headers=headers))["items"]

    assert hit["title"] == "Quasars"
    assert hit["snippet"] == ("<mark>Quasars</mark> shine brightly" if sees_snippet else "")


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(
    "q",
    [
        '"lists',
        "lists*",
        "NEAR(lists",
        "-lists",
        "title:lists",
        "^lists",
        "(lists))",
        "'; DROP TABLE lessons; --",
        "lists OR",
        "% _ \\",
        "😀",
    ],
)
async def test_query_syntax_is_plain_text(
    shared: Client, shared_structures: CourseIds, route: str, q: str
) -> None:
    body = await search(shared, q, route)

    assert body["total"] == len(body["items"])
    assert "Lists" in await found(shared, "lists", route="/search/lessons")


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "   "}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"q": "lists " * 1700}, "q"),
        ({"q": "\x00 \x00"}, "q"),
        ({"q": "lists", "limit": 0}, "limit"),
        ({"q": "lists", "limit": 101}, "limit"),
        ({"q": "lists", "limit": "many"}, "limit"),
        ({"q": "lists", "offset": -1}, "offset"),
    ],
    ids=[
        "missing",
        "empty",
        "blank",
        "201 chars",
        "10 KB",
        "only NUL",
        "limit 0",
        "limit 101",
        "limit text",
        "offset -1",
    ],
)
async def test_bad_parameters_are_422(
    shared: Client, route: str, params: dict[str, Any], field: str
) -> None:
    response = await shared.get(API + route, params=params)

    body = assert_error(response, 422, "VALIDATION_ERROR")
    assert [error["field"] for error in body["errors"]] == [field]


@pytest.mark.parametrize("route", ROUTES)
async def test_a_bad_token_is_401_even_on_a_public_route(client: Client, route: str) -> None:
    response = await client.get(
        API + route, params={"q": "lists"}, headers={"Authorization": "Bearer nonsense"}
    )

    assert_error(response, 401, "UNAUTHENTICATED")


@pytest.fixture
async def limited_client(
    database_url: str, run_id: str, clean_db: None
) -> AsyncIterator[AsyncTestClient[Litestar]]:
    settings = make_settings(database_url, rate_limit_enabled=True, rate_limit_public="2/minute")
    container = build_container(settings)
    container.rate_limit_key_prefix.override(f"{run_id}:ratelimit:{uuid4().hex}:")
    app = create_app(settings, container, migrate_on_start=False)
    async with AsyncTestClient(app=app) as test_client:
        yield test_client


@pytest.mark.parametrize("route", ROUTES)
async def test_anonymous_searches_share_the_public_rate_limit(
    limited_client: AsyncTestClient[Litestar], route: str
) -> None:
    statuses = [
        (await limited_client.get(API + route, params={"q": "lists"})).status_code for _ in range(3)
    ]

    assert statuses == [200, 200, 429]
