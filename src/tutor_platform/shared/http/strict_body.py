"""Strict JSON bodies: a value of the wrong JSON type is refused, never coerced.

Litestar converts handler arguments leniently (``strict=False``), which suits query strings
but would accept ``"10"`` for an integer field of a JSON body. This ``before_request`` hook
decodes the JSON body strictly against the handler's ``data`` type first; malformed JSON and
empty bodies are left to Litestar's own checks.
"""

import re
from typing import Any

import msgspec
from litestar import Request
from litestar.enums import MediaType
from litestar.exceptions import ValidationException

_AT_PATH = re.compile(r" - at `(\$[^`]*)`$")


def _data_type(request: Request[Any, Any, Any]) -> Any:
    parameter = request.route_handler.parsed_fn_signature.parameters.get("data")
    return None if parameter is None else parameter.annotation


async def strict_json_body(request: Request[Any, Any, Any]) -> None:
    """Refuse a JSON body whose values have the wrong JSON types (422, naming the field)."""
    if request.method in ("GET", "HEAD", "OPTIONS", "DELETE"):
        return
    if not request.content_type[0].startswith(MediaType.JSON):
        return
    target = _data_type(request)
    if target is None:
        return
    body = await request.body()
    if not body.strip():
        return
    try:
        msgspec.json.decode(body, type=target, strict=True)
    except msgspec.ValidationError as exc:
        message = str(exc)
        found = _AT_PATH.search(message)
        key = found.group(1).removeprefix("$").lstrip(".") if found else ""
        raise ValidationException(
            detail="Validation failed", extra=[{"message": message, "key": key, "source": "body"}]
        ) from None
    except msgspec.DecodeError:
        return
