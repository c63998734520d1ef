"""Google Drive files as the platform sees them: what may be imported, and how."""

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from tutor_platform.integrations.domain.errors import DriveFileNotImportable

GOOGLE_APPS = "application/vnd.google-apps."
FOLDER: Final = "application/vnd.google-apps.folder"
GOOGLE_DOC: Final = "application/vnd.google-apps.document"
GOOGLE_SHEET: Final = "application/vnd.google-apps.spreadsheet"
GOOGLE_SLIDES: Final = "application/vnd.google-apps.presentation"
MARKDOWN: Final = "text/markdown"
EXPORT_LIMIT_BYTES: Final = 10 * 1024 * 1024
"""Google exports at most 10 MB (403 ``exportSizeLimitExceeded`` beyond)."""

EXPORTS: Final = {
    GOOGLE_DOC: ("application/pdf", ".pdf"),
    GOOGLE_SHEET: ("text/csv", ".csv.txt"),
    GOOGLE_SLIDES: ("application/pdf", ".pdf"),
}
"""What each Google type is exported as when imported as a file, and the name's suffix (a
Sheet's CSV is stored as plain text: media keeps text only under a text file name)."""

_FILE_ID = re.compile(r"^[A-Za-z0-9_-]{1,128}$")
FILE_ID_RULE = "must be a Google Drive file id: 1 to 128 letters, digits, '-' or '_'"


def file_id_problem(file_id: str) -> str | None:
    return None if _FILE_ID.match(file_id) else FILE_ID_RULE


@dataclass(frozen=True, slots=True)
class DriveFile:
    """A file's metadata from Drive; ``size`` is None for Google Docs, Sheets and Slides,
    ``version`` increases with every change of the file."""

    id: str
    name: str
    mime_type: str
    modified_time: datetime
    size: int | None = None
    version: str | None = None
    trashed: bool = False

    @property
    def is_google_type(self) -> bool:
        return self.mime_type.startswith(GOOGLE_APPS)

    @property
    def version_key(self) -> str:
        """What identifies this version of the file (its version, else its modified time)."""
        return self.version or self.modified_time.isoformat()

    def importable(self, allowed_types: frozenset[str], max_bytes: int) -> bool:
        """Whether it may be imported as a file (the bytes decide in the end)."""
        if self.mime_type in EXPORTS:
            return True
        if self.is_google_type or self.mime_type not in allowed_types:
            return False
        return self.size is None or self.size <= max_bytes


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """How to fetch the bytes: the file itself, or an export to ``export_type``."""

    filename: str
    export_type: str | None


def plan_file_import(file: DriveFile) -> ImportPlan:
    """Google types are exported (Docs and Slides as PDF, Sheets as CSV); other Google types
    (Forms, Drawings, folders, shortcuts) are ``DriveFileNotImportable``."""
    if file.mime_type in EXPORTS:
        export_type, suffix = EXPORTS[file.mime_type]
        name = file.name if file.name.lower().endswith(suffix) else file.name + suffix
        return ImportPlan(name, export_type)
    if file.is_google_type:
        raise DriveFileNotImportable()
    return ImportPlan(file.name, None)


def plan_lesson_import(file: DriveFile) -> ImportPlan:
    """Only a Google Doc becomes a lesson (its Markdown export)."""
    if file.mime_type != GOOGLE_DOC:
        raise DriveFileNotImportable("Only a Google Doc can be imported as a lesson.")
    return ImportPlan(file.name, MARKDOWN)
