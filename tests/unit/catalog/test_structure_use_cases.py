"""Sections and lessons over in-memory adapters: dense positions, moves, reads, premium."""

import pytest

from tests.unit.catalog.fakes import make_catalog, principal
from tutor_platform.catalog.application.create_lesson import NewLesson
from tutor_platform.catalog.application.get_adjacent_lesson import NEXT, PREVIOUS
from tutor_platform.catalog.application.update_lesson import LessonChanges
from tutor_platform.catalog.domain.errors import (
    LessonNotFound,
    NoAdjacentLesson,
    NotCourseEditor,
    SectionNotFound,
)
from tutor_platform.shared.errors import PremiumRequired, ValidationFailed
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.pagination import PageRequest


def fields(failure: pytest.ExceptionInfo[ValidationFailed]) -> list[str]:
    return [error.field for error in failure.value.errors]


async def test_sections_append_or_insert_and_shift_the_rest() -> None:
    catalog, teacher = make_catalog(), principal()
    course = await catalog.course(teacher, sections=2)
    create = catalog.container.create_section()
    inserted = await create.execute(teacher, course.id, "First", position=1)
    await create.execute(teacher, course.id, "Last")
    titles = [s.title for s in catalog.sections_of(course.id)]
    assert titles == ["First", "Section 1", "Section 2", "Last"]
    assert inserted.position == 1
    catalog.titles(course.id)


@pytest.mark.parametrize("position", [0, 4])
async def test_a_section_position_beyond_the_end_is_refused(position: int) -> None:
    catalog, teacher = make_catalog(), principal()
    course = await catalog.course(teacher, sections=2)
    with pytest.raises(ValidationFailed) as failure:
        await catalog.container.create_section().execute(teacher, course.id, "X", position)
    assert fields(failure) == ["position"]
    assert len(catalog.sections_of(course.id)) == 2


async def test_moving_a_section_renumbers_its_siblings() -> None:
    catalog, teacher = make_catalog(), principal()
    course = await catalog.course(teacher, sections=4)
    first = catalog.sections_of(course.id)[0]
    moved = await catalog.container.move_section().execute(teacher, first.id, 3)
    assert moved.position == 3
    titles = [s.title for s in catalog.sections_of(course.id)]
    assert titles == ["Section 2", "Section 3", "Section 1", "Section 4"]
    catalog.titles(course.id)


async def test_a_move_to_the_same_place_or_out_of_range_changes_nothing() -> None:
    catalog, teacher = make_catalog(), principal()
    course = await catalog.course(teacher, sections=3)
    second = catalog.sections_of(course.id)[1]
    commits = catalog.store.commits
    same = await catalog.container.move_section().execute(teacher, second.id, 2)
    assert same == second
    with pytest.raises(ValidationFailed) as failure:
        await catalog.container.move_section().execute(teacher, second.id, 4)
    assert fields(failure) == ["position"]
    assert catalog.store.commits == commits
    assert catalog.sections_of(course.id)[1] == second


async def test_deleting_a_section_takes_its_lessons_and_closes_the_gap() -> None:
    catalog, teacher = make_catalog(), principal()
    course = await catalog.course(teacher, sections=3, lessons=2)
    middle = catalog.sections_of(course.id)[1]
    await catalog.container.delete_section().execute(teacher, middle.id)
    assert catalog.titles(course.id) == [["Lesson 1.1", "Lesson 1.2"], ["Lesson 3.1", "Lesson 3.2"]]
    assert all(lesson.section_id != middle.id for lesson in catalog.store.lessons.values())


async def test_lessons_insert_and_delete_keep_positions_dense() -> None:
    catalog, teacher = make_catalog(), principal()
    course = await catalog.course(teacher, sections=1, lessons=3)
    section = catalog.sections_of(course.id)[0]
    lesson = await catalog.container.create_lesson().execute(
        teacher, section.id, NewLesson(title="Intro", position=1, is_premium=True)
    )
    assert catalog.titles(course.id) == [["Intro", "Lesson 1.1", "Lesson 1.2", "Lesson 1.3"]]
    assert lesson.course_id == course.id
    second = catalog.lessons_of(section.id)[1]
    await catalog.container.delete_lesson().execute(teacher, second.id)
    assert catalog.titles(course.id) == [["Intro", "Lesson 1.2", "Lesson 1.3"]]


