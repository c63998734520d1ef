"""Instructors and admins create a portfolio project, optionally attached to a course."""

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from tutor_platform.catalog.domain.project import (
    Project,
    ProjectFields,
    cleaned_fields,
    ensure_can_attach,
)
from tutor_platform.catalog.ports.unit_of_work import ProjectUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.ids import new_id


@dataclass(frozen=True, slots=True)
class NewProject:
    title: str
    course_id: UUID | None = None
    summary: str = ""
    tech_stack: Sequence[str] = ()
    content: str = ""
    thumbnail_file_id: UUID | None = None
    is_published: bool = False


class CreateProject:
    """The caller becomes the project's creator; the course must be one they may see."""

    def __init__(self, uow_factory: ProjectUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, principal: Principal, new: NewProject) -> Project:
        fields = cleaned_fields(ProjectFields(new.title, new.summary, new.tech_stack, new.content))
        async with self._uow_factory() as uow:
            if new.course_id is not None:
                ensure_can_attach(principal, await uow.projects.course(new.course_id))
            now = self._clock.now()
            project = Project(
                id=new_id(),
                title="",
                created_by=principal.user_id,
                created_at=now,
                updated_at=now,
                course_id=new.course_id,
                thumbnail_file_id=new.thumbnail_file_id,
                is_published=new.is_published,
            )
            project.apply(fields)
            await uow.projects.add(project)
            await uow.commit()
        return project
