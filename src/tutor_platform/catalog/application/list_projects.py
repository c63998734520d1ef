"""Anyone lists published projects (optionally of one course), newest first; callers also see
the unpublished projects they may change, admins see every project."""

from uuid import UUID

from tutor_platform.catalog.domain.project import Project
from tutor_platform.catalog.ports.projects import ProjectQuery
from tutor_platform.catalog.ports.unit_of_work import ProjectUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.pagination import Page, PageRequest


class ListProjects:
    def __init__(self, uow_factory: ProjectUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(
        self, principal: Principal | None, course_id: UUID | None, page: PageRequest
    ) -> Page[Project]:
        query = ProjectQuery(
            course_id=course_id,
            viewer_id=None if principal is None else principal.user_id,
            include_unpublished=principal is not None and principal.is_admin,
        )
        async with self._uow_factory() as uow:
            projects, total = await uow.projects.search(query, page)
        return Page(items=projects, total=total, limit=page.limit, offset=page.offset)
