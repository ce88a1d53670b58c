"""Results: what staff read about a test session, what a candidate sees once the assessment releases it, and the
grading actions that hang off a result.

Who reaches a session's results (one rule, for every route here): people who read candidates
(`candidates:read`; hiring managers only for the requisitions they manage), and the interviewers of that
candidate (on the panel of one of the application's interviews). Anyone else gets 404. Extra time granted to a
candidate is never shown here: it is not a penalty."""

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.applications.service import ApplicationService
from backend.assessments.service import assessment_names, get_assessment
from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.candidates.service import candidates_of_user
from backend.errors import NotFound, ValidationFailed
from backend.execution import service as execution
from backend.interviews.service import applications_of_panelist
from backend.invitations import service as invitations
from backend.kit.pagination import PageParams, paginate
from backend.proctoring.schemas import IntegrityBrief
from backend.proctoring.service import integrity_briefs
from backend.questions import serving
from backend.test_sessions.models import TestAnswer, TestSession
from backend.test_sessions.repository import AnswerRepository, AnswerRunRepository, SessionRepository
from backend.test_sessions.rules import answered
from backend.test_sessions.schemas import (
    AnswerResult,
    CaseResult,
    GradingQueueItem,
    LanguageResult,
    MarkAnswer,
    OptionResult,
    PlayerResult,
    PortalAssessment,
    RubricGrade,
    SectionResult,
    SectionScore,
    SessionResults,
    SessionSummary,
    Thresholds,
)


async def released_result(session: AsyncSession, s: TestSession, now: datetime) -> PlayerResult | None:
    """The candidate's own result, when the assessment releases it (after grading, or after a date) and the
    session is fully graded."""
    if s.grading_status != "graded" or s.score is None:
        return None
    a = await get_assessment(session, s.organization_id, s.assessment_id)
    if a is None or a.result_release == "never":
        return None
    if a.result_release == "after_date" and (a.results_release_at is None or a.results_release_at > now):
        return None
    rows = await AnswerRepository(session, s.organization_id).of_session(s.id)
    return PlayerResult(
        score=s.score,
        points_awarded=s.points_awarded or 0,
        points_possible=s.points_possible or 0,
        sections=[
            SectionScore(
                title=sec["title"],
                points_awarded=sum((r.score or 0 for r in rows if r.section_index == i), 0),
                points_possible=sum((r.points for r in rows if r.section_index == i), 0),
            )
            for i, sec in enumerate(s.sections)
        ],
    )


def summary(
    s: TestSession, assessment_name: str | None, candidate_name: str | None, integrity: IntegrityBrief | None = None
) -> SessionSummary:
    return SessionSummary(
        id=s.id,
        invitation_id=s.invitation_id,
        assessment_id=s.assessment_id,
        assessment_name=assessment_name,
        application_id=s.application_id,
        candidate_id=s.candidate_id,
        candidate_name=candidate_name,
        status=s.status,
        started_at=s.started_at,
        deadline_at=s.deadline_at,
        closed_at=s.closed_at,
        closed_by=s.closed_by,
        grading_status=s.grading_status,
        score=s.score,
        decision=s.decision,
        review_status=s.review_status,
        graded_at=s.graded_at,
        integrity=integrity,
    )


