"""Interview statuses as data."""

from backend.errors import InvalidTransition

ALLOWED: dict[str, frozenset[str]] = {
    "scheduled": frozenset({"in_progress", "completed", "cancelled", "no_show"}),
    "in_progress": frozenset({"completed", "cancelled"}),
    "completed": frozenset(),
    "cancelled": frozenset(),
    "no_show": frozenset(),
}


def check(current: str, target: str) -> None:
    if target not in ALLOWED[current]:
        allowed = sorted(ALLOWED[current])
        raise InvalidTransition(
            f"A {current.replace('_', ' ')} interview cannot become {target.replace('_', ' ')}. "
            f"Allowed: {', '.join(allowed) or 'none (final status)'}.",
            extra={"current": current, "allowed": allowed},
        )
