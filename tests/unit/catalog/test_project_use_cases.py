"""Project use cases over an in-memory unit of work: what is stored, and what is refused."""

from copy import deepcopy
from dataclasses import dataclass, field
from types import TracebackType
from typing import Self
from uuid import UUID

import pytest

from tests.unit.identity.builders import T0
from tutor_platform.catalog.application.create_project import CreateProject, NewProject
from tutor_platform.catalog.application.delete_project import DeleteProject
from tutor_platform.catalog.application.get_project import GetProject
from tutor_platform.catalog.application.update_project import ProjectChanges, UpdateProject
from tutor_platform.catalog.domain.project import (
    CourseRef,
    NotProjectEditor,
    Project,
    ProjectNotFound,
)
from tutor_platform.catalog.ports.projects import ProjectQuery
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import FixedClock
from tutor_platform.shared.errors import ValidationFailed
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.pagination import PageRequest

AUTHOR = Principal(new_id(), "instructor", "free")
TEACHER = Principal(new_id(), "instructor", "free")
OTHER = Principal(new_id(), "instructor", "free")


@dataclass
class Store:
    projects: dict[UUID, Project] = field(default_factory=dict)
    courses: dict[UUID, CourseRef] = field(default_factory=dict)

    def course(self, owner: Principal, is_published: bool = True) -> CourseRef:
        course = CourseRef(new_id(), owner.user_id, is_published)
        self.courses[course.id] = course
        return course


class FakeProjects:
    """Projects in a dict; changes reach the store only on commit."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.pending = deepcopy(store.projects)

    async def get(self, project_id: UUID) -> Project | None:
        return deepcopy(self.pending.get(project_id))

    async def lock(self, project_id: UUID) -> Project | None:
        return await self.get(project_id)

    async def add(self, project: Project) -> None:
        self.pending[project.id] = deepcopy(project)

    async def update(self, project: Project) -> None:
        self.pending[project.id] = deepcopy(project)

    async def delete(self, project_id: UUID) -> None:
        self.pending.pop(project_id, None)

    async def search(self, query: ProjectQuery, page: PageRequest) -> tuple[list[Project], int]:
        raise NotImplementedError

    async def course(self, course_id: UUID) -> CourseRef | None:
        return self.store.courses.get(course_id)


class FakeUnitOfWork:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def __aenter__(self) -> Self:
        self.projects = FakeProjects(self.store)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    async def commit(self) -> None:
        self.store.projects = deepcopy(self.projects.pending)


@pytest.fixture
def store() -> Store:
    return Store()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


async def create(store: Store, clock: FixedClock, **fields: object) -> Project:
    new = NewProject(**{"title": "Work", **fields})  # type: ignore[arg-type]
    return await CreateProject(lambda: FakeUnitOfWork(store), clock).execute(AUTHOR, new)


async def test_a_created_project_is_stored_cleaned_and_owned_by_its_author(
    store: Store, clock: FixedClock
) -> None:
    course = store.course(TEACHER)

    project = await create(
        store, clock, title=" Bot ", tech_stack=[" Go "], course_id=course.id, summary="S"
    )

    assert store.projects == {project.id: project}
    assert (project.title, project.tech_stack, project.summary) == ("Bot", ["Go"], "S")
    assert (project.created_by, project.course_id) == (AUTHOR.user_id, course.id)
    assert project.created_at == project.updated_at == T0
    assert project.is_published is False


async def test_a_hidden_or_missing_course_cannot_be_attached(
    store: Store, clock: FixedClock
) -> None:
    hidden = store.course(TEACHER, is_published=False)

    for course_id in (hidden.id, new_id()):
        with pytest.raises(ValidationFailed):
            await create(store, clock, course_id=course_id)
    assert store.projects == {}


async def test_an_update_applies_the_changes_and_the_time(store: Store, clock: FixedClock) -> None:
    course = store.course(TEACHER)
    project = await create(store, clock, course_id=course.id, thumbnail_file_id=new_id())
    clock.advance(minutes=5)

    changed = await UpdateProject(lambda: FakeUnitOfWork(store), clock).execute(
        TEACHER,
        project.id,
        ProjectChanges(title=" Renamed ", detach=True, remove_thumbnail=True, is_published=True),
    )

    assert store.projects[project.id] == changed
    assert (changed.title, changed.course_id, changed.thumbnail_file_id) == ("Renamed", None, None)
    assert changed.is_published is True
    assert (changed.created_at, changed.updated_at) == (T0, clock.now())


async def test_refused_changes_leave_the_project_as_it_was(store: Store, clock: FixedClock) -> None:
    project = await create(store, clock)
    update = UpdateProject(lambda: FakeUnitOfWork(store), clock)
    hidden = store.course(TEACHER, is_published=False)

    with pytest.raises(NotProjectEditor):
        await update.execute(OTHER, project.id, ProjectChanges(title="Mine now"))
    with pytest.raises(ValidationFailed):
        await update.execute(AUTHOR, project.id, ProjectChanges(course_id=hidden.id))
    with pytest.raises(ValidationFailed):
        await update.execute(AUTHOR, project.id, ProjectChanges(title=" "))
    with pytest.raises(ProjectNotFound):
        await update.execute(AUTHOR, new_id(), ProjectChanges(title="Ghost"))

    assert store.projects == {project.id: project}


async def test_only_editors_delete_and_only_viewers_read(store: Store, clock: FixedClock) -> None:
    project = await create(store, clock)
    get = GetProject(lambda: FakeUnitOfWork(store))
    delete = DeleteProject(lambda: FakeUnitOfWork(store))

    with pytest.raises(ProjectNotFound):
        await get.execute(OTHER, project.id)
    with pytest.raises(NotProjectEditor):
        await delete.execute(OTHER, project.id)
    assert await get.execute(AUTHOR, project.id) == project

    await delete.execute(AUTHOR, project.id)

    assert store.projects == {}
    with pytest.raises(ProjectNotFound):
        await delete.execute(AUTHOR, project.id)
