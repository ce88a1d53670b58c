"""Application statuses as data. Stage moves happen only while an application is active."""

from backend.kit.transitions import Transitions

ALLOWED: dict[str, frozenset[str]] = {
    "active": frozenset({"on_hold", "rejected", "withdrawn", "hired"}),
    "on_hold": frozenset({"active", "rejected", "withdrawn"}),
    "rejected": frozenset({"active"}),  # reconsidered
    "withdrawn": frozenset(),
    "hired": frozenset(),
}

check = Transitions(ALLOWED, "An application that is {current} cannot become {target}. Allowed: {allowed}.").check
