"""Portfolio projects over the in-memory catalog, and their unit of work (writes land at
once, as in the catalog's; ``store.commits`` tells whether a use case committed)."""

from uuid import UUID

from tutor_platform.catalog.adapters.outbound.memory.store import InMemoryCatalogStore
from tutor_platform.catalog.domain.project import CourseRef, Project, ProjectNotFound
from tutor_platform.catalog.ports.projects import ProjectQuery
from tutor_platform.shared.errors import FieldError, ValidationFailed
from tutor_platform.shared.in_memory import InMemoryRepository
from tutor_platform.shared.pagination import PageRequest
from tutor_platform.shared.unit_of_work import InMemoryUnitOfWork


class InMemoryProjectRepository(InMemoryRepository[Project]):
    not_found = ProjectNotFound

    def __init__(self, store: InMemoryCatalogStore) -> None:
        super().__init__(store.projects)
        self._courses = store.courses

    async def lock(self, project_id: UUID) -> Project | None:
        return await self.get(project_id)

    async def add(self, project: Project) -> None:
        self._check_course(project)
        await super().add(project)

    async def update(self, project: Project) -> None:
        self._check_course(project)
        await super().update(project)

    async def search(self, query: ProjectQuery, page: PageRequest) -> tuple[list[Project], int]:
        taught = {c.id for c in self._courses.values() if c.instructor_id == query.viewer_id}

        def matches(project: Project) -> bool:
            visible = (
                query.include_unpublished
                or project.is_published
                or (query.viewer_id is not None and project.created_by == query.viewer_id)
                or (query.viewer_id is not None and project.course_id in taught)
            )
            return visible and query.course_id in (None, project.course_id)

        return self._page(matches, page, key=lambda p: (p.created_at, p.id), reverse=True)

    async def course(self, course_id: UUID) -> CourseRef | None:
        course = self._courses.get(course_id)
        if course is None:
            return None
        return CourseRef(course.id, course.instructor_id, course.is_published)

    def _check_course(self, project: Project) -> None:
        """A course deleted meanwhile is a bad ``course_id`` (the foreign key, in SQL)."""
        if project.course_id is not None and project.course_id not in self._courses:
            raise ValidationFailed(
                errors=[FieldError("course_id", "must be an existing course you can see")]
            )


class InMemoryProjectUnitOfWork(InMemoryUnitOfWork[InMemoryCatalogStore]):
    def _bind(self) -> None:
        self.projects = InMemoryProjectRepository(self.store)
