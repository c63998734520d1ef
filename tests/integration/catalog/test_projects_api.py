"""/projects over HTTP: create, read, list, change and delete portfolio projects; bad input is
in ``test_projects_bad_input.py``.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

import pytest

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.catalog.conftest import API, MakeCourse
from tests.integration.catalog.projects_support import (
    UNKNOWN,
    create_project,
    listed,
    read_project,
    titles,
)

PROJECT_KEYS = {
    "id",
    "course_id",
    "title",
    "summary",
    "tech_stack",
    "content",
    "thumbnail_file_id",
    "is_published",
    "created_by",
    "created_at",
    "updated_at",
}


@pytest.fixture
async def teacher(make_account: MakeAccount) -> Account:
    return await make_account("teacher", role="instructor")


@pytest.fixture
async def author(make_account: MakeAccount) -> Account:
    return await make_account("author", role="instructor")


async def test_a_project_is_created_with_every_field(
    client: Client, teacher: Account, author: Account, make_course: MakeCourse
) -> None:
    course = await make_course(teacher, sections=0)
    thumbnail = "0190f0f0-1111-7000-8000-000000000000"

    project = await create_project(
        client,
        author,
        title="  Chat bot  ",
        course_id=course.id,
        summary="A bot that answers questions.",
        tech_stack=[" Python ", "Litestar"],
        content="# Chat bot\n\nBuilt with **care**.",
        thumbnail_file_id=thumbnail,
        is_published=True,
    )

    assert project.keys() == PROJECT_KEYS
    assert project["title"] == "Chat bot"
    assert project["tech_stack"] == ["Python", "Litestar"]
    assert (project["course_id"], project["thumbnail_file_id"]) == (course.id, thumbnail)
    assert (project["is_published"], project["created_by"]) == (True, author.id)
    assert project["content"] == "# Chat bot\n\nBuilt with **care**."
    assert project["created_at"].endswith("Z")
    assert await read_project(client, project["id"], author) == project


async def test_a_new_project_is_unpublished_and_unattached_by_default(
    client: Client, author: Account
) -> None:
    project = await create_project(client, author, title="Sketch")

    assert (project["is_published"], project["course_id"]) == (False, None)
    assert (project["summary"], project["tech_stack"], project["content"]) == ("", [], "")
    assert project["thumbnail_file_id"] is None


async def test_the_list_shows_what_each_caller_may_see(
    client: Client,
    teacher: Account,
    author: Account,
    admin: Account,
    make_account: MakeAccount,
    make_course: MakeCourse,
) -> None:
    course = await make_course(teacher, sections=0)
    await create_project(client, author, title="Public", is_published=True)
    await create_project(client, author, title="Author draft")
    await create_project(client, author, title="Course draft", course_id=course.id)
    await create_project(client, teacher, title="Teacher draft")
    rival = await make_account("rival", role="instructor")
    student = await make_account("student")

    assert titles(await listed(client)) == ["Public"]
    assert titles(await listed(client, student)) == ["Public"]
    assert titles(await listed(client, rival)) == ["Public"]
    assert titles(await listed(client, author)) == ["Course draft", "Author draft", "Public"]
    assert titles(await listed(client, teacher)) == ["Teacher draft", "Course draft", "Public"]
    everything = await listed(client, admin)
    assert titles(everything) == ["Teacher draft", "Course draft", "Author draft", "Public"]
    assert everything["total"] == 4
    assert "content" not in everything["items"][0]
    assert everything["items"][0].keys() == PROJECT_KEYS - {"content"}


async def test_the_list_filters_by_course_and_pages(
    client: Client, teacher: Account, author: Account, make_course: MakeCourse
) -> None:
    course = await make_course(teacher, sections=0)
    other = await make_course(teacher, sections=0)
    for n in range(5):
        await create_project(
            client, author, title=f"Attached {n}", course_id=course.id, is_published=True
        )
    await create_project(client, author, title="Elsewhere", course_id=other.id, is_published=True)

    first = await listed(client, course_id=course.id, limit=2)
    rest = await listed(client, course_id=course.id, limit=2, offset=2)

    assert (first["total"], first["limit"], first["offset"]) == (5, 2, 0)
    assert titles(first) == ["Attached 4", "Attached 3"]
    assert titles(rest) == ["Attached 2", "Attached 1"]
    assert (await listed(client))["total"] == 6
    assert (await listed(client, course_id=UNKNOWN))["items"] == []


async def test_a_patch_changes_only_the_given_fields(
    client: Client, teacher: Account, author: Account, make_course: MakeCourse
) -> None:
    course = await make_course(teacher, sections=0)
    project = await create_project(
        client,
        author,
        course_id=course.id,
        summary="Old summary",
        tech_stack=["Go"],
        thumbnail_file_id=UNKNOWN,
    )

    response = await client.patch(
        f"{API}/projects/{project['id']}",
        json={"title": " New title ", "tech_stack": ["Rust", " Zig "], "is_published": True},
        headers=author.headers,
    )

    assert response.status_code == 200, response.text
    changed = response.json()
    assert (changed["title"], changed["tech_stack"]) == ("New title", ["Rust", "Zig"])
    assert (changed["summary"], changed["course_id"]) == ("Old summary", course.id)
    assert (changed["thumbnail_file_id"], changed["is_published"]) == (UNKNOWN, True)
    assert changed["updated_at"] >= project["updated_at"]
    assert await read_project(client, project["id"], author) == changed

    response = await client.patch(
        f"{API}/projects/{project['id']}",
        json={"course_id": None, "thumbnail_file_id": None},
        headers=author.headers,
    )

    assert response.status_code == 200, response.text
    assert (response.json()["course_id"], response.json()["thumbnail_file_id"]) == (None, None)
    assert response.json()["title"] == "New title"


async def test_a_project_moves_to_another_visible_course(
    client: Client, teacher: Account, author: Account, make_course: MakeCourse
) -> None:
    project = await create_project(client, author)
    course = await make_course(teacher, sections=0)

    response = await client.patch(
        f"{API}/projects/{project['id']}", json={"course_id": course.id}, headers=author.headers
    )

    assert response.status_code == 200, response.text
    assert response.json()["course_id"] == course.id


async def test_a_deleted_project_is_gone(client: Client, author: Account) -> None:
    project = await create_project(client, author, is_published=True)

    response = await client.delete(f"{API}/projects/{project['id']}", headers=author.headers)

    assert response.status_code == 204
    assert response.content == b""
    assert_error(await client.get(f"{API}/projects/{project['id']}"), 404, "NOT_FOUND")
    assert (await listed(client))["total"] == 0


async def test_deleting_the_course_keeps_the_project_unattached(
    client: Client, teacher: Account, author: Account, make_course: MakeCourse
) -> None:
    course = await make_course(teacher, sections=0)
    project = await create_project(client, author, course_id=course.id, is_published=True)

    response = await client.delete(f"{API}/courses/{course.id}", headers=teacher.headers)

    assert response.status_code == 204, response.text
    assert (await read_project(client, project["id"], author))["course_id"] is None


async def test_the_course_instructor_may_change_a_project_of_their_course(
    client: Client, teacher: Account, author: Account, make_course: MakeCourse
) -> None:
    course = await make_course(teacher, sections=0)
    project = await create_project(client, author, course_id=course.id)

    response = await client.patch(
        f"{API}/projects/{project['id']}", json={"summary": "Reviewed"}, headers=teacher.headers
    )

    assert response.status_code == 200, response.text
    assert (await read_project(client, project["id"], teacher))["summary"] == "Reviewed"


async def test_a_course_the_caller_cannot_see_cannot_be_attached(
    client: Client, teacher: Account, author: Account, admin: Account, make_course: MakeCourse
) -> None:
    hidden = await make_course(teacher, sections=0, published=False)
    project = await create_project(client, author)

    created = await client.post(
        f"{API}/projects", json={"title": "X", "course_id": hidden.id}, headers=author.headers
    )
    moved = await client.patch(
        f"{API}/projects/{project['id']}", json={"course_id": hidden.id}, headers=author.headers
    )

    for response in (created, moved):
        body = assert_error(response, 422, "VALIDATION_ERROR")
        assert [error["field"] for error in body["errors"]] == ["course_id"]
    assert (await read_project(client, project["id"], author))["course_id"] is None
    assert (await listed(client, admin))["total"] == 1
    own = await create_project(client, teacher, course_id=hidden.id)
    assert own["course_id"] == hidden.id


async def test_several_bad_fields_are_reported_together(client: Client, author: Account) -> None:
    response = await client.post(
        f"{API}/projects",
        json={"title": "  ", "tech_stack": ["Go", " "]},
        headers=author.headers,
    )

    body = assert_error(response, 422, "VALIDATION_ERROR")
    assert {error["field"] for error in body["errors"]} == {"title", "tech_stack"}
