"""Google as the application needs it: OAuth 2.0 and the Drive v3 API."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Protocol

from tutor_platform.integrations.domain.connection import TokenSet
from tutor_platform.integrations.domain.drive import DriveFile


class GoogleOAuth(Protocol):
    """The authorization-code flow with PKCE (S256). Errors: ``AuthorizationDenied`` for a
    code Google refuses, ``GrantRevoked`` for a refresh token it refuses (``invalid_grant``),
    ``DriveUnavailable`` when it cannot be reached."""

    def authorization_url(self, state: str, code_verifier: str) -> str: ...

    async def exchange_code(self, code: str, code_verifier: str) -> TokenSet: ...

    async def refresh(self, refresh_token: str) -> TokenSet: ...

    async def revoke(self, token: str) -> None:
        """Best effort: a token Google no longer knows counts as revoked."""
        ...


@dataclass(frozen=True, slots=True)
class FilePage:
    files: list[DriveFile]
    next_page_token: str | None


class DriveApi(Protocol):
    """Drive v3 with a user's access token. Errors: ``DriveTokenRejected`` (401),
    ``DriveFileNotFound``, ``DriveFileNotImportable`` (403 ``fileNotDownloadable``),
    ``DriveExportTooLarge``, ``DriveUnavailable`` (429, 5xx, no answer) and ``DriveFailed``."""

    async def list_files(
        self, access_token: str, name_contains: str | None, page_token: str | None, page_size: int
    ) -> FilePage:
        """Files that are no folder and not trashed, newest change first."""
        ...

    async def get_file(self, access_token: str, file_id: str) -> DriveFile: ...

    def content(
        self, access_token: str, file_id: str, export_type: str | None
    ) -> AsyncIterator[bytes]:
        """The file's bytes (``alt=media``), or its export to ``export_type``, streamed."""
        ...

    async def user_email(self, access_token: str) -> str | None: ...


class TokenCipher(Protocol):
    """Encrypts tokens at rest with the newest key; reads any configured key."""

    def encrypt(self, plain: str) -> str: ...

    def decrypt(self, sealed: str) -> str: ...

    def needs_rotation(self, sealed: str) -> bool:
        """Whether ``sealed`` was encrypted with another key than the newest."""
        ...
