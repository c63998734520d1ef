"""The draft job: the AI model rewrites a lesson within its course outline; the result is
stored for review, never applied by itself.

Safe to run twice: a job whose draft exists returns it without calling the model again.
"""

from tutor_platform.media.application.support.lesson_jobs import DraftJob
from tutor_platform.media.application.support.lesson_lookup import lesson_material
from tutor_platform.media.domain.lesson_errors import EmptyDraft
from tutor_platform.media.domain.lesson_material import lesson_passages
from tutor_platform.media.domain.lesson_media import MAX_DRAFT_LENGTH, LessonDraft
from tutor_platform.media.domain.lesson_prompts import draft_instruction, draft_system_prompt
from tutor_platform.media.ports.authoring import ProgressReporter, TextWriter, WritingRequest
from tutor_platform.media.ports.lesson_catalog import LessonCatalog
from tutor_platform.media.ports.lesson_media_repositories import DuplicateJobResult
from tutor_platform.media.ports.unit_of_work import LessonMediaUnitOfWorkFactory
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.ids import new_id

WRITTEN = 0.9


class GenerateLessonDraft:
    def __init__(
        self,
        uow_factory: LessonMediaUnitOfWorkFactory,
        catalog: LessonCatalog,
        writer: TextWriter,
        clock: Clock,
    ) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog
        self._writer = writer
        self._clock = clock

    async def execute(self, job: DraftJob, progress: ProgressReporter) -> LessonDraft:
        async with self._uow_factory() as uow:
            existing = await uow.drafts.by_job(job.job_id)
        if existing is not None:
            return existing
        material = await lesson_material(self._catalog, job.lesson_id)
        written = await self._writer.write(
            WritingRequest(
                instruction=draft_instruction(material, job.instructions),
                system_prompt=draft_system_prompt(material),
                material=lesson_passages(material),
                task="draft",
                instructions=job.instructions,
                course_id=material.course_id,
            )
        )
        content = written.content.strip()[:MAX_DRAFT_LENGTH]
        if not content:
            raise EmptyDraft()
        await progress(WRITTEN)
        draft = LessonDraft(
            id=new_id(),
            lesson_id=material.lesson_id,
            course_id=material.course_id,
            job_id=job.job_id,
            content=content,
            instructions=job.instructions,
            model_id=written.model_id,
            provider=written.provider,
            created_by=job.requested_by,
            created_at=self._clock.now(),
        )
        try:
            async with self._uow_factory() as uow:
                await uow.drafts.add(draft)
                await uow.commit()
        except DuplicateJobResult:
            async with self._uow_factory() as uow:
                winner = await uow.drafts.by_job(job.job_id)
            if winner is None:
                raise
            return winner
        return draft
