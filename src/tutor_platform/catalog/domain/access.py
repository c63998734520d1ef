"""Who may see and who may change a course (and so its sections, lessons and projects).

One policy for the whole catalog (progress applies it too, through catalog.api):

- A published course is visible to everyone, anonymous callers included. An unpublished one
  only to its instructor and to admins; everyone else is told it does not exist (404).
- Only the course's instructor or an admin may change it; anyone else gets 403 FORBIDDEN
  (writes never hide a course behind 404: the role guard already said who may write).
- A premium lesson's content is for premium users, the course's instructor and admins;
  everyone else (anonymous callers too) gets 403 PREMIUM_REQUIRED.
"""

from typing import Protocol
from uuid import UUID

from tutor_platform.catalog.domain.errors import CourseNotFound, NotCourseEditor
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import PremiumRequired


class OwnedCourse(Protocol):
    """What the policy needs to know of a course (a ``Course`` or the facade's ``CourseInfo``)."""

    @property
    def instructor_id(self) -> UUID: ...

    @property
    def is_published(self) -> bool: ...


class PremiumContent(Protocol):
    @property
    def is_premium(self) -> bool: ...


def is_course_editor(principal: Principal | None, course: OwnedCourse) -> bool:
    """The course's own instructor or an admin."""
    return principal is not None and (
        principal.is_admin or principal.user_id == course.instructor_id
    )


def can_view_course(principal: Principal | None, course: OwnedCourse) -> bool:
    """Published courses are public; unpublished ones belong to their instructor and admins."""
    return course.is_published or is_course_editor(principal, course)


def ensure_can_view_course(principal: Principal | None, course: OwnedCourse) -> None:
    """``CourseNotFound`` (404) when the caller may not see the course."""
    if not can_view_course(principal, course):
        raise CourseNotFound()


def ensure_can_edit_course(principal: Principal, course: OwnedCourse) -> None:
    """``NotCourseEditor`` (403) unless the caller is the course's instructor or an admin."""
    if not is_course_editor(principal, course):
        raise NotCourseEditor()


def can_read_lesson_content(
    principal: Principal | None, course: OwnedCourse, lesson: PremiumContent
) -> bool:
    """Free lessons: whoever sees the course. Premium ones: premium users and editors."""
    if not lesson.is_premium or is_course_editor(principal, course):
        return True
    return principal is not None and principal.is_premium


def ensure_can_read_lesson_content(
    principal: Principal | None, course: OwnedCourse, lesson: PremiumContent
) -> None:
    """404 when the course is hidden from the caller, else 403 PREMIUM_REQUIRED when the
    lesson is premium and the caller has no right to its content."""
    ensure_can_view_course(principal, course)
    if not can_read_lesson_content(principal, course, lesson):
        raise PremiumRequired("This lesson is for premium members.")
