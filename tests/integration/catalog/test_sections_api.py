"""/courses/{id}/sections and /sections over HTTP: dense positions, moves, errors.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from typing import Any

import pytest

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.catalog.conftest import API, CatalogSnapshot, CourseIds, MakeCourse

UNKNOWN = "01a2004f-3a5e-7c8d-9e0f-0123456789ab"


@pytest.fixture
async def teacher(make_account: MakeAccount) -> Account:
    return await make_account("teacher", role="instructor")


async def section_titles(client: Client, course: CourseIds) -> list[str]:
    """Section titles in order; positions must be 1..n."""
    body = (
        await client.get(f"{API}/courses/{course.id}/sections", headers=course.owner.headers)
    ).json()
    assert [s["position"] for s in body["items"]] == list(range(1, body["total"] + 1))
    return [section["title"] for section in body["items"]]


async def test_sections_are_appended_or_inserted(
    client: Client, teacher: Account, make_course: MakeCourse
) -> None:
    ids = await make_course(teacher, sections=2, lessons_per_section=0)
    url = f"{API}/courses/{ids.id}/sections"
    appended = await client.post(url, json={"title": " Last "}, headers=teacher.headers)
    assert appended.status_code == 201, appended.text
    assert {k: appended.json()[k] for k in ("course_id", "title", "position")} == {
        "course_id": ids.id,
        "title": "Last",
        "position": 3,
    }
    first = await client.post(url, json={"title": "First", "position": 1}, headers=teacher.headers)
    assert first.json()["position"] == 1
    assert await section_titles(client, ids) == ["First", "Section 1", "Section 2", "Last"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "X", "position": 4}, "position"),
        ({"title": "X", "position": 0}, "position"),
        ({"title": " "}, "title"),
        ({"title": "X", "colour": "red"}, "colour"),
        ({}, "title"),
    ],
)
async def test_bad_new_sections_change_nothing(
    client: Client,
    teacher: Account,
    make_course: MakeCourse,
    catalog_snapshot: CatalogSnapshot,
    body: dict[str, Any],
    field: str,
) -> None:
    ids = await make_course(teacher, sections=2, lessons_per_section=0)
    before = await catalog_snapshot()
    response = await client.post(
        f"{API}/courses/{ids.id}/sections", json=body, headers=teacher.headers
    )
    error = assert_error(response, 422, "VALIDATION_ERROR")
    assert [e["field"] for e in error["errors"]] == [field]
    assert await catalog_snapshot() == before


async def test_a_section_is_read_renamed_and_listed(
    client: Client, teacher: Account, make_course: MakeCourse
) -> None:
    ids = await make_course(teacher, sections=3, lessons_per_section=0)
    section_id = ids.section_ids[1]
    section = (await client.get(f"{API}/sections/{section_id}")).json()
    assert (section["title"], section["position"]) == ("Section 2", 2)
    renamed = await client.patch(
        f"{API}/sections/{section_id}", json={"title": "Middle"}, headers=teacher.headers
    )
    assert renamed.status_code == 200
    assert (renamed.json()["title"], renamed.json()["position"]) == ("Middle", 2)
    page = (await client.get(f"{API}/courses/{ids.id}/sections?limit=1&offset=1")).json()
    assert ([s["title"] for s in page["items"]], page["total"]) == (["Middle"], 3)


async def test_moving_a_section_renumbers_its_siblings(
    client: Client, teacher: Account, make_course: MakeCourse
) -> None:
    ids = await make_course(teacher, sections=4, lessons_per_section=1)
    response = await client.post(
        f"{API}/sections/{ids.section_ids[0]}/move", json={"position": 3}, headers=teacher.headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["position"] == 3
    assert await section_titles(client, ids) == ["Section 2", "Section 3", "Section 1", "Section 4"]
    outline = (await client.get(f"{API}/courses/{ids.id}")).json()
    assert outline["sections"][2]["lessons"][0]["id"] == ids.lessons_by_section[0][0]


async def test_a_move_to_the_same_place_is_a_no_op(
    client: Client, teacher: Account, make_course: MakeCourse, catalog_snapshot: CatalogSnapshot
) -> None:
    ids = await make_course(teacher, sections=2, lessons_per_section=0)
    before = await catalog_snapshot()
    response = await client.post(
        f"{API}/sections/{ids.section_ids[1]}/move", json={"position": 2}, headers=teacher.headers
    )
    assert response.status_code == 200
    assert response.json()["position"] == 2
    assert await catalog_snapshot() == before


@pytest.mark.parametrize(
    "body", [{"position": 3}, {"position": 0}, {"position": "first"}, {}, {"position": 1, "x": 1}]
)
async def test_bad_moves_change_nothing(
    client: Client,
    teacher: Account,
    make_course: MakeCourse,
    catalog_snapshot: CatalogSnapshot,
    body: dict[str, Any],
) -> None:
    ids = await make_course(teacher, sections=2, lessons_per_section=0)
    before = await catalog_snapshot()
    response = await client.post(
        f"{API}/sections/{ids.section_ids[0]}/move", json=body, headers=teacher.headers
    )
    assert_error(response, 422, "VALIDATION_ERROR")
    assert await catalog_snapshot() == before


async def test_deleting_a_section_closes_the_gap_and_takes_its_lessons(
    client: Client, teacher: Account, make_course: MakeCourse
) -> None:
    ids = await make_course(teacher, sections=3, lessons_per_section=1)
    response = await client.delete(f"{API}/sections/{ids.section_ids[0]}", headers=teacher.headers)
    assert response.status_code == 204
    assert await section_titles(client, ids) == ["Section 2", "Section 3"]
    assert_error(await client.get(f"{API}/lessons/{ids.lesson_ids[0]}"), 404, "NOT_FOUND")


async def test_section_lessons_are_listed_in_order_without_content(
    client: Client, teacher: Account, make_course: MakeCourse
) -> None:
    ids = await make_course(teacher, sections=2, lessons_per_section=3)
    body = (await client.get(f"{API}/sections/{ids.section_ids[1]}/lessons")).json()
    assert [x["id"] for x in body["items"]] == ids.lessons_by_section[1]
    assert body["total"] == 3
    assert "content" not in body["items"][0]


async def test_unknown_or_hidden_sections_are_not_found(
    client: Client,
    teacher: Account,
    make_account: MakeAccount,
    make_course: MakeCourse,
    catalog_snapshot: CatalogSnapshot,
) -> None:
    draft = await make_course(teacher, sections=1, lessons_per_section=0, published=False)
    student = await make_account("learner")
    for section_id in (UNKNOWN, draft.section_ids[0]):
        for path in ("", "/lessons"):
            response = await client.get(
                f"{API}/sections/{section_id}{path}", headers=student.headers
            )
            assert_error(response, 404, "NOT_FOUND")
    before = await catalog_snapshot()
    for method, path, body in [
        ("PATCH", "", {"title": "X"}),
        ("DELETE", "", None),
        ("POST", "/move", {"position": 1}),
        ("POST", "/lessons", {"title": "X"}),
    ]:
        response = await client.request(
            method, f"{API}/sections/{UNKNOWN}{path}", json=body, headers=teacher.headers
        )
        assert_error(response, 404, "NOT_FOUND")
    assert await catalog_snapshot() == before


async def test_another_instructor_may_not_change_sections(
    client: Client,
    teacher: Account,
    make_account: MakeAccount,
    make_course: MakeCourse,
    catalog_snapshot: CatalogSnapshot,
) -> None:
    rival = await make_account("rival", role="instructor")
    ids = await make_course(teacher, sections=2, lessons_per_section=0, published=False)
    before = await catalog_snapshot()
    section = f"{API}/sections/{ids.section_ids[0]}"
    for method, url, body in [
        ("POST", f"{API}/courses/{ids.id}/sections", {"title": "X"}),
        ("PATCH", section, {"title": "X"}),
        ("POST", f"{section}/move", {"position": 2}),
        ("DELETE", section, None),
        ("POST", f"{section}/lessons", {"title": "X"}),
    ]:
        response = await client.request(method, url, json=body, headers=rival.headers)
        assert_error(response, 403, "FORBIDDEN")
    assert await catalog_snapshot() == before
