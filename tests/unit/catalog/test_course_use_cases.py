"""Course use cases over in-memory adapters: create, bulk, update, publish, delete, list."""

import pytest

from tests.unit.catalog.fakes import make_catalog, principal
from tutor_platform.catalog.application.create_course import NewCourse
from tutor_platform.catalog.application.create_courses import MAX_BULK_COURSES
from tutor_platform.catalog.application.list_courses import CourseFilters
from tutor_platform.catalog.application.update_course import CourseChanges
from tutor_platform.catalog.domain.errors import CourseNotFound, NotCourseEditor, SlugTaken
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import ValidationFailed
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.pagination import PageRequest


async def test_a_new_course_belongs_to_its_creator_unpublished_with_a_derived_slug() -> None:
    catalog, teacher = make_catalog(), principal()
    course = await catalog.container.create_course().execute(
        teacher,
        NewCourse(title="  Café Basics  ", subject=" cooking ", prerequisites=[" knives ", "salt"]),
    )
    assert (course.title, course.slug, course.subject) == ("Café Basics", "cafe-basics", "cooking")
    assert course.prerequisites == ["knives", "salt"]
    assert course.instructor_id == teacher.user_id
    assert course.is_published is False
    assert catalog.store.courses[course.id] == course
    assert catalog.changes.course_ids == [course.id]


async def test_a_taken_slug_is_a_conflict_and_nothing_is_stored() -> None:
    catalog, teacher = make_catalog(), principal()
    await catalog.course(teacher, title="Python")
    with pytest.raises(SlugTaken):
        await catalog.container.create_course().execute(teacher, NewCourse(title="PYTHON!"))
    assert len(catalog.store.courses) == 1


async def test_every_bad_field_is_reported_at_once() -> None:
    catalog = make_catalog()
    command = NewCourse(
        title="   ",
        slug="Not A Slug",
        difficulty="expert",
        prerequisites=["ok", " "],
        description="x" * 5001,
    )
    with pytest.raises(ValidationFailed) as failure:
        await catalog.container.create_course().execute(principal(), command)
    fields = {error.field for error in failure.value.errors}
    assert fields == {"title", "slug", "difficulty", "prerequisites", "description"}
    assert catalog.store.courses == {}
    assert catalog.store.commits == 0


async def test_bulk_creation_names_the_bad_items_and_creates_nothing() -> None:
    catalog = make_catalog()
    items = [NewCourse(title=f"Course {n}") for n in range(5)]
    items[3] = NewCourse(title="")
    items[4] = NewCourse(title="Fine", difficulty="hard")
    with pytest.raises(ValidationFailed) as failure:
        await catalog.container.create_courses().execute(principal(), items)
    assert [e.field for e in failure.value.errors] == ["items[3].title", "items[4].difficulty"]
    assert catalog.store.courses == {}


async def test_bulk_creation_refuses_slugs_repeated_in_the_batch_or_already_taken() -> None:
    catalog, teacher = make_catalog(), principal()
    await catalog.course(teacher, title="Taken")
    bulk = catalog.container.create_courses()
    with pytest.raises(SlugTaken):
        await bulk.execute(teacher, [NewCourse(title="One"), NewCourse(title="one")])
    with pytest.raises(SlugTaken):
        await bulk.execute(teacher, [NewCourse(title="Two"), NewCourse(title="taken")])
    assert len(catalog.store.courses) == 1


async def test_bulk_creation_stores_every_course_in_one_commit() -> None:
    catalog, teacher = make_catalog(), principal()
    items = [NewCourse(title=f"Course {n}") for n in range(3)]
    courses = await catalog.container.create_courses().execute(teacher, items)
    assert [c.slug for c in courses] == ["course-0", "course-1", "course-2"]
    assert catalog.store.commits == 1
    assert catalog.changes.course_ids == [c.id for c in courses]


@pytest.mark.parametrize("size", [0, MAX_BULK_COURSES + 1])
async def test_bulk_creation_takes_one_to_a_hundred_courses(size: int) -> None:
    catalog = make_catalog()
    items = [NewCourse(title=f"Course {n}") for n in range(size)]
    with pytest.raises(ValidationFailed) as failure:
        await catalog.container.create_courses().execute(principal(), items)
    assert [e.field for e in failure.value.errors] == ["items"]


