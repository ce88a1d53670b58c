"""One interface, two backends, chosen by setting: the local sandbox unless INTERVIEWFLOW_JUDGE0_URL is set."""

import os
from typing import Protocol

from backend.config import Settings
from backend.execution.engine.judge0 import Judge0Backend
from backend.execution.engine.sandbox import SandboxBackend
from backend.execution.engine.spec import OnCase, OnCompiled, RunOutcome, RunSpec


class ExecutionBackend(Protocol):
    """Runs one submission: compile (if the language compiles), then every case, reporting progress."""

    name: str

    async def execute(
        self, spec: RunSpec, on_compiled: OnCompiled | None = None, on_case: OnCase | None = None
    ) -> RunOutcome: ...


def sandbox_slots(settings: Settings) -> int:
    return settings.execution_slots or os.cpu_count() or 1


_cache: dict[tuple[object, ...], ExecutionBackend] = {}


def backend_for(settings: Settings) -> ExecutionBackend:
    key = (
        settings.judge0_url,
        settings.judge0_token,
        settings.sandbox_dir,
        settings.sandbox_uid_base,
        sandbox_slots(settings),
    )
    if key not in _cache:
        if settings.judge0_url:
            _cache[key] = Judge0Backend(settings.judge0_url, settings.judge0_token)
        else:
            _cache[key] = SandboxBackend(settings.sandbox_dir, sandbox_slots(settings), settings.sandbox_uid_base)
    return _cache[key]
