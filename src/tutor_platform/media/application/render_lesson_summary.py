"""The summary job: a script from the AI model, speech, a video for ``video``, then the file
and its summary row stored in one transaction.

Safe to run twice: a job whose summary exists returns it without new work, and a run that
loses a race to store drops its bytes and returns the winner's summary. So a job retried
after a crash leaves exactly one file and one summary.
"""

from collections.abc import AsyncIterator

from tutor_platform.media.application.support.content_writer import ContentWriter
from tutor_platform.media.application.support.lesson_jobs import SummaryJob
from tutor_platform.media.application.support.lesson_lookup import lesson_material
from tutor_platform.media.domain.file import StoredFile, Visibility, storage_key_for
from tutor_platform.media.domain.filenames import clean_filename
from tutor_platform.media.domain.lesson_errors import NothingToNarrate
from tutor_platform.media.domain.lesson_material import LessonMaterial, lesson_passages
from tutor_platform.media.domain.lesson_media import LessonSummary, SummaryKind
from tutor_platform.media.domain.lesson_prompts import SCRIPT_SYSTEM_PROMPT, script_instruction
from tutor_platform.media.domain.narration import narration_script
from tutor_platform.media.domain.video_plan import VideoPlan
from tutor_platform.media.ports.authoring import (
    ProgressReporter,
    SpeechSynthesizer,
    TextWriter,
    VideoRenderer,
    WritingRequest,
)
from tutor_platform.media.ports.lesson_catalog import LessonCatalog
from tutor_platform.media.ports.lesson_media_repositories import DuplicateJobResult
from tutor_platform.media.ports.storage import FileStorage
from tutor_platform.media.ports.unit_of_work import LessonMediaUnitOfWorkFactory
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.prose import split_sentences

SCRIPT_MAX_TOKENS = 400
SCRIPTED, SPOKEN, RENDERED = 0.3, 0.6, 0.9


class RenderLessonSummary:
    def __init__(
        self,
        uow_factory: LessonMediaUnitOfWorkFactory,
        catalog: LessonCatalog,
        writer: TextWriter,
        speech: SpeechSynthesizer,
        video: VideoRenderer,
        content_writer: ContentWriter,
        storage: FileStorage,
        clock: Clock,
    ) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog
        self._writer = writer
        self._speech = speech
        self._video = video
        self._content_writer = content_writer
        self._storage = storage
        self._clock = clock

    async def execute(self, job: SummaryJob, progress: ProgressReporter) -> LessonSummary:
        async with self._uow_factory() as uow:
            existing = await uow.summaries.by_job(job.job_id)
        if existing is not None:
            return existing
        material = await lesson_material(self._catalog, job.lesson_id)
        script = await self._script(material)
        await progress(SCRIPTED)
        audio = await self._speech.synthesize(script)
        await progress(SPOKEN)
        if job.kind == SummaryKind.VIDEO:
            plan = VideoPlan(
                material.course_title, material.lesson_title, tuple(split_sentences(script))
            )
            video = await self._video.render(plan, audio)
            await progress(RENDERED)
            data, content_type, extension = video.data, video.content_type, ".mp4"
        else:
            data, content_type, extension = audio.data, audio.content_type, audio.extension
        filename = f"{material.lesson_title} - {job.kind} summary{extension}"
        return await self._store(job, script, filename, data, content_type)

    async def _script(self, material: LessonMaterial) -> str:
        written = await self._writer.write(
            WritingRequest(
                instruction=script_instruction(material),
                system_prompt=SCRIPT_SYSTEM_PROMPT,
                material=lesson_passages(material),
                max_output_tokens=SCRIPT_MAX_TOKENS,
                task="narration",
                course_id=material.course_id,
            )
        )
        script = narration_script(written.content)
        if not script:
            raise NothingToNarrate()
        return script

    async def _store(
        self, job: SummaryJob, script: str, filename: str, data: bytes, content_type: str
    ) -> LessonSummary:
        file_id = new_id()
        key = storage_key_for(file_id)
        written = await self._content_writer.write_generated(key, _once(data), content_type)
        now = self._clock.now()
        file = written.as_file(
            file_id, job.requested_by, clean_filename(filename), Visibility.PUBLIC, now
        )
        summary = LessonSummary(
            id=new_id(),
            lesson_id=job.lesson_id,
            kind=job.kind,
            file_id=file_id,
            job_id=job.job_id,
            script=script,
            created_by=job.requested_by,
            created_at=now,
        )
        try:
            stored = await self._record(file, summary)
        except BaseException:
            await self._storage.delete(key)
            raise
        if stored is not summary:
            await self._storage.delete(key)
        return stored

    async def _record(self, file: StoredFile, summary: LessonSummary) -> LessonSummary:
        """``summary`` once stored with its file, or the summary another run stored first."""
        try:
            async with self._uow_factory() as uow:
                existing = await uow.summaries.by_job(summary.job_id)
                if existing is not None:
                    return existing
                await uow.files.add(file)
                await uow.summaries.add(summary)
                await uow.commit()
                return summary
        except DuplicateJobResult:
            async with self._uow_factory() as uow:
                winner = await uow.summaries.by_job(summary.job_id)
            if winner is None:
                raise
            return winner


async def _once(data: bytes) -> AsyncIterator[bytes]:
    yield data
