"""Rename a file or change its visibility (its owner or an admin)."""

from dataclasses import dataclass
from uuid import UUID

from tutor_platform.media.application.support.lookup import managed_file
from tutor_platform.media.application.support.views import FileInfo
from tutor_platform.media.domain.file import Visibility, visibility_problem
from tutor_platform.media.domain.filenames import filename_problem, normalize_filename
from tutor_platform.media.ports.unit_of_work import MediaUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.errors import FieldError, ValidationFailed


@dataclass(frozen=True, slots=True)
class FileChanges:
    """``None`` leaves a field as it is."""

    filename: str | None = None
    visibility: Visibility | None = None


class UpdateFile:
    def __init__(self, uow_factory: MediaUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, principal: Principal, file_id: UUID, changes: FileChanges) -> FileInfo:
        filename = None if changes.filename is None else normalize_filename(changes.filename)
        errors = []
        if filename is not None and (problem := filename_problem(filename)) is not None:
            errors.append(FieldError("filename", problem))
        if (
            changes.visibility is not None
            and (problem := visibility_problem(changes.visibility)) is not None
        ):
            errors.append(FieldError("visibility", problem))
        if errors:
            raise ValidationFailed(errors=errors)
        async with self._uow_factory() as uow:
            file = await managed_file(uow, file_id, principal)
            file.change(self._clock.now(), filename, changes.visibility)
            await uow.files.update(file)
            await uow.commit()
        return FileInfo.of(file)
