"""/files: upload, list, read, download (with ranges), rename, soft delete, restore, purge."""

import re
from typing import Annotated, Any
from urllib.parse import quote
from uuid import UUID

from litestar import Controller, Request, Response, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.params import (
    FromPath,
    HeaderParameter,
    JSONBody,
    QueryParameter,
)
from litestar.response import Stream
from litestar.status_codes import HTTP_204_NO_CONTENT

from tutor_platform.media.adapters.inbound.http.multipart import MultipartUpload
from tutor_platform.media.adapters.inbound.http.openapi import ContentOperation, UploadOperation
from tutor_platform.media.adapters.inbound.http.ranges import RangeNotSatisfiable, parse_range
from tutor_platform.media.adapters.inbound.http.schemas import (
    FileListResponse,
    FilePatch,
    FileResponse,
)
from tutor_platform.media.application.delete_file import DeleteFile
from tutor_platform.media.application.get_file import GetFile
from tutor_platform.media.application.list_files import FileFilter, ListFiles
from tutor_platform.media.application.open_file_content import OpenFileContent
from tutor_platform.media.application.purge_file import PurgeFile
from tutor_platform.media.application.restore_file import RestoreFile
from tutor_platform.media.application.update_file import FileChanges, UpdateFile
from tutor_platform.media.application.upload_file import UploadFile
from tutor_platform.media.domain.content_types import Kind
from tutor_platform.media.domain.filenames import MAX_QUERY_LENGTH
from tutor_platform.media.domain.quota import UploadPolicy
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY, require_admin
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.errors import error_response
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.paging import Limit, Offset, PageResponse
from tutor_platform.shared.http.requests import given
from tutor_platform.shared.http.responses import convert
from tutor_platform.shared.pagination import DEFAULT_LIMIT, PageRequest

OPTIONAL_BEARER: list[dict[str, list[str]]] = [{}, *BEARER_SECURITY]
SKIP_COMPRESSION = "skip_compression"
"""Route option read by the compression middleware: ranges and media are sent as they are."""
Query = Annotated[
    str | None,
    QueryParameter(
        max_length=MAX_QUERY_LENGTH,
        pattern=r"^[^\x00-\x1f\x7f]*$",
        description="Part of the file name (any case).",
    ),
]
_UNSAFE_IN_QUOTES = re.compile(r'[^\x20-\x7e]|["\\]')


