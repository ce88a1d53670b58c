"""The Step-2 and Step-3 decision rules as pure functions, so that they are stated once,
documented in the API guide and tested as a table of cases."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

Step2Outcome = Literal["pending", "advance", "reject"]
Step3Outcome = Literal["pending", "hire", "reject"]


def step2_outcome(
    ratings: Sequence[float], recommendations: Sequence[str], pending: int, min_score: float
) -> tuple[float | None, Step2Outcome]:
    """Once every panelist has submitted: the overall score is the mean overall rating (1–5); advance when it is
    ≥ `min_score` and no scorecard recommends `no_hire`, otherwise reject."""
    overall = round(sum(ratings) / len(ratings), 2) if ratings else None
    if pending or overall is None:
        return overall, "pending"
    if overall >= min_score and "no_hire" not in recommendations:
        return overall, "advance"
    return overall, "reject"


@dataclass(frozen=True)
class SeatDecision:
    score: float  # 0–100
    approve: bool


def step3_outcome(
    by_seat: Mapping[str, SeatDecision], weights: Mapping[str, float], require_both: bool
) -> tuple[float | None, Step3Outcome]:
    """final = cto·w_cto + ceo·w_ceo, normalised over the seats that have decided. With `require_both` both seats
    must approve (one rejection ends it); without it either approval hires and it ends rejected when both reject."""
    total = sum(weights[s] for s in by_seat)
    final = round(sum(d.score * weights[s] for s, d in by_seat.items()) / total, 2) if total else None
    approvals = [d.approve for d in by_seat.values()]
    both_decided = len(by_seat) == len(weights)
    if require_both:
        if not all(approvals):
            return final, "reject"
        return final, "hire" if both_decided else "pending"
    if any(approvals):
        return final, "hire"
    return final, "reject" if both_decided else "pending"
