"""Offer statuses as data: draft → sent → accepted | declined."""

from backend.kit.transitions import Transitions

OFFER_ALLOWED: dict[str, frozenset[str]] = {
    "draft": frozenset({"sent"}),
    "sent": frozenset({"accepted", "declined"}),
    "accepted": frozenset(),
    "declined": frozenset(),
}

check_offer = Transitions(OFFER_ALLOWED, "A {current} offer cannot become {target}. Allowed: {allowed}.").check
