"""Reading the demo content's files: TOML decoded into msgspec structs, Markdown read whole,
and every problem a ``ValueError`` in the loader's words (the file, the table, the key, what
it must be), not msgspec's."""

import re
from collections.abc import Sequence
from importlib.resources.abc import Traversable
from typing import Any, TypeVar, get_args, get_type_hints

import msgspec
import msgspec.inspect as mi

FROM_MARKDOWN = "content"  # a field the loader fills from the Markdown file, never the TOML
S = TypeVar("S", bound=msgspec.Struct)


def error(name: str, where: str, message: str) -> ValueError:
    place = f"{where}: " if where else ""
    return ValueError(f"demo content {name}: {place}{message}")


def unknown_fields(name: str, where: str, keys: set[str]) -> ValueError:
    return error(name, where, f"unknown field(s) {', '.join(map(repr, sorted(keys)))}")


def _resource(root: Traversable, name: str) -> Traversable:
    resource = root
    for part in name.split("/"):
        resource = resource / part
    if not resource.is_file():
        raise ValueError(f"demo content {name}: file is missing")
    return resource


def read_markdown(root: Traversable, name: str) -> str:
    text = _resource(root, name).read_text(encoding="utf-8").strip()
    if not text:
        raise ValueError(f"demo content {name}: file is empty")
    return text


def read_toml(root: Traversable, name: str, kind: type[S]) -> S:
    """Decode file ``name`` into ``kind``: missing fields and wrong types first, in the
    order msgspec meets them, then keys that ``kind`` does not declare."""
    try:
        raw = _stripped(msgspec.toml.decode(_resource(root, name).read_bytes()))
    except (msgspec.DecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"demo content {name}: not valid TOML: {error}") from error
    try:
        value = msgspec.convert(raw, kind)
    except msgspec.ValidationError as error:
        raise _explained(name, str(error), raw, kind) from error
    _refuse_unknown_keys(name, "", value, raw)
    return value


def _stripped(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return [_stripped(item) for item in value]
    if isinstance(value, dict):
        return {key: _stripped(item) for key, item in value.items()}
    return value


def _refuse_unknown_keys(name: str, where: str, table: msgspec.Struct, raw: dict[str, Any]) -> None:
    fields = msgspec.structs.fields(table)
    unknown = set(raw) - ({f.encode_name for f in fields} - {FROM_MARKDOWN})
    if unknown:
        raise unknown_fields(name, where, unknown)
    for field in fields:
        value, path = getattr(table, field.name), f"{where}.{field.encode_name}".lstrip(".")
        if isinstance(value, msgspec.Struct):
            _refuse_unknown_keys(name, path, value, raw[field.encode_name])
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, msgspec.Struct):
                    _refuse_unknown_keys(
                        name, f"{path}[{index}]", item, raw[field.encode_name][index]
                    )


_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def _explained(name: str, problem: str, raw: Any, kind: type[msgspec.Struct]) -> ValueError:
    """msgspec's ``problem`` in the loader's words: the table, the key, what it must be."""
    problem, _, at = problem.partition(" - at `$")
    steps: list[str | int] = [key or int(index) for key, index in _STEP.findall(at[:-1])]
    missing = re.fullmatch(r"Object missing required field `(.+)`", problem)
    if missing:
        return error(name, _where(steps), f"missing field {missing[1]!r}")
    types, values = [mi.type_info(kind)], [raw]
    for step in steps:
        types.append(_step_type(types[-1], step))
        values.append(values[-1][step])
    item = isinstance(steps[-1], int) and not isinstance(types[-1], mi.StructType)
    if item:  # an item of a list of strings: the list is what is wrong
        del steps[-1], types[-1], values[-1]
    if isinstance(types[-1], mi.StructType):
        return error(name, _where(steps), "must be a table")
    *place, key = steps
    assert isinstance(types[-2], mi.StructType)
    assert isinstance(key, str)
    expected = _expected(types[-2], key, values[-1], empty="length >=" in problem and not item)
    return error(name, _where(place), f"{key!r} {expected}")


def _step_type(kind: mi.Type, step: str | int) -> mi.Type:
    """The type of ``step`` (a key or an index) in a value of type ``kind``."""
    if isinstance(kind, mi.StructType):
        return _unwrapped(next(f.type for f in kind.fields if f.encode_name == step))
    assert isinstance(kind, mi.CollectionType)
    return _unwrapped(kind.item_type)


def _unwrapped(kind: mi.Type) -> mi.Type:
    """``X`` of an optional ``X | None``."""
    if isinstance(kind, mi.UnionType):
        return next(t for t in kind.types if not isinstance(t, mi.NoneType))
    return kind


def _expected(table: mi.StructType, key: str, value: Any, *, empty: bool) -> str:
    """What the value of ``key`` in ``table`` must be (``empty``: a list that is empty)."""
    kind = _step_type(table, key)
    if isinstance(kind, mi.CollectionType):
        if isinstance(kind.item_type, mi.StructType):
            return "must be a non-empty list of tables"
        return "must not be empty" if empty else "must be a list of non-empty strings"
    if isinstance(kind, mi.IntType):
        return "must be a positive integer"
    if isinstance(kind, mi.FloatType):
        return f"must be a number from {kind.ge} to {kind.le}"
    if isinstance(kind, mi.BoolType):
        return "must be true or false"
    if not isinstance(value, str) or not value:
        return "must be a non-empty string"
    if isinstance(kind, mi.EnumType | mi.LiteralType):
        field = next(f.name for f in table.fields if f.encode_name == key)
        hint = get_type_hints(table.cls)[field]  # a StrEnum or a Literal, in declared order
        return f"must be one of {', '.join(map(str, get_args(hint) or hint))}, not {value!r}"
    return f"must be a slug (a-z, 0-9 and single '-'), not {value!r}"


def _where(steps: Sequence[str | int]) -> str:
    path = "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in steps)
    return path.removeprefix(".")
