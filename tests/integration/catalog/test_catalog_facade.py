"""``CatalogFacade``: what other contexts read from and do to the catalog.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from uuid import UUID

import pytest
from litestar import Litestar

from tests.integration.accounts import Client, MakeAccount, in_app_loop
from tests.integration.catalog.conftest import API, MakeCourse
from tutor_platform.catalog.api import CatalogFacade, LessonInfo
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import Forbidden, NotFound, ValidationFailed

UNKNOWN = UUID("01a2004f-3a5e-7c8d-9e0f-0123456789ab")


@pytest.fixture
def facade(app: Litestar) -> CatalogFacade:
    learning_facade: CatalogFacade = app.state.container.catalog.facade()
    return learning_facade


def principal(account_id: str, role: str = "instructor") -> Principal:
    return Principal(user_id=UUID(account_id), role=role, plan="free")


async def test_the_facade_reads_courses_outlines_and_lessons(
    client: Client, facade: CatalogFacade, make_account: MakeAccount, make_course: MakeCourse
) -> None:
    teacher = await make_account("teacher", role="instructor")
    ids = await make_course(
        teacher, sections=2, lessons_per_section=2, published=False, premium=[(1, 1)]
    )
    course_id = UUID(ids.id)
    course = in_app_loop(client, lambda: facade.get_course(course_id))
    assert course is not None
    assert (course.id, course.slug, course.instructor_id) == (course_id, ids.slug, UUID(teacher.id))
    assert (course.is_published, course.prerequisites) == (False, ())
    outline = in_app_loop(client, lambda: facade.course_outline(course_id))
    assert outline is not None
    assert [str(s.id) for s in outline.sections] == ids.section_ids
    last = outline.sections[1].lessons[1]
    assert (str(last.id), last.title, last.position, last.is_premium) == (
        ids.lesson_ids[3],
        "Lesson 2.2",
        2,
        True,
    )
    lessons = in_app_loop(client, lambda: facade.ordered_lessons(course_id))
    assert [str(x.id) for x in lessons] == ids.lesson_ids
    assert lessons[0] == LessonInfo(
        id=UUID(ids.lesson_ids[0]),
        course_id=course_id,
        section_id=UUID(ids.section_ids[0]),
        title="Lesson 1.1",
        content="Content of lesson 1.1.",
        position=1,
        is_premium=False,
        estimated_minutes=10,
    )
    assert in_app_loop(client, lambda: facade.get_lesson(lessons[0].id)) == lessons[0]
    assert in_app_loop(client, lambda: facade.get_course(UNKNOWN)) is None
    assert in_app_loop(client, lambda: facade.course_outline(UNKNOWN)) is None
    assert in_app_loop(client, lambda: facade.get_lesson(UNKNOWN)) is None
    assert in_app_loop(client, lambda: facade.ordered_lessons(UNKNOWN)) == []


async def test_the_facade_tells_who_may_see_and_edit_a_course(
    client: Client, facade: CatalogFacade, make_account: MakeAccount, make_course: MakeCourse
) -> None:
    teacher = await make_account("teacher", role="instructor")
    rival = await make_account("rival", role="instructor")
    ids = await make_course(teacher, sections=0, published=False)
    course_id, owner, other = UUID(ids.id), principal(teacher.id), principal(rival.id)
    admin = principal(rival.id, role="admin")
    assert in_app_loop(client, lambda: facade.can_edit_course(owner, course_id))
    assert in_app_loop(client, lambda: facade.can_edit_course(admin, course_id))
    assert not in_app_loop(client, lambda: facade.can_edit_course(other, course_id))
    assert not in_app_loop(client, lambda: facade.can_edit_course(owner, UNKNOWN))
    assert in_app_loop(client, lambda: facade.can_view_course(owner, course_id))
    assert not in_app_loop(client, lambda: facade.can_view_course(None, course_id))
    await client.post(f"{API}/courses/{ids.id}/publish", headers=teacher.headers)
    assert in_app_loop(client, lambda: facade.can_view_course(None, course_id))


async def test_replacing_lesson_content_follows_the_edit_rules(
    client: Client, facade: CatalogFacade, make_account: MakeAccount, make_course: MakeCourse
) -> None:
    teacher = await make_account("teacher", role="instructor")
    rival = await make_account("rival", role="instructor")
    ids = await make_course(teacher, sections=1, lessons_per_section=1)
    lesson_id = UUID(ids.lesson_ids[0])
    updated = in_app_loop(
        client, lambda: facade.replace_lesson_content(principal(teacher.id), lesson_id, "# New")
    )
    assert (updated.id, updated.content) == (lesson_id, "# New")
    assert (await client.get(f"{API}/lessons/{lesson_id}")).json()["content"] == "# New"
    with pytest.raises(Forbidden):
        in_app_loop(
            client, lambda: facade.replace_lesson_content(principal(rival.id), lesson_id, "x")
        )
    with pytest.raises(NotFound):
        in_app_loop(
            client, lambda: facade.replace_lesson_content(principal(teacher.id), UNKNOWN, "x")
        )
    with pytest.raises(ValidationFailed):
        in_app_loop(
            client,
            lambda: facade.replace_lesson_content(principal(teacher.id), lesson_id, "x" * 200_001),
        )
    assert (await client.get(f"{API}/lessons/{lesson_id}")).json()["content"] == "# New"
