"""Portfolio projects on SQLAlchemy (the ``projects`` table of migration 0003)."""

from typing import Any, cast
from uuid import UUID

from sqlalchemy import ColumnElement, Row, Table, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.learning.adapters.outbound.sqlalchemy.tables import CourseRow, ProjectRow
from tutor_platform.learning.domain.project import CourseRef, Project, ProjectNotFound
from tutor_platform.learning.ports.projects import ProjectQuery
from tutor_platform.shared.errors import FieldError, ValidationFailed
from tutor_platform.shared.pagination import PageRequest

_PROJECTS = cast(Table, ProjectRow.__table__)


def project_from_row(row: Row[Any]) -> Project:
    return Project(
        id=row.id,
        title=row.title,
        created_by=row.created_by,
        created_at=row.created_at,
        updated_at=row.updated_at,
        course_id=row.course_id,
        summary=row.summary,
        tech_stack=[str(item) for item in row.tech_stack or []],
        content=row.content,
        thumbnail_file_id=row.thumbnail_file_id,
        is_published=row.is_published,
    )


def _values(project: Project) -> dict[str, Any]:
    return {
        "title": project.title,
        "created_by": project.created_by,
        "created_at": project.created_at,
        "updated_at": project.updated_at,
        "course_id": project.course_id,
        "summary": project.summary,
        "tech_stack": list(project.tech_stack),
        "content": project.content,
        "thumbnail_file_id": project.thumbnail_file_id,
        "is_published": project.is_published,
    }


class SqlAlchemyProjectRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, project_id: UUID) -> Project | None:
        row = (
            await self._session.execute(select(_PROJECTS).where(_PROJECTS.c.id == project_id))
        ).first()
        return None if row is None else project_from_row(row)

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
        return None if row is None else project_from_row(row)

    async def add(self, project: Project) -> None:
        await self._write(_PROJECTS.insert().values(id=project.id, **_values(project)))

    async def update(self, project: Project) -> None:
        result = await self._write(
            update(_PROJECTS).where(_PROJECTS.c.id == project.id).values(**_values(project))
        )
        if not getattr(result, "rowcount", 0):
            raise ProjectNotFound()

    async def delete(self, project_id: UUID) -> None:
        await self._session.execute(delete(_PROJECTS).where(_PROJECTS.c.id == project_id))

    async def search(self, query: ProjectQuery, page: PageRequest) -> tuple[list[Project], int]:
        conditions = []
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
        total = await self._session.scalar(
            select(func.count()).select_from(_PROJECTS).where(*conditions)
        )
        rows = await self._session.execute(
            select(_PROJECTS)
            .where(*conditions)
            .order_by(_PROJECTS.c.created_at.desc(), _PROJECTS.c.id.desc())
            .limit(page.limit)
            .offset(page.offset)
        )
        return [project_from_row(row) for row in rows], int(total or 0)

    async def course(self, course_id: UUID) -> CourseRef | None:
        row = (
            await self._session.execute(
                select(CourseRow.id, CourseRow.instructor_id, CourseRow.is_published).where(
                    CourseRow.id == course_id
                )
            )
        ).first()
        return None if row is None else CourseRef(row.id, row.instructor_id, row.is_published)

    async def _write(self, statement: Any) -> Any:
        """Runs an insert or update; a course deleted meanwhile is a bad ``course_id``."""
        try:
            return await self._session.execute(statement)
        except IntegrityError as exc:
            raise ValidationFailed(
                errors=[FieldError("course_id", "must be an existing course you can see")]
            ) from exc
