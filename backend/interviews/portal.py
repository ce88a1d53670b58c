"""The candidate's side of interviews (the candidate portal): their own interviews, accepting or declining one,
and its calendar file."""

import uuid

from backend.audit import service as audit
from backend.candidates.service import candidates_of_user
from backend.errors import Conflict, NotFound
from backend.interviews.calendar import invitation
from backend.interviews.models import Interview
from backend.interviews.service import InterviewService, when
from backend.notifications.service import notify
from backend.users.service import users_by_ids


class InterviewPortal(InterviewService):
    """For a signed-in candidate: only the interviews of their own candidate records, whatever else exists."""

    async def _own_candidate_ids(self) -> set[uuid.UUID]:
        return {c.id for c in await candidates_of_user(self.session, self.organization_id, self.principal.id)}

    async def my_interviews(self) -> list[Interview]:
        """The signed-in candidate's interviews (across their candidate records), by start time."""
        return await self.repo.of_candidates(await self._own_candidate_ids())

    async def candidates_interview(self, interview_id: uuid.UUID) -> Interview:
        """One of the signed-in candidate's interviews; anyone else's is 404."""
        interview = await self.repo.get(interview_id)
        if interview is None or interview.candidate_id not in await self._own_candidate_ids():
            raise NotFound("Interview not found.")
        return interview

    async def respond(self, interview_id: uuid.UUID, response: str) -> Interview:
        interview = await self.candidates_interview(interview_id)
        if interview.status != "scheduled":
            raise Conflict(f"This interview is {interview.status.replace('_', ' ')}.")
        interview.candidate_response = response
        await audit.record(
            self.session,
            self.principal,
            f"interview.candidate_{response}",
            "interview",
            interview.id,
            organization_id=self.organization_id,
            after={"candidate_response": response},
        )
        if response == "declined" and interview.created_by_id:
            await notify(
                self.session,
                self.organization_id,
                [interview.created_by_id],
                type="interview",
                priority="high",
                title="A candidate declined an interview",
                message=f"{self.principal.label} declined the interview on {when(interview)}.",
                entity_type="interview",
                entity_id=interview.id,
                action_url=f"/interviews/{interview.id}",
            )
        return interview

    async def calendar(self, interview_id: uuid.UUID) -> bytes:
        """One of the candidate's interviews as an .ics file, to add to a calendar."""
        return await self.calendar_file(await self.candidates_interview(interview_id))

    async def calendar_file(self, interview: Interview) -> bytes:
        candidate = await self.candidate_of(interview)
        assert candidate is not None
        panel = await self.panel(interview)
        people = {u.id: u for u in await users_by_ids(self.session, self.organization_id, [p.user_id for p in panel])}
        lead = people.get(interview.lead_interviewer_id)
        return invitation(
            interview,
            title=f"Interview: {await self.title(interview)}",
            organizer_email=lead.email if lead else "no-reply@interviewflow.dev",
            attendees=[candidate.email, *(u.email for u in people.values())],
            description="",  # the preparation notes are the panel's
            cancel=interview.status == "cancelled",
        )
