"""The catalog unit of work's repositories, for the SQLAlchemy adapter and the in-memory fake."""

from datetime import timedelta

import pytest

from tests.contract.catalog_repository.conftest import (
    Backend,
    course_tree,
    make_course,
    make_lesson,
)
from tests.unit.identity.builders import T0
from tutor_platform.catalog.domain.errors import SlugTaken
from tutor_platform.shared.ids import new_id

LATER = T0 + timedelta(hours=1)


async def test_a_course_round_trips_with_every_field(backend: Backend) -> None:
    course = make_course(
        description="Long text\nwith lines",
        subject="python",
        difficulty="advanced",
        prerequisites=["Variables", "Lóops"],
        is_published=True,
        cover_file_id=new_id(),
        updated_at=T0 + timedelta(microseconds=7),
    )
    await backend.store(course)
    async with backend.uow_factory() as uow:
        assert await uow.courses.get(course.id) == course
        assert await uow.courses.lock(course.id) == course
        assert await uow.courses.get(new_id()) is None
        assert await uow.courses.lock(new_id()) is None
    assert await backend.reader.course(course.id) == course


async def test_slugs_are_unique(backend: Backend) -> None:
    first, second = make_course(slug="python"), make_course(slug="sql")
    await backend.store(first, second)
    async with backend.uow_factory() as uow:
        assert await uow.courses.slugs_taken({"python", "rust", "sql"}) == {"python", "sql"}
        assert await uow.courses.slugs_taken(set()) == set()
        with pytest.raises(SlugTaken):
            await uow.courses.add(make_course(slug="python"))
    async with backend.uow_factory() as uow:
        second.slug = "python"
        with pytest.raises(SlugTaken):
            await uow.courses.update(second)


async def test_an_update_stores_every_changed_field(backend: Backend) -> None:
    course = make_course(cover_file_id=new_id())
    await backend.store(course)
    course.title, course.slug, course.description = "New", "new", "Text"
    course.subject, course.difficulty, course.prerequisites = "sql", "intermediate", ["a"]
    course.is_published, course.cover_file_id, course.updated_at = True, None, LATER
    async with backend.uow_factory() as uow:
        await uow.courses.update(course)
        await uow.commit()
    assert await backend.reader.course(course.id) == course


async def test_deleting_a_course_deletes_its_sections_and_lessons(backend: Backend) -> None:
    course, sections, lessons = course_tree(2, 2)
    other, other_sections, other_lessons = course_tree(1, 1)
    await backend.store(course, other, *sections, *other_sections, *lessons, *other_lessons)
    async with backend.uow_factory() as uow:
        await uow.courses.delete(course.id)
        await uow.commit()
    assert await backend.reader.outline(course.id) is None
    assert await backend.reader.section(sections[0].id) is None
    assert await backend.reader.lesson(lessons[0].id) is None
    assert await backend.reader.lesson(other_lessons[0].id) == other_lessons[0]


async def test_sections_are_listed_by_position_and_renumbered_without_clashes(
    backend: Backend,
) -> None:
    course, sections, _ = course_tree(4, 0)
    await backend.store(course, *reversed(sections))
    async with backend.uow_factory() as uow:
        assert await uow.sections.ordered_ids(course.id) == [s.id for s in sections]
        reversed_order = {s.id: 5 - s.position for s in sections}
        await uow.sections.set_positions(reversed_order, LATER)
        await uow.commit()
    async with backend.uow_factory() as uow:
        assert await uow.sections.ordered_ids(course.id) == [s.id for s in reversed(sections)]
        moved = await uow.sections.get(sections[0].id)
    assert moved is not None
    assert (moved.position, moved.updated_at) == (4, LATER)


async def test_a_section_is_renamed_and_deleted_with_its_lessons(backend: Backend) -> None:
    course, sections, lessons = course_tree(2, 2)
    await backend.store(course, *sections, *lessons)
    renamed = sections[0]
    renamed.title, renamed.updated_at = "Renamed", LATER
    async with backend.uow_factory() as uow:
        await uow.sections.update(renamed)
        await uow.sections.delete(sections[1].id)
        await uow.commit()
    assert await backend.reader.section(renamed.id) == renamed
    async with backend.uow_factory() as uow:
        assert await uow.sections.ordered_ids(course.id) == [renamed.id]
        assert await uow.lessons.ordered_ids(sections[1].id) == []
    assert await backend.reader.lesson(lessons[2].id) is None


async def test_a_lesson_round_trips_and_updates(backend: Backend) -> None:
    course, sections, _ = course_tree(1, 0)
    lesson = make_lesson(
        sections[0], 1, content="# Markdown\n\nünïcode", estimated_minutes=42, is_premium=True
    )
    await backend.store(course, *sections, lesson)
    async with backend.uow_factory() as uow:
        assert await uow.lessons.get(lesson.id) == lesson
    lesson.title, lesson.content, lesson.estimated_minutes = "New", "Other", 5
    lesson.is_premium, lesson.updated_at = False, LATER
    async with backend.uow_factory() as uow:
        await uow.lessons.update(lesson)
        await uow.commit()
    assert await backend.reader.lesson(lesson.id) == lesson


async def test_lessons_move_between_sections_in_one_renumbering(backend: Backend) -> None:
    course, sections, lessons = course_tree(2, 3)
    await backend.store(course, *sections, *lessons)
    first, second = sections
    moving = lessons[0]
    placements = {
        lessons[1].id: (first.id, 1),
        lessons[2].id: (first.id, 2),
        moving.id: (second.id, 1),
        lessons[3].id: (second.id, 2),
        lessons[4].id: (second.id, 3),
        lessons[5].id: (second.id, 4),
    }
    async with backend.uow_factory() as uow:
        await uow.lessons.set_positions(placements, LATER)
        await uow.commit()
    async with backend.uow_factory() as uow:
        assert await uow.lessons.ordered_ids(first.id) == [lessons[1].id, lessons[2].id]
        assert await uow.lessons.ordered_ids(second.id) == [
            moving.id,
            lessons[3].id,
            lessons[4].id,
            lessons[5].id,
        ]
        stored = await uow.lessons.get(moving.id)
    assert stored is not None
    assert (stored.section_id, stored.position, stored.updated_at) == (second.id, 1, LATER)


async def test_deleting_a_lesson_leaves_its_siblings(backend: Backend) -> None:
    course, sections, lessons = course_tree(1, 2)
    await backend.store(course, *sections, *lessons)
    async with backend.uow_factory() as uow:
        await uow.lessons.delete(lessons[0].id)
        await uow.commit()
    async with backend.uow_factory() as uow:
        assert await uow.lessons.ordered_ids(sections[0].id) == [lessons[1].id]
        assert await uow.lessons.get(lessons[0].id) is None


async def test_an_edit_saved_after_a_move_keeps_the_lessons_new_place(backend: Backend) -> None:
    course, sections, lessons = course_tree(2, 1)
    await backend.store(course, *sections, *lessons)
    edited = lessons[0]
    async with backend.uow_factory() as uow:
        await uow.lessons.set_positions(
            {edited.id: (sections[1].id, 1), lessons[1].id: (sections[1].id, 2)}, LATER
        )
        await uow.commit()
    edited.title, edited.content, edited.updated_at = "Edited", "New text", LATER
    async with backend.uow_factory() as uow:
        await uow.lessons.update(edited)
        await uow.commit()
    stored = await backend.reader.lesson(edited.id)
    assert stored is not None
    assert (stored.title, stored.content) == ("Edited", "New text")
    assert (stored.section_id, stored.position) == (sections[1].id, 1)
