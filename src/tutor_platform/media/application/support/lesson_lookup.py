"""Finding a lesson for a use case: how the caller stands to it, or its material."""

from uuid import UUID

from tutor_platform.media.domain.lesson_access import LessonAccess
from tutor_platform.media.domain.lesson_errors import LessonNotFound
from tutor_platform.media.domain.lesson_material import LessonMaterial
from tutor_platform.media.ports.lesson_catalog import LessonCatalog
from tutor_platform.shared.auth import Principal


async def lesson_access(
    catalog: LessonCatalog, principal: Principal | None, lesson_id: UUID
) -> LessonAccess:
    """``LessonNotFound`` when no such lesson exists."""
    access = await catalog.access(principal, lesson_id)
    if access is None:
        raise LessonNotFound()
    return access


async def lesson_material(catalog: LessonCatalog, lesson_id: UUID) -> LessonMaterial:
    """``LessonNotFound`` when the lesson is gone (e.g. deleted after the job was queued)."""
    material = await catalog.material(lesson_id)
    if material is None:
        raise LessonNotFound()
    return material
