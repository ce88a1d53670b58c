import itertools

import pytest

from backend.errors import InvalidTransition
from backend.interviews.models import STATUSES
from backend.interviews.transitions import ALLOWED, check

EXPECTED = {
    ("scheduled", "in_progress"),
    ("scheduled", "completed"),
    ("scheduled", "cancelled"),
    ("scheduled", "no_show"),
    ("in_progress", "completed"),
    ("in_progress", "cancelled"),
}


@pytest.mark.parametrize(("current", "target"), list(itertools.product(STATUSES, STATUSES)))
def test_transition(current, target):
    if (current, target) in EXPECTED:
        check(current, target)
    else:
        with pytest.raises(InvalidTransition):
            check(current, target)


def test_table_matches_the_specification():
    assert {(a, b) for a, targets in ALLOWED.items() for b in targets} == EXPECTED
