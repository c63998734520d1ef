"""Validation errors in words a person understands, every invalid field at once.

msgspec stops at the first invalid value and describes it for programmers ("Expected `str`
matching regex '^…$' - at `$.username`"). :func:`body_problems` checks a JSON body field by
field against the request struct, so that every invalid field is named, and
:func:`human_message` says what is wrong in plain words. A pattern is never shown: a field
whose value must match one says what it accepts in its ``Meta(extra={"message": ...})``.
"""

import re
from typing import Annotated, Any, get_args, get_origin

import msgspec
from msgspec.inspect import ListType, Metadata, StructType, type_info

_AT = re.compile(r" - at `\$(?P<path>[^`]*)`$")
_TYPES = {
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "array": "a list",
    "object": "an object",
    "null": "null",
    "uuid": "a UUID",
    "datetime": "a date and time",
    "date": "a date",
    "decimal": "a decimal number",
    "bytes": "base64 text",
}
_UNITS = {"str": "characters", "array": "items", "object": "keys"}
_BOUNDS = {">=": "at least", "<=": "at most", ">": "greater than", "<": "less than"}
_WRONG_TYPE = re.compile(r"Expected `(?P<expected>[^`]+)`, got `(?P<got>[^`]+)`")
_LENGTH = re.compile(r"Expected `(?P<kind>\w+)` of length (?P<op>[<>]=?) (?P<n>\d+)")
_NUMBER = re.compile(r"Expected `(?:int|float|decimal)` (?P<op>[<>]=?) (?P<n>[-\d.e+]+)")
_MULTIPLE = re.compile(r"Expected `(?:int|float)` that's a multiple of (?P<n>[-\d.e+]+)")
_PATTERN = re.compile(r"Expected `str` matching regex ")
_MISSING = re.compile(r"Object missing required field `(?P<name>[^`]+)`")
_UNKNOWN = re.compile(r"Object contains unknown field `(?P<name>[^`]+)`")
_INVALID = {
    "Invalid UUID": "must be a UUID",
    "Invalid RFC3339 encoded datetime": (
        "must be a date and time in ISO 8601, such as 2026-01-31T09:30:00Z"
    ),
    "Invalid RFC3339 encoded date": "must be a date in ISO 8601, such as 2026-01-31",
    "Invalid base64 encoded string": "must be base64 text",
}
PATTERN_FALLBACK = "is not in a form this field accepts"


def _kinds(names: str) -> str:
    words = [_TYPES.get(name.strip(), name.strip()) for name in names.split("|")]
    return " or ".join(words)


def _choices(annotation: Any) -> list[str]:
    """The accepted values of a ``Literal`` or enum type; none for any other type."""
    info = _base(type_info(annotation)) if annotation is not None else None
    if isinstance(info, msgspec.inspect.LiteralType):
        return [str(value) for value in info.values]
    if isinstance(info, msgspec.inspect.EnumType):
        return [str(member.value) for member in info.cls]
    return []


def _base(info: Any) -> Any:
    return info.type if isinstance(info, Metadata) else info


def _extra_message(annotation: Any) -> str | None:
    if annotation is None:
        return None
    info = type_info(annotation)
    if isinstance(info, Metadata) and info.extra:
        message = info.extra.get("message")
        return str(message) if message else None
    return None


def human_message(message: str, annotation: Any = None) -> str:
    """``message`` (msgspec's or Litestar's, with or without its ``- at `$…``` part) in plain
    words; ``annotation`` is the type of the field, when known."""
    text = _AT.sub("", message).strip()
    if found := _WRONG_TYPE.fullmatch(text):
        return f"must be {_kinds(found['expected'])}, not {_kinds(found['got'])}"
    if found := _LENGTH.fullmatch(text):
        n, op, unit = int(found["n"]), found["op"], _UNITS.get(found["kind"], "items")
        if op == ">=" and n == 1:
            return "must not be empty"
        return (
            f"must be {_BOUNDS[op]} {n} {unit}"
            if unit == "characters"
            else (f"must have {_BOUNDS[op]} {n} {unit}")
        )
    if found := _NUMBER.fullmatch(text):
        return f"must be {_BOUNDS[found['op']]} {found['n']}"
    if found := _MULTIPLE.fullmatch(text):
        return f"must be a multiple of {found['n']}"
    if _PATTERN.match(text):
        return _extra_message(annotation) or PATTERN_FALLBACK
    if _MISSING.fullmatch(text):
        return "is required"
    if _UNKNOWN.fullmatch(text):
        return "is not a field of this request"
    if text.startswith("Invalid enum value"):
        choices = _choices(annotation)
        return f"must be one of: {', '.join(choices)}" if choices else "is not an accepted value"
    return _INVALID.get(text, text)


