"""Conditional GET for public reads: ETag, Cache-Control and 304, and cached encoded bodies.

A route opts in with ``opt=representation(mode)``; every 200 it sends then carries a strong
``ETag`` (a hash of the body), ``Cache-Control: public|private, no-cache`` and
``Vary: Authorization``, and a request whose ``If-None-Match`` names that tag gets 304 with no
body. The modes say what more may be done:

- ``SHARED``: the body depends only on the URL and the caller's audience (anonymous, a
  student's plan, one instructor, admins), and the handler reads only through caches that
  record their tags (``recording_reads``: the catalog reader). The encoded body is cached per
  audience under those tags, so that a repeated read, and its 304, costs no query until a
  write invalidates one of them (here and, through Redis, in every process).
- ``ANONYMOUS``: as ``SHARED`` for anonymous callers only (the read has an effect for signed-in
  ones, such as recording access to a lesson); a signed-in caller gets ``PRIVATE``.
- ``PRIVATE``: the body is built each time and hashed; a 304 saves the transfer, not the work.

Compression of these routes is done here, not by Litestar's middleware (told to leave them
alone through ``ScopeState.is_cached``): a body of at least ``Gzip.minimum_size`` bytes is
gzipped once, without a timestamp, and kept with the identity body, so that a cached read
compresses nothing and each encoding has a stable strong tag of its own (``"…-gzip"``); the
answer varies on ``Accept-Encoding``.
"""

import gzip
import hashlib
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from litestar import Request
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from litestar.utils.scope.state import ScopeState

from tutor_platform.shared.auth import Principal
from tutor_platform.shared.cache.ttl_cache import TtlCache, recording_reads
from tutor_platform.shared.errors import Unauthenticated
from tutor_platform.shared.http.auth import authenticate, bearer_token

REPRESENTATION_OPT = "representation"
ANONYMOUS_AUDIENCE = "anonymous"
_FORGET = (b"content-length", b"etag", b"cache-control", b"vary")


class Reuse(StrEnum):
    """How far a route's encoded body may be reused (see the module docstring)."""

    SHARED = "shared"
    ANONYMOUS = "anonymous"
    PRIVATE = "private"


def representation(reuse: Reuse) -> dict[str, str]:
    """The route option that turns conditional GET on (merge it into the route's ``opt``)."""
    return {REPRESENTATION_OPT: reuse.value}


@dataclass(frozen=True, slots=True)
class Gzip:
    """How bodies are compressed for clients that accept gzip (levels and size chosen by
    measurement, see docs/benchmarks.md)."""

    level: int = 6
    minimum_size: int = 1024

    def compress(self, body: bytes) -> bytes | None:
        """The gzipped body (deterministic: no timestamp), or None when too small to gain."""
        if len(body) < self.minimum_size:
            return None
        return gzip.compress(body, compresslevel=self.level, mtime=0)


@dataclass(frozen=True, slots=True)
class Representation:
    """An encoded 200 response: its tag, body (and gzipped body, when worth it) and the
    headers it was sent with."""

    etag: str
    body: bytes
    headers: tuple[tuple[bytes, bytes], ...]
    public: bool
    gzipped: bytes | None = None

    def encoded(self, accept_encoding: str) -> tuple[str, bytes, bool]:
        """The tag and body to send to a client with this ``Accept-Encoding``, and whether
        they are gzipped."""
        if self.gzipped is not None and accepts_gzip(accept_encoding):
            return f'{self.etag[:-1]}-gzip"', self.gzipped, True
        return self.etag, self.body, False


def entity_tag(body: bytes) -> str:
    """A strong entity tag for ``body``."""
    return f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'


