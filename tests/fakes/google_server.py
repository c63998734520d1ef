"""A fake Google (OAuth 2.0 and Drive v3) on localhost that speaks the real wire format.

- ``GET /o/oauth2/v2/auth``: consents at once, redirecting to ``redirect_uri`` with a code and
  the state (or ``error=access_denied`` after ``deny_next()``).
- ``POST /token`` (form-encoded, client credentials in the body): ``authorization_code``
  (checks the PKCE S256 verifier, the redirect URI and that the code is unused) and
  ``refresh_token``; refusals are 400 ``{"error": "invalid_grant", "error_description"}``.
- ``POST /revoke`` with ``token=`` (query or form): 200, or 400 ``invalid_token``.
- ``GET /drive/v3/files`` (``q`` with ``name contains``, ``trashed = false`` and the folder
  filter, ``pageSize``, ``pageToken``, ``fields``), ``GET /drive/v3/files/{id}`` (metadata, or
  ``alt=media`` bytes streamed; a Google Doc there is 403 ``fileNotDownloadable``),
  ``GET /drive/v3/files/{id}/export?mimeType=`` (403 ``exportSizeLimitExceeded`` over 10 MB),
  ``GET /drive/v3/about``. Errors use Drive's envelope; an expired or revoked access token is
  401 ``authError``.
- ``fail_next(status, reason, times)`` makes the next Drive requests fail (429, 500, 503).

``python -m tests.fakes.google_server`` serves it on 127.0.0.1:8765 with a few files, so that
``tutor-platform serve`` can be pointed at it by hand (see docs/decisions.md).
"""

import base64
import functools
import hashlib
import json
import re
import secrets
from collections import deque
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlencode

from tests.fakes.asgi import Receive, Scope, Send

FOLDER = "application/vnd.google-apps.folder"
DOC = "application/vnd.google-apps.document"
SHEET = "application/vnd.google-apps.spreadsheet"
SLIDES = "application/vnd.google-apps.presentation"
FORM = "application/vnd.google-apps.form"
EXPORT_LIMIT = 10 * 1024 * 1024
CHUNK = 256 * 1024
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class FakeFile:
    id: str
    name: str
    mime_type: str
    content: bytes = b""
    exports: dict[str, bytes] = field(default_factory=dict)
    modified_time: datetime = field(default_factory=lambda: datetime(2026, 1, 5, 9, 30, tzinfo=UTC))
    version: int = 1
    trashed: bool = False
    reported_size: int | None = None
    """The size ``files.get`` reports, when not the content's (a file changed since)."""
    hide_size: bool = False
    """Metadata without ``size`` (the bench's import of a file of unknown size)."""

    def metadata(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": "drive#file",
            "id": self.id,
            "name": self.name,
            "mimeType": self.mime_type,
            "modifiedTime": self.modified_time.isoformat().replace("+00:00", ".000Z"),
            "version": str(self.version),
            "trashed": self.trashed,
        }
        if not self.mime_type.startswith("application/vnd.google-apps.") and not self.hide_size:
            size = len(self.content) if self.reported_size is None else self.reported_size
            data["size"] = str(size)
            data["md5Checksum"] = _md5(self.content)
        return data


@functools.lru_cache(maxsize=8)
def _md5(content: bytes) -> str:
    """Cached: hashing a 20 MB file on every metadata request slowed the bench's imports."""
    return hashlib.md5(content, usedforsecurity=False).hexdigest()


@dataclass
class _Grant:
    client_id: str
    redirect_uri: str
    challenge: str
    scope: str


def drive_error(code: int, reason: str, message: str) -> dict[str, Any]:
    """Drive's error envelope."""
    return {
        "error": {
            "code": code,
            "message": message,
            "errors": [{"domain": "global", "reason": reason, "message": message}],
        }
    }


