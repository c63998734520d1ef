"""One import of a version of a Drive file, as a file or as a lesson draft."""

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Final, Literal
from uuid import UUID

AS_FILE: Final = "file"
AS_LESSON: Final = "lesson"
ImportKind = Literal["file", "lesson"]
IMPORT_KINDS: Final = (AS_FILE, AS_LESSON)


def import_target(kind: str, section_id: UUID | None) -> str:
    """What an import makes: ``file``, or ``lesson:<section id>``."""
    return AS_FILE if kind == AS_FILE else f"{AS_LESSON}:{section_id}"


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
    kind: str
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