class ResultsService:
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        assert principal.organization_id is not None
        self.session = session
        self.principal = principal
        self.organization_id: uuid.UUID = principal.organization_id
        self.repo = SessionRepository(session, principal.organization_id)
        self.answers = AnswerRepository(session, principal.organization_id)
        self._panel: set[uuid.UUID] | None = None

    async def _panel_applications(self) -> set[uuid.UUID]:
        if self._panel is None:
            self._panel = set(await applications_of_panelist(self.session, self.organization_id, self.principal.id))
        return self._panel

    async def reaches(self, application_id: uuid.UUID) -> bool:
        if self.principal.can("candidates:read"):
            try:
                await ApplicationService(self.session, self.principal).load(application_id)
                return True
            except NotFound:
                pass
        return self.principal.kind == "user" and application_id in await self._panel_applications()

    async def visible(self, session_id: uuid.UUID, *, for_update: bool = False) -> TestSession:
        s = await (self.repo.locked(session_id) if for_update else self.repo.get(session_id))
        if s is None or not await self.reaches(s.application_id):
            raise NotFound("Test session not found.")
        return s

    async def summaries(self, sessions: list[TestSession]) -> list[SessionSummary]:
        names = await assessment_names(self.session, self.organization_id, [s.assessment_id for s in sessions])
        invs = {
            i.id: i.candidate_name
            for i in await invitations.invitations_by_ids(
                self.session, self.organization_id, [s.invitation_id for s in sessions]
            )
        }
        # Whoever reaches a test's results reads its integrity summary with it (interviewers of the candidate
        # included, who cannot open the integrity review itself).
        integrity = await integrity_briefs(self.session, self.organization_id, [s.id for s in sessions])
        return [summary(s, names.get(s.assessment_id), invs.get(s.invitation_id), integrity[s.id]) for s in sessions]

    async def for_application(self, application_id: uuid.UUID) -> list[SessionSummary]:
        if not await self.reaches(application_id):
            raise NotFound("Application not found.")
        return await self.summaries(await self.repo.for_applications([application_id]))

    async def results(self, session_id: uuid.UUID) -> SessionResults:
        s = await self.visible(session_id)
        org = self.organization_id
        rows = await self.answers.of_session(s.id)
        versions = await serving.versions_for_grading(self.session, org, [a.question_version_id for a in rows])
        author = self.principal.can("questions:write")
        answers = [await self._answer(a, versions[a.question_version_id], author) for a in rows]
        sections = [
            SectionResult(
                index=i,
                title=sec["title"],
                points_awarded=None
                if any(r.score is None for r in rows if r.section_index == i)
                else sum((r.score or 0 for r in rows if r.section_index == i), 0),
                points_possible=sum((r.points for r in rows if r.section_index == i), 0),
                time_limit_minutes=None,  # limits include this candidate's extra time, which is not shown here
            )
            for i, sec in enumerate(s.sections)
        ]
        percentile, compared = None, 0
        if s.score is not None:
            below, compared = await self.repo.percentile(s.assessment_id, s.score)
            percentile = round(100 * below / (compared - 1), 1) if compared > 1 else None
        base = (await self.summaries([s]))[0]
        return SessionResults(
            **base.model_dump(),
            points_awarded=s.points_awarded,
            points_possible=s.points_possible,
            percentile=percentile,
            compared_with=compared,
            thresholds=Thresholds(auto_advance=s.auto_advance, manual_review=s.manual_review)
            if s.auto_advance is not None and s.manual_review is not None
            else None,
            time_used_seconds=int((s.closed_at - s.started_at).total_seconds()) if s.closed_at else None,
            sections=sections,
            answers=answers,
            reviewed_by_id=s.reviewed_by_id,
            reviewed_at=s.reviewed_at,
            review_note=s.review_note,
        )

    async def _answer(self, a: TestAnswer, v: Any, author: bool) -> AnswerResult:
        base = AnswerResult(
            position=a.position,
            section_index=a.section_index,
            question_id=v.question_id,
            question_version_id=v.id,
            type=a.question_type,
            title=v.title,
            body=v.body,
            points=a.points,
            score=a.score,
            needs_grader=a.needs_grader,
            time_spent_seconds=a.time_spent_seconds,
            flagged=a.flagged,
            answered=answered(a),
            review_mark=a.review_mark,
            review_note=a.review_note,
            reviewed_by_id=a.reviewed_by_id,
            graded_by_id=a.graded_by_id,
            graded_at=a.graded_at,
        )
        answer = a.answer or {}
        if a.question_type in ("mcq_single", "mcq_multi"):
            chosen = set(answer.get("choice_ids") or [])
            base.options = [
                OptionResult(id=o["id"], text=o["text"], correct=o["correct"], chosen=o["id"] in chosen)
                for o in v.options
            ]
        elif a.question_type == "essay":
            base.text = answer.get("text")
            given = {c["index"]: c["points"] for c in (a.grading or {}).get("criteria", [])}
            base.rubric = [
                RubricGrade(
                    criterion=r["criterion"], points=r["points"], guidance=r.get("guidance", ""), awarded=given.get(i)
                )
                for i, r in enumerate(v.rubric)
            ]
            base.grader_comment = (a.grading or {}).get("comment")
        else:
            base.languages = await self._code(a, v, author)
            base.best_language = (a.grading or {}).get("best_language")
        return base

    async def _code(self, a: TestAnswer, v: Any, author: bool) -> list[LanguageResult]:
        """Each language's code with its verdict per case. Hidden cases show their verdict and weight; their
        input and expected output only to question authors."""
        cases = v.coding["test_cases"] if v.coding else []
        runs = await AnswerRunRepository(self.session, self.organization_id).grading_runs(a.id)
        scores = (a.grading or {}).get("languages", {})
        out = []
        for lang, source in sorted(((a.answer or {}).get("sources") or {}).items()):
            mine = [r for r in runs if r.language == lang]
            results: dict[int, Any] = {}
            status, verdict, compile_output = "not_run", None, None
            for r in mine:
                view = await execution.get_run(self.session, self.organization_id, r.run_id)
                status = view.status if status in ("not_run", "finished") else status
                verdict = verdict or (view.verdict.value if view.verdict and view.verdict.value != "accepted" else None)
                compile_output = compile_output or view.compile_output
                for c in view.cases:
                    results[r.first_case + c.index] = c
            if mine and verdict is None and status == "finished":
                verdict = "accepted"
            case_rows = []
            for i, case in enumerate(cases):
                got = results.get(i)
                shown = author or case["visible"]
                case_rows.append(
                    CaseResult(
                        index=i,
                        visible=case["visible"],
                        weight=case.get("weight", 1),
                        verdict=got.verdict.value if got else None,
                        time_ms=got.time_ms if got else None,
                        memory_kb=got.memory_kb if got else None,
                        message=got.message if got else None,
                        stdin=case["stdin"] if shown else None,
                        expected_stdout=case["expected_stdout"] if shown else None,
                        stdout=got.stdout if got and shown else None,
                    )
                )
            out.append(
                LanguageResult(
                    language=lang,
                    source=source,
                    status=status,
                    verdict=verdict,
                    compile_output=compile_output,
                    score=scores.get(lang, {}).get("score"),
                    cases=case_rows,
                )
            )
        return out

    async def mark(self, session_id: uuid.UUID, position: int, data: MarkAnswer) -> SessionResults:
        """An interviewer's (or recruiter's) verdict on a code answer: accept, needs discussion, reject."""
        s = await self.visible(session_id)
        a = await self.answers.at(s.id, position, for_update=True)
        if a is None or a.question_type != "coding":
            raise ValidationFailed.on("position", f"Position {position} is not a coding question of this session.")
        before = a.review_mark
        a.review_mark, a.review_note = data.mark, data.note or None
        a.reviewed_by_id = self.principal.id if self.principal.kind == "user" else None
        a.reviewed_at = datetime.now(UTC)
        await audit.record(
            self.session,
            self.principal,
            "test_answer.marked",
            "test_session",
            s.id,
            organization_id=self.organization_id,
            before={"position": position, "mark": before} if before else None,
            after={"position": position, "mark": data.mark, "note": data.note},
        )
        return await self.results(s.id)

    async def grading_queue(self, params: PageParams) -> tuple[list[GradingQueueItem], str | None, int | None]:
        """Answers waiting for a person (essays; code the engine failed to run), oldest first, among the sessions
        the caller reaches."""
        stmt = self.answers.awaiting_grader()
        if not self.principal.can("candidates:read"):
            panel = await self._panel_applications()
            sessions = await self.repo.for_applications(sorted(panel)) if panel else []
            stmt = stmt.where(TestAnswer.session_id.in_([s.id for s in sessions] or [uuid.UUID(int=0)]))
        items, cursor, total = await paginate(
            self.session,
            stmt,
            sortable={"position": TestAnswer.position},
            id_column=TestAnswer.id,
            params=params,
            default_sort="position",
        )
        sessions_by_id = {s.id: s for s in [await self.repo.get(i.session_id) for i in items] if s is not None}
        visible = [
            i
            for i in items
            if i.session_id in sessions_by_id and await self.reaches(sessions_by_id[i.session_id].application_id)
        ]
        summaries = {x.id: x for x in await self.summaries(list({s.id: s for s in sessions_by_id.values()}.values()))}
        versions = await serving.versions_for_grading(
            self.session, self.organization_id, [i.question_version_id for i in visible]
        )
        out = []
        for i in visible:
            sm = summaries[i.session_id]
            v = versions[i.question_version_id]
            out.append(
                GradingQueueItem(
                    session_id=i.session_id,
                    position=i.position,
                    question_title=i.title,
                    assessment_name=sm.assessment_name,
                    candidate_name=sm.candidate_name,
                    submitted_at=sm.closed_at,
                    rubric=v.rubric,
                )
            )
        return out, cursor, total


# --- the candidate portal -----------------------------------------------------------------------------------------


async def my_assessments(session: AsyncSession, principal: Principal) -> list[PortalAssessment]:
    assert principal.organization_id is not None
    org = principal.organization_id
    mine = [c.id for c in await candidates_of_user(session, org, principal.id)]
    if not mine:
        return []
    invs = await invitations.invitations_of_candidates(session, org, mine)
    sessions = {s.invitation_id: s for s in await SessionRepository(session, org).for_candidates(mine)}
    names = await assessment_names(session, org, [i.assessment_id for i in invs])
    now = datetime.now(UTC)
    out = []
    for inv in invs:
        s = sessions.get(inv.id)
        status = inv.status
        if status == "pending" and inv.expires_at <= now:
            status = "expired"
        out.append(
            PortalAssessment(
                invitation_id=inv.id,
                assessment_name=names.get(inv.assessment_id),
                job_title=inv.job_title,
                status=status,
                expires_at=inv.expires_at,
                started_at=inv.started_at,
                completed_at=inv.completed_at,
                result=await released_result(session, s, now) if s else None,
            )
        )
    return out
