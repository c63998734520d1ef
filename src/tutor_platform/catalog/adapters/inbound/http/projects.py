"""/projects: portfolio projects, public to read, written by instructors and admins."""

from typing import Annotated
from uuid import UUID

from litestar import Controller, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.status_codes import HTTP_204_NO_CONTENT

from tutor_platform.catalog.adapters.inbound.http.params import (
    INSTRUCTORS,
    PRIVATE_READ,
)
from tutor_platform.catalog.adapters.inbound.http.project_schemas import (
    ProjectCreate,
    ProjectListResponse,
    ProjectPatch,
    ProjectResponse,
    ProjectSummaryResponse,
)
from tutor_platform.catalog.application.create_project import CreateProject
from tutor_platform.catalog.application.delete_project import DeleteProject
from tutor_platform.catalog.application.get_project import GetProject
from tutor_platform.catalog.application.list_projects import ListProjects
from tutor_platform.catalog.application.update_project import UpdateProject
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.paging import Limit, Offset, PageResponse
from tutor_platform.shared.http.responses import convert
from tutor_platform.shared.pagination import DEFAULT_LIMIT, PageRequest

ProjectId = FromPath[UUID]


class ProjectsController(Controller):
    path = "/projects"

    @get("/", opt=PRIVATE_READ, responses=error_responses(401, 422, 429))
    async def list_projects(
        self,
        list_projects: Provided[ListProjects],
        optional_principal: NamedDependency[Principal | None],
        course_id: Annotated[
            UUID | None, QueryParameter(description="Only the projects of this course.")
        ] = None,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> ProjectListResponse:
        """Published projects, newest first, without their content. Callers also see the
        unpublished projects they may change (their own, their courses'); admins see all."""
        page = await list_projects.execute(
            optional_principal, course_id, PageRequest(limit, offset)
        )
        return PageResponse.of(page, ProjectSummaryResponse)

    @get("/{project_id:uuid}", opt=PRIVATE_READ, responses=error_responses(401, 404, 429))
    async def get_project(
        self,
        project_id: ProjectId,
        get_project: Provided[GetProject],
        optional_principal: NamedDependency[Principal | None],
    ) -> ProjectResponse:
        """One project with its content (404 when unpublished, unless you may change it)."""
        return convert(await get_project.execute(optional_principal, project_id), ProjectResponse)

    @post("/", guards=INSTRUCTORS, security=BEARER_SECURITY, responses=error_responses(422))
    async def create_project(
        self,
        data: JSONBody[ProjectCreate],
        principal: NamedDependency[Principal],
        create_project: Provided[CreateProject],
    ) -> ProjectResponse:
        """Create a project (unpublished unless ``is_published``) created by the caller."""
        return convert(await create_project.execute(principal, data.command()), ProjectResponse)

    @patch(
        "/{project_id:uuid}",
        guards=INSTRUCTORS,
        security=BEARER_SECURITY,
        responses=error_responses(404, 422),
    )
    async def update_project(
        self,
        project_id: ProjectId,
        data: JSONBody[ProjectPatch],
        principal: NamedDependency[Principal],
        update_project: Provided[UpdateProject],
    ) -> ProjectResponse:
        """Change a project (its creator, its course's instructor or an admin; others 403)."""
        return convert(
            await update_project.execute(principal, project_id, data.changes()), ProjectResponse
        )

    @delete(
        "/{project_id:uuid}",
        guards=INSTRUCTORS,
        security=BEARER_SECURITY,
        status_code=HTTP_204_NO_CONTENT,
        responses=error_responses(404),
    )
    async def delete_project(
        self,
        project_id: ProjectId,
        principal: NamedDependency[Principal],
        delete_project: Provided[DeleteProject],
    ) -> None:
        """Delete a project (its creator, its course's instructor or an admin; others 403)."""
        await delete_project.execute(principal, project_id)
