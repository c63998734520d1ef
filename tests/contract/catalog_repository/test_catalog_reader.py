"""The ``CatalogReader`` contract: outlines, ordered lessons and the course list."""

from datetime import timedelta

from tests.contract.catalog_repository.conftest import (
    Backend,
    course_tree,
    make_course,
    make_lesson,
    make_section,
)
from tests.unit.identity.builders import T0
from tutor_platform.catalog.domain.catalog import LessonSummary
from tutor_platform.catalog.ports.reader import CourseQuery
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.pagination import PageRequest


async def test_an_outline_lists_sections_and_lesson_summaries_in_order(backend: Backend) -> None:
    course, sections, lessons = course_tree(3, 2)
    empty = sections[1]
    kept = [lesson for lesson in lessons if lesson.section_id != empty.id]
    await backend.store(course, *reversed(sections), *reversed(kept))
    outline = await backend.reader.outline(course.id)
    assert outline is not None
    assert outline.course == course
    assert [entry.section for entry in outline.sections] == sections
    assert [len(entry.lessons) for entry in outline.sections] == [2, 0, 2]
    assert outline.lessons == [LessonSummary.of(lesson) for lesson in kept]
    assert await backend.reader.outline(new_id()) is None


async def test_a_course_without_sections_has_an_empty_outline(backend: Backend) -> None:
    course = make_course()
    await backend.store(course)
    outline = await backend.reader.outline(course.id)
    assert outline is not None
    assert outline.sections == ()


async def test_ordered_lessons_follow_section_then_lesson_positions(backend: Backend) -> None:
    course, sections, lessons = course_tree(2, 3)
    other, other_sections, other_lessons = course_tree(1, 1)
    await backend.store(course, other, *other_sections, *sections, *reversed(lessons))
    await backend.store(*other_lessons)
    assert await backend.reader.ordered_lessons(course.id) == lessons
    assert await backend.reader.ordered_lessons(new_id()) == []


async def test_single_reads_return_what_was_stored(backend: Backend) -> None:
    course = make_course()
    section = make_section(course, 1)
    lesson = make_lesson(section, 1, is_premium=True)
    await backend.store(course, section, lesson)
    assert await backend.reader.section(section.id) == section
    assert await backend.reader.lesson(lesson.id) == lesson
    assert await backend.reader.section(new_id()) is None
    assert await backend.reader.lesson(new_id()) is None


async def test_courses_are_the_known_ones_among_the_ids(backend: Backend) -> None:
    first, second, other = make_course(), make_course(), make_course()
    await backend.store(first, second, other)
    found = await backend.reader.courses([second.id, new_id(), first.id])
    assert sorted(found, key=lambda course: course.title) == [first, second]
    assert await backend.reader.courses([]) == []


async def _titles(
    backend: Backend, query: CourseQuery, page: PageRequest | None = None
) -> list[str]:
    courses, total = await backend.reader.list_courses(query, page or PageRequest())
    if page is None:
        assert total == len(courses)
    return [course.title for course in courses]


async def test_the_list_shows_published_courses_plus_the_owners_newest_first(
    backend: Backend,
) -> None:
    owner = new_id()
    courses = [
        make_course(title="Old public", is_published=True, created_at=T0),
        make_course(title="Mine", instructor_id=owner, created_at=T0 + timedelta(minutes=1)),
        make_course(title="Hidden", created_at=T0 + timedelta(minutes=2)),
        make_course(title="New public", is_published=True, created_at=T0 + timedelta(minutes=3)),
    ]
    await backend.store(*courses)
    assert await _titles(backend, CourseQuery()) == ["New public", "Old public"]
    assert await _titles(backend, CourseQuery(instructor_id=owner)) == [
        "New public",
        "Mine",
        "Old public",
    ]
    everything = await _titles(backend, CourseQuery(include_unpublished=True))
    assert everything == ["New public", "Hidden", "Mine", "Old public"]


async def test_the_list_filters_by_subject_difficulty_and_text(backend: Backend) -> None:
    await backend.store(
        make_course(title="Python Basics", subject="Python", is_published=True),
        make_course(
            title="Data", description="Pandas with PYTHON", subject="data", is_published=True
        ),
        make_course(title="Advanced SQL", difficulty="advanced", is_published=True),
    )
    assert await _titles(backend, CourseQuery(subject="python")) == ["Python Basics"]
    assert await _titles(backend, CourseQuery(difficulty="advanced")) == ["Advanced SQL"]
    assert sorted(await _titles(backend, CourseQuery(q="python"))) == ["Data", "Python Basics"]
    assert await _titles(backend, CourseQuery(q="sql", difficulty="beginner")) == []


async def test_text_search_treats_like_wildcards_literally(backend: Backend) -> None:
    await backend.store(
        make_course(title="100% practical", is_published=True),
        make_course(title="snake_case names", is_published=True),
        make_course(title="1000 practical tips", is_published=True),
        make_course(title="snakeXcase", is_published=True),
    )
    assert await _titles(backend, CourseQuery(q="0%")) == ["100% practical"]
    assert await _titles(backend, CourseQuery(q="e_c")) == ["snake_case names"]
    assert await _titles(backend, CourseQuery(q="%")) == ["100% practical"]


async def test_the_list_is_paged_with_the_total_of_all_matches(backend: Backend) -> None:
    await backend.store(
        *[
            make_course(title=f"C{n}", is_published=True, created_at=T0 + timedelta(minutes=n))
            for n in range(5)
        ]
    )
    courses, total = await backend.reader.list_courses(CourseQuery(), PageRequest(2, 1))
    assert [c.title for c in courses] == ["C3", "C2"]
    assert total == 5
