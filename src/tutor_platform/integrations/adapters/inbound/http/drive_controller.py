"""/integrations/google-drive: connect a user's Google Drive, list its files, import them."""

from typing import Annotated, Any

from litestar import Controller, MediaType, Request, Response, delete, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.response import Redirect
from litestar.status_codes import HTTP_202_ACCEPTED, HTTP_204_NO_CONTENT

from tutor_platform.integrations.adapters.inbound.http.schemas import (
    AuthorizationUrl,
    DriveConnectionResponse,
    DriveFilesResponse,
    DriveImportAccepted,
    DriveImportRequest,
)
from tutor_platform.integrations.application.authorize_drive import (
    CompleteDriveAuthorization,
    StartDriveAuthorization,
)
from tutor_platform.integrations.application.import_drive_file import (
    ImportRequest,
    RequestDriveImport,
)
from tutor_platform.integrations.application.list_drive_files import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    MAX_PAGE_TOKEN_LENGTH,
    MAX_QUERY_LENGTH,
    ListDriveFiles,
)
from tutor_platform.integrations.application.manage_connection import (
    DisconnectDrive,
    GetDriveConnection,
)
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.responses import convert

OPTIONAL_BEARER: list[dict[str, list[str]]] = [{}, *BEARER_SECURITY]
Text = Annotated[str | None, QueryParameter(max_length=4096)]
CONNECTED_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Google Drive connected</title></head>
<body><h1>Google Drive is connected</h1>
<p>You can close this window and go back to Tutor Platform.</p></body></html>
"""


def provide_drive_done_url(request: Request[Any, Any, Any]) -> str:
    """Where the browser goes once the consent is done (empty: answer JSON)."""
    url: str = request.app.state.container.integrations.drive_done_url()
    return url


class GoogleDriveController(Controller):
    path = "/integrations/google-drive"
    dependencies = {"drive_done_url": Provide(provide_drive_done_url, sync_to_thread=False)}

    @get(
        "/authorize",
        security=BEARER_SECURITY,
        operation_id="authorizeGoogleDrive",
        responses=error_responses(401, 503),
    )
    async def authorize(
        self,
        principal: NamedDependency[Principal],
        start_drive_authorization: Provided[StartDriveAuthorization],
    ) -> AuthorizationUrl:
        """The Google URL to send the user to: OAuth 2.0 authorization code with PKCE (S256)
        and a state bound to the caller, usable once within 10 minutes."""
        return AuthorizationUrl(await start_drive_authorization.execute(principal))

    @get(
        "/callback",
        security=OPTIONAL_BEARER,
        operation_id="completeDriveAuthorization",
        responses=error_responses(400, 401, 502, 503),
        media_type=MediaType.HTML,
    )
    async def callback(
        self,
        optional_principal: NamedDependency[Principal | None],
        complete_drive_authorization: Provided[CompleteDriveAuthorization],
        drive_done_url: NamedDependency[str],
        code: Text = None,
        oauth_state: Annotated[str | None, QueryParameter(name="state", max_length=4096)] = None,
        error: Text = None,
    ) -> Response[Any]:
        """Where Google sends the user back: the code is exchanged and the tokens stored
        encrypted. A missing, unknown, spent, expired or foreign ``state`` (or ``error`` from
        Google, such as ``access_denied``) is 400 and stores nothing. Answers a short page, or
        a redirect to ``GOOGLE_DRIVE_DONE_URL`` when set."""
        await complete_drive_authorization.execute(oauth_state, code, error, optional_principal)
        if drive_done_url:
            return Redirect(drive_done_url)
        return Response(CONNECTED_PAGE, media_type=MediaType.HTML)

    @get(
        "",
        security=BEARER_SECURITY,
        operation_id="getGoogleDriveConnection",
        responses=error_responses(401, 503),
    )
    async def connection(
        self,
        principal: NamedDependency[Principal],
        get_drive_connection: Provided[GetDriveConnection],
    ) -> DriveConnectionResponse:
        """Whether the caller's Google Drive is connected, with which account and scope."""
        return convert(await get_drive_connection.execute(principal), DriveConnectionResponse)

    @get(
        "/files",
        security=BEARER_SECURITY,
        operation_id="listGoogleDriveFiles",
        responses=error_responses(401, 409, 422, 502, 503),
    )
    async def files(
        self,
        principal: NamedDependency[Principal],
        list_drive_files: Provided[ListDriveFiles],
        q: Annotated[
            str | None,
            QueryParameter(max_length=MAX_QUERY_LENGTH, description="Words in the file name."),
        ] = None,
        page_token: Annotated[
            str | None, QueryParameter(min_length=1, max_length=MAX_PAGE_TOKEN_LENGTH)
        ] = None,
        page_size: Annotated[int, QueryParameter(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
    ) -> DriveFilesResponse:
        """The caller's Drive files (folders and trashed files left out), newest change first.
        409 CONFLICT when Drive is not connected, or Google refused the saved authorization
        (then the connection is removed: reconnect)."""
        view = await list_drive_files.execute(principal, q, page_token, page_size)
        return convert(view, DriveFilesResponse)

    @post(
        "/files/{drive_file_id:str}/import",
        security=BEARER_SECURITY,
        status_code=HTTP_202_ACCEPTED,
        operation_id="importGoogleDriveFile",
        responses=error_responses(401, 403, 404, 409, 413, 415, 422, 502, 503),
    )
    async def import_file(
        self,
        drive_file_id: FromPath[str],
        data: JSONBody[DriveImportRequest],
        principal: NamedDependency[Principal],
        request_drive_import: Provided[RequestDriveImport],
    ) -> DriveImportAccepted:
        """Import the current version of a Drive file, as a job (``GET /jobs/{job_id}``, whose
        result names ``file_id`` or ``lesson_id``). The same version imported the same way
        again answers with the same job."""
        request = ImportRequest(drive_file_id, data.as_, data.section_id)
        return DriveImportAccepted(await request_drive_import.execute(principal, request))

    @delete(
        "",
        security=BEARER_SECURITY,
        status_code=HTTP_204_NO_CONTENT,
        operation_id="disconnectGoogleDrive",
        responses=error_responses(401, 503),
    )
    async def disconnect(
        self,
        principal: NamedDependency[Principal],
        disconnect_drive: Provided[DisconnectDrive],
    ) -> None:
        """Revoke the authorization at Google and delete the stored tokens."""
        await disconnect_drive.execute(principal)
