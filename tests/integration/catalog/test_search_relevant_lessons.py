"""``CatalogFacade.relevant_lessons``: what a tutor of a course is given for a question."""

from uuid import UUID

import pytest
from litestar import Litestar

from tests.integration.accounts import Client, MakeAccount, in_app_loop
from tests.integration.catalog.conftest import MakeCourse
from tests.integration.catalog.test_search_api import write_lesson
from tutor_platform.catalog.api import CatalogFacade, LessonPassage

pytestmark = pytest.mark.both_databases


def relevant(
    client: Client, app: Litestar, course_id: str, question: str, limit: int = 3
) -> list[LessonPassage]:
    facade: CatalogFacade = app.state.container.catalog.facade()
    return in_app_loop(client, lambda: facade.relevant_lessons(UUID(course_id), question, limit))


async def test_a_question_finds_lessons_by_any_of_its_words_with_their_whole_text(
    client: Client, app: Litestar, make_account: MakeAccount, make_course: MakeCourse
) -> None:
    teacher = await make_account("teacher", role="instructor")
    course = await make_course(teacher, sections=2, lessons_per_section=2, published=False)
    intro, lists, loops, files = course.lesson_ids
    long_text = "A list keeps items in order. " * 500
    await write_lesson(client, teacher, intro, "Welcome", "What this course covers.")
    await write_lesson(client, teacher, lists, "Lists", long_text)
    await write_lesson(client, teacher, loops, "Loops", "Repeat steps for each item of a list.")
    await write_lesson(client, teacher, files, "Files", "Reading and writing files.")
    elsewhere = await make_course(teacher, sections=1, lessons_per_section=1)
    await write_lesson(client, teacher, elsewhere.lesson_ids[0], "Lists too", "Lists, lists.")

    passages = relevant(client, app, course.id, "how do python lists work?")

    assert [passage.title for passage in passages] == ["Lists", "Loops"]
    assert passages[0] == LessonPassage(UUID(lists), "Lists", long_text)
    assert [p.title for p in relevant(client, app, course.id, "lists", limit=1)] == ["Lists"]


async def test_without_a_matching_lesson_the_first_lessons_are_given(
    client: Client, app: Litestar, make_account: MakeAccount, make_course: MakeCourse
) -> None:
    teacher = await make_account("teacher", role="instructor")
    course = await make_course(teacher, sections=2, lessons_per_section=2)

    passages = relevant(client, app, course.id, "submarines?", limit=3)

    assert [passage.lesson_id for passage in passages] == [UUID(i) for i in course.lesson_ids[:3]]
    assert passages[0].text == "Content of lesson 1.1."
