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
from dependency_injector import providers
from litestar import Litestar
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.trace import SpanKind

from tests.fakes.google_server import FakeGoogle
from tests.integration.accounts import Client, MakeAccount
from tests.integration.integrations.drive_support import (
    DRIVE,
    authorization_url,
    consent,
    drive_settings,
)
from tests.support.tracing import recording_provider, untrace_outgoing_http
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.container import build_container
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.bootstrap.tracing import REQUEST_ID_ATTRIBUTE


@pytest.fixture
def settings(database_url: str, served_google: FakeGoogle) -> Settings:
    return drive_settings(database_url, served_google.url)


@pytest.fixture
async def app(settings: Settings, clean_db: None) -> AsyncIterator[Litestar]:
    """An app of its own whose spans are kept in ``app.state.recorded`` (an in-memory
    exporter)."""
    provider, recorded = recording_provider()
    container = build_container(settings)
    container.tracer_provider.override(providers.Object(provider))
    app = create_app(settings, container=container, migrate_on_start=False)
    app.state.recorded = recorded
    yield app
    untrace_outgoing_http()


def _calls_to_google(
    spans: tuple[ReadableSpan, ...], google: FakeGoogle, request_id: str
) -> list[tuple[str, str, int]]:
    """Method, path and status of each client span to Google under the request's span."""
    [server] = [
        s
        for s in spans
        if s.kind == SpanKind.SERVER
        and s.attributes is not None
        and s.attributes.get(REQUEST_ID_ATTRIBUTE) == request_id
    ]
    by_id = {s.context.span_id: s for s in spans}
    calls = []
    for span in spans:
        attributes = span.attributes or {}
        url = str(attributes.get("http.url", attributes.get("url.full", "")))
        if span.kind != SpanKind.CLIENT or not url.startswith(google.url):
            continue
        parent = span
        while parent.parent is not None and parent.parent.span_id in by_id:
            parent = by_id[parent.parent.span_id]
            if parent is server:
                method = str(attributes.get("http.method", attributes.get("http.request.method")))
                path = url.removeprefix(google.url).split("?", 1)[0]
                status = attributes.get(
                    "http.status_code", attributes.get("http.response.status_code")
                )
                calls.append((method, path, int(str(status))))
    return calls


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
    assert sorted(_calls_to_google(spans, google, "drive-callback")) == [
        ("GET", "/drive/v3/about", 200),  # whose account was connected
        ("POST", "/token", 200),
    ]
    assert _calls_to_google(spans, google, "drive-list") == [("GET", "/drive/v3/files", 200)]
    assert _calls_to_google(spans, google, "drive-disconnect") == [("POST", "/revoke", 200)]
    recorded = json.dumps([dict(s.attributes or {}) for s in spans])
    secrets = [*tokens, back["code"], "fake-client-secret", "loops"]
    assert tokens
    assert [secret for secret in secrets if secret in recorded] == []
