"""Dense positions: where items may go, and which siblings a change renumbers."""

import pytest

from tutor_platform.catalog.domain.positions import (
    insert_position_problem,
    inserted,
    move_position_problem,
    moved,
    removed,
    renumbered,
)


@pytest.mark.parametrize(("position", "ok"), [(0, False), (1, True), (4, True), (5, False)])
def test_a_new_item_goes_anywhere_from_first_to_just_after_the_last(
    position: int, ok: bool
) -> None:
    assert (insert_position_problem(position, 3) is None) is ok


@pytest.mark.parametrize(("position", "ok"), [(0, False), (1, True), (3, True), (4, False)])
def test_an_existing_item_moves_among_the_current_positions(position: int, ok: bool) -> None:
    assert (move_position_problem(position, 3) is None) is ok


def test_the_problem_names_the_allowed_range() -> None:
    assert insert_position_problem(9, 3) == "must be between 1 and 4"
    assert move_position_problem(-1, 0) == "must be between 1 and 0"


def test_moving_down_shifts_the_items_in_between_up() -> None:
    order = ["a", "b", "c", "d"]
    assert moved(order, "a", 3) == ["b", "c", "a", "d"]
    assert renumbered(order, moved(order, "a", 3)) == {"b": 1, "c": 2, "a": 3}


def test_moving_up_shifts_the_items_in_between_down() -> None:
    order = ["a", "b", "c", "d"]
    assert renumbered(order, moved(order, "d", 2)) == {"d": 2, "b": 3, "c": 4}


def test_moving_to_the_same_place_renumbers_nothing() -> None:
    order = ["a", "b", "c"]
    assert renumbered(order, moved(order, "b", 2)) == {}


def test_inserting_shifts_the_later_items_and_numbers_the_new_one() -> None:
    order = ["a", "b", "c"]
    assert renumbered(order, inserted(order, "n", 2)) == {"n": 2, "b": 3, "c": 4}
    assert renumbered(order, inserted(order, "n", 4)) == {"n": 4}


def test_removing_closes_the_gap() -> None:
    order = ["a", "b", "c", "d"]
    assert renumbered(order, removed(order, "b")) == {"c": 2, "d": 3}
    assert renumbered(order, removed(order, "d")) == {}
