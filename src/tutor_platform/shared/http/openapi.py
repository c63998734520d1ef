"""OpenAPI helpers: the conventions that make the document generate a good client.

Handlers declare the errors of their own logic with :func:`error_responses`; the
:class:`ErrorResponsesPlugin` adds those every route can give (400/422 for input, 401/403 for
auth, 404 for path ids, 413/415 for bodies), replacing Litestar's own 400
``ValidationException`` schema. :class:`OperationConventionsPlugin` gives every operation its
context's tag, a summary and the security its authentication dependency implies, and makes an
optional ``data`` an optional request body; :func:`operation_id` names operations in short
camelCase. :class:`StrictStructSchemaPlugin` documents request structs that reject unknown
fields with ``additionalProperties: false`` and marks every field of a response struct
required (they are always sent); :class:`TaggedUnionSchemaPlugin` documents a union of
tagged structs as a ``oneOf`` with a ``discriminator``.
"""

import dataclasses
import re
from collections.abc import Mapping
from http import HTTPStatus
from typing import Annotated, Any, Union

import msgspec
from litestar._openapi.schema_generation import SchemaCreator
from litestar._openapi.schema_generation.plugins.struct import StructSchemaPlugin
from litestar.constants import RESERVED_KWARGS
from litestar.handlers import HTTPRouteHandler
from litestar.openapi import ResponseSpec
from litestar.openapi.spec import Discriminator, Operation, Reference, Schema
from litestar.openapi.spec.enums import OpenAPIType
from litestar.params import KwargDefinition
from litestar.plugins import OpenAPISchemaPlugin, ReceiveRoutePlugin
from litestar.routes import BaseRoute, HTTPRoute
from litestar.types import Method
from litestar.types.internal_types import PathParameterDefinition
from litestar.typing import FieldDefinition
from litestar.utils.signature import ParsedSignature

from tutor_platform.shared.http.auth import BEARER_SECURITY, require_admin, require_instructor
from tutor_platform.shared.http.errors import ErrorBody

