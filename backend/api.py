"""The /api/v1 router: one line per domain."""

from fastapi import APIRouter

from backend.api_keys.router import router as api_keys
from backend.applications.router import portal_router as candidate_portal
from backend.applications.router import public_router as job_applications
from backend.applications.router import router as applications
from backend.audit.router import router as audit
from backend.auth.meta_router import router as auth_meta
from backend.auth.router import router as auth
from backend.candidates.router import router as candidates
from backend.decisions.router import router as decisions
from backend.email.router import router as email
from backend.interviews.router import portal_router as interview_portal
from backend.interviews.router import router as interviews
from backend.jobs.router import router as jobs
from backend.notifications.router import router as notifications
from backend.organizations.router import router as organizations
from backend.requisitions.router import public_router as job_board
from backend.requisitions.router import router as requisitions
from backend.requisitions.router import templates_router as round_templates
from backend.users.router import router as users

api_router = APIRouter(prefix="/api/v1")
for router in (
    auth,
    auth_meta,
    users,
    api_keys,
    audit,
    organizations,
    notifications,
    email,
    jobs,
    requisitions,
    round_templates,
    job_board,
    candidates,
    applications,
    job_applications,
    candidate_portal,
    interviews,
    interview_portal,
    decisions,
):
    api_router.include_router(router)
