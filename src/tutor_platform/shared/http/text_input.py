"""One rule for text a client sends, applied once at the HTTP edge, the same on every database.

- Text must be UTF-8: a body or query string that is not is 400 ``BAD_REQUEST``, and so is a
  JSON string with a lone UTF-16 surrogate escape (``"\\ud800"``), which names no character.
- No text may hold U+0000 (PostgreSQL cannot store it): 422 ``VALIDATION_ERROR`` naming every
  field that does, in a JSON body, a form body or the query string; except in a search query
  (``?q=``), where it is removed, because a search for text nobody can store finds the same
  as the search without it.
"""

import json
from collections.abc import Iterator
from typing import Any, Final
from urllib.parse import parse_qsl, urlencode

import msgspec
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send

from tutor_platform.shared.errors import BadRequest, FieldError, ValidationFailed

NUL: Final = "\x00"
NUL_MESSAGE: Final = "must not contain the NUL character (U+0000)"
SEARCH_PARAMETERS: Final = frozenset({"q"})
"""Query parameters that are search text: NUL is removed from them instead of refused."""

_SURROGATES = range(0xD800, 0xE000)


def too_deep() -> BadRequest:
    """A JSON body nested deeper than the decoder goes."""
    return BadRequest("The request body is nested too deeply.")


def _not_utf8(what: str, position: int | None = None) -> BadRequest:
    where = "" if position is None else f" (invalid byte at position {position})"
    return BadRequest(f"{what} is not valid UTF-8{where}.")


def check_json_text(body: bytes) -> None:
    """Refuse a JSON body that is not UTF-8, has a lone surrogate escape or holds U+0000.

    Malformed JSON is left to the JSON decoder's own check (400).
    """
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_utf8("The request body", exc.start) from None
    if "\\u" not in text:
        return
    try:
        value = msgspec.json.decode(body)
    except RecursionError:
        raise too_deep() from None
    except msgspec.DecodeError:
        if _lone_surrogate(text):
            raise BadRequest(
                "The request body has a lone UTF-16 surrogate escape (\\ud800 to \\udfff), "
                "which is not a character: send the character itself or a complete pair."
            ) from None
        return
    _refuse_nul(_nul_paths(value))


def _lone_surrogate(text: str) -> bool:
    """Whether the text is JSON once lone surrogates are allowed, and has one."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return False
    return any(any(ord(char) in _SURROGATES for char in string) for string, _ in _strings(value))


def _strings(value: Any) -> Iterator[tuple[str, str]]:
    """Every string and key of a decoded JSON value with its field path (``items[1].name``),
    walked without recursion (a body may be nested as deep as the decoder allows)."""
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            yield item, path or "body"
        elif isinstance(item, dict):
            for key, child in reversed(item.items()):
                child_path = f"{path}.{key}" if path else str(key)
                yield key, child_path
                stack.append((child, child_path))
        elif isinstance(item, list):
            stack.extend((child, f"{path}[{i}]") for i, child in reversed(list(enumerate(item))))


def _nul_paths(value: Any) -> Iterator[str]:
    """The field paths of every string or key that holds U+0000."""
    for string, path in _strings(value):
        if NUL in string:
            yield path.replace(NUL, "\\u0000")


def _refuse_nul(paths: Iterator[str]) -> None:
    errors = [FieldError(field=path, message=NUL_MESSAGE) for path in dict.fromkeys(paths)]
    if errors:
        raise ValidationFailed(errors=errors)


def check_form_text(body: bytes) -> None:
    """Refuse a URL-encoded form body that is not UTF-8 or has a field holding U+0000."""
    try:
        pairs = parse_qsl(body.decode("latin-1"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise _not_utf8("The form body") from None
    _refuse_nul(name for name, value in pairs if NUL in name or NUL in value)


def clean_query_string(raw: bytes) -> bytes:
    """The query string with U+0000 removed from search parameters; 400 if it is not UTF-8,
    422 naming every other parameter that holds U+0000."""
    if raw.isascii() and b"%" not in raw:
        return raw
    try:
        pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise _not_utf8("The query string") from None
    if not any(NUL in name or NUL in value for name, value in pairs):
        return raw
    _refuse_nul(
        name
        for name, value in pairs
        if NUL in name or (NUL in value and name not in SEARCH_PARAMETERS)
    )
    return urlencode([(name, value.replace(NUL, "")) for name, value in pairs]).encode()


class QueryTextMiddleware(ASGIMiddleware):
    """Applies :func:`clean_query_string` before any parameter is read."""

    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        raw = scope.get("query_string", b"")
        cleaned = clean_query_string(raw)
        if cleaned is not raw:
            scope["query_string"] = cleaned
        await next_app(scope, receive, send)
