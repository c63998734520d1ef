"""Who may ask for and read lesson summaries and drafts.

The learning context decides whether the caller sees a lesson's course and whether they may
edit it (``LessonAccess``); these rules add what media needs on top:

- Summaries are read by whoever may read the lesson: a premium lesson's summaries need a
  premium plan, unless the caller edits the course (403 ``PREMIUM_REQUIRED``).
- A summary may be requested by the course's instructor or an admin, or by a premium user
  who may read the lesson; a free user gets 403 ``PREMIUM_REQUIRED``.
- Drafts (generating, listing, applying) belong to the course's instructor and admins; anyone
  else gets 403 ``FORBIDDEN``, even for a course hidden from them (writes never hide behind
  404, as in the learning context).
- A lesson of a course the caller may not see is 404 for summaries.
"""

from dataclasses import dataclass
from uuid import UUID

from tutor_platform.media.domain.lesson_errors import LessonNotFound, NotCourseEditor
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import PremiumRequired


@dataclass(frozen=True, slots=True)
class LessonAccess:
    """A lesson as one caller stands to it."""

    lesson_id: UUID
    course_id: UUID
    is_premium: bool
    visible: bool
    """The caller may see the lesson's course (published, or theirs, or they are an admin)."""
    editable: bool
    """The caller is the course's instructor or an admin."""


def _is_premium(principal: Principal | None) -> bool:
    return principal is not None and principal.is_premium


def ensure_can_read_summaries(principal: Principal | None, access: LessonAccess) -> None:
    if not access.visible:
        raise LessonNotFound()
    if access.is_premium and not access.editable and not _is_premium(principal):
        raise PremiumRequired("This lesson is for premium members.")


def ensure_can_request_summary(principal: Principal, access: LessonAccess) -> None:
    if not access.visible:
        raise LessonNotFound()
    if not access.editable and not principal.is_premium:
        raise PremiumRequired(
            "Lesson summaries are for premium members, the course's instructor and administrators."
        )


def ensure_can_author(access: LessonAccess) -> None:
    if not access.editable:
        raise NotCourseEditor()
