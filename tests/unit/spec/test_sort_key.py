"""The listing rule on its own: by order, 0 before 1, any order before none, ties by id."""

from __future__ import annotations

from archgen.spec.model import sort_key


def test_order_zero_sorts_before_one_and_none_after_any_order() -> None:
    keys = {"none": None, "zero": 0, "one": 1, "negative": -1, "big": 2_000_000}
    ordered = sorted(keys, key=lambda spec_id: sort_key(keys[spec_id], spec_id))
    assert ordered == ["negative", "zero", "one", "big", "none"]


def test_ties_sort_by_id() -> None:
    assert sorted(["b", "a"], key=lambda spec_id: sort_key(None, spec_id)) == ["a", "b"]
    assert sorted(["b", "a"], key=lambda spec_id: sort_key(3, spec_id)) == ["a", "b"]
