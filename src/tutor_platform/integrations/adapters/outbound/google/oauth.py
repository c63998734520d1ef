"""Google's OAuth 2.0 through authlib's async client: the authorization URL with PKCE (S256),
the code exchange and the refresh (form-encoded, client secret in the body as Google expects),
and revocation. Endpoints come from settings."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx2
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.httpx_client import AsyncOAuth2Client
from authlib.oauth2.rfc6749 import OAuth2Token

from tutor_platform.integrations.domain.connection import TokenSet
from tutor_platform.integrations.domain.errors import (
    AuthorizationDenied,
    DriveFailed,
    DriveUnavailable,
    GrantRevoked,
)
from tutor_platform.shared.clock import Clock

DEFAULT_EXPIRES_IN = 3600


@dataclass(frozen=True, slots=True)
class GoogleEndpoints:
    authorize_url: str
    token_url: str
    revoke_url: str


class AuthlibGoogleOAuth:
    def __init__(
        self,
        *,
        client_id: str,
        client_secret: str,
        redirect_uri: str,
        scope: str,
        endpoints: GoogleEndpoints,
        clock: Clock,
        timeout_seconds: float = 15.0,
    ) -> None:
        self._client_id = client_id
        self._client_secret = client_secret
        self._redirect_uri = redirect_uri
        self._scope = scope
        self._endpoints = endpoints
        self._clock = clock
        self._timeout = timeout_seconds

    def _client(self) -> AsyncOAuth2Client:
        return AsyncOAuth2Client(
            client_id=self._client_id,
            client_secret=self._client_secret,
            scope=self._scope,
            redirect_uri=self._redirect_uri,
            code_challenge_method="S256",
            token_endpoint_auth_method="client_secret_post",  # noqa: S106 - a method name
            revocation_endpoint_auth_method="client_secret_post",
            timeout=self._timeout,
        )

    def authorization_url(self, state: str, code_verifier: str) -> str:
        client = self._client()
        url, _ = client.create_authorization_url(
            self._endpoints.authorize_url,
            state=state,
            code_verifier=code_verifier,
            access_type="offline",
            prompt="consent",
            include_granted_scopes="true",
        )
        return str(url)

    async def exchange_code(self, code: str, code_verifier: str) -> TokenSet:
        try:
            async with self._client() as client:
                token = await client.fetch_token(
                    self._endpoints.token_url,
                    grant_type="authorization_code",
                    code=code,
                    code_verifier=code_verifier,
                )
        except OAuthError as exc:
            if exc.error in ("invalid_grant", "invalid_request", "access_denied"):
                raise AuthorizationDenied(
                    "Google refused the authorization code; connect Google Drive again."
                ) from None
            raise DriveFailed(f"Google's token endpoint refused the code ({exc.error}).") from None
        except (httpx2.TransportError, ValueError) as exc:
            raise _unreachable(exc) from None
        return self._token_set(token)

    async def refresh(self, refresh_token: str) -> TokenSet:
        try:
            async with self._client() as client:
                token = await client.refresh_token(
                    self._endpoints.token_url, refresh_token=refresh_token
                )
        except OAuthError as exc:
            if exc.error == "invalid_grant":
                raise GrantRevoked() from None
            raise DriveFailed(
                f"Google's token endpoint refused the refresh ({exc.error})."
            ) from None
        except (httpx2.TransportError, ValueError) as exc:
            raise _unreachable(exc) from None
        return self._token_set(token)

    async def revoke(self, token: str) -> None:
        try:
            async with self._client() as client:
                response = await client.revoke_token(self._endpoints.revoke_url, token=token)
        except httpx2.TransportError as exc:
            raise _unreachable(exc) from None
        if response.status_code >= 500 or response.status_code == 429:
            raise DriveUnavailable("Google could not revoke the authorization; try again later.")

    def _token_set(self, token: OAuth2Token) -> TokenSet:
        expires_in = token.get("expires_in")
        if expires_in is None and token.get("expires_at") is not None:
            expiry = datetime.fromtimestamp(int(token["expires_at"]), UTC)
        else:
            seconds = int(expires_in if expires_in is not None else DEFAULT_EXPIRES_IN)
            expiry = self._clock.now() + timedelta(seconds=seconds)
        return TokenSet(
            access_token=str(token["access_token"]),
            expires_at=expiry,
            refresh_token=token.get("refresh_token"),
            scope=str(token.get("scope", self._scope)),
        )


def _unreachable(exc: Exception) -> DriveUnavailable:
    return DriveUnavailable(f"Google's authorization server did not answer ({type(exc).__name__}).")
