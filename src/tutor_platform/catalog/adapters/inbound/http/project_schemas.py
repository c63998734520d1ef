"""Request and response bodies of the projects API."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

from tutor_platform.catalog.adapters.inbound.http.catalog_schemas import Content, Title
from tutor_platform.catalog.application.create_project import NewProject
from tutor_platform.catalog.application.update_project import ProjectChanges
from tutor_platform.catalog.domain.project import (
    MAX_SUMMARY_LENGTH,
    MAX_TECH_LENGTH,
    MAX_TECH_STACK_ITEMS,
)
from tutor_platform.shared.http.paging import PageResponse, named
from tutor_platform.shared.http.requests import StrictRequest, given

Summary = Annotated[str, msgspec.Meta(max_length=MAX_SUMMARY_LENGTH)]
TechStack = Annotated[
    list[Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_TECH_LENGTH)]],
    msgspec.Meta(
        max_length=MAX_TECH_STACK_ITEMS,
        description="At most 30 items of 1-50 characters, trimmed.",
        examples=[["Python", "Litestar", "PostgreSQL"]],
    ),
]
CourseLink = Annotated[
    UUID | None, msgspec.Meta(description="A course you can see; null: not attached.")
]


class ProjectCreate(StrictRequest):
    title: Title
    course_id: CourseLink = None
    summary: Summary = ""
    tech_stack: TechStack = msgspec.field(default_factory=list)
    content: Content = ""
    thumbnail_file_id: UUID | None = None
    is_published: bool = False

    def command(self) -> NewProject:
        return NewProject(
            title=self.title,
            course_id=self.course_id,
            summary=self.summary,
            tech_stack=self.tech_stack,
            content=self.content,
            thumbnail_file_id=self.thumbnail_file_id,
            is_published=self.is_published,
        )


class ProjectPatch(StrictRequest):
    title: Title | msgspec.UnsetType = msgspec.UNSET
    course_id: Annotated[
        UUID | msgspec.UnsetType | None,
        msgspec.Meta(description="A course you can see; null detaches the project."),
    ] = msgspec.UNSET
    summary: Summary | msgspec.UnsetType = msgspec.UNSET
    tech_stack: TechStack | msgspec.UnsetType = msgspec.UNSET
    content: Content | msgspec.UnsetType = msgspec.UNSET
    thumbnail_file_id: Annotated[
        UUID | msgspec.UnsetType | None, msgspec.Meta(description="null removes the thumbnail.")
    ] = msgspec.UNSET
    is_published: bool | msgspec.UnsetType = msgspec.UNSET

    def changes(self) -> ProjectChanges:
        return ProjectChanges(
            title=given(self.title),
            summary=given(self.summary),
            tech_stack=given(self.tech_stack),
            content=given(self.content),
            course_id=given(self.course_id),
            detach=self.course_id is None,
            thumbnail_file_id=given(self.thumbnail_file_id),
            remove_thumbnail=self.thumbnail_file_id is None,
            is_published=given(self.is_published),
        )


class ProjectSummaryResponse(msgspec.Struct, kw_only=True):
    """A project without its content, as listed."""

    id: UUID
    course_id: UUID | None
    title: str
    summary: str
    tech_stack: list[str]
    thumbnail_file_id: UUID | None
    is_published: bool
    created_by: UUID
    created_at: datetime
    updated_at: datetime


class ProjectResponse(ProjectSummaryResponse, kw_only=True):
    content: Annotated[str, msgspec.Meta(description="Markdown.")]


ProjectListResponse = Annotated[PageResponse[ProjectSummaryResponse], named("ProjectListResponse")]
