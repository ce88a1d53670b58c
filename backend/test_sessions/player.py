"""The candidate's side of a test: what they see before starting, the start (questions drawn for them, versions
fixed, deadline set by the server and a job scheduled to close the session at that deadline), the state to
resume from on any device, one question at a time, and moving between questions (time per question, timed
sections opening).

A candidate reaches only their own invitation's session: every query here is keyed by the player token's
invitation and organization, never by an id from the request."""

import math
import random
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.assessments.service import assemble, get_assessment, question_count
from backend.audit import service as audit
from backend.errors import NotFound, Unauthorized, ValidationFailed
from backend.invitations import service as invitations
from backend.invitations.access import LinkGone
from backend.invitations.player_auth import Player
from backend.observability import client_var
from backend.organizations.service import organization_profile
from backend.questions import serving
from backend.questions.schemas import PublicOption
from backend.test_sessions import results as released
from backend.test_sessions.models import TestAnswer, TestSession
from backend.test_sessions.repository import AnswerRepository, SessionRepository
from backend.test_sessions.rules import answered, closed_problem
from backend.test_sessions.schemas import (
    Navigated,
    PlayerItem,
    PlayerOverview,
    PlayerQuestion,
    PlayerSection,
    PlayerSectionInfo,
    PlayerSessionState,
    Proctoring,
)
from backend.worker import enqueue

CLOSE_TASK = "test_sessions.close_at_deadline"
TOKEN_GONE = "This link was re-issued or withdrawn: open the newest link you received."
RECORDED = [
    "Your answers, saved as you type (you can resume on any device until the deadline)",
    "When you start and submit, and the time you spend on each question",
    "The IP address and browser you sign in from",
]


