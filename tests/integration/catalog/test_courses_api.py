"""/courses over HTTP: create (one and in bulk), list, outline, update, publish, delete.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from typing import Any

import pytest

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.catalog.conftest import API, CatalogSnapshot, MakeCourse


@pytest.fixture
async def teacher(make_account: MakeAccount) -> Account:
    return await make_account("teacher", role="instructor")


@pytest.fixture
async def rival(make_account: MakeAccount) -> Account:
    return await make_account("rival", role="instructor")


async def test_an_instructor_creates_an_unpublished_course_with_a_derived_slug(
    client: Client, teacher: Account
) -> None:
    body = {
        "title": "  Café Python  ",
        "description": "Learn it.",
        "subject": "python",
        "difficulty": "intermediate",
        "prerequisites": [" Variables ", "Loops"],
    }
    response = await client.post(f"{API}/courses", json=body, headers=teacher.headers)
    assert response.status_code == 201, response.text
    course = response.json()
    assert course["title"] == "Café Python"
    assert course["slug"] == "cafe-python"
    assert course["prerequisites"] == ["Variables", "Loops"]
    assert course["instructor_id"] == teacher.id
    assert course["is_published"] is False
    assert course["cover_file_id"] is None
    assert course["created_at"].endswith("Z")
    outline = await client.get(f"{API}/courses/{course['id']}", headers=teacher.headers)
    assert outline.json() == {**course, "sections": []}


async def test_a_given_slug_is_used_and_a_taken_one_is_a_conflict(
    client: Client, teacher: Account, catalog_snapshot: CatalogSnapshot
) -> None:
    first = await client.post(
        f"{API}/courses", json={"title": "Any", "slug": "my-course"}, headers=teacher.headers
    )
    assert first.json()["slug"] == "my-course"
    before = await catalog_snapshot()
    for body in ({"title": "Other", "slug": "my-course"}, {"title": "My course"}):
        response = await client.post(f"{API}/courses", json=body, headers=teacher.headers)
        assert_error(response, 409, "CONFLICT")
    assert await catalog_snapshot() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"title": "Tab\tin title"}, "title"),
        ({}, "title"),
        ({"title": "Ok", "slug": "Bad Slug"}, "slug"),
        ({"title": "Ok", "slug": "a" * 221}, "slug"),
        ({"title": "Ok", "difficulty": "expert"}, "difficulty"),
        ({"title": "Ok", "description": "x" * 5001}, "description"),
        ({"title": "Ok", "prerequisites": ["x"] * 21}, "prerequisites"),
        ({"title": "Ok", "prerequisites": ["x" * 201]}, "prerequisites[0]"),
        ({"title": "Ok", "prerequisites": ["  "]}, "prerequisites"),
        ({"title": "Ok", "is_published": True}, "is_published"),
        ({"title": "Ok", "instructor_id": "01a2004f-3a5e-7c8d-9e0f-0123456789ab"}, "instructor_id"),
        ({"title": "Ok", "cover_file_id": "nope"}, "cover_file_id"),
    ],
)
async def test_bad_course_bodies_are_refused_naming_the_field(
    client: Client,
    teacher: Account,
    catalog_snapshot: CatalogSnapshot,
    body: dict[str, Any],
    field: str,
) -> None:
    before = await catalog_snapshot()
    response = await client.post(f"{API}/courses", json=body, headers=teacher.headers)
    error = assert_error(response, 422, "VALIDATION_ERROR")
    assert [e["field"] for e in error["errors"]] == [field]
    assert await catalog_snapshot() == before


async def test_students_and_anonymous_callers_cannot_create(
    client: Client, make_account: MakeAccount, catalog_snapshot: CatalogSnapshot
) -> None:
    student = await make_account("learner")
    assert_error(await client.post(f"{API}/courses", json={"title": "X"}), 401, "UNAUTHENTICATED")
    response = await client.post(f"{API}/courses", json={"title": "X"}, headers=student.headers)
    assert_error(response, 403, "FORBIDDEN")
    assert await catalog_snapshot() == []


async def test_bulk_creation_returns_every_course(client: Client, teacher: Account) -> None:
    items = [{"title": f"Bulk {n}", "subject": "bulk"} for n in range(3)]
    response = await client.post(
        f"{API}/courses/bulk", json={"items": items}, headers=teacher.headers
    )
    assert response.status_code == 201, response.text
    created = response.json()["items"]
    assert [c["slug"] for c in created] == ["bulk-0", "bulk-1", "bulk-2"]
    listed = await client.get(f"{API}/courses?subject=bulk", headers=teacher.headers)
    assert listed.json()["total"] == 3


async def test_one_bad_bulk_item_fails_the_batch_naming_it(
    client: Client, teacher: Account, catalog_snapshot: CatalogSnapshot
) -> None:
    items: list[dict[str, Any]] = [{"title": f"Bulk {n}"} for n in range(5)]
    items[3] = {"title": "   "}
    response = await client.post(
        f"{API}/courses/bulk", json={"items": items}, headers=teacher.headers
    )
    error = assert_error(response, 422, "VALIDATION_ERROR")
    assert [e["field"] for e in error["errors"]] == ["items[3].title"]
    items[3] = {"title": "Fine", "colour": "red"}
    response = await client.post(
        f"{API}/courses/bulk", json={"items": items}, headers=teacher.headers
    )
    error = assert_error(response, 422, "VALIDATION_ERROR")
    assert [e["field"] for e in error["errors"]] == ["items[3].colour"]
    assert await catalog_snapshot() == []


@pytest.mark.parametrize("size", [0, 101])
async def test_a_bulk_batch_holds_one_to_a_hundred_courses(
    client: Client, teacher: Account, catalog_snapshot: CatalogSnapshot, size: int
) -> None:
    items = [{"title": f"Bulk {n}"} for n in range(size)]
    response = await client.post(
        f"{API}/courses/bulk", json={"items": items}, headers=teacher.headers
    )
    error = assert_error(response, 422, "VALIDATION_ERROR")
    assert [e["field"] for e in error["errors"]] == ["items"]
    assert await catalog_snapshot() == []


async def test_a_bulk_slug_clash_creates_nothing(
    client: Client, teacher: Account, catalog_snapshot: CatalogSnapshot
) -> None:
    await client.post(f"{API}/courses", json={"title": "Taken"}, headers=teacher.headers)
    before = await catalog_snapshot()
    for items in (
        [{"title": "New one"}, {"title": "taken"}],
        [{"title": "Twice"}, {"title": "Other", "slug": "twice"}],
    ):
        response = await client.post(
            f"{API}/courses/bulk", json={"items": items}, headers=teacher.headers
        )
        assert_error(response, 409, "CONFLICT")
    assert await catalog_snapshot() == before


async def test_the_list_depends_on_who_asks(
    client: Client,
    teacher: Account,
    rival: Account,
    admin: Account,
    make_account: MakeAccount,
    make_course: MakeCourse,
) -> None:
    public = await make_course(teacher, sections=0, title="Public")
    draft = await make_course(teacher, sections=0, published=False, title="Draft")
    other_draft = await make_course(rival, sections=0, published=False, title="Rival draft")
    student = await make_account("learner")

    async def ids(headers: dict[str, str]) -> set[str]:
        body = (await client.get(f"{API}/courses", headers=headers)).json()
        assert body["total"] == len(body["items"])
        return {course["id"] for course in body["items"]}

    assert await ids({}) == {public.id}
    assert await ids(student.headers) == {public.id}
    assert await ids(teacher.headers) == {public.id, draft.id}
    assert await ids(rival.headers) == {public.id, other_draft.id}
    assert await ids(admin.headers) == {public.id, draft.id, other_draft.id}


async def test_the_list_filters_and_pages(
    client: Client, teacher: Account, make_course: MakeCourse
) -> None:
    await make_course(teacher, sections=0, title="Python 100% basics", subject="Python")
    await make_course(
        teacher, sections=0, title="SQL", description="Joins", difficulty="advanced", subject="sql"
    )
    await make_course(teacher, sections=0, title="Snake_case style", subject="python")

    async def titles(query: str) -> list[str]:
        response = await client.get(f"{API}/courses?{query}")
        assert response.status_code == 200, response.text
        return sorted(course["title"] for course in response.json()["items"])

    assert await titles("subject=PYTHON") == ["Python 100% basics", "Snake_case style"]
    assert await titles("difficulty=advanced") == ["SQL"]
    assert await titles("q=JOINS") == ["SQL"]
    assert await titles("q=0%25") == ["Python 100% basics"]
    assert await titles("q=e_c") == ["Snake_case style"]
    page = (await client.get(f"{API}/courses?limit=1&offset=1")).json()
    assert (len(page["items"]), page["total"], page["limit"], page["offset"]) == (1, 3, 1, 1)
    assert page["items"][0]["title"] == "SQL"


@pytest.mark.parametrize(
    "query", ["difficulty=expert", "limit=0", "limit=101", "offset=-1", f"q={'x' * 201}"]
)
async def test_bad_list_parameters_are_refused(client: Client, query: str) -> None:
    assert_error(await client.get(f"{API}/courses?{query}"), 422, "VALIDATION_ERROR")


async def test_the_outline_shows_sections_and_lesson_titles_premium_ones_too(
    client: Client, teacher: Account, make_course: MakeCourse
) -> None:
    ids = await make_course(teacher, sections=2, lessons_per_section=2, premium=[(1, 0)])
    outline = (await client.get(f"{API}/courses/{ids.id}")).json()
    assert [s["id"] for s in outline["sections"]] == ids.section_ids
    assert [s["position"] for s in outline["sections"]] == [1, 2]
    second = outline["sections"][1]["lessons"]
    assert second[0] == {
        "id": ids.lessons_by_section[1][0],
        "title": "Lesson 2.1",
        "position": 1,
        "is_premium": True,
        "estimated_minutes": 10,
    }
    assert all("content" not in lesson for lesson in second)


async def test_an_unpublished_course_is_not_found_except_for_its_owner_and_admins(
    client: Client,
    teacher: Account,
    rival: Account,
    admin: Account,
    make_course: MakeCourse,
) -> None:
    ids = await make_course(teacher, published=False)
    for headers in ({}, rival.headers):
        for path in ("", "/lessons", "/sections"):
            response = await client.get(f"{API}/courses/{ids.id}{path}", headers=headers)
            assert_error(response, 404, "NOT_FOUND")
    for headers in (teacher.headers, admin.headers):
        response = await client.get(f"{API}/courses/{ids.id}", headers=headers)
        assert response.status_code == 200


async def test_unknown_courses_are_not_found(
    client: Client, teacher: Account, catalog_snapshot: CatalogSnapshot
) -> None:
    unknown = "01a2004f-3a5e-7c8d-9e0f-0123456789ab"
    requests = [
        ("GET", "", None),
        ("GET", "/lessons", None),
        ("GET", "/sections", None),
        ("PATCH", "", {"title": "X"}),
        ("DELETE", "", None),
        ("POST", "/publish", None),
        ("POST", "/unpublish", None),
        ("POST", "/sections", {"title": "X"}),
    ]
    for method, path, body in requests:
        response = await client.request(
            method, f"{API}/courses/{unknown}{path}", json=body, headers=teacher.headers
        )
        assert_error(response, 404, "NOT_FOUND")
    assert_error(await client.get(f"{API}/courses/not-a-uuid"), 404, "NOT_FOUND")
    assert await catalog_snapshot() == []


async def test_an_update_changes_only_the_given_fields(
    client: Client, teacher: Account, make_course: MakeCourse
) -> None:
    cover = "01a2004f-3a5e-7c8d-9e0f-0123456789ab"
    ids = await make_course(teacher, sections=0, title="Old", cover_file_id=cover)
    url = f"{API}/courses/{ids.id}"
    response = await client.patch(
        url, json={"title": " New title ", "prerequisites": []}, headers=teacher.headers
    )
    assert response.status_code == 200, response.text
    course = response.json()
    assert (course["title"], course["slug"], course["cover_file_id"]) == (
        "New title",
        ids.slug,
        cover,
    )
    assert course["updated_at"] > course["created_at"]
    cleared = await client.patch(url, json={"cover_file_id": None}, headers=teacher.headers)
    assert cleared.json()["cover_file_id"] is None
    renamed = await client.patch(url, json={"slug": "new-slug"}, headers=teacher.headers)
    assert renamed.json()["slug"] == "new-slug"


async def test_bad_or_clashing_updates_change_nothing(
    client: Client,
    teacher: Account,
    rival: Account,
    make_course: MakeCourse,
    catalog_snapshot: CatalogSnapshot,
) -> None:
    ids = await make_course(teacher, sections=0)
    other = await make_course(teacher, sections=0)
    url = f"{API}/courses/{ids.id}"
    before = await catalog_snapshot()
    assert_error(
        await client.patch(url, json={"slug": other.slug}, headers=teacher.headers),
        409,
        "CONFLICT",
    )
    for body in ({"title": None}, {"title": ""}, {"difficulty": "x"}, {"owner": "me"}):
        response = await client.patch(url, json=body, headers=teacher.headers)
        assert_error(response, 422, "VALIDATION_ERROR")
    response = await client.patch(url, json={"title": "Mine now"}, headers=rival.headers)
    assert_error(response, 403, "FORBIDDEN")
    assert_error(await client.patch(url, json={"title": "X"}), 401, "UNAUTHENTICATED")
    assert await catalog_snapshot() == before


async def test_publishing_and_unpublishing_answer_the_course(
    client: Client, teacher: Account, make_course: MakeCourse
) -> None:
    ids = await make_course(teacher, sections=0, published=False)
    published = await client.post(f"{API}/courses/{ids.id}/publish", headers=teacher.headers)
    assert published.status_code == 200
    assert published.json()["is_published"] is True
    assert (await client.get(f"{API}/courses/{ids.id}")).status_code == 200
    again = await client.post(f"{API}/courses/{ids.id}/publish", headers=teacher.headers)
    assert again.json() == published.json()
    hidden = await client.post(f"{API}/courses/{ids.id}/unpublish", headers=teacher.headers)
    assert hidden.json()["is_published"] is False
    assert_error(await client.get(f"{API}/courses/{ids.id}"), 404, "NOT_FOUND")


async def test_deleting_a_course_removes_its_sections_and_lessons(
    client: Client,
    teacher: Account,
    rival: Account,
    make_course: MakeCourse,
    catalog_snapshot: CatalogSnapshot,
) -> None:
    ids = await make_course(teacher)
    kept = await make_course(teacher, sections=1, lessons_per_section=1)
    before = await catalog_snapshot()
    denied = await client.delete(f"{API}/courses/{ids.id}", headers=rival.headers)
    assert_error(denied, 403, "FORBIDDEN")
    assert await catalog_snapshot() == before
    response = await client.delete(f"{API}/courses/{ids.id}", headers=teacher.headers)
    assert response.status_code == 204
    assert response.content == b""
    assert_error(await client.get(f"{API}/courses/{ids.id}"), 404, "NOT_FOUND")
    assert_error(await client.get(f"{API}/sections/{ids.section_ids[0]}"), 404, "NOT_FOUND")
    assert_error(await client.get(f"{API}/lessons/{ids.lesson_ids[0]}"), 404, "NOT_FOUND")
    assert (await client.get(f"{API}/lessons/{kept.lesson_ids[0]}")).status_code == 200


async def test_course_lessons_come_in_reading_order_without_content(
    client: Client, teacher: Account, make_course: MakeCourse
) -> None:
    ids = await make_course(teacher, sections=3, lessons_per_section=2)
    body = (await client.get(f"{API}/courses/{ids.id}/lessons")).json()
    assert [lesson["id"] for lesson in body["items"]] == ids.lesson_ids
    assert body["total"] == 6
    assert set(body["items"][0]) == {
        "id",
        "section_id",
        "course_id",
        "title",
        "position",
        "estimated_minutes",
        "is_premium",
    }
    page = (await client.get(f"{API}/courses/{ids.id}/lessons?limit=2&offset=3")).json()
    assert [lesson["id"] for lesson in page["items"]] == ids.lesson_ids[3:5]
