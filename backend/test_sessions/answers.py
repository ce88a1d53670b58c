"""Saving answers (the hot path of an exam day) and running code against the visible examples.

An autosave is one UPDATE of one answer row, taken only when

* the client's `revision` is higher than the stored one: a late, repeated or out-of-order request never undoes a
  newer write, and the same revision twice is a no-op; and
* the row's `closes_at` is still in the future (the session's deadline, or its timed section's end).

Closing a session (submission, deadline) sets `closes_at` on all its rows in one UPDATE. A save racing the close
either commits first (and the close, which waits for that row, then grades the saved answer) or waits for the
close and, when PostgreSQL re-checks its condition against the closed row, changes nothing: the candidate gets
the 409 and the answer graded is the one they were told was saved. Nothing is acknowledged and then lost.

When the UPDATE changes nothing, a second query says why (stale revision, closed, unknown position, wrong kind
of answer)."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.config import get_settings
from backend.errors import NotFound, TooManyRequests, Unauthorized, ValidationFailed
from backend.execution import service as execution
from backend.execution.schemas import CaseIn, ComparisonIn, LimitsIn, RunCreate
from backend.invitations import service as invitations
from backend.invitations.player_auth import Player
from backend.questions import serving
from backend.questions.verification import execution_spec
from backend.test_sessions.models import AnswerRun
from backend.test_sessions.repository import AnswerRepository, AnswerRunRepository, SessionRepository
from backend.test_sessions.rules import SectionNotOpen, answer_closed_problem
from backend.test_sessions.schemas import AnswerSave, AnswerSaved, PlayerCase, PlayerRun, RunVisible

TYPES = {"choice": ("mcq_single", "mcq_multi"), "text": ("essay",), "code": ("coding",)}
ALL_TYPES = tuple(t for types in TYPES.values() for t in types)  # a cleared answer fits any question
VISIBLE_PURPOSE = "candidate_visible"
# The engine's bounds (a question may allow more; the run is capped to what the sandbox takes).
MAX_TIME_MS, MAX_MEMORY_MB, MAX_CASES = 10_000, 512, 50


async def check_token(session: AsyncSession, player: Player) -> None:
    if await invitations.current_version(session, player.organization_id, player.invitation_id) != player.version:
        raise Unauthorized("This link was re-issued or withdrawn: open the newest link you received.")


def _stored(data: AnswerSave) -> tuple[dict[str, Any] | None, tuple[str, ...] | None, list[str]]:
    """The answer as stored, the question types it fits, and the languages it uses."""
    answer = data.answer
    if answer is None:
        return None, None, []
    if answer.type == "choice":
        ids = sorted(set(answer.choice_ids))
        # Two options chosen only fit a multiple-answer question.
        return {"type": "choice", "choice_ids": ids}, TYPES["choice"] if len(ids) <= 1 else ("mcq_multi",), []
    if answer.type == "text":
        return {"type": "text", "text": answer.text}, TYPES["text"], []
    languages = sorted({answer.language, *answer.sources})
    return {"type": "code", "language": answer.language, "sources": dict(answer.sources)}, TYPES["code"], languages


async def save(session: AsyncSession, player: Player, position: int, data: AnswerSave) -> AnswerSaved:
    await check_token(session, player)
    stored, types, languages = _stored(data)
    saved = await AnswerRepository(session, player.organization_id).save(
        player.invitation_id,
        position,
        answer=stored,
        revision=data.revision,
        flagged=data.flagged,
        types=types or ALL_TYPES,
        languages=languages,
    )
    now = datetime.now(UTC)
    if saved is not None:
        return AnswerSaved(position=position, revision=saved[0], applied=True, saved_at=saved[1], server_time=now)
    return await _why_not(session, player, position, data, types, languages, now)


async def _why_not(
    session: AsyncSession,
    player: Player,
    position: int,
    data: AnswerSave,
    types: tuple[str, ...] | None,
    languages: list[str],
    now: datetime,
) -> AnswerSaved:
    s = await SessionRepository(session, player.organization_id).for_invitation(player.invitation_id)
    if s is None:
        raise NotFound("The test has not started yet.")
    a = await AnswerRepository(session, player.organization_id).at(s.id, position)
    if a is None:
        raise NotFound(f"No question at position {position}.")
    if a.closes_at is None:
        raise SectionNotOpen("Open this section's first question before answering: its timer starts then.")
    if a.closes_at <= now or s.status != "in_progress":
        raise answer_closed_problem(s, a, now)
    if types is not None and a.question_type not in types:
        expected = next(k for k, v in TYPES.items() if a.question_type in v)
        if a.question_type == "mcq_single" and expected == "choice":
            raise ValidationFailed.on("answer.choice_ids", "This question takes one option.")
        raise ValidationFailed.on("answer.type", f"This question takes a '{expected}' answer.")
    if languages and not set(languages) <= set(a.languages):
        raise ValidationFailed.on("answer.language", f"Answer in one of: {', '.join(a.languages)}.")
    # A revision the server already has (or an older one): nothing changes, the client learns the current one.
    return AnswerSaved(position=position, revision=a.revision, applied=False, saved_at=a.saved_at, server_time=now)


# --- "Run visible tests" ----------------------------------------------------------------------------------------


def _limits(coding: Any) -> LimitsIn:
    return LimitsIn(
        time_limit_ms=min(coding.time_limit_ms, MAX_TIME_MS), memory_limit_mb=min(coding.memory_limit_mb, MAX_MEMORY_MB)
    )


def _comparison(coding: Any) -> ComparisonIn:
    return ComparisonIn(mode=coding.comparison, float_tolerance=coding.float_tolerance or 1e-6)


async def run_visible(session: AsyncSession, player: Player, position: int, data: RunVisible) -> PlayerRun:
    """Run the candidate's code on the question's visible examples. Only they reach the player (their input,
    expected output and the program's output); hidden cases are not run here, so not even their number shows."""
    await check_token(session, player)
    org = player.organization_id
    s = await SessionRepository(session, org).for_invitation(player.invitation_id)
    if s is None:
        raise NotFound("The test has not started yet.")
    a = await AnswerRepository(session, org).at(s.id, position)
    if a is None or a.question_type != "coding":
        raise NotFound(f"No coding question at position {position}.")
    now = datetime.now(UTC)
    if a.closes_at is None:
        raise SectionNotOpen("Open this section's first question first.")
    if a.closes_at <= now or s.status != "in_progress":
        raise answer_closed_problem(s, a, now)
    if data.language not in a.languages:
        raise ValidationFailed.on("language", f"Run in one of: {', '.join(a.languages)}.")
    await _rate_limit(session, org, s.id, now)
    spec = (await execution_spec(session, org, a.question_version_id)).coding
    visible = [c for c in spec.test_cases if c.visible][:MAX_CASES]
    cases = [CaseIn(name=str(i), stdin=c.stdin, expected_stdout=c.expected_stdout) for i, c in enumerate(visible)]
    harness = spec.languages[data.language].harness
    run = await execution.submit_run(
        session,
        org,
        RunCreate(
            language=data.language,
            source=data.source,
            harness=harness or None,
            cases=cases or [CaseIn()],
            limits=_limits(spec),
            comparison=_comparison(spec),
        ),
        purpose=VISIBLE_PURPOSE,
        requested_by=None,
        subject=("test_answer", str(a.id)),
    )
    AnswerRunRepository(session, org).add(
        AnswerRun(answer_id=a.id, session_id=s.id, run_id=run.id, kind="visible", language=data.language)
    )
    await session.flush()
    return await visible_run(session, player, run.id)


async def _rate_limit(session: AsyncSession, org: uuid.UUID, session_id: uuid.UUID, now: datetime) -> None:
    settings = get_settings()
    recent = await AnswerRunRepository(session, org).visible_since(session_id, now - timedelta(minutes=1))
    if len(recent) >= settings.player_runs_per_minute:
        raise TooManyRequests("Too many runs in the last minute; wait a little.", headers={"Retry-After": "20"})
    unfinished = 0
    for r in recent:
        if (await execution.get_run(session, org, r.run_id)).status != "finished":
            unfinished += 1
    if unfinished >= settings.player_runs_in_flight:
        raise TooManyRequests(
            "Your earlier runs are still running; try again when they finish.", headers={"Retry-After": "3"}
        )


async def visible_run(session: AsyncSession, player: Player, run_id: uuid.UUID) -> PlayerRun:
    """One of the candidate's own visible-test runs (another session's run is 404)."""
    org = player.organization_id
    s = await SessionRepository(session, org).for_invitation(player.invitation_id)
    link = await AnswerRunRepository(session, org).by_run(run_id)
    if s is None or link is None or link.session_id != s.id or link.kind != "visible":
        raise NotFound("Run not found.")
    a = await AnswerRepository(session, org).get(link.answer_id)
    assert a is not None
    run = await execution.get_run(session, org, run_id)
    view = (await serving.candidate_view(session, org, [a.question_version_id]))[0]
    examples = view.coding.examples if view.coding else []
    results = {c.index: c for c in run.cases}
    cases = []
    for i, example in enumerate(examples[: run.total]):
        r = results.get(i)
        cases.append(
            PlayerCase(
                index=i,
                stdin=example.stdin,
                expected_stdout=example.expected_stdout,
                verdict=r.verdict.value if r else None,
                stdout=r.stdout if r else "",
                stderr=r.stderr if r else "",
                time_ms=r.time_ms if r else None,
                memory_kb=r.memory_kb if r else None,
                message=r.message if r else None,
            )
        )
    return PlayerRun(
        id=run.id,
        position=a.position,
        language=run.language,
        status=run.status,
        verdict=run.verdict.value if run.verdict else None,
        compile_output=run.compile_output,
        passed=run.passed,
        total=run.total,
        cases=cases,
        created_at=run.created_at,
    )