class FilesController(Controller):
    path = "/files"

    @post(
        "/",
        security=BEARER_SECURITY,
        request_max_body_size=None,
        operation_class=UploadOperation,
        responses=error_responses(400, 401, 413, 415, 422, 502),
    )
    async def upload_file(
        self,
        request: Request[Any, Any, Any],
        principal: NamedDependency[Principal],
        upload_file: Provided[UploadFile],
        upload_policy: Provided[UploadPolicy],
    ) -> FileResponse:
        """Upload a file (multipart field ``file``; optional ``visibility``, default private).

        The type is detected from the bytes. 413 over the upload cap or the storage quota
        (deleted files count until deleted permanently), 415 for a type not accepted.
        """
        form = MultipartUpload(
            request.stream(),
            request.headers.get("content-type", ""),
            _content_length(request),
            upload_policy.max_bytes,
        )
        await form.start()
        return convert(await upload_file.execute(principal.user_id, form), FileResponse)

    @get("/", security=BEARER_SECURITY, responses=error_responses(401, 422))
    async def list_files(
        self,
        principal: NamedDependency[Principal],
        list_files: Provided[ListFiles],
        kind: Annotated[Kind | None, QueryParameter()] = None,
        deleted: Annotated[
            bool, QueryParameter(description="true: the soft-deleted files instead of the live.")
        ] = False,
        q: Query = None,
        owner_id: Annotated[
            UUID | None, QueryParameter(description="Administrators: one owner's files.")
        ] = None,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> FileListResponse:
        """The caller's files (administrators: everyone's), newest first."""
        page = await list_files.execute(
            principal, FileFilter(kind, deleted, q, owner_id), PageRequest(limit, offset)
        )
        return PageResponse.of(page, FileResponse)

    @get("/{file_id:uuid}", security=OPTIONAL_BEARER, responses=error_responses(401, 404))
    async def get_file(
        self,
        file_id: FromPath[UUID],
        optional_principal: NamedDependency[Principal | None],
        get_file: Provided[GetFile],
    ) -> FileResponse:
        """A file's metadata: its owner and administrators (also while deleted); anyone, even
        without a token, for a public file that is not deleted."""
        return convert(await get_file.execute(optional_principal, file_id), FileResponse)

    @get(
        "/{file_id:uuid}/content",
        security=OPTIONAL_BEARER,
        opt={SKIP_COMPRESSION: True},
        operation_class=ContentOperation,
        responses=error_responses(401, 404, 416, 502),
    )
    async def download_file(
        self,
        file_id: FromPath[UUID],
        optional_principal: NamedDependency[Principal | None],
        open_file_content: Provided[OpenFileContent],
        download: Annotated[
            bool, QueryParameter(description="true: Content-Disposition attachment.")
        ] = False,
        range_: Annotated[
            str | None,
            HeaderParameter(name="Range", description="One byte range, e.g. bytes=0-1023."),
        ] = None,
        if_range: Annotated[
            str | None,
            HeaderParameter(name="If-Range", description="Serve the range only for this ETag."),
        ] = None,
        if_none_match: Annotated[
            str | None, HeaderParameter(name="If-None-Match", description="304 for these ETags.")
        ] = None,
    ) -> Response[Any]:
        """The file's bytes (owner, administrators, or anyone for a public file; 404 while
        deleted). One ``Range`` gives 206; ``If-None-Match`` with the ETag gives 304;
        text is sent as UTF-8."""
        content = await open_file_content.execute(optional_principal, file_id)
        info = content.file
        etag = f'"{info.checksum_sha256}"'
        headers = {
            "ETag": etag,
            "Accept-Ranges": "bytes",
            "Cache-Control": "no-cache",
            "Content-Disposition": content_disposition(info.filename, attachment=download),
            "X-Content-Type-Options": "nosniff",
        }
        if _etag_matches(if_none_match, etag):
            return Response(content=b"", status_code=304, headers=headers)
        try:
            byte_range = parse_range(range_ if if_range in (None, etag) else None, info.size)
        except RangeNotSatisfiable as exc:
            return error_response(
                416,
                "RANGE_NOT_SATISFIABLE",
                f"The range is outside the file's {info.size} bytes.",
                headers={"Content-Range": exc.content_range},
            )
        if byte_range is None:
            body, status, length = await content.read(), 200, info.size
        else:
            body = await content.read(byte_range.start, byte_range.end)
            status, length = 206, byte_range.length
            headers["Content-Range"] = byte_range.content_range
        headers["Content-Length"] = str(length)
        return Stream(body, status_code=status, media_type=info.content_type, headers=headers)

    @patch(
        "/{file_id:uuid}",
        security=BEARER_SECURITY,
        responses=error_responses(401, 403, 404, 409, 422),
    )
    async def update_file(
        self,
        file_id: FromPath[UUID],
        data: JSONBody[FilePatch],
        principal: NamedDependency[Principal],
        update_file: Provided[UpdateFile],
    ) -> FileResponse:
        """Rename the file or change its visibility (owner or administrator; 409 while deleted)."""
        changes = FileChanges(filename=given(data.filename), visibility=given(data.visibility))
        return convert(await update_file.execute(principal, file_id, changes), FileResponse)

    @delete(
        "/{file_id:uuid}",
        security=BEARER_SECURITY,
        status_code=HTTP_204_NO_CONTENT,
        responses=error_responses(401, 403, 404),
    )
    async def delete_file(
        self,
        file_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        delete_file: Provided[DeleteFile],
    ) -> None:
        """Soft-delete: the file keeps its metadata for its owner and can be restored; its
        content answers 404 meanwhile. It still counts toward the owner's quota."""
        await delete_file.execute(principal, file_id)

    @post(
        "/{file_id:uuid}/restore",
        security=BEARER_SECURITY,
        status_code=200,
        responses=error_responses(401, 403, 404),
    )
    async def restore_file(
        self,
        file_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        restore_file: Provided[RestoreFile],
    ) -> FileResponse:
        """Restore a soft-deleted file (owner or administrator)."""
        return convert(await restore_file.execute(principal, file_id), FileResponse)

    @delete(
        "/{file_id:uuid}/permanent",
        security=BEARER_SECURITY,
        guards=[require_admin],
        status_code=HTTP_204_NO_CONTENT,
        responses=error_responses(401, 403, 404, 502),
    )
    async def purge_file(
        self,
        file_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        purge_file: Provided[PurgeFile],
    ) -> None:
        """Delete the file and its bytes for good (administrators)."""
        await purge_file.execute(principal, file_id)


def content_disposition(filename: str, *, attachment: bool) -> str:
    """RFC 6266: an ASCII ``filename`` fallback and the exact name as UTF-8 ``filename*``."""
    fallback = _UNSAFE_IN_QUOTES.sub("_", filename)
    kind = "attachment" if attachment else "inline"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _etag_matches(header: str | None, etag: str) -> bool:
    if header is None:
        return False
    candidates = {part.strip().removeprefix("W/") for part in header.split(",")}
    return "*" in candidates or etag in candidates


def _content_length(request: Request[Any, Any, Any]) -> int | None:
    value = request.headers.get("content-length", "").strip()
    return int(value) if value.isdigit() else None
