"""The projects' repository, for the SQLAlchemy adapter and the in-memory fake."""

from datetime import timedelta
from typing import Any

import pytest

from tests.contract.catalog_repository.conftest import Backend, make_course
from tests.unit.identity.builders import T0
from tutor_platform.catalog.domain.project import CourseRef, Project, ProjectNotFound
from tutor_platform.catalog.ports.projects import ProjectQuery
from tutor_platform.shared.errors import ValidationFailed
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.pagination import PageRequest

ALL = PageRequest(limit=50, offset=0)


def make_project(minutes: int = 0, **fields: Any) -> Project:
    at = T0 + timedelta(minutes=minutes)
    values: dict[str, Any] = {
        "id": new_id(),
        "title": "Work",
        "created_by": new_id(),
        "created_at": at,
        "updated_at": at,
    }
    values.update(fields)
    return Project(**values)


async def store(backend: Backend, *projects: Project) -> None:
    async with backend.projects() as uow:
        for project in projects:
            await uow.projects.add(project)
        await uow.commit()


async def test_a_project_round_trips_with_every_field(backend: Backend) -> None:
    course = make_course(is_published=True)
    await backend.store(course)
    project = make_project(
        course_id=course.id,
        summary="S",
        tech_stack=["Go", "SQL"],
        content="# Notes",
        thumbnail_file_id=new_id(),
        is_published=True,
    )
    await store(backend, project)
    async with backend.projects() as uow:
        assert await uow.projects.get(project.id) == project
        assert await uow.projects.lock(project.id) == project
        assert await uow.projects.get(new_id()) is None
        assert await uow.projects.course(course.id) == CourseRef(
            course.id, course.instructor_id, True
        )
        assert await uow.projects.course(new_id()) is None


async def test_an_update_of_a_gone_project_is_not_found(backend: Backend) -> None:
    project = make_project()
    await store(backend, project)
    async with backend.projects() as uow:
        await uow.projects.delete(project.id)
        project.title = "Renamed"
        with pytest.raises(ProjectNotFound):
            await uow.projects.update(project)


async def test_a_project_of_an_unknown_course_is_refused(backend: Backend) -> None:
    async with backend.projects() as uow:
        with pytest.raises(ValidationFailed):
            await uow.projects.add(make_project(course_id=new_id()))


async def test_search_shows_published_projects_and_those_the_viewer_may_change(
    backend: Backend,
) -> None:
    viewer = new_id()
    taught = make_course(instructor_id=viewer)
    await backend.store(taught)
    published = make_project(1, is_published=True)
    own = make_project(2, created_by=viewer)
    of_taught_course = make_project(3, course_id=taught.id)
    hidden = make_project(4)
    await store(backend, published, own, of_taught_course, hidden)

    async with backend.projects() as uow:
        projects = uow.projects
        newest_first = [of_taught_course, own, published]
        assert await projects.search(ProjectQuery(viewer_id=viewer), ALL) == (newest_first, 3)
        assert await projects.search(ProjectQuery(), ALL) == ([published], 1)
        everyone = await projects.search(ProjectQuery(include_unpublished=True), ALL)
        assert everyone == ([hidden, *newest_first], 4)
        of_course = ProjectQuery(course_id=taught.id, viewer_id=viewer)
        assert await projects.search(of_course, ALL) == ([of_taught_course], 1)
        second = PageRequest(limit=1, offset=1)
        assert await projects.search(ProjectQuery(viewer_id=viewer), second) == ([own], 3)
