"""The test player's API (candidates, with a player token), the results staff read, and the candidate portal's
"My assessments". The flow a player client follows is in docs/api.md ("Assessments and the test player")."""

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, status

from backend.auth.dependencies import CurrentPrincipal, require, signed_in_user
from backend.auth.principal import Principal
from backend.db import ReadSessionDep, SessionDep, StatementSessionDep
from backend.errors import Forbidden
from backend.http_security import body_limit
from backend.invitations.player_auth import CurrentPlayer
from backend.kit.pagination import PageParams, page_params
from backend.kit.schemas import Page
from backend.test_sessions import answers, closing, signing_in
from backend.test_sessions.player import PlayerService
from backend.test_sessions.results import ResultsService, my_assessments
from backend.test_sessions.schemas import (
    MAX_POSITION,
    AnswerSave,
    AnswerSaved,
    EssayGrade,
    GradingQueueItem,
    MarkAnswer,
    Navigate,
    Navigated,
    PlayerOverview,
    PlayerQuestion,
    PlayerRun,
    PlayerSessionState,
    PlayerSignedIn,
    PlayerToken,
    PortalAssessment,
    RunVisible,
    SessionResults,
    SessionSummary,
    SignIn,
    StartTest,
    Step1ReviewDecision,
)
from backend.test_sessions.step1 import Step1Reviews

player_router = APIRouter(prefix="/player", tags=["test player"])
results_router = APIRouter(tags=["results"])
portal_router = APIRouter(prefix="/me", tags=["candidate portal"])

Position = Annotated[int, Path(ge=0, le=MAX_POSITION, description="A question's place in the test, from 0.")]
SMALL = body_limit(4 * 1024)
ANSWER = body_limit(512 * 1024)
CODE = body_limit(160 * 1024)


# --- the test player -------------------------------------------------------------------------------------------


@player_router.post("/sign-in", response_model=PlayerSignedIn, openapi_extra=SMALL)
async def sign_in(body: SignIn, session: SessionDep) -> PlayerSignedIn:
    """Open the test player with the link's token (`/t/<token>`) or with the username and access code from the
    invitation email. No account is needed. Answers a player token (for this one invitation) and the overview:
    rules, duration, what is recorded, and the session to resume if the test has started.

    Errors: 401 for an unknown link or a wrong username or code (the same answer for both); 423 once 3 wrong codes
    locked the credentials (the link still works); 410 `link-gone` for a link that expired unused or was
    withdrawn; 429 after too many failures from one network. Every attempt is logged for the recruiter."""
    return await signing_in.sign_in(session, body)


@player_router.post("/refresh", response_model=PlayerToken, openapi_extra=SMALL)
async def refresh(player: CurrentPlayer, session: SessionDep) -> PlayerToken:
    """A fresh player token. Outside a running test a token lasts 30 minutes and an hour at most after signing
    in (then sign in again); during the test it lasts until the deadline."""
    return await signing_in.refresh(session, player)


@player_router.get("/me", response_model=PlayerOverview)
async def overview(player: CurrentPlayer, session: ReadSessionDep) -> PlayerOverview:
    """The rules screen: assessment, instructions, time allowed (with any extra time), sections, languages,
    proctoring requirements, what is recorded; the session once started; `server_time` for the clock."""
    return await PlayerService(session, player).overview()


@player_router.post("/start", response_model=PlayerSignedIn, openapi_extra=SMALL)
async def start(player: CurrentPlayer, session: SessionDep, body: StartTest | None = None) -> PlayerSignedIn:
    """Start the test (or resume it: a started test is never restarted). The questions are drawn for this
    candidate now and their versions fixed; the server sets the deadline (start + duration + extra time) and
    closes the session at that time by itself. Answers a token valid until the deadline and the state.
    When the assessment requires the webcam, the body says `{"camera_ready": true}` once the candidate allowed
    the camera and the player took a test picture (422 on `camera_ready` otherwise; the consent is audited).
    410 `link-gone` when the link expired before the start; 409 `assessment-not-ready` if a section cannot be
    filled."""
    return await signing_in.start(session, player, camera_ready=body is not None and body.camera_ready)


@player_router.get("/session", response_model=PlayerSessionState)
async def session_state(player: CurrentPlayer, session: ReadSessionDep) -> PlayerSessionState:
    """Everything to resume from, on any device: deadline and `server_time` (correct the clock's skew), the
    current question, each question's answered / flagged / revision, the unanswered positions (list them before
    submitting), and the result when released."""
    service = PlayerService(session, player)
    await service.invitation()
    return await service.state(await service.current())


