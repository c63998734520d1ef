"""With tracing on, what the app asks Google over ``httpx2`` (authlib's token exchange and
revocation, the Drive client's calls) is a client span in the trace of the request that
asked, and no span holds a token, the client secret or a query string (the OAuth code, a
search text).

Spans go to the SDK's in-memory exporter through the container's ``tracer_provider``; Google
is the fake one served on localhost. Runs in the SQLite pass only: what is under test is the
outgoing HTTP."""

import json
from collections.abc import AsyncIterator

import pytest
from litestar import Litestar

from tests.fakes.google_server import FakeGoogle
from tests.integration.accounts import Client, MakeAccount
from tests.integration.integrations.drive_support import (
    DRIVE,
    authorization_url,
    consent,
    drive_settings,
)
from tests.support.tracing import client_calls, traced_app, untrace_outgoing_http
from tutor_platform.bootstrap.settings import Settings


@pytest.fixture
def settings(database_url: str, served_google: FakeGoogle) -> Settings:
    return drive_settings(database_url, served_google.url)


@pytest.fixture
async def app(settings: Settings, clean_db: None) -> AsyncIterator[Litestar]:
    yield traced_app(settings)
    untrace_outgoing_http()


async def test_calls_to_google_are_client_spans_of_the_request_that_made_them(
    client: Client, app: Litestar, make_account: MakeAccount, google: FakeGoogle
) -> None:
    ann = await make_account("ann")
    back = consent(await authorization_url(client, ann))
    callback = await client.get(
        f"{DRIVE}/callback", params=back, headers={"X-Request-ID": "drive-callback"}
    )
    assert callback.status_code == 200, callback.text
    listed = await client.get(
        f"{DRIVE}/files",
        params={"q": "loops"},
        headers={**ann.headers, "X-Request-ID": "drive-list"},
    )
    assert listed.status_code == 200, listed.text
    tokens = [*google.access_tokens, *google.refresh_tokens]
    gone = await client.delete(DRIVE, headers={**ann.headers, "X-Request-ID": "drive-disconnect"})
    assert gone.status_code == 204

    spans = app.state.recorded.get_finished_spans()
    assert sorted(client_calls(spans, google.url, "drive-callback")) == [
        ("GET", "/drive/v3/about", 200),  # whose account was connected
        ("POST", "/token", 200),
    ]
    assert client_calls(spans, google.url, "drive-list") == [("GET", "/drive/v3/files", 200)]
    assert client_calls(spans, google.url, "drive-disconnect") == [("POST", "/revoke", 200)]
    recorded = json.dumps([dict(s.attributes or {}) for s in spans])
    secrets = [*tokens, back["code"], "fake-client-secret", "loops"]
    assert tokens
    assert [secret for secret in secrets if secret in recorded] == []
