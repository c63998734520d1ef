"""The response of integrations' background jobs in ``GET /jobs/{id}``."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

from tutor_platform.integrations.application.import_drive_file import IMPORT_DRIVE_FILE
from tutor_platform.integrations.domain.imports import ImportKind
from tutor_platform.shared.jobs.adapters.http import JobResponse


class DriveImportJobResult(msgspec.Struct, rename={"as_": "as"}):
    """What a finished Drive import stored: a file (``file_id``) or a lesson (``lesson_id``)."""

    import_id: UUID
    drive_file_id: str
    version: Annotated[str, msgspec.Meta(description="The Drive file's version imported.")]
    modified_time: datetime
    as_: ImportKind
    file_id: UUID | None = None
    lesson_id: UUID | None = None


class DriveImportJob(JobResponse, tag=IMPORT_DRIVE_FILE):
    """A Google Drive file being imported (``POST .../google-drive/files/{id}/import``)."""

    result: DriveImportJobResult | None = None