async def test_lesson_fields_are_validated_before_anything_is_stored() -> None:
    catalog, teacher = make_catalog(), principal()
    course = await catalog.course(teacher, sections=1)
    section = catalog.sections_of(course.id)[0]
    bad = NewLesson(title=" ", content="x" * 200_001, estimated_minutes=1441, position=2)
    with pytest.raises(ValidationFailed) as failure:
        await catalog.container.create_lesson().execute(teacher, section.id, bad)
    assert fields(failure) == ["title", "content", "estimated_minutes"]
    with pytest.raises(ValidationFailed) as failure:
        await catalog.container.create_lesson().execute(
            teacher, section.id, NewLesson(title="Fine", position=2)
        )
    assert fields(failure) == ["position"]
    assert catalog.store.lessons == {}


async def test_a_lesson_moves_into_another_section_of_its_course() -> None:
    catalog, teacher = make_catalog(), principal()
    course = await catalog.course(teacher, sections=2, lessons=3)
    first, second = catalog.sections_of(course.id)
    lesson = catalog.lessons_of(first.id)[0]
    moved = await catalog.container.move_lesson().execute(teacher, lesson.id, 4, second.id)
    assert (moved.section_id, moved.position) == (second.id, 4)
    assert catalog.titles(course.id) == [
        ["Lesson 1.2", "Lesson 1.3"],
        ["Lesson 2.1", "Lesson 2.2", "Lesson 2.3", "Lesson 1.1"],
    ]


async def test_a_lesson_moves_within_its_section() -> None:
    catalog, teacher = make_catalog(), principal()
    course = await catalog.course(teacher, sections=1, lessons=3)
    lesson = catalog.lessons_of(catalog.sections_of(course.id)[0].id)[2]
    await catalog.container.move_lesson().execute(teacher, lesson.id, 1)
    assert catalog.titles(course.id) == [["Lesson 1.3", "Lesson 1.1", "Lesson 1.2"]]


async def test_a_lesson_cannot_move_to_another_course_or_out_of_range() -> None:
    catalog, teacher = make_catalog(), principal()
    course = await catalog.course(teacher, sections=2, lessons=2)
    other = await catalog.course(teacher, sections=1)
    first, second = catalog.sections_of(course.id)
    lesson = catalog.lessons_of(first.id)[0]
    move = catalog.container.move_lesson()
    foreign = catalog.sections_of(other.id)[0]
    for section_id in (foreign.id, new_id()):
        with pytest.raises(ValidationFailed) as failure:
            await move.execute(teacher, lesson.id, 1, section_id)
        assert fields(failure) == ["section_id"]
    with pytest.raises(ValidationFailed) as failure:
        await move.execute(teacher, lesson.id, 4, second.id)
    assert fields(failure) == ["position"]
    with pytest.raises(ValidationFailed):
        await move.execute(teacher, lesson.id, 3)
    assert catalog.titles(course.id) == [["Lesson 1.1", "Lesson 1.2"], ["Lesson 2.1", "Lesson 2.2"]]


async def test_structure_changes_need_the_course_editor() -> None:
    catalog, teacher, rival = make_catalog(), principal(), principal()
    course = await catalog.course(teacher, sections=1, lessons=1)
    section = catalog.sections_of(course.id)[0]
    lesson = catalog.lessons_of(section.id)[0]
    attempts = [
        catalog.container.create_section().execute(rival, course.id, "X"),
        catalog.container.update_section().execute(rival, section.id, "X"),
        catalog.container.move_section().execute(rival, section.id, 1),
        catalog.container.delete_section().execute(rival, section.id),
        catalog.container.create_lesson().execute(rival, section.id, NewLesson(title="X")),
        catalog.container.update_lesson().execute(rival, lesson.id, LessonChanges(title="X")),
        catalog.container.move_lesson().execute(rival, lesson.id, 1),
        catalog.container.delete_lesson().execute(rival, lesson.id),
    ]
    for attempt in attempts:
        with pytest.raises(NotCourseEditor):
            await attempt
    assert catalog.titles(course.id) == [["Lesson 1.1"]]


