"""What other domains ask to be told about applications, without the applications domain importing them.

An assessment stage sends its test to every application that enters it: the invitations domain registers a
callback here (`@on_stage_entered`), and every move into a stage (a recruiter's, the job board's first stage, an
automatic advance) calls the callbacks in the same transaction as the move.

The modules that register are listed in SUBSCRIBERS and imported before the first call, so a callback never
depends on what else a process happened to import (the API imports every domain, but a seed script or a worker
need not)."""

import importlib
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.auth.principal import Principal

# (session, application, requisition, stage entered, who moved it: None for the job board or an automatic rule)
StageEntered = Callable[[AsyncSession, Any, Any, Any, Principal | None], Awaitable[None]]
_stage_entered: list[StageEntered] = []
SUBSCRIBERS = ("backend.invitations.service",)


def on_stage_entered(fn: StageEntered) -> StageEntered:
    if fn not in _stage_entered:
        _stage_entered.append(fn)
    return fn


async def stage_entered(session: AsyncSession, app: Any, req: Any, stage: Any, actor: Principal | None) -> None:
    for module in SUBSCRIBERS:
        importlib.import_module(module)  # registers its callbacks (a no-op after the first time)
    for fn in list(_stage_entered):
        await fn(session, app, req, stage, actor)