class FakeGoogle:
    def __init__(
        self, client_id: str = "fake-client-id", client_secret: str = "fake-client-secret"
    ) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.email = "teacher@example.com"
        self.files: dict[str, FakeFile] = {}
        self.codes: dict[str, _Grant] = {}
        self.refresh_tokens: dict[str, str] = {}
        """refresh token -> scope (removed when revoked)."""
        self.access_tokens: dict[str, str] = {}
        """access token -> the refresh token it came from."""
        self.expired: set[str] = set()
        self.revoked: list[str] = []
        self.token_requests: list[dict[str, str]] = []
        self.drive_requests: list[tuple[str, dict[str, list[str]]]] = []
        self.failures: deque[tuple[int, str]] = deque()
        self._deny_next = False
        self.url = ""

    # -- scripting -------------------------------------------------------------------------
    def add(self, file: FakeFile) -> FakeFile:
        self.files[file.id] = file
        return file

    def deny_next(self) -> None:
        self._deny_next = True

    def fail_next(self, status: int, reason: str = "backendError", times: int = 1) -> None:
        self.failures.extend([(status, reason)] * times)

    def expire_access_tokens(self) -> None:
        self.expired.update(self.access_tokens)

    def revoke_everything(self) -> None:
        """The user removed the app's access in their Google account."""
        self.refresh_tokens.clear()
        self.expire_access_tokens()

    # -- ASGI ------------------------------------------------------------------------------
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        path = scope["path"]
        query = parse_qs(scope.get("query_string", b"").decode())
        headers = {k.decode().lower(): v.decode() for k, v in scope.get("headers", [])}
        if path == "/o/oauth2/v2/auth":
            await self._authorize(send, query)
        elif path == "/token":
            await self._token(send, _form(body, headers))
        elif path == "/revoke":
            form = _form(body, headers)
            token = (query.get("token") or [form.get("token", "")])[0] or form.get("token", "")
            await self._revoke(send, token)
        elif path.startswith("/drive/v3/"):
            self.drive_requests.append((path, query))
            await self._drive(send, path, query, headers)
        else:
            await _json(send, 404, drive_error(404, "notFound", "Not Found"))

    async def _authorize(self, send: Send, query: dict[str, list[str]]) -> None:
        one = {key: values[0] for key, values in query.items()}
        redirect = one.get("redirect_uri", "")
        if self._deny_next:
            self._deny_next = False
            params = {"error": "access_denied", "state": one.get("state", "")}
        else:
            code = "4/" + secrets.token_urlsafe(24)
            self.codes[code] = _Grant(
                one.get("client_id", ""),
                redirect,
                one.get("code_challenge", ""),
                one.get("scope", ""),
            )
            params = {"code": code, "state": one.get("state", ""), "scope": one.get("scope", "")}
        location = f"{redirect}?{urlencode(params)}"
        await send(
            {
                "type": "http.response.start",
                "status": 302,
                "headers": [(b"location", location.encode())],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    async def _token(self, send: Send, form: dict[str, str]) -> None:
        self.token_requests.append(form)
        if (
            form.get("client_id") != self.client_id
            or form.get("client_secret") != self.client_secret
        ):
            await _json(send, 401, {"error": "invalid_client", "error_description": "Unauthorized"})
            return
        grant = form.get("grant_type")
        if grant == "authorization_code":
            stored = self.codes.pop(form.get("code", ""), None)
            verifier = form.get("code_verifier", "")
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
            if (
                stored is None
                or stored.redirect_uri != form.get("redirect_uri")
                or stored.challenge != challenge.decode().rstrip("=")
            ):
                await _json(
                    send, 400, {"error": "invalid_grant", "error_description": "Bad Request"}
                )
                return
            refresh = "1//" + secrets.token_urlsafe(32)
            self.refresh_tokens[refresh] = stored.scope
            await _json(send, 200, {**self._access(refresh), "refresh_token": refresh})
        elif grant == "refresh_token":
            refresh = form.get("refresh_token", "")
            if refresh not in self.refresh_tokens:
                await _json(
                    send,
                    400,
                    {
                        "error": "invalid_grant",
                        "error_description": "Token has been expired or revoked.",
                    },
                )
                return
            await _json(send, 200, self._access(refresh))
        else:
            await _json(send, 400, {"error": "unsupported_grant_type"})

    def _access(self, refresh: str) -> dict[str, Any]:
        token = "ya29." + secrets.token_urlsafe(32)
        self.access_tokens[token] = refresh
        return {
            "access_token": token,
            "expires_in": 3599,
            "scope": self.refresh_tokens[refresh],
            "token_type": "Bearer",
        }

    async def _revoke(self, send: Send, token: str) -> None:
        if token in self.refresh_tokens:
            del self.refresh_tokens[token]
            for access, source in self.access_tokens.items():
                if source == token:
                    self.expired.add(access)
        elif token in self.access_tokens and token not in self.expired:
            self.expired.add(token)
        else:
            await _json(
                send,
                400,
                {"error": "invalid_token", "error_description": "Token expired or revoked"},
            )
            return
        self.revoked.append(token)
        await _json(send, 200, {})

    async def _drive(
        self, send: Send, path: str, query: dict[str, list[str]], headers: dict[str, str]
    ) -> None:
        token = headers.get("authorization", "").removeprefix("Bearer ")
        if token not in self.access_tokens or token in self.expired:
            await _json(send, 401, drive_error(401, "authError", "Invalid Credentials"))
            return
        if self.failures:
            status, reason = self.failures.popleft()
            await _json(send, status, drive_error(status, reason, "Backend Error"))
            return
        one = {key: values[0] for key, values in query.items()}
        if path == "/drive/v3/about":
            await _json(send, 200, {"user": {"emailAddress": self.email}})
            return
        if path == "/drive/v3/files":
            await self._list(send, one)
            return
        match = re.fullmatch(r"/drive/v3/files/([^/]+)(/export)?", path)
        file = self.files.get(match.group(1)) if match else None
        if match is None or file is None:
            name = match.group(1) if match else path
            await _json(send, 404, drive_error(404, "notFound", f"File not found: {name}."))
            return
        if match.group(2):
            await self._export(send, file, one.get("mimeType", ""))
        elif one.get("alt") == "media":
            if file.mime_type.startswith("application/vnd.google-apps."):
                message = (
                    "Only files with binary content can be downloaded. "
                    "Use Export with Docs Editors files."
                )
                await _json(send, 403, drive_error(403, "fileNotDownloadable", message))
                return
            await _stream(send, file.content, "application/octet-stream")
        else:
            await _json(send, 200, file.metadata())

    async def _list(self, send: Send, one: dict[str, str]) -> None:
        q = one.get("q", "")
        files = list(self.files.values())
        if "trashed = false" in q:
            files = [f for f in files if not f.trashed]
        if f"mimeType != '{FOLDER}'" in q:
            files = [f for f in files if f.mime_type != FOLDER]
        if (named := re.search(r"name contains '((?:[^'\\]|\\.)*)'", q)) is not None:
            words = re.sub(r"\\(.)", r"\1", named.group(1)).lower()
            files = [f for f in files if words in f.name.lower()]
        files.sort(key=lambda f: (f.modified_time, f.id), reverse=True)
        size = max(1, min(int(one.get("pageSize", "100")), 1000))
        start = int(one.get("pageToken", "0") or 0)
        page = files[start : start + size]
        body: dict[str, Any] = {"kind": "drive#fileList", "files": [f.metadata() for f in page]}
        if start + size < len(files):
            body["nextPageToken"] = str(start + size)
        await _json(send, 200, body)

    async def _export(self, send: Send, file: FakeFile, mime_type: str) -> None:
        if not file.mime_type.startswith("application/vnd.google-apps.") or file.mime_type == FORM:
            await _json(
                send,
                403,
                drive_error(403, "fileNotExportable", "Export only supports Docs Editors files."),
            )
            return
        content = file.exports.get(mime_type)
        if content is None:
            await _json(
                send,
                400,
                drive_error(400, "badRequest", "The requested conversion is not supported."),
            )
            return
        if len(content) > EXPORT_LIMIT:
            await _json(
                send,
                403,
                drive_error(
                    403, "exportSizeLimitExceeded", "This file is too large to be exported."
                ),
            )
            return
        await _stream(send, content, mime_type)


def _form(body: bytes, headers: MutableMapping[str, str]) -> dict[str, str]:
    if not headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return {}
    return {key: values[0] for key, values in parse_qs(body.decode()).items()}


async def _json(send: Send, status: int, body: object) -> None:
    data = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json; charset=UTF-8")],
        }
    )
    await send({"type": "http.response.body", "body": data})


