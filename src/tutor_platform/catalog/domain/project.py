"""Portfolio projects, optionally attached to a course, and who may see and change them.

- A published project is visible to everyone. An unpublished one only to those who may change
  it; everyone else is told it does not exist (404).
- A project may be changed by its creator, by the instructor of its course and by admins;
  anyone else gets 403 FORBIDDEN (writes never hide a project behind 404, as for courses).
- A project can only be attached to a course the caller may see (else 422 on ``course_id``).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final
from uuid import UUID

from tutor_platform.catalog.domain.access import OwnedCourse, can_view_course, is_course_editor
from tutor_platform.catalog.domain.validation import (
    FieldChecks,
    clean_title,
    content_problem,
    title_problem,
)
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import FieldError, Forbidden, NotFound, ValidationFailed

MAX_SUMMARY_LENGTH: Final = 2000
MAX_TECH_STACK_ITEMS: Final = 30
MAX_TECH_LENGTH: Final = 50


class ProjectNotFound(NotFound):
    default_detail = "The project was not found."


class NotProjectEditor(Forbidden):
    default_detail = (
        "Only the project's creator, the instructor of its course or an administrator may "
        "change it."
    )


@dataclass(slots=True)
class Project:
    """A portfolio project; ``content`` is Markdown, ``created_by`` the user who made it."""

    id: UUID
    title: str
    created_by: UUID
    created_at: datetime
    updated_at: datetime
    course_id: UUID | None = None
    summary: str = ""
    tech_stack: list[str] = field(default_factory=list)
    content: str = ""
    thumbnail_file_id: UUID | None = None
    is_published: bool = False

    def apply(self, fields: "ProjectFields") -> None:
        """Take the given text fields (already cleaned), leaving the others as they are."""
        self.title = self.title if fields.title is None else fields.title
        self.summary = self.summary if fields.summary is None else fields.summary
        self.tech_stack = self.tech_stack if fields.tech_stack is None else list(fields.tech_stack)
        self.content = self.content if fields.content is None else fields.content


@dataclass(frozen=True, slots=True)
class CourseRef:
    """What the project rules need to know of a course."""

    id: UUID
    instructor_id: UUID
    is_published: bool


@dataclass(frozen=True, slots=True)
class ProjectFields:
    """Text fields of a project as given by a client; ``None`` leaves a field as it is."""

    title: str | None = None
    summary: str | None = None
    tech_stack: Sequence[str] | None = None
    content: str | None = None


def can_edit_project(
    principal: Principal | None, project: Project, course: OwnedCourse | None
) -> bool:
    """The creator, the instructor of the project's course, or an admin."""
    if principal is None:
        return False
    if principal.is_admin or principal.user_id == project.created_by:
        return True
    return course is not None and is_course_editor(principal, course)


def can_view_project(
    principal: Principal | None, project: Project, course: OwnedCourse | None
) -> bool:
    return project.is_published or can_edit_project(principal, project, course)


def ensure_can_view_project(
    principal: Principal | None, project: Project, course: OwnedCourse | None
) -> None:
    if not can_view_project(principal, project, course):
        raise ProjectNotFound()


def ensure_can_edit_project(
    principal: Principal, project: Project, course: OwnedCourse | None
) -> None:
    if not can_edit_project(principal, project, course):
        raise NotProjectEditor()


def ensure_can_attach(principal: Principal, course: CourseRef | None) -> None:
    """422 on ``course_id`` unless the course exists and the caller may see it."""
    if course is None or not can_view_course(principal, course):
        raise ValidationFailed(
            errors=[FieldError("course_id", "must be an existing course you can see")]
        )


def cleaned_fields(fields: ProjectFields) -> ProjectFields:
    """The fields trimmed (title, tech stack items) and checked; 422 naming every bad one."""
    title = None if fields.title is None else clean_title(fields.title)
    tech_stack = None if fields.tech_stack is None else [t.strip() for t in fields.tech_stack]
    checks = FieldChecks()
    if title is not None:
        checks.check("title", title_problem(title))
    if fields.summary is not None and len(fields.summary) > MAX_SUMMARY_LENGTH:
        checks.check("summary", f"must be at most {MAX_SUMMARY_LENGTH} characters")
    if tech_stack is not None:
        checks.check("tech_stack", tech_stack_problem(tech_stack))
    if fields.content is not None:
        checks.check("content", content_problem(fields.content))
    checks.raise_if_failed()
    return ProjectFields(title, fields.summary, tech_stack, fields.content)


def tech_stack_problem(items: Sequence[str]) -> str | None:
    """For trimmed items: at most 30, each 1 to 50 printable characters."""
    if len(items) > MAX_TECH_STACK_ITEMS:
        return f"must have at most {MAX_TECH_STACK_ITEMS} items"
    if any(not 1 <= len(item) <= MAX_TECH_LENGTH or not item.isprintable() for item in items):
        return f"items must be 1 to {MAX_TECH_LENGTH} printable characters"
    return None
