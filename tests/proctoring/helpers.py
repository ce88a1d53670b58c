import uuid
from datetime import UTC, datetime
from typing import Any

from tests.assessments.helpers import PLAYER

EVENTS = f"{PLAYER}/session/proctoring/events"


def event(seq: int, type_: str = "focus_lost", **over: Any) -> dict[str, Any]:
    return {
        "client_id": over.pop("client_id", f"ev-{uuid.uuid4().hex[:12]}"),
        "seq": seq,
        "type": type_,
        "occurred_at": datetime.now(UTC).isoformat(),
        **over,
    }
