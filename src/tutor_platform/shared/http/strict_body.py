"""Strict request bodies: text checks first, then a JSON value of the wrong type is refused.

Litestar converts handler arguments leniently (``strict=False``), which suits query strings
but would accept ``"10"`` for an integer field of a JSON body. This ``before_request`` hook
applies the text rule of :mod:`text_input` to JSON and form bodies, then decodes a JSON body
(``application/json`` or any ``+json`` type) strictly against the handler's ``data`` type;
malformed JSON and empty bodies are left to Litestar's own checks.
"""

from typing import Any

import msgspec
from litestar import Request
from litestar.enums import MediaType, RequestEncodingType
from litestar.exceptions import ValidationException

from tutor_platform.shared.http.text_input import check_form_text, check_json_text, too_deep
from tutor_platform.shared.http.validation_messages import body_problems


def _data_type(request: Request[Any, Any, Any]) -> Any:
    parameter = request.route_handler.parsed_fn_signature.parameters.get("data")
    return None if parameter is None else parameter.annotation


def is_json_media_type(media_type: str) -> bool:
    """``application/json`` or a structured ``+json`` type (``application/merge-patch+json``)."""
    kind = media_type.split(";", 1)[0].strip().lower()
    return kind == MediaType.JSON or kind.endswith("+json")


async def strict_json_body(request: Request[Any, Any, Any]) -> None:
    """Refuse text a database cannot store and JSON values of the wrong type (400/422)."""
    if request.method in ("GET", "HEAD", "OPTIONS", "DELETE"):
        return
    target = _data_type(request)
    if target is None:
        return
    media_type = request.content_type[0]
    if media_type == RequestEncodingType.URL_ENCODED:
        check_form_text(await request.body())
        return
    if not is_json_media_type(media_type):
        return
    body = await request.body()
    if not body.strip():
        return
    check_json_text(body)
    try:
        msgspec.json.decode(body, type=target, strict=True)
    except msgspec.ValidationError as exc:
        try:
            problems = body_problems(body, target, exc)
        except RecursionError:
            raise too_deep() from None
        raise ValidationException(
            detail="Validation failed",
            extra=[{"message": text, "key": key, "source": "body"} for key, text in problems],
        ) from None
    except RecursionError:
        raise too_deep() from None
    except msgspec.DecodeError:
        return
