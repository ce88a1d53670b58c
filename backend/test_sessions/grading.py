"""Grading a closed session.

* Multiple choice, at the close. Single answer: the points when the chosen option is the correct one, else 0.
  Multiple answers: points × (correct options chosen − wrong options chosen) / correct options, never below 0.
* Code, in the worker: every language the candidate wrote code in (other than the starter code) runs against
  every test case of the version they saw; a language scores points × (weights of the cases passed) / (all
  weights), and the answer keeps its best language. An engine failure (`internal_error`) is never the candidate's
  fault: the answer waits for a person to re-run it.
* Essays wait for a person, who grades each rubric criterion.

When every answer has a score, the session's score is the points awarded over the points possible (percent), the
application's Step-1 score is recorded, and the Step-1 rule runs (once)."""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.applications.automation import record_stage_score
from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.errors import Conflict, ValidationFailed
from backend.execution import service as execution
from backend.execution.schemas import CaseIn, RunCreate
from backend.questions import serving
from backend.questions.verification import execution_spec
from backend.test_sessions import step1
from backend.test_sessions.answers import MAX_CASES, _comparison, _limits
from backend.test_sessions.models import AnswerRun, TestAnswer, TestSession
from backend.test_sessions.repository import AnswerRepository, AnswerRunRepository, SessionRepository
from backend.test_sessions.schemas import EssayGrade

GRADING_PURPOSE = "assessment_grading"
TWO_PLACES = Decimal("0.01")


