"""Application statuses as data, and the actions they allow. Stage moves happen only while an application is
active and its requisition's pipeline is open; the detail endpoint lists the allowed actions with the same
rules the endpoints check, so clients never keep their own copy of this state machine."""

from typing import Literal

from backend.kit.transitions import Transitions

ALLOWED: dict[str, frozenset[str]] = {
    "active": frozenset({"on_hold", "rejected", "withdrawn", "hired"}),
    "on_hold": frozenset({"active", "rejected", "withdrawn"}),
    "rejected": frozenset({"active"}),  # reconsidered
    "withdrawn": frozenset(),
    "hired": frozenset(),
}

MACHINE = Transitions(ALLOWED, "An application that is {current} cannot become {target}. Allowed: {allowed}.")
check = MACHINE.check
can_change = MACHINE.allows

# Requisition statuses whose pipeline still moves (a filled or closed requisition's board is frozen).
OPEN_PIPELINES = frozenset({"open", "paused"})
# Interviews can be booked while the application is still in play.
SCHEDULABLE = frozenset({"active", "on_hold"})
# Hiring happens from the offer stage only.
HIRING_STAGE_KIND = "offer"

Action = Literal["move", "reject", "hold", "resume", "withdraw", "hire", "schedule_interview"]
# The status each status-changing action leads to.
STATUS_ACTIONS: dict[Action, str] = {
    "reject": "rejected",
    "hold": "on_hold",
    "resume": "active",
    "withdraw": "withdrawn",
    "hire": "hired",
}


def can_move(status: str, requisition_status: str) -> bool:
    return status == "active" and requisition_status in OPEN_PIPELINES


def allowed_actions(
    *,
    status: str,
    stage_kind: str | None,
    requisition_status: str,
    positions_left: int,
    may_move: bool,
    may_schedule: bool,
) -> list[Action]:
    """What the caller can do with an application right now: its state and the caller's permissions
    (`applications:move` for the pipeline actions, `interviews:schedule` for booking interviews)."""
    actions: list[Action] = []
    if may_move:
        if can_move(status, requisition_status):
            actions.append("move")
        for action, target in STATUS_ACTIONS.items():
            if not can_change(status, target):
                continue
            if action == "hire" and (stage_kind != HIRING_STAGE_KIND or positions_left <= 0):
                continue
            actions.append(action)
    if may_schedule and status in SCHEDULABLE:
        actions.append("schedule_interview")
    return actions