async def test_updating_changes_only_the_given_fields_and_keeps_the_slug() -> None:
    catalog, teacher = make_catalog(), principal()
    cover = new_id()
    course = await catalog.course(teacher, title="Old", description="Keep", cover_file_id=cover)
    catalog.clock.advance(minutes=5)
    updated = await catalog.container.update_course().execute(
        teacher, course.id, CourseChanges(title=" New ", difficulty="advanced")
    )
    assert (updated.title, updated.slug, updated.description) == ("New", "old", "Keep")
    assert updated.cover_file_id == cover
    assert updated.difficulty == "advanced"
    assert updated.updated_at > course.updated_at
    removed = await catalog.container.update_course().execute(
        teacher, course.id, CourseChanges(remove_cover=True)
    )
    assert removed.cover_file_id is None


async def test_a_new_slug_must_be_free_but_a_course_may_keep_its_own() -> None:
    catalog, teacher = make_catalog(), principal()
    await catalog.course(teacher, title="First")
    second = await catalog.course(teacher, title="Second")
    update = catalog.container.update_course()
    with pytest.raises(SlugTaken):
        await update.execute(teacher, second.id, CourseChanges(slug="first"))
    same = await update.execute(teacher, second.id, CourseChanges(slug="second"))
    assert catalog.store.courses[second.id].slug == same.slug == "second"


async def test_another_instructor_may_not_change_delete_or_publish_a_course() -> None:
    catalog, teacher, rival = make_catalog(), principal(), principal()
    course = await catalog.course(teacher, sections=1, lessons=1)
    with pytest.raises(NotCourseEditor):
        await catalog.container.update_course().execute(rival, course.id, CourseChanges(title="X"))
    with pytest.raises(NotCourseEditor):
        await catalog.container.delete_course().execute(rival, course.id)
    with pytest.raises(NotCourseEditor):
        await catalog.container.publish_course().execute(rival, course.id, published=True)
    assert catalog.store.courses[course.id] == course
    admin = principal("admin")
    await catalog.container.publish_course().execute(admin, course.id, published=True)
    assert catalog.store.courses[course.id].is_published


async def test_publishing_twice_changes_nothing_the_second_time() -> None:
    catalog, teacher = make_catalog(), principal()
    course = await catalog.course(teacher)
    publish = catalog.container.publish_course()
    published = await publish.execute(teacher, course.id, published=True)
    commits, notices = catalog.store.commits, len(catalog.changes.course_ids)
    catalog.clock.advance(minutes=1)
    again = await publish.execute(teacher, course.id, published=True)
    assert again.updated_at == published.updated_at
    assert (catalog.store.commits, len(catalog.changes.course_ids)) == (commits, notices)
    hidden = await publish.execute(teacher, course.id, published=False)
    assert hidden.is_published is False


async def test_deleting_a_course_removes_its_sections_and_lessons() -> None:
    catalog, teacher = make_catalog(), principal()
    course = await catalog.course(teacher, sections=2, lessons=2)
    await catalog.container.delete_course().execute(teacher, course.id)
    assert (catalog.store.courses, catalog.store.sections, catalog.store.lessons) == ({}, {}, {})
    assert catalog.changes.course_ids[-1] == course.id
    with pytest.raises(CourseNotFound):
        await catalog.container.delete_course().execute(teacher, course.id)


async def test_the_list_shows_published_courses_and_the_callers_own() -> None:
    catalog, teacher, rival = make_catalog(), principal(), principal()
    public = await catalog.course(teacher, title="Public")
    await catalog.container.publish_course().execute(teacher, public.id, published=True)
    mine = await catalog.course(teacher, title="Mine")
    theirs = await catalog.course(rival, title="Theirs")
    list_courses = catalog.container.list_courses()

    async def titles(caller: Principal | None) -> set[str]:
        page = await list_courses.execute(caller, CourseFilters(), PageRequest())
        return {course.title for course in page.items}

    assert await titles(None) == {"Public"}
    assert await titles(principal("student")) == {"Public"}
    assert await titles(teacher) == {"Public", "Mine"}
    assert await titles(principal("admin")) == {"Public", "Mine", "Theirs"}
    assert {mine.id, theirs.id} <= set(catalog.store.courses)


async def test_list_filters_are_checked() -> None:
    catalog = make_catalog()
    with pytest.raises(ValidationFailed) as failure:
        await catalog.container.list_courses().execute(
            None, CourseFilters(difficulty="expert", q="x" * 201), PageRequest()
        )
    assert {e.field for e in failure.value.errors} == {"difficulty", "q"}
