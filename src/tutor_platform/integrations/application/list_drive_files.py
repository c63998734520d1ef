"""The caller's Drive files (no folders, nothing trashed), a page at a time."""

from dataclasses import dataclass
from datetime import datetime

from tutor_platform.integrations.application.support.drive_session import DriveSession
from tutor_platform.integrations.ports.google import DriveApi, FilePage
from tutor_platform.integrations.ports.platform import UploadRules
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import FieldError, ValidationFailed

MAX_QUERY_LENGTH = 200
MAX_PAGE_TOKEN_LENGTH = 2048
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


@dataclass(frozen=True, slots=True)
class DriveFileView:
    id: str
    name: str
    mime_type: str
    size: int | None
    modified_time: datetime
    importable: bool


@dataclass(frozen=True, slots=True)
class DriveFilesView:
    items: list[DriveFileView]
    next_page_token: str | None


def _check(q: str | None, page_token: str | None, page_size: int) -> None:
    errors = []
    if q is not None and len(q) > MAX_QUERY_LENGTH:
        errors.append(FieldError("q", f"must be at most {MAX_QUERY_LENGTH} characters"))
    if page_token is not None and not 1 <= len(page_token) <= MAX_PAGE_TOKEN_LENGTH:
        errors.append(FieldError("page_token", f"must be 1 to {MAX_PAGE_TOKEN_LENGTH} characters"))
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        errors.append(FieldError("page_size", f"must be between 1 and {MAX_PAGE_SIZE}"))
    if errors:
        raise ValidationFailed(errors=errors)


class ListDriveFiles:
    """``q`` searches names; an expired token is refreshed first (409 when Google refuses)."""

    def __init__(self, session: DriveSession, api: DriveApi, rules: UploadRules) -> None:
        self._session = session
        self._api = api
        self._rules = rules

    async def execute(
        self,
        principal: Principal,
        q: str | None = None,
        page_token: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> DriveFilesView:
        q = (q or "").strip() or None
        _check(q, page_token, page_size)

        async def page(token: str) -> FilePage:
            return await self._api.list_files(token, q, page_token, page_size)

        found = await self._session.run(principal.user_id, page)
        rules = self._rules
        return DriveFilesView(
            items=[
                DriveFileView(
                    id=file.id,
                    name=file.name,
                    mime_type=file.mime_type,
                    size=file.size,
                    modified_time=file.modified_time,
                    importable=file.importable(rules.allowed_types, rules.max_bytes),
                )
                for file in found.files
            ],
            next_page_token=found.next_page_token,
        )