def _as_dt(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


class PlayerService:
    def __init__(self, session: AsyncSession, player: Player) -> None:
        self.session = session
        self.player = player
        self.org = player.organization_id
        self.sessions = SessionRepository(session, player.organization_id)
        self.answers = AnswerRepository(session, player.organization_id)

    async def invitation(self, *, for_update: bool = False) -> Any:
        """The player's invitation, if the token is still current (a re-issued or revoked link ends it)."""
        inv = await invitations.for_player(self.session, self.org, self.player.invitation_id, for_update=for_update)
        if inv is None or inv.token_version != self.player.version:
            raise Unauthorized(TOKEN_GONE)
        return inv

    async def current(self) -> TestSession:
        s = await self.sessions.for_invitation(self.player.invitation_id)
        if s is None:
            raise NotFound("The test has not started yet.")
        return s

    # --- before starting --------------------------------------------------------------------------------
    async def overview(self) -> PlayerOverview:
        inv = await self.invitation()
        a = await get_assessment(self.session, self.org, inv.assessment_id)
        assert a is not None
        org = await organization_profile(self.session, self.org)
        s = await self.sessions.for_invitation(inv.id)
        now = datetime.now(UTC)
        proctoring = Proctoring.model_validate(a.proctoring)
        recorded = list(RECORDED)
        if proctoring.fullscreen_required:
            recorded.append("Leaving full screen and switching away from the test's tab")
        if proctoring.webcam_required:
            recorded.append("Webcam snapshots during the test")
        if s is not None:
            languages = sorted({lang for row in await self.answers.of_session(s.id) for lang in row.languages})
        else:
            languages = sorted(a.allowed_languages)
        return PlayerOverview(
            invitation_id=inv.id,
            candidate_first_name=inv.candidate_name.split(" ")[0],
            organization_name=org.name if org else "",
            job_title=inv.job_title,
            assessment_name=a.name,
            instructions=a.instructions,
            time_allowed_minutes=(s.duration_minutes + s.extra_minutes)
            if s
            else a.duration_minutes + invitations.extra_minutes(inv, a.duration_minutes),
            question_count=s.question_count if s else question_count(a),
            sections=[
                PlayerSectionInfo(
                    title=sec["title"],
                    question_count=len(sec.get("question_ids") or []) if sec["kind"] == "fixed" else sec["count"],
                    time_limit_minutes=sec.get("time_limit_minutes"),
                )
                for sec in a.sections
            ],
            languages=languages,
            proctoring=proctoring,
            recorded=recorded,
            status="not_started" if s is None else s.status,
            link_expires_at=inv.expires_at,
            server_time=now,
            session=await self.state(s, now) if s else None,
        )

    # --- starting ---------------------------------------------------------------------------------------
    async def start(self, *, camera_ready: bool = False) -> TestSession:
        """Start the test, or resume it: a started test is never started again (one-time use). When the
        assessment requires the webcam, the test starts only once the player says the camera is on
        (`camera_ready`: the candidate consented and a picture was taken); a resume never asks again."""
        inv = await self.invitation(for_update=True)
        existing = await self.sessions.for_invitation(inv.id)
        if existing is not None:
            return existing
        now = datetime.now(UTC)
        if inv.status == "revoked":
            raise LinkGone("This link was withdrawn.")
        if inv.status != "pending" or inv.expires_at <= now:
            raise LinkGone("This link expired: ask the recruiter for a new one.")
        a = await get_assessment(self.session, self.org, inv.assessment_id)
        if a is None:
            raise NotFound("The assessment no longer exists.")
        webcam = Proctoring.model_validate(a.proctoring).webcam_required
        if webcam and not camera_ready:
            raise ValidationFailed.on(
                "camera_ready", "This assessment requires your webcam: allow the camera before starting the test."
            )
        drawn = await assemble(self.session, a, random.SystemRandom())
        # Locks the questions against edits and reloads the versions: their content is read after this. The
        # answers created below, in this transaction, are what makes these versions "served" (immutable) once the
        # start commits.
        await serving.record_exposure(self.session, self.org, [v.id for d in drawn for v in d.versions])
        picked = [
            (
                index,
                v.id,
                v.type,
                v.title,
                v.points,
                [o["id"] for o in v.options],
                sorted((v.coding or {}).get("languages", {})),
            )
            for index, d in enumerate(drawn)
            for v in d.versions
        ]
        extra = invitations.extra_minutes(inv, a.duration_minutes)
        deadline = now + timedelta(minutes=a.duration_minutes + extra)
        ratio = (a.duration_minutes + extra) / a.duration_minutes
        sections, position = [], 0
        for d in drawn:
            limit = math.ceil(d.time_limit_minutes * ratio) if d.time_limit_minutes else None
            sections.append(
                {
                    "title": d.title,
                    "time_limit_minutes": limit,
                    "first": position,
                    "count": len(d.versions),
                    "opened_at": None,
                    "closes_at": None,
                }
            )
            position += len(d.versions)
        s = self.sessions.add(
            TestSession(
                invitation_id=inv.id,
                assessment_id=a.id,
                application_id=inv.application_id,
                candidate_id=inv.candidate_id,
                status="in_progress",
                started_at=now,
                deadline_at=deadline,
                duration_minutes=a.duration_minutes,
                extra_minutes=extra,
                sections=sections,
                question_count=len(picked),
                current_position=0,
                position_entered_at=now,
                ip=_client().ip,
                user_agent=(_client().user_agent or "")[:512] or None,
                grading_status="pending",
            )
        )
        await self.session.flush()
        allowed = set(a.allowed_languages)
        rng = random.SystemRandom()
        for position, (index, version_id, kind, title, points, options, langs) in enumerate(picked):
            if a.shuffle_options and kind in ("mcq_single", "mcq_multi"):
                rng.shuffle(options)
            narrowed = [lang for lang in langs if lang in allowed] if allowed else langs
            self.answers.add(
                TestAnswer(
                    session_id=s.id,
                    position=position,
                    section_index=index,
                    question_version_id=version_id,
                    question_type=kind,
                    title=title,
                    points=points,
                    option_order=options,
                    languages=narrowed or langs,
                    revision=0,
                    closes_at=None if drawn[index].time_limit_minutes else deadline,
                )
            )
        invitations.mark_started(inv, now)
        await self.session.flush()
        if sections and sections[0]["time_limit_minutes"]:
            await self._open_section(s, 0, now)
        # The deadline is the server's: this job closes the session then, even if the browser is gone. It is a
        # row in the job queue, committed with the session, so it survives restarts of every process.
        await enqueue(
            self.session, CLOSE_TASK, scheduled_at=deadline, session_id=str(s.id), organization_id=str(self.org)
        )
        await audit.record(
            self.session,
            None,
            "test_session.started",
            "test_session",
            s.id,
            organization_id=self.org,
            actor_label=f"candidate {inv.candidate_email}",
            after={
                "invitation_id": inv.id,
                "deadline_at": deadline,
                "questions": len(picked),
                # The candidate's consent to the webcam, when the assessment requires it.
                **({"camera_consent": True} if webcam else {}),
            },
        )
        return s

    # --- the state to show (and resume from) ------------------------------------------------------------
    async def state(self, s: TestSession, now: datetime | None = None) -> PlayerSessionState:
        now = now or datetime.now(UTC)
        rows = await self.answers.of_session(s.id)
        sections = [
            PlayerSection(
                index=i,
                title=sec["title"],
                first_position=sec["first"],
                count=sec["count"],
                time_limit_minutes=sec.get("time_limit_minutes"),
                opened_at=_as_dt(sec.get("opened_at")),
                closes_at=_as_dt(sec.get("closes_at")) or (None if sec.get("time_limit_minutes") else s.deadline_at),
            )
            for i, sec in enumerate(s.sections)
        ]
        items = [
            PlayerItem(
                position=a.position,
                section_index=a.section_index,
                type=a.question_type,
                title=a.title,
                points=a.points,
                answered=answered(a),
                flagged=a.flagged,
                revision=a.revision,
                saved_at=a.saved_at,
            )
            for a in rows
        ]
        open_ = s.status == "in_progress" and s.deadline_at > now
        return PlayerSessionState(
            session_id=s.id,
            status=s.status,
            started_at=s.started_at,
            deadline_at=s.deadline_at,
            server_time=now,
            remaining_seconds=max(0, int((s.deadline_at - now).total_seconds())) if open_ else 0,
            current_position=s.current_position,
            sections=sections,
            items=items,
            unanswered=[i.position for i in items if not i.answered],
            grading_status=s.grading_status,
            result=await released.released_result(self.session, s, now),
        )

    async def question(self, position: int) -> PlayerQuestion:
        await self.invitation()
        s = await self.current()
        a = await self.answers.at(s.id, position)
        if a is None:
            raise NotFound(f"No question at position {position}.")
        view = (await serving.candidate_view(self.session, self.org, [a.question_version_id]))[0]
        if view.options:
            by_id = {o.id: o for o in view.options}
            view.options = [by_id[i] for i in a.option_order if i in by_id] or [
                PublicOption(id=o.id, text=o.text) for o in view.options
            ]
        if view.coding is not None:
            view.coding.languages = {k: v for k, v in view.coding.languages.items() if k in a.languages}
        return PlayerQuestion(
            position=a.position,
            section_index=a.section_index,
            question=view,
            languages=list(a.languages),
            answer=a.answer,
            revision=a.revision,
            flagged=a.flagged,
            closes_at=a.closes_at,
            server_time=datetime.now(UTC),
        )

    async def navigate(self, position: int) -> Navigated:
        """The candidate moved to `position`: the time since the last move counts for the question they left,
        and a timed section starts its clock the first time it is opened."""
        await self.invitation()
        s = await self.current()
        await self.session.refresh(s, with_for_update=True)
        now = datetime.now(UTC)
        if s.status != "in_progress" or s.deadline_at <= now:
            raise closed_problem(s, now)
        if position >= s.question_count:
            raise ValidationFailed.on("position", f"The test has {s.question_count} questions.")
        if s.position_entered_at is not None and s.current_position != position:
            spent = int((min(now, s.deadline_at) - s.position_entered_at).total_seconds())
            if spent > 0:
                await self.session.execute(
                    update(TestAnswer)
                    .where(
                        TestAnswer.session_id == s.id,
                        TestAnswer.position == s.current_position,
                        TestAnswer.organization_id == self.org,
                    )
                    .values(time_spent_seconds=TestAnswer.time_spent_seconds + spent)
                    .execution_options(synchronize_session=False)
                )
        if s.current_position != position or s.position_entered_at is None:
            s.current_position, s.position_entered_at = position, now
        a = await self.answers.at(s.id, position)
        assert a is not None
        closes_at = await self._open_section(s, a.section_index, now)
        return Navigated(current_position=position, section_closes_at=closes_at, server_time=now)

    async def _open_section(self, s: TestSession, index: int, now: datetime) -> datetime:
        sections = [dict(sec) for sec in s.sections]
        sec = sections[index]
        if not sec.get("time_limit_minutes"):
            return s.deadline_at
        if sec.get("closes_at"):
            return _as_dt(sec["closes_at"]) or s.deadline_at
        closes = min(now + timedelta(minutes=sec["time_limit_minutes"]), s.deadline_at)
        sec["opened_at"], sec["closes_at"] = now.isoformat(), closes.isoformat()
        s.sections = sections
        await self.session.execute(
            update(TestAnswer)
            .where(
                TestAnswer.session_id == s.id,
                TestAnswer.section_index == index,
                TestAnswer.organization_id == self.org,
                TestAnswer.closes_at.is_(None),
            )
            .values(closes_at=closes)
            .execution_options(synchronize_session=False)
        )
        return closes


def _client() -> Any:
    return client_var.get()
