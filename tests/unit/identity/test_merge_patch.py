"""JSON Merge Patch (RFC 7386), including the RFC's own examples."""

from typing import Any

import pytest

from tutor_platform.identity.domain.merge_patch import merge_patch

RFC_EXAMPLES = [
    ({"a": "b"}, {"a": "c"}, {"a": "c"}),
    ({"a": "b"}, {"b": "c"}, {"a": "b", "b": "c"}),
    ({"a": "b"}, {"a": None}, {}),
    ({"a": "b", "b": "c"}, {"a": None}, {"b": "c"}),
    ({"a": ["b"]}, {"a": "c"}, {"a": "c"}),
    ({"a": "c"}, {"a": ["b"]}, {"a": ["b"]}),
    ({"a": {"b": "c"}}, {"a": {"b": "d", "c": None}}, {"a": {"b": "d"}}),
    ({"a": [{"b": "c"}]}, {"a": [1]}, {"a": [1]}),
    (["a", "b"], ["c", "d"], ["c", "d"]),
    ({"a": "b"}, ["c"], ["c"]),
    ({"a": "foo"}, None, None),
    ({"a": "foo"}, "bar", "bar"),
    ({"e": None}, {"a": 1}, {"e": None, "a": 1}),
    ([1, 2], {"a": "b", "c": None}, {"a": "b"}),
    ({}, {"a": {"bb": {"ccc": None}}}, {"a": {"bb": {}}}),
]


@pytest.mark.parametrize(("target", "patch", "expected"), RFC_EXAMPLES)
def test_rfc_7386_examples(target: Any, patch: Any, expected: Any) -> None:
    assert merge_patch(target, patch) == expected


def test_nested_objects_merge_and_inputs_stay_unchanged() -> None:
    target = {"theme": "dark", "notifications": {"email": True, "push": False}}
    patch = {"notifications": {"push": True}, "theme": None, "language": "de"}
    result = merge_patch(target, patch)
    assert result == {"notifications": {"email": True, "push": True}, "language": "de"}
    assert target == {"theme": "dark", "notifications": {"email": True, "push": False}}
    assert patch == {"notifications": {"push": True}, "theme": None, "language": "de"}
