"""Interview statuses as data."""

from backend.kit.transitions import Transitions

ALLOWED: dict[str, frozenset[str]] = {
    "scheduled": frozenset({"in_progress", "completed", "cancelled", "no_show"}),
    "in_progress": frozenset({"completed", "cancelled"}),
    "completed": frozenset(),
    "cancelled": frozenset(),
    "no_show": frozenset(),
}

check = Transitions(ALLOWED, "A {current} interview cannot become {target}. Allowed: {allowed}.").check
