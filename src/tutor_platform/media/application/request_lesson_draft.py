"""Ask the AI model for a new draft of a lesson: a job writes it and keeps it for review."""

from uuid import UUID

from tutor_platform.media.application.support.lesson_jobs import GENERATE_LESSON_DRAFT, DraftJob
from tutor_platform.media.application.support.lesson_lookup import lesson_access
from tutor_platform.media.domain.lesson_access import ensure_can_author
from tutor_platform.media.domain.lesson_media import MAX_INSTRUCTIONS_LENGTH
from tutor_platform.media.ports.lesson_catalog import LessonCatalog
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import FieldError, ValidationFailed
from tutor_platform.shared.jobs.ports import JobQueue


class RequestLessonDraft:
    """For the course's instructor and admins. Blank instructions count as none."""

    def __init__(self, catalog: LessonCatalog, jobs: JobQueue) -> None:
        self._catalog = catalog
        self._jobs = jobs

    async def execute(
        self, principal: Principal, lesson_id: UUID, instructions: str | None
    ) -> UUID:
        """The id of the job that writes the draft."""
        text = (instructions or "").strip() or None
        if text is not None and len(text) > MAX_INSTRUCTIONS_LENGTH:
            message = f"must be at most {MAX_INSTRUCTIONS_LENGTH} characters"
            raise ValidationFailed(errors=[FieldError("instructions", message)])
        access = await lesson_access(self._catalog, principal, lesson_id)
        ensure_can_author(access)
        payload = DraftJob.payload(lesson_id, text, principal.user_id)
        record = await self._jobs.enqueue(
            GENERATE_LESSON_DRAFT, payload, owner_id=principal.user_id
        )
        return record.id
