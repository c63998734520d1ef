"""OpenAPI helpers: error responses in the common body, declared per operation.

Handlers declare the errors of their own logic with :func:`error_responses`; the
:class:`ErrorResponsesPlugin` adds those every route can give (400/422 for input, 401/403 for
auth, 404 for path ids, 413/415 for bodies), replacing Litestar's own 400
``ValidationException`` schema. :class:`StrictStructSchemaPlugin` documents request structs
that reject unknown fields with ``additionalProperties: false``.
"""

from http import HTTPStatus

import msgspec
from litestar._openapi.schema_generation import SchemaCreator
from litestar._openapi.schema_generation.plugins.struct import StructSchemaPlugin
from litestar.constants import RESERVED_KWARGS
from litestar.handlers import HTTPRouteHandler
from litestar.openapi import ResponseSpec
from litestar.openapi.spec import Schema
from litestar.plugins import ReceiveRoutePlugin
from litestar.routes import BaseRoute, HTTPRoute
from litestar.typing import FieldDefinition
from litestar.utils.signature import ParsedSignature

from tutor_platform.shared.http.auth import require_admin, require_instructor
from tutor_platform.shared.http.errors import ErrorBody

_DESCRIPTIONS = {
    400: "Bad request: malformed JSON, an empty required body, a bad header (BAD_REQUEST)",
    401: "Missing, invalid or expired access token (UNAUTHENTICATED, TOKEN_EXPIRED)",
    403: "Not allowed (FORBIDDEN, PREMIUM_REQUIRED)",
    404: "Not found, or not yours",
    409: "Conflict with the current state",
    413: "Body too large (PAYLOAD_TOO_LARGE)",
    415: "The body is not in the media type this operation takes (UNSUPPORTED_MEDIA_TYPE)",
    416: "The byte range is outside the file (RANGE_NOT_SATISFIABLE); see Content-Range",
    422: "Validation failed (VALIDATION_ERROR); `errors` lists the fields",
    429: "Rate limited or quota exceeded; see Retry-After",
    502: "An upstream provider failed",
    503: "Not available",
}
_NO_BODY_STATUSES = frozenset({204, 304})
_AUTH_DEPENDENCIES = frozenset({"principal", "optional_principal"})
_ROLE_GUARDS = (require_admin, require_instructor)


def error_responses(*statuses: int) -> dict[int, ResponseSpec]:
    """Response specs in the common error body for the given status codes."""
    return {
        status: ResponseSpec(
            data_container=ErrorBody, description=_DESCRIPTIONS.get(status, "Error")
        )
        for status in statuses
    }


def _inputs(handler: HTTPRouteHandler) -> tuple[set[str], bool]:
    """The dependencies a handler uses (transitively) and whether it reads parameters or a body."""
    dependencies = handler.resolve_dependencies()
    used: set[str] = set()
    takes_input = False
    pending: list[ParsedSignature] = [handler.parsed_fn_signature]
    while pending:
        for name in pending.pop().parameters:
            if name in dependencies:
                if name not in used:
                    used.add(name)
                    pending.append(dependencies[name].parsed_fn_signature)
            elif name == "data" or name not in RESERVED_KWARGS:
                takes_input = True
    return used, takes_input


def implied_error_statuses(handler: HTTPRouteHandler, route: HTTPRoute) -> list[int]:
    """The error statuses the HTTP shell itself may answer for this handler."""
    used, takes_input = _inputs(handler)
    statuses = [400]
    guards = handler.resolve_guards()
    if handler.resolve_security() or used & _AUTH_DEPENDENCIES or guards:
        statuses.append(401)
    if any(guard in _ROLE_GUARDS for guard in guards):
        statuses.append(403)
    if route.path_parameters:
        statuses.append(404)
    if "data" in handler.parsed_fn_signature.parameters:
        statuses += [413, 415]
    if takes_input or route.path_parameters:
        statuses.append(422)
    return statuses


class ErrorResponsesPlugin(ReceiveRoutePlugin):
    """Documents the shell's error responses in the common body on every operation.

    A handler's own ``responses=`` win over these defaults for the same status. A 204 success
    is documented without content (Litestar would give ``Response[None]`` a JSON ``null``).
    """

    def receive_route(self, route: BaseRoute) -> None:
        if not isinstance(route, HTTPRoute):
            return
        for handler in route.route_handlers:
            implied = error_responses(*implied_error_statuses(handler, route))
            if handler.status_code in _NO_BODY_STATUSES:
                implied[handler.status_code] = ResponseSpec(
                    data_container=None, description=HTTPStatus(handler.status_code).phrase
                )
            handler.responses = {**implied, **(handler.responses or {})}


class StrictStructSchemaPlugin(StructSchemaPlugin):
    """Litestar's msgspec schemas, plus ``additionalProperties: false`` for structs declared
    with ``forbid_unknown_fields=True`` (they answer 422 to any other property)."""

    def to_openapi_schema(
        self, field_definition: FieldDefinition, schema_creator: SchemaCreator
    ) -> Schema:
        schema = super().to_openapi_schema(field_definition, schema_creator)
        info = msgspec.inspect.type_info(field_definition.type_)
        if isinstance(info, msgspec.inspect.StructType) and info.forbid_unknown_fields:
            schema.additional_properties = False
        return schema
