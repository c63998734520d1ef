"""Errors of the integrations context, in the words the API answers with."""

from tutor_platform.shared.errors import (
    BadRequest,
    Conflict,
    NotFound,
    PayloadTooLarge,
    Unavailable,
    UnsupportedMediaType,
    UpstreamFailed,
)


class DriveNotConfigured(Unavailable):
    default_detail = "Google Drive is not configured."


class DriveNotConnected(Conflict):
    default_detail = "Google Drive is not connected; connect it first."


class DriveReconnectNeeded(Conflict):
    default_detail = "Google refused the saved authorization; reconnect Google Drive."


class InvalidAuthorizationState(BadRequest):
    default_detail = (
        "The authorization state is missing, unknown, already used, expired or not yours; "
        "start the connection again."
    )


class AuthorizationDenied(BadRequest):
    default_detail = "Google Drive access was not granted."


class DriveFileNotFound(NotFound):
    default_detail = "The Google Drive file was not found."


class DriveFileNotImportable(UnsupportedMediaType):
    default_detail = "This kind of Google Drive file cannot be imported."


class DriveExportTooLarge(PayloadTooLarge):
    default_detail = "Google cannot export this file: it is larger than its 10 MB export limit."


class DriveFileChanged(Conflict):
    default_detail = (
        "The file changed on Google Drive after the import was asked for; import it again."
    )


class DriveUnavailable(Unavailable):
    default_detail = "Google Drive is not available right now; try again later."


class DriveFailed(UpstreamFailed):
    default_detail = "Google Drive answered with an error."


class DriveTokenRejected(Exception):
    """Google refused the access token (401): refresh it and try once more."""


class GrantRevoked(Exception):
    """Google refused the refresh token (``invalid_grant``): the connection is gone."""