def error_path(message: str) -> str:
    """The field path of a msgspec message (``$.questions[0].kind`` → ``questions[0].kind``),
    with a missing or unknown field's name appended; "" for the body itself."""
    found = _AT.search(message)
    path = found["path"].lstrip(".") if found else ""
    text = _AT.sub("", message)
    named = _MISSING.fullmatch(text) or _UNKNOWN.fullmatch(text)
    if named:
        path = _join(path, named["name"])
    return path


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _convert_problems(value: Any, annotation: Any, path: str) -> list[tuple[str, str]]:
    try:
        msgspec.convert(value, annotation, strict=True)
    except msgspec.ValidationError as exc:
        message = str(exc)
        inner = error_path(message)
        where = f"{path}{inner}" if inner.startswith("[") else _join(path, inner) if inner else path
        return [(where, human_message(message, annotation if not inner else None))]
    return []


def _problems(value: Any, annotation: Any, path: str) -> list[tuple[str, str]]:
    info = _base(type_info(annotation))
    if isinstance(info, StructType) and isinstance(value, dict):
        return _struct_problems(value, info, path)
    if (
        isinstance(info, ListType)
        and isinstance(info.item_type, StructType)
        and isinstance(value, list)
    ):
        return _list_problems(value, annotation, info, path)
    return _convert_problems(value, annotation, path)


def _list_problems(
    value: list[Any], annotation: Any, info: ListType, path: str
) -> list[tuple[str, str]]:
    """A list of structs: its length, else each element's fields."""
    if info.min_length is not None and len(value) < info.min_length:
        n = info.min_length
        return [(path, "must not be empty" if n == 1 else f"must have at least {n} items")]
    if info.max_length is not None and len(value) > info.max_length:
        return [(path, f"must have at most {info.max_length} items")]
    item = _item_annotation(annotation)
    return [
        problem
        for index, element in enumerate(value)
        for problem in _problems(element, item, f"{path}[{index}]")
    ]


def _item_annotation(annotation: Any) -> Any:
    """The element type of a list annotation, through ``Annotated`` and optional unions."""
    while get_origin(annotation) is not list:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        else:
            annotation = next(
                arg for arg in get_args(annotation) if arg not in (type(None), msgspec.UnsetType)
            )
    return get_args(annotation)[0]


def _struct_problems(value: dict[str, Any], info: StructType, path: str) -> list[tuple[str, str]]:
    fields = {field.encode_name: field for field in msgspec.structs.fields(info.cls)}
    problems: list[tuple[str, str]] = []
    if info.forbid_unknown_fields:
        problems += [
            (_join(path, key), "is not a field of this request")
            for key in value
            if key not in fields
        ]
    for name, field in fields.items():
        if name in value:
            problems += _problems(value[name], field.type, _join(path, name))
        elif field.required:
            problems.append((_join(path, name), "is required"))
    return problems


def body_problems(
    body: bytes, target: Any, error: msgspec.ValidationError
) -> list[tuple[str, str]]:
    """Every invalid field of a JSON ``body`` that failed to decode as ``target`` with
    ``error``, as (field path, plain message) pairs; the body's own problem when it is not an
    object, or when every field is valid alone (a rule across fields said no)."""
    try:
        value = msgspec.json.decode(body)
    except msgspec.DecodeError:
        value = None
    problems = _problems(value, target, "") if isinstance(value, dict) else []
    if problems:
        return problems
    message = str(error)
    return [(error_path(message), human_message(message))]
