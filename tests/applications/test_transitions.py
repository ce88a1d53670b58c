"""Every (from, to) pair of the application status machine."""

import itertools

import pytest

from backend.applications.models import STATUSES
from backend.applications.transitions import ALLOWED, check
from backend.errors import InvalidTransition

EXPECTED = {
    ("active", "on_hold"),
    ("active", "rejected"),
    ("active", "withdrawn"),
    ("active", "hired"),
    ("on_hold", "active"),
    ("on_hold", "rejected"),
    ("on_hold", "withdrawn"),
    ("rejected", "active"),
}


@pytest.mark.parametrize(("current", "target"), list(itertools.product(STATUSES, STATUSES)))
def test_transition(current, target):
    if (current, target) in EXPECTED:
        check(current, target)
    else:
        with pytest.raises(InvalidTransition) as exc:
            check(current, target)
        assert exc.value.extra["allowed"] == sorted(ALLOWED[current])


def test_table_matches_the_specification():
    assert {(a, b) for a, targets in ALLOWED.items() for b in targets} == EXPECTED
