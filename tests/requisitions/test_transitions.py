"""Every (from, to) pair of the requisition status machine, allowed and refused."""

import itertools

import pytest

from backend.errors import InvalidTransition
from backend.requisitions.models import STATUSES
from backend.requisitions.transitions import ALLOWED, check

EXPECTED = {
    ("draft", "open"),
    ("draft", "cancelled"),
    ("open", "paused"),
    ("open", "filled"),
    ("open", "closed"),
    ("open", "cancelled"),
    ("paused", "open"),
    ("paused", "closed"),
    ("paused", "cancelled"),
    ("filled", "open"),
}


@pytest.mark.parametrize(("current", "target"), list(itertools.product(STATUSES, STATUSES)))
def test_transition(current, target):
    if (current, target) in EXPECTED:
        check(current, target)
    elif current != target:
        with pytest.raises(InvalidTransition) as exc:
            check(current, target)
        assert exc.value.status_code == 409
        assert exc.value.extra["allowed"] == sorted(ALLOWED[current])


def test_table_matches_the_specification():
    assert {(a, b) for a, targets in ALLOWED.items() for b in targets} == EXPECTED
    assert set(ALLOWED) == set(STATUSES)