_DESCRIPTIONS = {
    400: "Bad request: malformed JSON, an empty required body, a bad header (BAD_REQUEST)",
    401: "Missing, invalid or expired access token (UNAUTHENTICATED, TOKEN_EXPIRED)",
    403: "Not allowed (FORBIDDEN, PREMIUM_REQUIRED)",
    404: "Not found, or not yours",
    406: "The Accept header allows none of the media types this operation answers (NOT_ACCEPTABLE)",
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
OPTIONAL_BEARER_SECURITY: list[dict[str, list[str]]] = [{}, *BEARER_SECURITY]
"""The security of an operation that works without a token and does more with one."""

CONTEXT_TAGS: Mapping[str, str] = {
    "tutor_platform.identity.": "Identity",
    "tutor_platform.catalog.": "Learning",
    "tutor_platform.progress.": "Learning",
    "tutor_platform.tutoring.": "Tutoring",
    "tutor_platform.assessment.": "Assessment",
    "tutor_platform.media.": "Media",
    "tutor_platform.integrations.": "Integrations",
    "tutor_platform.shared.jobs.": "Jobs",
    "tutor_platform.bootstrap.": "Operations",
}
"""The OpenAPI tag of each context, by the module prefix of its handlers."""


def error_responses(*statuses: int) -> dict[int, ResponseSpec]:
    """Response specs in the common error body for the given status codes."""
    return {
        status: ResponseSpec(
            data_container=ErrorBody,
            description=_DESCRIPTIONS.get(status, "Error"),
            generate_examples=False,
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


def _inline_single_one_of(schema: Schema) -> Schema | Reference:
    """``{"oneOf": [X], ...}`` (an optional field of a patch, whose ``UNSET`` Litestar drops
    from the union) as ``{...X, ...}``, or as the reference X itself (an enum): a one-armed
    ``oneOf`` confuses linters and generators."""
    if not schema.one_of or len(schema.one_of) != 1:
        return schema
    (arm,) = schema.one_of
    schema.one_of = None
    if isinstance(arm, Reference):
        if schema == Schema():
            return arm
        schema.all_of = [arm]
        return schema
    for field in dataclasses.fields(Schema):
        if getattr(schema, field.name) is None and (value := getattr(arm, field.name)) is not None:
            setattr(schema, field.name, value)
    return schema


_CONSTRAINTS = {
    "ge": "minimum",
    "le": "maximum",
    "gt": "exclusive_minimum",
    "lt": "exclusive_maximum",
    "multiple_of": "multiple_of",
    "min_length": "min_length",
    "max_length": "max_length",
    "pattern": "pattern",
}
_ITEM_CONSTRAINTS = {"min_length": "min_items", "max_length": "max_items"}


def _unwrapped(info: msgspec.inspect.Type) -> msgspec.inspect.Type:
    while isinstance(info, msgspec.inspect.Metadata):
        info = info.type
    return info


def _constrain_nullable(prop: Schema, info: msgspec.inspect.Type) -> None:
    """Copy the constraints of an optional field's type (``Annotated[int, Meta(ge=1)] |
    None``, or ``| UnsetType`` in a patch), which Litestar drops from the arms of the union,
    onto its one arm that is not null."""
    info = _unwrapped(info)
    if not prop.one_of:
        return
    members = info.types if isinstance(info, msgspec.inspect.UnionType) else (info,)
    types = [_unwrapped(t) for t in members if not isinstance(t, msgspec.inspect.NoneType)]
    arms = [a for a in prop.one_of if isinstance(a, Schema) and a.type != OpenAPIType.NULL]
    if len(types) != 1 or len(arms) != 1:
        return
    names = _ITEM_CONSTRAINTS if isinstance(types[0], msgspec.inspect.ListType) else {}
    for constraint, attribute in _CONSTRAINTS.items():
        value = getattr(types[0], constraint, None)
        name = names.get(constraint, attribute)
        if value is not None and getattr(arms[0], name) is None:
            setattr(arms[0], name, value)


class StrictStructSchemaPlugin(StructSchemaPlugin):
    """Litestar's msgspec schemas, plus ``additionalProperties: false`` for structs declared
    with ``forbid_unknown_fields=True`` (request bodies: they answer 422 to any other
    property), every property required in the others (responses: without
    ``omit_defaults`` msgspec writes every field, ``null`` included), and the constraints of
    optional fields' types (``minimum``, ``maxLength``...) that Litestar leaves out."""

    def to_openapi_schema(
        self, field_definition: FieldDefinition, schema_creator: SchemaCreator
    ) -> Schema:
        schema = super().to_openapi_schema(field_definition, schema_creator)
        info = msgspec.inspect.type_info(field_definition.type_)
        if not isinstance(info, msgspec.inspect.StructType):
            return schema
        fields = {f.encode_name: f.type for f in info.fields}
        properties = schema.properties or {}
        for name, prop in properties.items():
            if isinstance(prop, Schema):
                if name in fields:
                    _constrain_nullable(prop, fields[name])
                properties[name] = _inline_single_one_of(prop)
        if isinstance(field_definition.kwarg_definition, KwargDefinition):
            schema.title = field_definition.kwarg_definition.schema_component_key or schema.title
        if info.forbid_unknown_fields:
            schema.additional_properties = False
        elif not field_definition.type_.__struct_config__.omit_defaults:
            schema.required = sorted(schema.properties or {})
        return schema


def camel_case(name: str) -> str:
    """``list_courses`` -> ``listCourses``."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def operation_id(
    handler: HTTPRouteHandler,
    http_method: Method,
    path_components: list[str | PathParameterDefinition],
) -> str:
    """The handler's name in camelCase (``list_courses`` -> ``listCourses``), prefixed with
    the method when one handler serves several; Litestar fails at start-up on a duplicate.
    A handler whose function name would make a poor id says ``operation_id=``."""
    name = camel_case(handler.handler_name)
    if len(handler.http_methods - {"OPTIONS", "HEAD"}) > 1:
        name = http_method.lower() + name[:1].upper() + name[1:]
    return name


def _summary(operation: str) -> str:
    """``getNextLesson`` -> ``Get next lesson``."""
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", operation).lower()
    return words[:1].upper() + words[1:]


def _context_tag(handler: HTTPRouteHandler) -> str | None:
    module = getattr(handler.fn, "__module__", "") + "."
    return next((tag for prefix, tag in CONTEXT_TAGS.items() if module.startswith(prefix)), None)


def _has_optional_body(handler: HTTPRouteHandler) -> bool:
    data = handler.parsed_fn_signature.parameters.get("data")
    return data is not None and data.is_optional


@dataclasses.dataclass
class PublicOperation(Operation):
    """The operation class of every handler: one that needs no token says so with
    ``security: []`` (Litestar would leave ``security`` out, which linters read as "not
    decided"); the others keep the security they declare."""

    def __post_init__(self) -> None:
        if self.security is None:
            self.security = []


@dataclasses.dataclass
class OptionalBodyOperation(PublicOperation):
    """An operation whose ``data`` may be left out: an optional request body of its type
    (rather than a required body that may be JSON ``null``)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        body = self.request_body
        if body is None or isinstance(body, Reference):
            return
        body.required = False
        for media in (body.content or {}).values():
            schema = media.schema
            if isinstance(schema, Schema) and schema.one_of:
                arms = [arm for arm in schema.one_of if not _is_null(arm)]
                if len(arms) == 1:
                    media.schema = arms[0]


def _is_null(schema: Schema | Reference) -> bool:
    return isinstance(schema, Schema) and schema.type == OpenAPIType.NULL


class OperationConventionsPlugin(ReceiveRoutePlugin):
    """Tag, summary, security and optional body of every operation, derived from the handler.

    - the tag is the handler's context (:data:`CONTEXT_TAGS`);
    - the summary, unless given, is the operation id in words (``Get next lesson``);
    - a handler that uses ``principal`` or a role guard declares bearer security, one that
      only uses ``optional_principal`` declares ``[{}, {"BearerToken": []}]`` (a token is
      optional), unless the handler or its controller sets ``security=`` itself;
    - a handler with neither declares ``security: []`` (:class:`PublicOperation`);
    - a ``data: X | None = None`` parameter is an optional request body.

    Must run before :class:`ErrorResponsesPlugin`, which reads the resolved security.
    """

    def receive_route(self, route: BaseRoute) -> None:
        if not isinstance(route, HTTPRoute):
            return
        for handler in route.route_handlers:
            if (tag := _context_tag(handler)) is not None and not handler.tags:
                handler.tags = [tag]
            if handler.summary is None and isinstance(handler.operation_id, str):
                handler.summary = _summary(handler.operation_id)
            elif handler.summary is None:
                handler.summary = _summary(camel_case(handler.handler_name))
            if not any(layer.security for layer in handler.ownership_layers):
                used, _ = _inputs(handler)
                if "principal" in used or set(handler.resolve_guards()) & set(_ROLE_GUARDS):
                    handler.security = BEARER_SECURITY
                elif "optional_principal" in used:
                    handler.security = OPTIONAL_BEARER_SECURITY
            if handler.operation_class is Operation:
                optional_body = _has_optional_body(handler)
                handler.operation_class = (
                    OptionalBodyOperation if optional_body else PublicOperation
                )


def tagged_union(name: str, *arms: type[msgspec.Struct]) -> Any:
    """``A | B | ...`` of structs tagged on one field, documented as the component ``name``:
    a ``oneOf`` with a ``discriminator`` (generators make it a discriminated union type)."""
    return Annotated[Union[arms], KwargDefinition(schema_component_key=name)]  # noqa: UP007


def _tagged_struct(annotation: Any) -> msgspec.inspect.StructType | None:
    info = msgspec.inspect.type_info(annotation)
    if isinstance(info, msgspec.inspect.StructType) and info.tag_field is not None:
        return info
    return None


class TaggedUnionSchemaPlugin(OpenAPISchemaPlugin):
    """Documents a :func:`tagged_union` as a named ``oneOf`` component with a
    ``discriminator`` mapping each tag to its struct's component."""

    def is_plugin_supported_field(self, field_definition: FieldDefinition) -> bool:
        kwargs = field_definition.kwarg_definition
        if not field_definition.is_union or not isinstance(kwargs, KwargDefinition):
            return False
        if not kwargs.schema_component_key:
            return False
        infos = [_tagged_struct(arm.annotation) for arm in field_definition.inner_types]
        return all(infos) and len({info.tag_field for info in infos if info}) == 1

    def to_openapi_schema(
        self, field_definition: FieldDefinition, schema_creator: SchemaCreator
    ) -> Schema:
        """The component's ``oneOf``, returned as a reference to it."""
        schema = schema_creator.schema_registry.get_schema_for_field_definition(field_definition)
        arms: list[Schema | Reference] = []
        mapping: dict[str, str] = {}
        tag_field = ""
        for arm in field_definition.inner_types:
            reference = schema_creator.for_field_definition(arm)
            info = _tagged_struct(arm.annotation)
            if info is None or not isinstance(reference, Reference):
                raise TypeError(f"{arm.annotation!r} is not a tagged struct")
            tag_field = str(info.tag_field)
            # The registry shortens component names only when it writes the document, so
            # the mapping names the struct's own (unique, tested) component name.
            mapping[str(info.tag)] = f"#/components/schemas/{arm.annotation.__name__}"
            arms.append(reference)
        schema.one_of = arms
        schema.discriminator = Discriminator(property_name=tag_field, mapping=mapping)
        # A component, referenced like a struct's.
        return schema_creator.schema_registry.get_reference_for_field_definition(  # type: ignore[return-value]
            field_definition
        )
