"""Every (from, to) pair of the offer status machine, allowed and refused, refused the way every other status
machine refuses."""

import itertools

import pytest

from backend.decisions.models import OFFER_STATUSES
from backend.decisions.transitions import OFFER_ALLOWED, check_offer
from backend.errors import InvalidTransition

EXPECTED = {("draft", "sent"), ("sent", "accepted"), ("sent", "declined")}


@pytest.mark.parametrize(("current", "target"), list(itertools.product(OFFER_STATUSES, OFFER_STATUSES)))
def test_transition(current, target):
    if (current, target) in EXPECTED:
        check_offer(current, target)
    else:
        with pytest.raises(InvalidTransition) as exc:
            check_offer(current, target)
        assert exc.value.status_code == 409
        assert exc.value.extra == {"current": current, "allowed": sorted(OFFER_ALLOWED[current])}


def test_table_matches_the_specification():
    assert {(a, b) for a, targets in OFFER_ALLOWED.items() for b in targets} == EXPECTED
    assert set(OFFER_ALLOWED) == set(OFFER_STATUSES)
