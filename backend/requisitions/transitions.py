"""The requisition status machine, as data. `check()` is the only place a status change is allowed or refused."""

from backend.errors import InvalidTransition

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


def check(current: str, target: str) -> None:
    allowed = ALLOWED[current]
    if target not in allowed:
        options = ", ".join(sorted(allowed)) or "none (final status)"
        raise InvalidTransition(
            f"A {current} requisition cannot become {target}. Allowed from {current}: {options}.",
            extra={"current": current, "allowed": sorted(allowed)},
        )
