"""Course material and instructions for the AI wording of the premium features."""

from collections.abc import Iterable, Sequence
from typing import Final
from uuid import UUID

from tutor_platform.assessment.domain.authoring import fail
from tutor_platform.assessment.ports.ai import Passage
from tutor_platform.assessment.ports.courses import CourseCatalog, CourseFacts
from tutor_platform.shared.auth import Principal

MAX_PASSAGE_CHARACTERS: Final = 4000


def excerpt(text: str, limit: int = MAX_PASSAGE_CHARACTERS) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "\u2026"


async def lesson_passages(catalog: CourseCatalog, lesson_ids: Iterable[UUID]) -> list[Passage]:
    """The lessons' texts (each cut to ``MAX_PASSAGE_CHARACTERS``), unknown ones left out."""
    passages = []
    for lesson_id in lesson_ids:
        lesson = await catalog.lesson(lesson_id)
        if lesson is not None:
            passages.append(Passage(lesson.title, excerpt(lesson.content), lesson.id))
    return passages


def numbered(lines: Sequence[str]) -> str:
    return " ".join(f"{number}. {line}" for number, line in enumerate(lines, start=1))


async def visible_course(
    catalog: CourseCatalog, principal: Principal, course_id: UUID, field: str = "course_id"
) -> CourseFacts:
    """The course named in a request body, or 422 on ``field`` when it is unknown or hidden
    from the caller."""
    course = await catalog.course(course_id)
    if course is None or not await catalog.can_view(principal, course_id):
        raise fail(field, "must be an existing course you can see")
    return course
