"""The /api/v1 routes: one line per domain."""

from fastapi import Depends, FastAPI

from backend.api_keys.router import router as api_keys
from backend.applications.router import portal_router as candidate_portal
from backend.applications.router import public_router as job_applications
from backend.applications.router import router as applications
from backend.assessments.router import router as assessments
from backend.assessments.router import stages_router as stage_assessments
from backend.audit.router import router as audit
from backend.auth.meta_router import router as auth_meta
from backend.auth.router import router as auth
from backend.candidates.router import router as candidates
from backend.decisions.router import router as decisions
from backend.email.router import router as email
from backend.execution.router import languages_router as languages
from backend.execution.router import router as execution
from backend.interviews.router import portal_router as interview_portal
from backend.interviews.router import router as interviews
from backend.invitations.router import router as invitations
from backend.jobs.router import router as jobs
from backend.kit.parameters import clean_parameters
from backend.notifications.router import router as notifications
from backend.organizations.router import router as organizations
from backend.proctoring.router import player_router as proctoring_player
from backend.proctoring.router import portal_router as proctoring_portal
from backend.proctoring.router import router as proctoring
from backend.questions.router import backups_router as question_backups
from backend.questions.router import banks_router as question_banks
from backend.questions.router import feedback_router as question_feedback
from backend.questions.router import router as questions
from backend.requisitions.router import public_router as job_board
from backend.requisitions.router import router as requisitions
from backend.requisitions.router import templates_router as round_templates
from backend.test_sessions.router import player_router as test_player
from backend.test_sessions.router import portal_router as assessment_portal
from backend.test_sessions.router import results_router as test_results
from backend.users.router import router as users

# Matching a request to its route is a linear scan of these routers, in this order: the busiest come first (the
# exam day's autosaves and proctoring batches, who the caller is, the inbox's polling, the recruiter's lists).
ROUTERS = (
    test_player,
    proctoring_player,
    auth,
    auth_meta,
    notifications,
    candidates,
    applications,
    requisitions,
    interviews,
    users,
    api_keys,
    audit,
    organizations,
    email,
    jobs,
    round_templates,
    job_board,
    job_applications,
    candidate_portal,
    interview_portal,
    decisions,
    languages,
    execution,
    question_banks,
    questions,
    question_backups,
    question_feedback,
    assessments,
    stage_assessments,
    invitations,
    test_results,
    assessment_portal,
    proctoring_portal,
    proctoring,
)


def include_api(app: FastAPI) -> None:
    """Every domain's routes under /api/v1. Included on the app itself rather than through one /api/v1 router:
    each level of included routers is matched twice per request (to find the route, then to run it), so a level
    less halves the scan. Every route refuses control characters in its query and path parameters (bodies: the
    Schema base does it)."""
    for router in ROUTERS:
        app.include_router(router, prefix="/api/v1", dependencies=[Depends(clean_parameters)])