async def _stream(send: Send, content: bytes, content_type: str) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-type", content_type.encode()),
                (b"content-length", str(len(content)).encode()),
            ],
        }
    )
    view = memoryview(content)
    for start in range(0, len(content), CHUNK):
        more = start + CHUNK < len(content)
        await send(
            {
                "type": "http.response.body",
                "body": bytes(view[start : start + CHUNK]),
                "more_body": more,
            }
        )
    if not content:
        await send({"type": "http.response.body", "body": b""})


def sample_files(google: FakeGoogle) -> None:
    """A few files of every kind."""
    now = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
    google.add(FakeFile("folder1", "Teaching", FOLDER, modified_time=now))
    google.add(
        FakeFile(
            "doc1",
            "Loops in Python",
            DOC,
            exports={
                "text/markdown": b"# Loops\n\nA `for` loop walks a sequence.\n",
                "application/pdf": MINIMAL_PDF,
            },
            modified_time=now - timedelta(hours=1),
        )
    )
    google.add(FakeFile("sheet1", "Grades", SHEET, exports={"text/csv": b"name,grade\nann,5\n"}))
    google.add(FakeFile("pdf1", "Syllabus.pdf", "application/pdf", MINIMAL_PDF))


if __name__ == "__main__":
    import uvicorn

    fake = FakeGoogle()
    sample_files(fake)
    uvicorn.run(fake, host="127.0.0.1", port=8765)
