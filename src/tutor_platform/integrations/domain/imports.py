"""One import of a version of a Drive file, as a file or as a lesson draft."""

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Final
from uuid import UUID


class ImportKind(StrEnum):
    """What an import makes of a Drive file: a file of media, or a lesson draft."""

    AS_FILE = "file"
    AS_LESSON = "lesson"


IMPORT_KINDS: Final = tuple(ImportKind)


def import_target(kind: str, section_id: UUID | None) -> str:
    """What an import makes: ``file``, or ``lesson:<section id>``."""
    return (
        ImportKind.AS_FILE if kind == ImportKind.AS_FILE else f"{ImportKind.AS_LESSON}:{section_id}"
    )


@dataclass(frozen=True, slots=True)
class DriveImport:
    """The source (file id, version, modified time) is kept with the result, so that the same
    version imported again answers with the same result instead of a copy."""

    id: UUID
    user_id: UUID
    drive_file_id: str
    version: str
    modified_time: datetime
    name: str
    mime_type: str
    kind: ImportKind
    section_id: UUID | None
    job_id: UUID | None
    created_at: datetime
    attempts: int = 0
    file_id: UUID | None = None
    lesson_id: UUID | None = None

    @property
    def target(self) -> str:
        return import_target(self.kind, self.section_id)

    @property
    def done(self) -> bool:
        return self.file_id is not None or self.lesson_id is not None

    def for_job(self, job_id: UUID, attempt: int) -> "DriveImport":
        """Run by the job ``job_id`` (the ``attempt``-th job asked for this import)."""
        return replace(self, job_id=job_id, attempts=attempt)

    def with_file(self, file_id: UUID) -> "DriveImport":
        return replace(self, file_id=file_id)

    def with_lesson(self, lesson_id: UUID) -> "DriveImport":
        return replace(self, lesson_id=lesson_id)
