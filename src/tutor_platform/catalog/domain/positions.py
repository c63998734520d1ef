"""Dense 1-based positions among siblings, as pure functions over ordered id lists.

Siblings are always numbered 1..n. Creating appends (n + 1) or inserts at a position in
1..n + 1 and shifts the rest; deleting closes the gap; moving takes a position in 1..n (or
1..n + 1 when the item comes from another parent). Any other position is a caller's error.
"""

from collections.abc import Sequence
from typing import TypeVar

K = TypeVar("K")


def insert_position_problem(position: int, sibling_count: int) -> str | None:
    """Where a new item may go among ``sibling_count`` others: 1..n + 1."""
    return _range_problem(position, sibling_count + 1)


def move_position_problem(position: int, sibling_count: int) -> str | None:
    """Where an existing item may move among ``sibling_count`` items, itself included."""
    return _range_problem(position, sibling_count)


def _range_problem(position: int, highest: int) -> str | None:
    if 1 <= position <= highest:
        return None
    return f"must be between 1 and {highest}"


def inserted(order: Sequence[K], item: K, position: int) -> list[K]:
    """``order`` with ``item`` placed at the 1-based ``position``."""
    result = list(order)
    result.insert(position - 1, item)
    return result


def removed(order: Sequence[K], item: K) -> list[K]:
    return [other for other in order if other != item]


def moved(order: Sequence[K], item: K, position: int) -> list[K]:
    """``order`` with ``item`` taken out and put back at the 1-based ``position``."""
    return inserted(removed(order, item), item, position)


def numbering(order: Sequence[K]) -> dict[K, int]:
    """The position of each item: 1..n in order."""
    return {item: index for index, item in enumerate(order, start=1)}


def renumbered(old_order: Sequence[K], new_order: Sequence[K]) -> dict[K, int]:
    """The items of ``new_order`` that are new or whose position changed, with their new one."""
    before = numbering(old_order)
    return {
        item: position
        for item, position in numbering(new_order).items()
        if before.get(item) != position
    }
