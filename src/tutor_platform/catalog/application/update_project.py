"""The project's creator, its course's instructor or an admin changes a project."""

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from tutor_platform.catalog.application.support.project_access import project_to_edit
from tutor_platform.catalog.domain.project import (
    Project,
    ProjectFields,
    cleaned_fields,
    ensure_can_attach,
)
from tutor_platform.catalog.ports.unit_of_work import ProjectUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock


@dataclass(frozen=True, slots=True)
class ProjectChanges:
    """``None`` leaves a field as it is; ``detach`` clears ``course_id`` and
    ``remove_thumbnail`` clears ``thumbnail_file_id``."""

    title: str | None = None
    summary: str | None = None
    tech_stack: Sequence[str] | None = None
    content: str | None = None
    course_id: UUID | None = None
    detach: bool = False
    thumbnail_file_id: UUID | None = None
    remove_thumbnail: bool = False
    is_published: bool | None = None


class UpdateProject:
    """A new course must be one the caller may see (422 on ``course_id`` otherwise)."""

    def __init__(self, uow_factory: ProjectUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(
        self, principal: Principal, project_id: UUID, changes: ProjectChanges
    ) -> Project:
        fields = cleaned_fields(
            ProjectFields(changes.title, changes.summary, changes.tech_stack, changes.content)
        )
        async with self._uow_factory() as uow:
            project = await project_to_edit(uow, principal, project_id)
            if changes.course_id is not None and changes.course_id != project.course_id:
                ensure_can_attach(principal, await uow.projects.course(changes.course_id))
                project.course_id = changes.course_id
            if changes.detach:
                project.course_id = None
            if changes.thumbnail_file_id is not None or changes.remove_thumbnail:
                project.thumbnail_file_id = changes.thumbnail_file_id
            project.apply(fields)
            if changes.is_published is not None:
                project.is_published = changes.is_published
            project.updated_at = self._clock.now()
            await uow.projects.update(project)
            await uow.commit()
        return project
