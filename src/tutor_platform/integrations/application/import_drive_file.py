"""Import a version of a Drive file: requested over HTTP (a job is started), run by the job.

A file is copied into media storage under the upload rules (Google Docs and Slides exported as
PDF, Sheets as CSV); a Google Doc imported as a lesson becomes a lesson draft (its Markdown
export) in a section of the instructor's unpublished course. The same version of the same file
imported the same way answers with the same job (and so the same result) instead of a copy; a
failed import may be requested again.
"""

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Final
from uuid import UUID

from tutor_platform.integrations.application.support.drive_session import DriveSession
from tutor_platform.integrations.domain.drive import (
    EXPORT_LIMIT_BYTES,
    DriveFile,
    file_id_problem,
    plan_file_import,
    plan_lesson_import,
)
from tutor_platform.integrations.domain.errors import (
    DriveExportTooLarge,
    DriveFileChanged,
    DriveFileNotFound,
)
from tutor_platform.integrations.domain.imports import IMPORT_KINDS, DriveImport, ImportKind
from tutor_platform.integrations.ports.google import DriveApi
from tutor_platform.integrations.ports.platform import (
    Accounts,
    LessonAuthoring,
    MediaFiles,
    UploadRules,
)
from tutor_platform.integrations.ports.unit_of_work import IntegrationsUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.errors import (
    FieldError,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    ValidationFailed,
)
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.jobs.ports import JobQueue, JsonObject

