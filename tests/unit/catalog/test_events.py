"""Catalog writes publish ``CourseChanged`` through their unit of work: once committed, with
the lessons they touched; a write that fails before its commit publishes nothing."""

import pytest

from tests.unit.catalog.fakes import make_catalog, principal
from tutor_platform.catalog.application.create_lesson import NewLesson
from tutor_platform.catalog.application.update_lesson import LessonChanges
from tutor_platform.shared.errors import ValidationFailed


async def test_lesson_writes_name_their_lessons_for_re_indexing() -> None:
    catalog, teacher = make_catalog(), principal()
    course = await catalog.course(teacher, sections=1)
    section = catalog.sections_of(course.id)[0]
    catalog.changes.lesson_ids.clear()
    lesson = await catalog.container.create_lesson().execute(teacher, section.id, NewLesson("A"))
    changes = LessonChanges(content="Changed")
    await catalog.container.update_lesson().execute(teacher, lesson.id, changes)
    await catalog.container.delete_lesson().execute(teacher, lesson.id)
    assert catalog.changes.lesson_ids == [lesson.id] * 3


async def test_a_write_that_fails_before_its_commit_publishes_nothing() -> None:
    catalog, teacher = make_catalog(), principal()
    course = await catalog.course(teacher, sections=1, lessons=1)
    lesson = catalog.lessons_of(catalog.sections_of(course.id)[0].id)[0]
    notices, commits = list(catalog.changes.course_ids), catalog.store.commits
    with pytest.raises(ValidationFailed):
        await catalog.container.move_lesson().execute(teacher, lesson.id, 5)
    with pytest.raises(ValidationFailed):
        await catalog.container.move_section().execute(teacher, lesson.section_id, 9)
    assert (catalog.changes.course_ids, catalog.store.commits) == (notices, commits)