def matches(if_none_match: str, etag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (weak comparison, RFC 9110 13.1.2)."""
    wanted = etag.removeprefix("W/")
    for candidate in if_none_match.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == wanted:
            return True
    return False


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an ``Accept-Encoding`` header accepts gzip (by name or ``*``, q above 0)."""
    for item in accept_encoding.lower().split(","):
        name, _, params = item.partition(";")
        if name.strip() not in ("gzip", "x-gzip", "*"):
            continue
        quality = params.strip().removeprefix("q=")
        try:
            return not params.strip() or float(quality) > 0
        except ValueError:
            return False
    return False


def audience(principal: Principal | None) -> str:
    """Who sees the same catalog: students by plan, each instructor alone, admins together."""
    if principal is None:
        return ANONYMOUS_AUDIENCE
    if principal.is_admin:
        return "admin"
    if principal.is_instructor:
        return f"instructor:{principal.user_id}:{principal.plan}"
    return f"student:{principal.plan}"


class _Capture:
    """Holds back a response sent by the app, to send it (or a 304) once it is complete."""

    def __init__(self) -> None:
        self.status = 0
        self.headers: list[tuple[bytes, bytes]] = []
        self.chunks: list[bytes] = []

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            self.chunks.append(message.get("body", b""))

    @property
    def body(self) -> bytes:
        return b"".join(self.chunks)


class ConditionalGetMiddleware(ASGIMiddleware):
    """Conditional GET for the routes that opt in; ``SHARED`` bodies are kept in the cache
    that ``cache()`` returns (the catalog's, so that its invalidations drop them too)."""

    scopes = (ScopeType.HTTP,)

    def __init__(
        self, cache: Callable[[], TtlCache[Hashable, Any]], gzip: Gzip | None = None
    ) -> None:
        self.cache = cache
        self.gzip = gzip
        self.vary = b"Authorization, Accept-Encoding" if gzip else b"Authorization"

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        reuse = scope["route_handler"].opt.get(REPRESENTATION_OPT)
        if reuse is None or scope.get("method") != "GET":
            await next_app(scope, receive, send)
            return
        request: Request[Any, Any, Any] = Request(scope)
        viewer = await _viewer(request)
        key = _key(scope, reuse, viewer)
        cache = self.cache()
        if key is not None:
            stored = cache.peek(key)
            if isinstance(stored, Representation):
                await self._send(stored, request, send)
                return
        since = cache.generation
        capture = _Capture()
        ScopeState.from_scope(scope).is_cached = True  # Litestar's compression: hands off
        with recording_reads() as tags:
            await next_app(scope, receive, capture)
        if capture.status != 200:
            await _replay(capture, send)
            return
        made = Representation(
            etag=entity_tag(capture.body),
            body=capture.body,
            headers=tuple(h for h in capture.headers if h[0].lower() not in _FORGET),
            public=viewer == ANONYMOUS_AUDIENCE,
            gzipped=self._gzipped(capture.body, request, key is not None and bool(tags)),
        )
        if key is not None and tags:
            cache.put(key, made, frozenset(tags), since=since)
        await self._send(made, request, send)

    def _gzipped(self, body: bytes, request: Request[Any, Any, Any], kept: bool) -> bytes | None:
        """The gzipped body when it will be cached (for every later gzip client) or this
        client accepts gzip; None otherwise."""
        if self.gzip is None:
            return None
        if kept or accepts_gzip(request.headers.get("accept-encoding", "")):
            return self.gzip.compress(body)
        return None

    async def _send(
        self, made: Representation, request: Request[Any, Any, Any], send: Send
    ) -> None:
        etag, body, gzipped = made.encoded(request.headers.get("accept-encoding", ""))
        validators = [
            (b"etag", etag.encode()),
            (b"cache-control", b"public, no-cache" if made.public else b"private, no-cache"),
            (b"vary", self.vary),
        ]
        if matches(request.headers.get("if-none-match", ""), etag):
            await send({"type": "http.response.start", "status": 304, "headers": validators})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            return
        encoding = [(b"content-encoding", b"gzip")] if gzipped else []
        length = [(b"content-length", str(len(body)).encode())]
        headers = [*made.headers, *encoding, *length, *validators]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body, "more_body": False})


async def _viewer(request: Request[Any, Any, Any]) -> str | None:
    """The caller's audience; None when the token is refused (the handler answers that)."""
    if bearer_token(request) is None:
        return ANONYMOUS_AUDIENCE
    try:
        return audience(await authenticate(request))
    except Unauthenticated:
        return None


def _key(scope: Scope, reuse: str, viewer: str | None) -> Hashable | None:
    if viewer is None or reuse == Reuse.PRIVATE:
        return None
    if reuse == Reuse.ANONYMOUS and viewer != ANONYMOUS_AUDIENCE:
        return None
    return ("http", scope["path"], scope["query_string"], viewer)


async def _replay(capture: _Capture, send: Send) -> None:
    await send(
        {"type": "http.response.start", "status": capture.status, "headers": capture.headers}
    )
    await send({"type": "http.response.body", "body": capture.body, "more_body": False})
