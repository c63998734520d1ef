"""Project use cases over an in-memory unit of work: what is stored, and what is refused."""

from collections.abc import Callable

import pytest

from tests.unit.identity.builders import T0
from tutor_platform.catalog.adapters.outbound.memory.projects import InMemoryProjectUnitOfWork
from tutor_platform.catalog.adapters.outbound.memory.store import InMemoryCatalogStore
from tutor_platform.catalog.application.create_project import CreateProject, NewProject
from tutor_platform.catalog.application.delete_project import DeleteProject
from tutor_platform.catalog.application.get_project import GetProject
from tutor_platform.catalog.application.update_project import ProjectChanges, UpdateProject
from tutor_platform.catalog.domain.catalog import Course
from tutor_platform.catalog.domain.project import NotProjectEditor, Project, ProjectNotFound
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import FixedClock
from tutor_platform.shared.errors import ValidationFailed
from tutor_platform.shared.ids import new_id

AUTHOR = Principal(new_id(), "instructor", "free")
TEACHER = Principal(new_id(), "instructor", "free")
OTHER = Principal(new_id(), "instructor", "free")


def add_course(store: InMemoryCatalogStore, owner: Principal, is_published: bool = True) -> Course:
    course = Course(new_id(), "Course", f"course-{new_id()}", owner.user_id, T0, T0)
    course.is_published = is_published
    store.courses[course.id] = course
    return course


def uow(store: InMemoryCatalogStore) -> Callable[[], InMemoryProjectUnitOfWork]:
    return lambda: InMemoryProjectUnitOfWork(store)


@pytest.fixture
def store() -> InMemoryCatalogStore:
    return InMemoryCatalogStore()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


async def create(store: InMemoryCatalogStore, clock: FixedClock, **fields: object) -> Project:
    new = NewProject(**{"title": "Work", **fields})  # type: ignore[arg-type]
    return await CreateProject(uow(store), clock).execute(AUTHOR, new)


async def test_a_created_project_is_stored_cleaned_and_owned_by_its_author(
    store: InMemoryCatalogStore, clock: FixedClock
) -> None:
    course = add_course(store, TEACHER)

    project = await create(
        store, clock, title=" Bot ", tech_stack=[" Go "], course_id=course.id, summary="S"
    )

    assert store.projects == {project.id: project}
    assert (project.title, project.tech_stack, project.summary) == ("Bot", ["Go"], "S")
    assert (project.created_by, project.course_id) == (AUTHOR.user_id, course.id)
    assert project.created_at == project.updated_at == T0
    assert project.is_published is False


async def test_a_hidden_or_missing_course_cannot_be_attached(
    store: InMemoryCatalogStore, clock: FixedClock
) -> None:
    hidden = add_course(store, TEACHER, is_published=False)

    for course_id in (hidden.id, new_id()):
        with pytest.raises(ValidationFailed):
            await create(store, clock, course_id=course_id)
    assert store.projects == {}


async def test_an_update_applies_the_changes_and_the_time(
    store: InMemoryCatalogStore, clock: FixedClock
) -> None:
    course = add_course(store, TEACHER)
    project = await create(store, clock, course_id=course.id, thumbnail_file_id=new_id())
    clock.advance(minutes=5)

    changed = await UpdateProject(uow(store), clock).execute(
        TEACHER,
        project.id,
        ProjectChanges(title=" Renamed ", detach=True, remove_thumbnail=True, is_published=True),
    )

    assert store.projects[project.id] == changed
    assert (changed.title, changed.course_id, changed.thumbnail_file_id) == ("Renamed", None, None)
    assert changed.is_published is True
    assert (changed.created_at, changed.updated_at) == (T0, clock.now())


async def test_refused_changes_leave_the_project_as_it_was(
    store: InMemoryCatalogStore, clock: FixedClock
) -> None:
    project = await create(store, clock)
    update = UpdateProject(uow(store), clock)
    hidden = add_course(store, TEACHER, is_published=False)

    with pytest.raises(NotProjectEditor):
        await update.execute(OTHER, project.id, ProjectChanges(title="Mine now"))
    with pytest.raises(ValidationFailed):
        await update.execute(AUTHOR, project.id, ProjectChanges(course_id=hidden.id))
    with pytest.raises(ValidationFailed):
        await update.execute(AUTHOR, project.id, ProjectChanges(title=" "))
    with pytest.raises(ProjectNotFound):
        await update.execute(AUTHOR, new_id(), ProjectChanges(title="Ghost"))

    assert store.projects == {project.id: project}


async def test_only_editors_delete_and_only_viewers_read(
    store: InMemoryCatalogStore, clock: FixedClock
) -> None:
    project = await create(store, clock)
    get = GetProject(uow(store))
    delete = DeleteProject(uow(store))

    with pytest.raises(ProjectNotFound):
        await get.execute(OTHER, project.id)
    with pytest.raises(NotProjectEditor):
        await delete.execute(OTHER, project.id)
    assert await get.execute(AUTHOR, project.id) == project

    await delete.execute(AUTHOR, project.id)

    assert store.projects == {}
    with pytest.raises(ProjectNotFound):
        await delete.execute(AUTHOR, project.id)
