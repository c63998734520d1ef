"""Plain-ASGI building blocks for fake providers: serving, scripting, recording.

``serve_asgi(app)`` runs an ASGI app with uvicorn on 127.0.0.1 (a free port) in a background
thread and yields its base URL. ``ScriptedServer`` is the base of the fakes: tests queue
``Scripted`` responses (status, headers, body, delay, server-sent events); when the queue is
empty the fake answers with its default; every request is recorded.
"""

import asyncio
import json
import socket
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import uvicorn

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


@dataclass(frozen=True)
class Scripted:
    """One response a fake will give.

    ``json`` is sent as the body (``body`` for raw, e.g. malformed, bytes); ``events`` makes
    it a ``text/event-stream`` of ``data: <json>`` events, ``break_after`` drops the
    connection after that many events; ``delay`` waits before answering.
    """

    status: int = 200
    json: object = None
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    events: list[object] | None = None
    break_after: int | None = None


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class ScriptedServer:
    """An ASGI app that answers from a queue of ``Scripted`` responses, else by default."""

    def __init__(self) -> None:
        self.script: deque[Scripted] = deque()
        self.requests: list[RecordedRequest] = []
        self.url = ""

    def enqueue(self, *responses: Scripted) -> None:
        self.script.extend(responses)

    def reset(self) -> None:
        self.script.clear()
        self.requests.clear()

    @property
    def last_request(self) -> RecordedRequest:
        assert self.requests, "the fake received no request"
        return self.requests[-1]

    def default(self, request: RecordedRequest) -> Scripted:
        """The answer when nothing is scripted."""
        raise NotImplementedError

    def wants_events(self, request: RecordedRequest) -> bool:
        """Whether a default 200 answer to this request is a stream of events."""
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        request = await _read_request(scope, receive)
        self.requests.append(request)
        response = self.script.popleft() if self.script else self.default(request)
        if response.delay:
            await asyncio.sleep(response.delay)
        if response.events is not None:
            await _send_events(send, response)
        else:
            await _send_body(send, response)


async def _read_request(scope: Scope, receive: Receive) -> RecordedRequest:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            break
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
    return RecordedRequest(
        method=scope["method"],
        path=scope["path"],
        query=parse_qs(scope["query_string"].decode()),
        headers=headers,
        body=b"".join(chunks),
    )


def _header_list(response: Scripted, content_type: str) -> list[tuple[bytes, bytes]]:
    headers = {"content-type": content_type, **response.headers}
    return [(k.encode(), v.encode()) for k, v in headers.items()]


async def _send_body(send: Send, response: Scripted) -> None:
    if response.body is not None:
        body, content_type = response.body, "text/plain"
    else:
        body, content_type = json.dumps(response.json).encode(), "application/json"
    await send(
        {
            "type": "http.response.start",
            "status": response.status,
            "headers": _header_list(response, content_type),
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _send_events(send: Send, response: Scripted) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": response.status,
            "headers": _header_list(response, "text/event-stream"),
        }
    )
    for index, event in enumerate(response.events or []):
        if response.break_after is not None and index >= response.break_after:
            raise ConnectionAbortedError("scripted break")
        data = event if isinstance(event, str) else json.dumps(event)
        chunk = f"data: {data}\r\n\r\n".encode()
        await send({"type": "http.response.body", "body": chunk, "more_body": True})
    await send({"type": "http.response.body", "body": b""})


@contextmanager
def serve_asgi(app: Callable[..., Awaitable[None]], *, lifespan: str = "off") -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 on a free port in a thread; yields ``http://127.0.0.1:PORT``.

    ``lifespan="on"`` runs the app's lifespan in the server's thread (a whole API app)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app, log_level="critical", access_log=False, lifespan=lifespan, timeout_graceful_shutdown=1
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the fake server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