@player_router.get("/session/questions/{position}", response_model=PlayerQuestion)
async def question(player: CurrentPlayer, position: Position, session: ReadSessionDep) -> PlayerQuestion:
    """One question as the candidate sees it (no answers, rubrics or hidden tests; options in this candidate's
    order), with the saved answer and its revision."""
    return await PlayerService(session, player).question(position)


@player_router.put("/session/answers/{position}", response_model=AnswerSaved, openapi_extra=ANSWER)
async def save_answer(
    player: CurrentPlayer, position: Position, body: AnswerSave, session: StatementSessionDep
) -> AnswerSaved:
    """Autosave one answer. Idempotent with a revision: the server keeps the highest revision; an older or equal
    one changes nothing (`applied: false`, with the revision held). After the deadline or the submission: 409
    `test-closed` (everything saved before is kept); a timed section not opened yet: 409 `section-not-open`.
    Answers: `{"type": "choice", "choice_ids": ["b"]}`, `{"type": "text", "text": "…"}`,
    `{"type": "code", "language": "python3", "sources": {"python3": "…"}}`. At most 512 KB."""
    return await answers.save(session, player, position, body)


@player_router.post("/session/navigate", response_model=Navigated, openapi_extra=SMALL)
async def navigate(player: CurrentPlayer, body: Navigate, session: SessionDep) -> Navigated:
    """The candidate shows another question: the time since the last move counts for the one they left (time
    per question), the position is kept for resuming, and a timed section's clock starts when first opened."""
    return await PlayerService(session, player).navigate(body.position)


@player_router.post(
    "/session/questions/{position}/runs",
    response_model=PlayerRun,
    status_code=status.HTTP_202_ACCEPTED,
    openapi_extra=CODE,
)
async def run_visible_tests(
    player: CurrentPlayer, position: Position, body: RunVisible, session: SessionDep
) -> PlayerRun:
    """Run the code against this question's visible examples (never the hidden tests). Answers at once; poll
    `GET /player/session/runs/{run_id}` until `status` is `finished`. At most 6 runs a minute and 2 at once per
    test (429 with `Retry-After`)."""
    return await answers.run_visible(session, player, position, body)


@player_router.get("/session/runs/{run_id}", response_model=PlayerRun)
async def visible_run(player: CurrentPlayer, run_id: uuid.UUID, session: ReadSessionDep) -> PlayerRun:
    """A visible-tests run: per example, the input, the expected and actual output, and the verdict."""
    return await answers.visible_run(session, player, run_id)


@player_router.post("/session/submit", response_model=PlayerSessionState, openapi_extra=SMALL)
async def submit(player: CurrentPlayer, session: SessionDep) -> PlayerSessionState:
    """Submit the test. Idempotent: a second submit (another tab, a retry) returns the same state. Multiple
    choice is graded at once; code in the background; essays by a person. `result` is set when the assessment
    releases results and grading is complete."""
    s = await closing.submit(session, player)
    return await PlayerService(session, player).state(s, datetime.now(UTC))


# --- results (staff) ---------------------------------------------------------------------------------------------


async def _results_reader(principal: CurrentPrincipal) -> Principal:
    """Results are for people who read candidates, and for interviewers (of that candidate: the service's rule)."""
    if not (principal.can("candidates:read") or principal.can("interviews:read_assigned")):
        raise Forbidden("You need the 'candidates:read' permission (or to interview the candidate) for this.")
    return principal


ResultsReader = Annotated[Principal, Depends(_results_reader)]
Grader = Annotated[Principal, Depends(require("assessments:grade"))]
Marker = Annotated[Principal, Depends(require("feedback:submit"))]
Reviewer = Annotated[Principal, Depends(require("decisions:step1_review"))]


@results_router.get("/applications/{application_id}/test-sessions", response_model=list[SessionSummary])
async def application_sessions(
    principal: ResultsReader, application_id: uuid.UUID, session: ReadSessionDep
) -> list[SessionSummary]:
    """The application's test sessions (newest first) with status, score and Step-1 decision."""
    return await ResultsService(session, principal).for_application(application_id)


@results_router.get("/test-sessions/{session_id}", response_model=SessionResults)
async def session_results(principal: ResultsReader, session_id: uuid.UUID, session: ReadSessionDep) -> SessionResults:
    """A session's results: score by section and question, time per question, chosen vs correct options, code
    with its verdict per test case (hidden cases' input and output only to question authors), essays with their
    grades, the thresholds applied and the percentile among this assessment's graded candidates. Reached by
    people who read candidates (hiring managers: their requisitions) and by the candidate's interviewers."""
    return await ResultsService(session, principal).results(session_id)


