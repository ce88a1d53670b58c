"""Named capabilities granted per role: the single place that says who may do what.

Routes ask for a permission (`require("users:write")`), never for a role. Resource rules (an interviewer sees
only interviews they are on, a recruiter extends only their own candidates' links) are checked by services on
top of these.
"""

from enum import StrEnum


class Role(StrEnum):
    SUPERADMIN = "superadmin"
    ADMIN = "admin"
    RECRUITER = "recruiter"
    HIRING_MANAGER = "hiring_manager"
    INTERVIEWER = "interviewer"
    EXECUTIVE = "executive"
    CANDIDATE = "candidate"


# Every capability with what it allows; API-key scopes are drawn from the same list.
PERMISSIONS: dict[str, str] = {
    "organizations:manage": "Create, rename and deactivate organizations (platform operator)",
    "settings:read": "Read the organization's settings",
    "settings:write": "Change link rules, thresholds, weights and time zone",
    "users:read": "List and view users",
    "users:write": "Create, edit, deactivate and reactivate users",
    "users:reset_password": "Set a new password for another user",
    "roles:assign": "Change a user's role",
    "api_keys:manage": "Create and revoke API keys",
    "audit:read": "Read and export the audit log",
    "requisitions:read": "View requisitions",
    "requisitions:write": "Create and edit requisitions",
    "candidates:read": "View candidates and applications",
    "candidates:write": "Add and edit candidates, upload résumés",
    "candidates:delete": "Delete or erase candidates",
    "applications:move": "Move applications through the pipeline",
    "questions:read": "Read question banks",
    "languages:manage": "Choose the programming languages the organization's questions and candidates use",
    "code:run": "Run code in the sandbox (scratch runs, verifying coding questions)",
    "code:read_runs": "See every code run of the organization, not only one's own",
    "questions:write": "Create, edit, import and export questions; see their answers; handle suggestions",
    "questions:suggest": "Suggest new questions for the banks",
    "questions:report": "Report a problem with a question",
    "assessments:read": "View assessments and preview them as a candidate would",
    "assessments:write": "Create and edit assessments, and choose the assessment of a pipeline stage",
    "assessments:grade": "Grade essays and re-run the grading of code answers",
    "links:create": "Generate, send, resend, revoke and regenerate assessment links; see the Links list",
    "links:extend_own": "Extend links of one's own candidates",
    "links:extend_any": "Extend any link",
    "interviews:schedule": "Schedule interviews and pick questions",
    "interviews:read_all": "View every interview of the organization",
    "interviews:read_assigned": "View interviews one is assigned to",
    "feedback:submit": "Submit interview scorecards",
    "decisions:step1_review": "Decide Step-1 manual reviews",
    "decisions:step2": "Confirm or override Step-2 outcomes",
    "decisions:final": "Make the Step-3 final decision and approve compensation",
    "decisions:override": "Override any decision, with a reason",
    "reports:read": "View reports and dashboards",
    "data:export": "Export data (CSV / XLSX)",
    "proctoring:monitor": "Watch tests in progress and read integrity summaries",
    "proctoring:review": "Review proctoring events and record integrity verdicts",
    "email_templates:manage": "Edit email templates",
    "jobs:manage": "See and retry background jobs",
    "outbox:read": "Read the email outbox",
    "outbox:read_secrets": "Read the one-time links and codes in captured emails (local setup without SMTP only)",
    "notifications:read": "Read one's own notifications",
    "notifications:broadcast": "Send an announcement to users of the organization",
    "applications:own": "Apply, see and withdraw one's own applications (candidates)",
}

_RECRUITER = {
    "requisitions:read",
    "requisitions:write",
    "candidates:read",
    "candidates:write",
    "applications:move",
    "questions:read",
    "questions:suggest",
    "questions:report",
    "assessments:read",
    "assessments:write",
    "assessments:grade",
    "links:create",
    "links:extend_own",
    "interviews:schedule",
    "interviews:read_all",
    "feedback:submit",
    "decisions:step1_review",
    "decisions:step2",
    "reports:read",
    "data:export",
    "users:read",
    "settings:read",
    "notifications:read",
    "outbox:read",
    "proctoring:monitor",
    "proctoring:review",
}

ROLE_PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.SUPERADMIN: frozenset({"organizations:manage", "notifications:read"}),
    Role.ADMIN: frozenset(set(PERMISSIONS) - {"organizations:manage", "applications:own"}),
    Role.RECRUITER: frozenset(_RECRUITER),
    Role.HIRING_MANAGER: frozenset(
        {
            "requisitions:read",
            "requisitions:write",
            "candidates:read",
            "applications:move",
            "assessments:read",
            "interviews:read_all",
            "feedback:submit",
            "decisions:step2",
            "reports:read",
            "users:read",
            "notifications:read",
        }
    ),
    Role.INTERVIEWER: frozenset(
        {
            "interviews:read_assigned",
            "feedback:submit",
            "assessments:grade",
            "questions:read",
            "questions:suggest",
            "questions:report",
            "notifications:read",
        }
    ),
    Role.EXECUTIVE: frozenset(
        {
            "requisitions:read",
            "candidates:read",
            "interviews:read_all",
            "feedback:submit",
            "decisions:final",
            "decisions:override",
            "reports:read",
            "users:read",
            "notifications:read",
        }
    ),
    Role.CANDIDATE: frozenset({"applications:own", "notifications:read"}),
}

# About one's own inbox, not the organization's data: every person holds it, no API key can. It does not count
# when someone grants a role (see backend/auth/grants.py), or no key could ever create a user.
PERSONAL_PERMISSIONS: frozenset[str] = frozenset({"notifications:read"})

# Scopes an integrator's API key may hold: organization data, never platform or personal capabilities. Running
# code is for people (a run reports to the person who asked).
API_KEY_SCOPES: frozenset[str] = (
    ROLE_PERMISSIONS[Role.ADMIN] - {"api_keys:manage", "outbox:read_secrets", "code:run"} - PERSONAL_PERMISSIONS
)


def permissions_for(role: Role | str) -> frozenset[str]:
    return ROLE_PERMISSIONS[Role(role)]
