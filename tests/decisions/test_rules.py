"""The decision rules as a table of cases (scores, recommendations, weights, require_both → outcome)."""

import pytest

from backend.decisions.rules import SeatDecision, step2_outcome, step3_outcome


@pytest.mark.parametrize(
    ("ratings", "recommendations", "pending", "min_score", "expected"),
    [
        ([4, 3.5], ["hire", "hire"], 0, 3.5, (3.75, "advance")),
        ([3.5], ["maybe"], 0, 3.5, (3.5, "advance")),  # exactly at the bar advances
        ([3, 3.5], ["hire", "hire"], 0, 3.5, (3.25, "reject")),  # below the bar
        ([5, 4], ["strong_hire", "no_hire"], 0, 3.5, (4.5, "reject")),  # one no_hire vetoes
        ([4], ["hire"], 1, 3.5, (4.0, "pending")),  # a panelist still to submit
        ([], [], 0, 3.5, (None, "pending")),  # no panel yet
        ([2.5, 2.5], ["maybe", "maybe"], 0, 2.5, (2.5, "advance")),  # the bar is the organization's setting
    ],
)
def test_step2(ratings, recommendations, pending, min_score, expected):
    assert step2_outcome(ratings, recommendations, pending, min_score) == expected


YES, NO = True, False
EVEN = {"cto": 0.5, "ceo": 0.5}
CTO_HEAVY = {"cto": 0.7, "ceo": 0.3}


@pytest.mark.parametrize(
    ("seats", "weights", "require_both", "expected"),
    [
        ({"cto": (80, YES), "ceo": (70, YES)}, EVEN, True, (75.0, "hire")),
        ({"cto": (80, YES), "ceo": (70, YES)}, CTO_HEAVY, True, (77.0, "hire")),
        ({"cto": (80, YES)}, EVEN, True, (80.0, "pending")),  # waits for the CEO
        ({"cto": (80, YES), "ceo": (40, NO)}, EVEN, True, (60.0, "reject")),
        ({"ceo": (30, NO)}, EVEN, True, (30.0, "reject")),  # one rejection ends it at once
        ({"cto": (80, YES)}, EVEN, False, (80.0, "hire")),  # either approval hires
        ({"cto": (80, YES), "ceo": (40, NO)}, CTO_HEAVY, False, (68.0, "hire")),
        ({"cto": (30, NO)}, EVEN, False, (30.0, "pending")),  # the CEO may still approve
        ({"cto": (30, NO), "ceo": (20, NO)}, EVEN, False, (25.0, "reject")),
        ({}, EVEN, True, (None, "pending")),
    ],
)
def test_step3(seats, weights, require_both, expected):
    by_seat = {seat: SeatDecision(score, approve) for seat, (score, approve) in seats.items()}
    assert step3_outcome(by_seat, weights, require_both) == expected