IMPORT_DRIVE_FILE: Final = "integrations.import_drive_file"
FAILED = "failed"
MAX_TITLE_LENGTH = 200
Progress = Callable[[float], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class ImportRequest:
    drive_file_id: str
    kind: ImportKind
    section_id: UUID | None = None


def _check(request: ImportRequest, principal: Principal) -> None:
    errors = []
    if (problem := file_id_problem(request.drive_file_id)) is not None:
        errors.append(FieldError("drive_file_id", problem))
    if request.kind not in IMPORT_KINDS:
        errors.append(FieldError("as", "must be 'file' or 'lesson'"))
    elif request.kind == ImportKind.AS_LESSON and request.section_id is None:
        errors.append(FieldError("section_id", "is required to import as a lesson"))
    elif request.kind == ImportKind.AS_FILE and request.section_id is not None:
        errors.append(FieldError("section_id", "is only for an import as a lesson"))
    if errors:
        raise ValidationFailed(errors=errors)
    if request.kind == ImportKind.AS_LESSON and not principal.is_instructor:
        raise Forbidden("Instructors and administrators only.")


def _too_large(file: DriveFile, rules: UploadRules) -> None:
    if file.size is not None and file.size > rules.max_bytes:
        raise PayloadTooLarge(
            f"The file is larger than the upload limit of {rules.max_bytes} bytes."
        )


class RequestDriveImport:
    def __init__(
        self,
        uow_factory: IntegrationsUnitOfWorkFactory,
        session: DriveSession,
        api: DriveApi,
        lessons: LessonAuthoring,
        jobs: JobQueue,
        rules: UploadRules,
        clock: Clock,
    ) -> None:
        self._uow_factory = uow_factory
        self._session = session
        self._api = api
        self._lessons = lessons
        self._jobs = jobs
        self._rules = rules
        self._clock = clock

    async def execute(self, principal: Principal, request: ImportRequest) -> UUID:
        """The id of the job that imports the file (the earlier one for the same version)."""
        _check(request, principal)
        if request.section_id is not None:
            await self._lessons.check_draft_section(principal, request.section_id)

        async def metadata(token: str) -> DriveFile:
            return await self._api.get_file(token, request.drive_file_id)

        file = await self._session.run(principal.user_id, metadata)
        if file.trashed:
            raise DriveFileNotFound()
        payload: JsonObject = {}
        if request.kind == ImportKind.AS_FILE:
            if plan_file_import(file).export_type is None and file.size is not None:
                payload["size"] = file.size
            _too_large(file, self._rules)
        else:
            plan_lesson_import(file)
        candidate = DriveImport(
            id=new_id(),
            user_id=principal.user_id,
            drive_file_id=file.id,
            version=file.version_key,
            modified_time=file.modified_time,
            name=file.name,
            mime_type=file.mime_type,
            kind=request.kind,
            section_id=request.section_id,
            job_id=None,
            created_at=self._clock.now(),
        )
        async with self._uow_factory() as uow:
            found = await uow.imports.add_or_find(candidate)
            await uow.commit()
        if found.job_id is not None and await self._still_good(found.job_id):
            return found.job_id
        attempt = found.attempts + 1
        record = await self._jobs.enqueue(
            IMPORT_DRIVE_FILE,
            {"import_id": str(found.id), **payload},
            owner_id=principal.user_id,
            key=f"{found.id}:{attempt}",
        )
        async with self._uow_factory() as uow:
            await uow.imports.save(found.for_job(record.id, attempt))
            await uow.commit()
        return record.id

    async def _still_good(self, job_id: UUID) -> bool:
        job = await self._jobs.get(job_id)
        return job is not None and job.status != FAILED


class RunDriveImport:
    """The job: safe to run twice. An import that has its result answers with it; the file or
    lesson it makes takes the import's id, so a run that died after making it and before
    recording it finds it again instead of making a copy."""

    def __init__(
        self,
        uow_factory: IntegrationsUnitOfWorkFactory,
        session: DriveSession,
        api: DriveApi,
        media: MediaFiles,
        lessons: LessonAuthoring,
        accounts: Accounts,
    ) -> None:
        self._uow_factory = uow_factory
        self._session = session
        self._api = api
        self._media = media
        self._lessons = lessons
        self._accounts = accounts

    async def execute(
        self, import_id: UUID, progress: Progress, size: int | None = None
    ) -> JsonObject:
        """``size`` is the file's size in Drive's metadata when the import was asked for (a
        file downloaded as it is): reserved at once, and a file that grew since is refused."""
        async with self._uow_factory() as uow:
            found = await uow.imports.get(import_id)
        if found is None:
            raise NotFound("The import was not found.")
        if not found.done:
            principal = await self._accounts.principal(found.user_id)
            if principal is None:
                raise Forbidden("The user who asked for the import is no longer active.")
            await progress(0.1)
            if found.kind == ImportKind.AS_LESSON:
                found = found.with_lesson(await self._lesson(principal, found))
            else:
                found = found.with_file(await self._file(found, size))
            async with self._uow_factory() as uow:
                await uow.imports.save(found)
                await uow.commit()
        return _result(found)

    async def _file(self, found: DriveImport, size: int | None) -> UUID:
        plan = plan_file_import(_as_file(found))
        size = size if plan.export_type is None else None

        async def store(token: str) -> UUID:
            chunks = self._api.content(token, found.drive_file_id, plan.export_type)
            if size is not None:
                chunks = _at_most(chunks, size)
            return await self._media.store_upload(
                found.user_id, found.id, plan.filename, chunks, size
            )

        return await self._session.run(found.user_id, store)

    async def _lesson(self, principal: Principal, found: DriveImport) -> UUID:
        assert found.section_id is not None
        plan = plan_lesson_import(_as_file(found))
        await self._lessons.check_draft_section(principal, found.section_id)

        async def export(token: str) -> bytes:
            data = bytearray()
            async for chunk in self._api.content(token, found.drive_file_id, plan.export_type):
                data += chunk
                if len(data) > EXPORT_LIMIT_BYTES:
                    raise DriveExportTooLarge()
            return bytes(data)

        markdown = (await self._session.run(found.user_id, export)).decode("utf-8", "replace")
        title = found.name.strip()[:MAX_TITLE_LENGTH] or "Imported document"
        return await self._lessons.add_lesson(
            principal, found.id, found.section_id, title, markdown
        )


async def _at_most(chunks: AsyncIterator[bytes], size: int) -> AsyncIterator[bytes]:
    """The chunks, until they exceed ``size``: then the file changed on Drive."""
    seen = 0
    async for chunk in chunks:
        seen += len(chunk)
        if seen > size:
            raise DriveFileChanged()
        yield chunk


def _as_file(found: DriveImport) -> DriveFile:
    return DriveFile(found.drive_file_id, found.name, found.mime_type, found.modified_time)


def _result(found: DriveImport) -> JsonObject:
    result: JsonObject = {
        "import_id": str(found.id),
        "drive_file_id": found.drive_file_id,
        "version": found.version,
        "modified_time": found.modified_time.isoformat(),
        "as": found.kind,
    }
    if found.file_id is not None:
        result["file_id"] = str(found.file_id)
    if found.lesson_id is not None:
        result["lesson_id"] = str(found.lesson_id)
    return result
