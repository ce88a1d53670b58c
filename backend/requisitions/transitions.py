"""The requisition status machine, as data. `check()` is the only place a status change is allowed or refused."""

from backend.kit.transitions import Transitions

ALLOWED: dict[str, frozenset[str]] = {
    "draft": frozenset({"open", "cancelled"}),
    "open": frozenset({"paused", "filled", "closed", "cancelled"}),
    "paused": frozenset({"open", "closed", "cancelled"}),
    "filled": frozenset({"open"}),  # reopened when more positions are added
    "closed": frozenset(),
    "cancelled": frozenset(),
}

# What each action is called in the API, for messages.
ACTIONS = {"open": "publish", "paused": "pause", "filled": "mark filled", "closed": "close", "cancelled": "cancel"}


check = Transitions(ALLOWED, "A {current} requisition cannot become {target}. Allowed from {current}: {allowed}.").check