async def test_unknown_sections_and_lessons_are_not_found() -> None:
    catalog, teacher = make_catalog(), principal()
    with pytest.raises(SectionNotFound):
        await catalog.container.update_section().execute(teacher, new_id(), "X")
    with pytest.raises(LessonNotFound):
        await catalog.container.move_lesson().execute(teacher, new_id(), 1)
    with pytest.raises(LessonNotFound):
        await catalog.container.get_lesson().execute(teacher, new_id())


async def test_premium_lessons_are_read_by_premium_users_and_editors_only() -> None:
    catalog, teacher = make_catalog(), principal()
    course = await catalog.course(teacher, sections=1)
    await catalog.container.publish_course().execute(teacher, course.id, published=True)
    section = catalog.sections_of(course.id)[0]
    lesson = await catalog.container.create_lesson().execute(
        teacher, section.id, NewLesson(title="Gold", content="secret", is_premium=True)
    )
    get = catalog.container.get_lesson()
    for reader in (None, principal("student")):
        with pytest.raises(PremiumRequired):
            await get.execute(reader, lesson.id)
    for reader in (principal("student", "premium"), teacher, principal("admin")):
        assert (await get.execute(reader, lesson.id)).content == "secret"
    outline = await catalog.container.get_course_outline().execute(None, course.id)
    assert [(x.title, x.is_premium) for x in outline.lessons] == [("Gold", True)]


async def test_next_and_previous_cross_section_boundaries_and_stop_at_the_ends() -> None:
    catalog, teacher = make_catalog(), principal()
    course = await catalog.course(teacher, sections=2, lessons=2)
    await catalog.container.publish_course().execute(teacher, course.id, published=True)
    first, second = catalog.sections_of(course.id)
    end_of_first = catalog.lessons_of(first.id)[1]
    start_of_second = catalog.lessons_of(second.id)[0]
    adjacent = catalog.container.get_adjacent_lesson()
    assert (await adjacent.execute(None, end_of_first.id, NEXT)).lesson.id == start_of_second.id
    assert (await adjacent.execute(None, start_of_second.id, PREVIOUS)).lesson.id == (
        end_of_first.id
    )
    with pytest.raises(NoAdjacentLesson):
        await adjacent.execute(None, catalog.lessons_of(first.id)[0].id, PREVIOUS)
    with pytest.raises(NoAdjacentLesson):
        await adjacent.execute(None, catalog.lessons_of(second.id)[1].id, NEXT)


async def test_an_unpublished_course_is_hidden_from_other_readers() -> None:
    catalog, teacher = make_catalog(), principal()
    course = await catalog.course(teacher, sections=1, lessons=2)
    section = catalog.sections_of(course.id)[0]
    lesson = catalog.lessons_of(section.id)[0]
    stranger = principal("student")
    with pytest.raises(SectionNotFound):
        await catalog.container.get_section().execute(stranger, section.id)
    with pytest.raises(SectionNotFound):
        await catalog.container.list_section_lessons().execute(stranger, section.id, PageRequest())
    with pytest.raises(LessonNotFound):
        await catalog.container.get_lesson().execute(stranger, lesson.id)
    with pytest.raises(LessonNotFound):
        await catalog.container.get_adjacent_lesson().execute(stranger, lesson.id, NEXT)
    page = await catalog.container.list_course_lessons().execute(teacher, course.id, PageRequest())
    assert [x.title for x in page.items] == ["Lesson 1.1", "Lesson 1.2"]


async def test_every_change_reports_its_course_once_committed() -> None:
    catalog, teacher = make_catalog(), principal()
    course = await catalog.course(teacher, sections=2, lessons=1)
    catalog.changes.course_ids.clear()
    section = catalog.sections_of(course.id)[0]
    lesson = catalog.lessons_of(section.id)[0]
    await catalog.container.update_section().execute(teacher, section.id, "Renamed")
    await catalog.container.move_section().execute(teacher, section.id, 2)
    await catalog.container.update_lesson().execute(teacher, lesson.id, LessonChanges(content="x"))
    await catalog.container.move_lesson().execute(teacher, lesson.id, 1)
    await catalog.container.delete_lesson().execute(teacher, lesson.id)
    await catalog.container.delete_section().execute(teacher, section.id)
    assert catalog.changes.course_ids == [course.id] * 5
