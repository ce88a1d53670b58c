import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, status

from backend.auth.dependencies import require
from backend.auth.principal import Principal
from backend.db import ReadSessionDep, SessionDep
from backend.errors import Forbidden
from backend.execution import service
from backend.execution.schemas import LanguageRead, LanguageUpdate, RunCreate, RunRead
from backend.kit.schemas import Page

languages_router = APIRouter(prefix="/languages", tags=["execution"])
router = APIRouter(prefix="/execution", tags=["execution"])


async def _person(principal: Annotated[Principal, Depends(require("code:run"))]) -> Principal:
    if principal.kind != "user":
        raise Forbidden("Code runs report to the person who asked: sign in as a user.")
    return principal


Runner = Annotated[Principal, Depends(_person)]


@languages_router.get("", response_model=Page[LanguageRead])
async def list_languages(
    principal: Annotated[Principal, Depends(require("questions:read"))], session: ReadSessionDep
) -> Page[LanguageRead]:
    """The programming languages of the platform, with whether this organization uses each (`enabled`). A short,
    fixed list: one page, no cursor."""
    assert principal.organization_id is not None
    return Page(items=await service.list_languages(session, principal.organization_id))


@languages_router.patch("/{language_key}", response_model=LanguageRead)
async def update_language(
    principal: Annotated[Principal, Depends(require("languages:manage"))],
    language_key: str,
    body: LanguageUpdate,
    session: SessionDep,
) -> LanguageRead:
    """Switch a language on or off for this organization. A language the platform has not installed cannot be
    switched on (409)."""
    return await service.set_language_enabled(session, principal, language_key, body.enabled)


@router.post("/runs", response_model=RunRead, status_code=status.HTTP_202_ACCEPTED)
async def create_run(principal: Runner, body: RunCreate, session: SessionDep) -> RunRead:
    """Run a program against test cases in the sandbox (authors trying a harness or a reference solution). Answers
    at once with the queued run; progress and the result arrive as `execution_run` events on
    `GET /notifications/stream` (to the person who asked only), and `GET /execution/runs/{id}` returns the
    results so far. At most 20 runs a minute and 3 unfinished at once per person (429 beyond); the body may be at
    most 1 MB (413)."""
    return await service.scratch_run(session, principal, body)


@router.get("/runs/{run_id}", response_model=RunRead)
async def get_run(principal: Runner, run_id: uuid.UUID, session: ReadSessionDep) -> RunRead:
    """A run with its verdict and its results per case so far. Visible to the person who asked (and to holders of
    `code:read_runs`); 404 to anyone else."""
    return await service.run_for(session, principal, run_id)
