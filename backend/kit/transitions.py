"""Status machines as data: each entity's allowed status changes are a table, checked by one function, so the
rules are read in one place, tested as a table and told to clients (the statuses a change may go to)."""

from collections.abc import Mapping
from dataclasses import dataclass

from backend.errors import InvalidTransition


@dataclass(frozen=True)
class Transitions:
    """`allowed` maps each status to the statuses it may become; `refusal` is the message of a refused change,
    with `{current}`, `{target}` and `{allowed}` filled in (underscores read as spaces)."""

    allowed: Mapping[str, frozenset[str]]
    refusal: str

    def allows(self, current: str, target: str) -> bool:
        return target in self.allowed[current]

    def check(self, current: str, target: str) -> None:
        """Raise InvalidTransition (409, naming the statuses allowed from `current`) unless the change exists."""
        options = sorted(self.allowed[current])
        if target not in options:
            raise InvalidTransition(
                self.refusal.format(
                    current=current.replace("_", " "),
                    target=target.replace("_", " "),
                    allowed=", ".join(options) or "none (final status)",
                ),
                extra={"current": current, "allowed": options},
            )
