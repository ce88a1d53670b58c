from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel

JobStatus = Literal["todo", "doing", "succeeded", "failed", "cancelled", "aborting", "aborted"]


class JobRead(BaseModel):
    id: int
    task_name: str
    queue_name: str
    status: JobStatus
    attempts: int
    scheduled_at: datetime | None
    args: dict[str, Any]
    last_error: str | None
    last_event_at: datetime | None


class JobPage(BaseModel):
    items: list[JobRead]
    next_cursor: str | None
    counts: dict[str, int]
