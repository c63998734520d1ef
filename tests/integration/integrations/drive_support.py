"""The Drive tests' world: a fake Google on localhost for the module, settings pointing the app
at it, and connecting an account through the real flow (authorize, consent, callback)."""

from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from tests.conftest import make_settings
from tests.integration.accounts import Account, Client
from tutor_platform.bootstrap.settings import Settings

API = "/api/v1"
DRIVE = f"{API}/integrations/google-drive"
CALLBACK = f"http://testserver{DRIVE}/callback"


def drive_settings(database_url: str, google_url: str, **overrides: Any) -> Settings:
    return make_settings(
        database_url,
        google_client_id="fake-client-id",
        google_client_secret="fake-client-secret",
        google_oauth_redirect_uri=CALLBACK,
        google_oauth_authorize_url=f"{google_url}/o/oauth2/v2/auth",
        google_oauth_token_url=f"{google_url}/token",
        google_oauth_revoke_url=f"{google_url}/revoke",
        google_drive_api_url=google_url,
        **overrides,
    )


async def authorization_url(client: Client, account: Account) -> str:
    response = await client.get(f"{DRIVE}/authorize", headers=account.headers)
    assert response.status_code == 200, response.text
    url: str = response.json()["authorization_url"]
    return url


def consent(url: str) -> dict[str, str]:
    """The user agrees at (fake) Google: the query Google redirects back with."""
    answer = httpx.get(url, follow_redirects=False)
    assert answer.status_code == 302
    location = urlsplit(answer.headers["location"])
    return {key: values[0] for key, values in parse_qs(location.query).items()}


async def connect(client: Client, account: Account) -> None:
    """Connect ``account``'s Google Drive through the whole flow."""
    back = consent(await authorization_url(client, account))
    response = await client.get(f"{DRIVE}/callback", params=back)
    assert response.status_code == 200, response.text


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
