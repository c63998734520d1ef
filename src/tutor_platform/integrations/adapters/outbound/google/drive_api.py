"""Drive v3 over plain REST (httpx2): ``files.list`` with ``q``, ``pageToken`` and ``fields``,
``files.get``, ``alt=media`` downloads and exports, streamed. Errors come in Drive's envelope
``{"error": {"code", "message", "errors": [{"reason", ...}]}}`` and are mapped by their
status and reason."""

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import httpx2

from tutor_platform.integrations.domain.drive import FOLDER, DriveFile
from tutor_platform.integrations.domain.errors import (
    DriveExportTooLarge,
    DriveFailed,
    DriveFileNotFound,
    DriveFileNotImportable,
    DriveTokenRejected,
    DriveUnavailable,
)
from tutor_platform.integrations.ports.google import FilePage

FILE_FIELDS = "id,name,mimeType,modifiedTime,size,version,trashed"
LIST_FIELDS = f"nextPageToken,files({FILE_FIELDS})"


def _quoted(text: str) -> str:
    """A string literal of Drive's query language."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _file(data: dict[str, Any]) -> DriveFile:
    size = data.get("size")
    return DriveFile(
        id=str(data["id"]),
        name=str(data.get("name", "")),
        mime_type=str(data.get("mimeType", "application/octet-stream")),
        modified_time=datetime.fromisoformat(str(data["modifiedTime"]).replace("Z", "+00:00")),
        size=int(size) if size is not None else None,
        version=str(data["version"]) if data.get("version") is not None else None,
        trashed=bool(data.get("trashed", False)),
    )


def _reason(response: httpx2.Response) -> str:
    try:
        error = response.json()["error"]
        return str(error["errors"][0]["reason"])
    except (ValueError, KeyError, IndexError, TypeError):
        return ""


def _error(response: httpx2.Response) -> Exception:
    """The domain error for a Drive error response."""
    status, reason = response.status_code, _reason(response)
    if status == 401:
        return DriveTokenRejected()
    if status == 404:
        return DriveFileNotFound()
    if status == 429 or status >= 500 or reason in ("rateLimitExceeded", "userRateLimitExceeded"):
        return DriveUnavailable()
    if reason == "fileNotDownloadable" or reason == "fileNotExportable":
        return DriveFileNotImportable("Google Drive cannot download or export this file.")
    if reason == "exportSizeLimitExceeded":
        return DriveExportTooLarge()
    if reason in ("notFound", "invalid") and status == 400:
        return DriveFileNotFound()
    return DriveFailed(f"Google Drive answered {status} ({reason or 'no reason'}).")


class HttpDriveApi:
    def __init__(self, base_url: str, timeout_seconds: float = 30.0) -> None:
        self._base = base_url.rstrip("/") + "/drive/v3"
        self._http = httpx2.AsyncClient(timeout=timeout_seconds)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _get(self, token: str, path: str, params: dict[str, str]) -> Any:
        try:
            response = await self._http.get(
                self._base + path, params=params, headers={"Authorization": f"Bearer {token}"}
            )
        except httpx2.TransportError:
            raise DriveUnavailable() from None
        if response.status_code >= 400:
            raise _error(response)
        try:
            return response.json()
        except ValueError:
            raise DriveFailed("Google Drive answered with a body that is not JSON.") from None

    async def list_files(
        self, access_token: str, name_contains: str | None, page_token: str | None, page_size: int
    ) -> FilePage:
        query = f"trashed = false and mimeType != {_quoted(FOLDER)}"
        if name_contains:
            query += f" and name contains {_quoted(name_contains)}"
        params = {
            "q": query,
            "pageSize": str(page_size),
            "fields": LIST_FIELDS,
            "orderBy": "modifiedTime desc",
        }
        if page_token:
            params["pageToken"] = page_token
        data = await self._get(access_token, "/files", params)
        files = [_file(item) for item in data.get("files", [])]
        return FilePage(
            [f for f in files if f.mime_type != FOLDER and not f.trashed],
            data.get("nextPageToken") or None,
        )

    async def get_file(self, access_token: str, file_id: str) -> DriveFile:
        data = await self._get(access_token, f"/files/{file_id}", {"fields": FILE_FIELDS})
        file = _file(data)
        if file.mime_type == FOLDER:
            raise DriveFileNotFound()
        return file

    async def content(
        self, access_token: str, file_id: str, export_type: str | None
    ) -> AsyncIterator[bytes]:
        if export_type is None:
            url, params = f"{self._base}/files/{file_id}", {"alt": "media"}
        else:
            url, params = f"{self._base}/files/{file_id}/export", {"mimeType": export_type}
        headers = {"Authorization": f"Bearer {access_token}"}
        try:
            async with self._http.stream("GET", url, params=params, headers=headers) as response:
                if response.status_code >= 400:
                    await response.aread()
                    raise _error(response)
                async for chunk in response.aiter_bytes():
                    yield chunk
        except httpx2.TransportError:
            raise DriveUnavailable() from None

    async def user_email(self, access_token: str) -> str | None:
        data = await self._get(access_token, "/about", {"fields": "user(emailAddress)"})
        email = data.get("user", {}).get("emailAddress")
        return str(email) if email else None
