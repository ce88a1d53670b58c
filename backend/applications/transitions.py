"""Application statuses as data. Stage moves happen only while an application is active."""

from backend.errors import InvalidTransition

ALLOWED: dict[str, frozenset[str]] = {
    "active": frozenset({"on_hold", "rejected", "withdrawn", "hired"}),
    "on_hold": frozenset({"active", "rejected", "withdrawn"}),
    "rejected": frozenset({"active"}),  # reconsidered
    "withdrawn": frozenset(),
    "hired": frozenset(),
}


def check(current: str, target: str) -> None:
    if target not in ALLOWED[current]:
        allowed = sorted(ALLOWED[current])
        raise InvalidTransition(
            f"An application that is {current.replace('_', ' ')} cannot become {target.replace('_', ' ')}. "
            f"Allowed: {', '.join(allowed) or 'none (final status)'}.",
            extra={"current": current, "allowed": allowed},
        )