def _d(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(TWO_PLACES)


def grade_choice(version: Any, answer: dict[str, Any] | None, points: Decimal) -> tuple[Decimal, dict[str, Any]]:
    """The multiple-choice rule (see the module's docstring); unknown option ids count for nothing."""
    ids = {o["id"] for o in version.options}
    correct = {o["id"] for o in version.options if o["correct"]}
    chosen = set((answer or {}).get("choice_ids") or []) & ids
    if version.type == "mcq_single":
        fraction = 1.0 if chosen == correct else 0.0
    else:
        fraction = max(0.0, (len(chosen & correct) - len(chosen - correct)) / len(correct)) if correct else 0.0
    return _d(float(points) * fraction), {"chosen": sorted(chosen), "correct": sorted(correct), "fraction": fraction}


def _sources(a: TestAnswer, version: Any) -> dict[str, str]:
    """The code to grade: each allowed language with code that is not just the starter code."""
    languages = (version.coding or {}).get("languages", {})
    out = {}
    for lang, code in ((a.answer or {}).get("sources") or {}).items():
        starter = (languages.get(lang) or {}).get("starter", "")
        if lang in a.languages and lang in languages and code.strip() and code.strip() != starter.strip():
            out[lang] = code
    return out


async def grade_on_close(session: AsyncSession, s: TestSession) -> None:
    """Grade what can be graded now, queue the code runs, mark essays for a person; finish if nothing waits."""
    org = s.organization_id
    rows = await AnswerRepository(session, org).of_session(s.id)
    versions = await serving.versions_for_grading(session, org, [a.question_version_id for a in rows])
    now = datetime.now(UTC)
    for a in rows:
        v = versions[a.question_version_id]
        if a.question_type in ("mcq_single", "mcq_multi"):
            a.score, a.grading = grade_choice(v, a.answer, a.points)
            a.graded_at = now
        elif a.question_type == "essay":
            if (a.answer or {}).get("text", "").strip():
                a.needs_grader = True
            else:
                a.score, a.grading, a.graded_at = _d(0), {"criteria": [], "comment": "No answer."}, now
        else:
            sources = _sources(a, v)
            if sources:
                await queue_code(session, s, a, sources)
            else:
                a.score, a.grading, a.graded_at = _d(0), {"languages": {}, "best_language": None}, now
    await finish_if_graded(session, s)


async def queue_code(session: AsyncSession, s: TestSession, a: TestAnswer, sources: dict[str, str]) -> None:
    org = s.organization_id
    spec = (await execution_spec(session, org, a.question_version_id)).coding
    cases = spec.test_cases
    for lang, code in sorted(sources.items()):
        for first in range(0, len(cases), MAX_CASES):
            chunk = cases[first : first + MAX_CASES]
            run = await execution.submit_run(
                session,
                org,
                RunCreate(
                    language=lang,
                    source=code,
                    harness=spec.languages[lang].harness or None,
                    cases=[
                        CaseIn(name=str(first + i), stdin=c.stdin, expected_stdout=c.expected_stdout)
                        for i, c in enumerate(chunk)
                    ],
                    limits=_limits(spec),
                    comparison=_comparison(spec),
                ),
                purpose=GRADING_PURPOSE,
                requested_by=None,
                subject=("test_answer", str(a.id)),
            )
            AnswerRunRepository(session, org).add(
                AnswerRun(
                    answer_id=a.id, session_id=s.id, run_id=run.id, kind="grading", language=lang, first_case=first
                )
            )
    a.score, a.needs_grader, a.graded_at = None, False, None
    a.grading = {"status": "running", "queued": sorted(sources)}
    await session.flush()


async def code_run_finished(session: AsyncSession, run: Any) -> None:
    """Called by the engine in the transaction that stores a grading run's results. The answer is locked first,
    so that when its runs (one per language) finish at the same time in two workers, the second sees the first's
    results and computes the score."""
    org = run.organization_id
    link = await AnswerRunRepository(session, org).by_run(run.id)
    if link is None:
        return
    a = await AnswerRepository(session, org).get(link.answer_id)
    if a is None:
        return
    await session.refresh(a, with_for_update=True)
    runs = await AnswerRunRepository(session, org).grading_runs(a.id)
    views = {r.run_id: await execution.get_run(session, org, r.run_id) for r in runs}
    if any(v.status != "finished" for v in views.values()):
        return
    version = (await serving.versions_for_grading(session, org, [a.question_version_id]))[a.question_version_id]
    weights = [int(c.get("weight", 1)) for c in (version.coding or {}).get("test_cases", [])]
    total = sum(weights) or 1
    verdicts: dict[str, dict[int, str]] = {}
    for r in runs:
        view = views[r.run_id]
        for case in view.cases:
            verdicts.setdefault(r.language, {})[r.first_case + case.index] = case.verdict.value
        run_verdict = view.verdict.value if view.verdict is not None else "internal_error"
        for i in range(len(view.cases), view.total):  # a compilation error runs no case
            verdicts.setdefault(r.language, {})[r.first_case + i] = run_verdict
    per_language = {}
    engine_failed = False
    for lang, by_case in verdicts.items():
        passed = sum(weights[i] for i, v in by_case.items() if v == "accepted" and i < len(weights))
        engine_failed = engine_failed or "internal_error" in by_case.values()
        per_language[lang] = {
            "score": float(_d(float(a.points) * passed / total)),
            "passed_weight": passed,
            "total_weight": total,
        }
    best = max(per_language, key=lambda k: per_language[k]["score"]) if per_language else None
    a.grading = {"languages": per_language, "best_language": best}
    if engine_failed:
        a.grading["status"] = "engine_error"
        a.needs_grader = True  # a person re-runs it; the candidate is not marked down for our failure
    else:
        a.score = _d(per_language[best]["score"]) if best else _d(0)
        a.graded_at = datetime.now(UTC)
    s = await SessionRepository(session, org).get(a.session_id)
    assert s is not None
    await finish_if_graded(session, s)


async def finish_if_graded(session: AsyncSession, s: TestSession) -> None:
    await session.flush()
    # Every path that finishes a session (the close, a code run, a person's grade) holds its answer first and
    # then the session: the last of two racing paths waits here and sees the other's grade.
    await session.refresh(s, with_for_update=True)
    if s.status == "in_progress":
        return
    rows = await AnswerRepository(session, s.organization_id).of_session(s.id)
    waiting = [a for a in rows if a.score is None]
    if waiting:
        s.grading_status = "awaiting_grader" if any(a.needs_grader for a in waiting) else "grading"
        return
    possible = sum((a.points for a in rows), Decimal(0))
    awarded = sum((a.score or Decimal(0) for a in rows), Decimal(0))
    s.points_possible, s.points_awarded = possible, awarded
    s.score = _d(100 * awarded / possible) if possible else _d(0)
    s.grading_status, s.graded_at = "graded", datetime.now(UTC)
    await record_stage_score(session, s.organization_id, s.application_id, "assessment", float(s.score))
    if s.decision is None:
        await step1.decide(session, s)


# --- people grading ---------------------------------------------------------------------------------------------


async def grade_essay(
    session: AsyncSession, principal: Principal, s: TestSession, position: int, data: EssayGrade
) -> TestAnswer:
    a = await _closed_answer(session, s, position, "essay")
    version = (await serving.versions_for_grading(session, s.organization_id, [a.question_version_id]))[
        a.question_version_id
    ]
    rubric = version.rubric
    given = {c.index: c.points for c in data.criteria}
    if set(given) != set(range(len(rubric))):
        raise ValidationFailed.on("criteria", f"Grade each of the rubric's {len(rubric)} criteria once.")
    for i, c in enumerate(data.criteria):
        if c.points > rubric[c.index]["points"]:
            raise ValidationFailed.on(
                f"criteria.{i}.points",
                f"“{rubric[c.index]['criterion']}” is worth at most {rubric[c.index]['points']}.",
            )
    before = a.score
    a.score = _d(sum(given.values(), Decimal(0)))
    a.grading = {"criteria": [{"index": i, "points": float(given[i])} for i in sorted(given)], "comment": data.comment}
    a.needs_grader, a.graded_at = False, datetime.now(UTC)
    a.graded_by_id = principal.id if principal.kind == "user" else None
    await audit.record(
        session,
        principal,
        "test_answer.graded",
        "test_session",
        s.id,
        organization_id=s.organization_id,
        before={"position": position, "score": before} if before is not None else None,
        after={"position": position, "score": a.score},
    )
    await finish_if_graded(session, s)
    return a


async def rerun_code(session: AsyncSession, principal: Principal, s: TestSession, position: int) -> TestAnswer:
    """Grade a code answer again (after an engine failure, or to check): new runs, the score follows them."""
    a = await _closed_answer(session, s, position, "coding")
    version = (await serving.versions_for_grading(session, s.organization_id, [a.question_version_id]))[
        a.question_version_id
    ]
    for link in await AnswerRunRepository(session, s.organization_id).grading_runs(a.id):
        await session.delete(link)  # the old runs stay in the engine's history; they no longer grade
    await session.flush()
    sources = _sources(a, version)
    if not sources:
        raise Conflict("There is no code to run in this answer.")
    await queue_code(session, s, a, sources)
    s.grading_status = "grading"
    await audit.record(
        session,
        principal,
        "test_answer.rerun",
        "test_session",
        s.id,
        organization_id=s.organization_id,
        after={"position": position, "languages": sorted(sources)},
    )
    return a


async def _closed_answer(session: AsyncSession, s: TestSession, position: int, kind: str) -> TestAnswer:
    if s.status == "in_progress":
        raise Conflict("The test is still under way; grade it once it is closed.")
    a = await AnswerRepository(session, s.organization_id).at(s.id, position, for_update=True)
    if a is None or a.question_type != kind:
        raise ValidationFailed.on("position", f"Position {position} is not a {kind} question of this session.")
    return a
