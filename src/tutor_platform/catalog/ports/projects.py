"""Storage of portfolio projects; repositories never commit."""

from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from tutor_platform.catalog.domain.project import CourseRef, Project
from tutor_platform.shared.pagination import PageRequest


@dataclass(frozen=True, slots=True)
class ProjectQuery:
    """Filters of the project list.

    Visibility: every project when ``include_unpublished`` is set (admins); otherwise published
    projects plus, when ``viewer_id`` is given, the unpublished ones that viewer may change
    (they created it, or it belongs to a course they teach).
    """

    course_id: UUID | None = None
    viewer_id: UUID | None = None
    include_unpublished: bool = False


class ProjectRepository(Protocol):
    async def get(self, project_id: UUID) -> Project | None: ...

    async def lock(self, project_id: UUID) -> Project | None:
        """The project, locked against concurrent changes until the transaction ends."""
        ...

    async def add(self, project: Project) -> None: ...

    async def update(self, project: Project) -> None: ...

    async def delete(self, project_id: UUID) -> None: ...

    async def search(self, query: ProjectQuery, page: PageRequest) -> tuple[list[Project], int]:
        """One page of visible projects, newest first, and how many there are in all."""
        ...

    async def course(self, course_id: UUID) -> CourseRef | None:
        """The course a project is (or would be) attached to."""
        ...
