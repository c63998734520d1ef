"""Request and response bodies of the Google Drive routes."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

from tutor_platform.integrations.domain.imports import ImportKind
from tutor_platform.shared.http.requests import StrictRequest


class AuthorizationUrl(msgspec.Struct):
    authorization_url: Annotated[
        str, msgspec.Meta(description="Send the user here to grant access (valid 10 minutes).")
    ]


class DriveConnectionResponse(msgspec.Struct):
    connected: bool
    scope: str | None
    connected_at: datetime | None
    email: str | None = None


class DriveFileResponse(msgspec.Struct):
    id: str
    name: str
    mime_type: str
    size: int | None
    modified_time: datetime
    importable: Annotated[
        bool, msgspec.Meta(description="Whether `POST .../import` with `as: file` may take it.")
    ]


class DriveFilesResponse(msgspec.Struct):
    items: list[DriveFileResponse]
    next_page_token: str | None


class DriveImportRequest(StrictRequest):
    as_: Annotated[
        ImportKind,
        msgspec.Meta(
            description=(
                "file: copy into your files (Docs and Slides as PDF, Sheets as CSV); lesson: a "
                "Google Doc as a lesson draft in `section_id` (instructors)."
            )
        ),
    ] = msgspec.field(name="as")
    section_id: UUID | None = None


class DriveImportAccepted(msgspec.Struct):
    """The import runs as a job: follow it with ``GET /jobs/{job_id}``."""

    job_id: UUID
