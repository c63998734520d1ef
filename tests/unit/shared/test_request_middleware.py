"""The outermost ASGI layer on bare ASGI apps: request ids, and error responses that were not
built by the error handler still leave in the common body."""

import json
from typing import Any

from litestar.types import Message, Receive, Scope, Send

from tutor_platform.shared.http.errors import ERROR_BODY_HEADER, error_response
from tutor_platform.shared.http.metrics import HttpMetrics
from tutor_platform.shared.http.request_middleware import RequestContextMiddleware


def respond(status: int, body: bytes, headers: list[tuple[bytes, bytes]]) -> Any:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body[:3], "more_body": True})
        await send({"type": "http.response.body", "body": body[3:]})

    return app


async def call(app: Any, method: str = "GET", request_id: str = "rid-1") -> list[Message]:
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": method,
        "path": "/somewhere",
        "headers": [(b"x-request-id", request_id.encode())],
    }
    await RequestContextMiddleware(app, HttpMetrics())(scope, receive, send)  # type: ignore[arg-type]
    return sent


def headers_of(message: Message) -> dict[bytes, bytes]:
    return dict(message["headers"])


def body_of(messages: list[Message]) -> bytes:
    return b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")


async def test_success_passes_through_with_the_request_id() -> None:
    sent = await call(respond(200, b"hello world", [(b"content-type", b"text/plain")]))
    assert sent[0]["status"] == 200
    assert headers_of(sent[0])[b"x-request-id"] == b"rid-1"
    assert body_of(sent) == b"hello world"


async def test_plain_text_error_is_rewritten_into_the_error_body() -> None:
    app = respond(
        400,
        b"Disallowed CORS Origin",
        [(b"content-type", b"text/plain"), (b"content-length", b"22"), (b"vary", b"Origin")],
    )
    sent = await call(app)
    start = sent[0]
    body = json.loads(body_of(sent))
    assert start["status"] == 400
    assert headers_of(start)[b"content-type"] == b"application/json"
    assert headers_of(start)[b"content-length"] == str(len(body_of(sent))).encode()
    assert headers_of(start)[b"vary"] == b"Origin"
    assert body["error_code"] == "BAD_REQUEST"
    assert body["detail"] == "Disallowed CORS Origin"
    assert body["request_id"] == "rid-1"


async def test_html_error_detail_is_not_copied() -> None:
    sent = await call(respond(404, b"<h1>Error 404</h1>", [(b"content-type", b"text/html")]))
    body = json.loads(body_of(sent))
    assert (body["error_code"], body["detail"]) == ("NOT_FOUND", "Not Found")


async def test_error_body_responses_pass_unchanged_without_the_marker() -> None:
    response = error_response(409, "CONFLICT", "Taken.")

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        await response.to_asgi_response(None, None)(scope, receive, send)  # type: ignore[arg-type]

    sent = await call(app)
    assert ERROR_BODY_HEADER.encode() not in headers_of(sent[0])
    body = json.loads(body_of(sent))
    assert (body["error_code"], body["detail"]) == ("CONFLICT", "Taken.")


async def test_head_errors_are_left_alone() -> None:
    sent = await call(respond(404, b"", [(b"content-length", b"0")]), method="HEAD")
    assert sent[0]["status"] == 404
    assert body_of(sent) == b""


async def test_exception_escaping_the_app_is_a_500_error_body() -> None:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        raise RuntimeError("connection string postgres://user:pw@db/x")

    sent = await call(app)
    body = json.loads(body_of(sent))
    assert sent[0]["status"] == 500
    assert body["error_code"] == "INTERNAL_ERROR"
    assert "postgres" not in body_of(sent).decode()
    assert body["request_id"] == "rid-1"