@results_router.post("/test-sessions/{session_id}/answers/{position}/grade", response_model=SessionResults)
async def grade_answer(
    principal: Grader, session_id: uuid.UUID, position: Position, body: EssayGrade, session: SessionDep
) -> SessionResults:
    """Grade an essay: points for every criterion of its rubric (each at most the criterion's points). When the
    last answer is graded the session's score is final and the Step-1 rule runs."""
    from backend.test_sessions.grading import grade_essay

    service = ResultsService(session, principal)
    s = await service.visible(session_id)
    await grade_essay(session, principal, s, position, body)
    return await service.results(session_id)


@results_router.post("/test-sessions/{session_id}/answers/{position}/rerun", response_model=SessionResults)
async def rerun_answer(
    principal: Grader, session_id: uuid.UUID, position: Position, session: SessionDep
) -> SessionResults:
    """Grade a code answer again in the sandbox (after an engine failure, or to check): its score follows the new
    runs."""
    from backend.test_sessions.grading import rerun_code

    service = ResultsService(session, principal)
    s = await service.visible(session_id)
    await rerun_code(session, principal, s, position)
    return await service.results(session_id)


@results_router.post("/test-sessions/{session_id}/answers/{position}/review", response_model=SessionResults)
async def review_answer(
    principal: Marker, session_id: uuid.UUID, position: Position, body: MarkAnswer, session: SessionDep
) -> SessionResults:
    """Mark a code answer `accept`, `needs_discussion` or `reject`, with a note (interviewers reviewing code)."""
    return await ResultsService(session, principal).mark(session_id, position, body)


@results_router.get("/grading/queue", response_model=Page[GradingQueueItem])
async def grading_queue(
    principal: Grader, session: ReadSessionDep, params: PageParams = Depends(page_params)
) -> Page[GradingQueueItem]:
    """Answers waiting for a person: essays, and code the engine could not run (re-run it)."""
    items, cursor, total = await ResultsService(session, principal).grading_queue(params)
    return Page[GradingQueueItem](items=items, next_cursor=cursor, total=total)


@results_router.get("/step1-reviews", response_model=Page[SessionSummary])
async def step1_reviews(
    principal: Reviewer, session: ReadSessionDep, params: PageParams = Depends(page_params)
) -> Page[SessionSummary]:
    """Step-1 results in the manual-review band, waiting for a decision (oldest graded first)."""
    items, cursor, total = await Step1Reviews(session, principal).queue(params)
    summaries = await ResultsService(session, principal).summaries(items)
    return Page[SessionSummary](items=summaries, next_cursor=cursor, total=total)


@results_router.post("/step1-reviews/{session_id}/decision", response_model=SessionSummary)
async def decide_step1_review(
    principal: Reviewer, session_id: uuid.UUID, body: Step1ReviewDecision, session: SessionDep
) -> SessionSummary:
    """Decide a result in the review band: `advance` moves the application to the next stage (the candidate is
    emailed), `reject` rejects it with the rejection email. The decision and the note are logged on the
    application's timeline and in the audit log. 409 when it is not waiting for a review."""
    s = await Step1Reviews(session, principal).decide(session_id, body)
    return (await ResultsService(session, principal).summaries([s]))[0]


# --- the candidate portal ------------------------------------------------------------------------------------------


async def _candidate(principal: Annotated[Principal, Depends(require("applications:own"))]) -> Principal:
    return await signed_in_user(principal)


Candidate = Annotated[Principal, Depends(_candidate)]


@portal_router.get("/assessments", response_model=list[PortalAssessment])
async def portal_assessments(principal: Candidate, session: ReadSessionDep) -> list[PortalAssessment]:
    """The signed-in candidate's assessments: open invitations with their expiry, finished ones with the result
    when the assessment releases it."""
    return await my_assessments(session, principal)


@portal_router.post("/assessments/{invitation_id}/player-token", response_model=PlayerSignedIn, openapi_extra=SMALL)
async def portal_player_token(principal: Candidate, invitation_id: uuid.UUID, session: SessionDep) -> PlayerSignedIn:
    """Open one of one's own invitations in the test player without the emailed link (signed in to the portal).
    410 `link-gone` when it expired or was withdrawn."""
    return await signing_in.portal_sign_in(session, principal, invitation_id)
