"""Portfolio projects on SQLAlchemy (the ``projects`` table of migration 0003)."""

from collections.abc import Awaitable
from typing import cast
from uuid import UUID

from sqlalchemy import ColumnElement, Table, or_, select, update
from sqlalchemy.exc import IntegrityError

from tutor_platform.catalog.adapters.outbound.sqlalchemy.tables import CourseRow, ProjectRow
from tutor_platform.catalog.domain.project import CourseRef, Project, ProjectNotFound
from tutor_platform.catalog.ports.projects import ProjectQuery
from tutor_platform.shared.errors import FieldError, ValidationFailed
from tutor_platform.shared.pagination import PageRequest
from tutor_platform.shared.persistence.repository import Repository

_PROJECTS = cast(Table, ProjectRow.__table__)


class SqlAlchemyProjectRepository(Repository[Project]):
    table = _PROJECTS
    entity = Project
    not_found = ProjectNotFound

    async def lock(self, project_id: UUID) -> Project | None:
        """``SELECT ... FOR UPDATE`` on PostgreSQL. SQLite has no row locks: a no-op UPDATE
        takes the database's write lock (waiting for other writers) before the read."""
        if self._session.bind.dialect.name == "sqlite":
            await self._session.execute(
                update(_PROJECTS)
                .where(_PROJECTS.c.id == project_id)
                .values(updated_at=_PROJECTS.c.updated_at)
            )
        row = (
            await self._session.execute(
                select(_PROJECTS).where(_PROJECTS.c.id == project_id).with_for_update()
            )
        ).first()
        return None if row is None else self._entity(row)

    async def add(self, entity: Project) -> None:
        await _existing_course(super().add(entity))

    async def update(self, entity: Project) -> None:
        await _existing_course(super().update(entity))

    async def search(self, query: ProjectQuery, page: PageRequest) -> tuple[list[Project], int]:
        conditions: list[ColumnElement[bool]] = []
        if query.course_id is not None:
            conditions.append(_PROJECTS.c.course_id == query.course_id)
        if not query.include_unpublished:
            visible: list[ColumnElement[bool]] = [_PROJECTS.c.is_published.is_(True)]
            if query.viewer_id is not None:
                taught = select(CourseRow.id).where(CourseRow.instructor_id == query.viewer_id)
                visible += [
                    _PROJECTS.c.created_by == query.viewer_id,
                    _PROJECTS.c.course_id.in_(taught),
                ]
            conditions.append(or_(*visible))
        c = _PROJECTS.c
        return await self.page(page, *conditions, order_by=(c.created_at.desc(), c.id.desc()))

    async def course(self, course_id: UUID) -> CourseRef | None:
        row = (
            await self._session.execute(
                select(CourseRow.id, CourseRow.instructor_id, CourseRow.is_published).where(
                    CourseRow.id == course_id
                )
            )
        ).first()
        return None if row is None else CourseRef(row.id, row.instructor_id, row.is_published)


async def _existing_course(write: Awaitable[None]) -> None:
    """Await ``write``; a course deleted meanwhile is a bad ``course_id``."""
    try:
        await write
    except IntegrityError as exc:
        raise ValidationFailed(
            errors=[FieldError("course_id", "must be an existing course you can see")]
        ) from exc
