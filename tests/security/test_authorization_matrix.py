"""Every route × every role. A new route without a row here fails `test_every_route_is_in_the_matrix`."""

import uuid

import pytest

ROLES = ("superadmin", "admin", "recruiter", "hiring_manager", "interviewer", "executive", "candidate")
EVERYONE = frozenset(ROLES)
PUBLIC = "public"
READERS = frozenset({"admin", "recruiter", "hiring_manager", "executive"})
ADMIN = frozenset({"admin"})
WRITERS = frozenset({"admin", "recruiter", "hiring_manager"})
CANDIDATE_WRITERS = frozenset({"admin", "recruiter"})
INTERVIEW_READERS = frozenset({"admin", "recruiter", "hiring_manager", "interviewer", "executive"})
PANELISTS = frozenset({"admin", "recruiter", "hiring_manager", "interviewer", "executive"})
QUESTION_READERS = frozenset({"admin", "recruiter", "interviewer"})
QUESTION_CONTRIBUTORS = QUESTION_READERS  # questions:suggest and questions:report
ASSESSMENT_READERS = frozenset({"admin", "recruiter", "hiring_manager"})
LINK_SENDERS = frozenset({"admin", "recruiter"})  # links:create (and the extend permissions)
RESULT_READERS = frozenset({"admin", "recruiter", "hiring_manager", "interviewer", "executive"})
GRADERS = frozenset({"admin", "recruiter", "interviewer"})
PROCTORS = frozenset({"admin", "recruiter"})  # proctoring:monitor and proctoring:review
# The test player's routes take a player token only (tests/test_sessions/test_player_security.py): every role's
# own token is refused with 403, no token with 401.
PLAYER = frozenset()

MATRIX: dict[tuple[str, str], frozenset[str] | str] = {
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/readyz"): PUBLIC,
    ("POST", "/api/v1/auth/login"): PUBLIC,
    ("POST", "/api/v1/auth/refresh"): PUBLIC,
    ("POST", "/api/v1/auth/logout"): PUBLIC,
    ("GET", "/api/v1/auth/me"): EVERYONE,
    ("GET", "/api/v1/permissions"): EVERYONE,
    ("GET", "/api/v1/users"): READERS,
    ("POST", "/api/v1/users"): ADMIN,
    ("GET", "/api/v1/users/{user_id}"): READERS,
    ("PATCH", "/api/v1/users/{user_id}"): ADMIN,
    ("POST", "/api/v1/users/{user_id}/deactivate"): ADMIN,
    ("POST", "/api/v1/users/{user_id}/reactivate"): ADMIN,
    ("POST", "/api/v1/users/{user_id}/reset-password"): ADMIN,
    ("GET", "/api/v1/api-keys"): ADMIN,
    ("POST", "/api/v1/api-keys"): ADMIN,
    ("POST", "/api/v1/api-keys/{key_id}/revoke"): ADMIN,
    ("GET", "/api/v1/audit-logs"): ADMIN,
    ("GET", "/api/v1/audit-logs/export"): ADMIN,
    ("GET", "/api/v1/organizations"): frozenset({"superadmin"}),
    ("POST", "/api/v1/organizations"): frozenset({"superadmin"}),
    ("PATCH", "/api/v1/organizations/{organization_id}"): frozenset({"superadmin"}),
    ("GET", "/api/v1/organization"): frozenset({"admin", "recruiter"}),
    ("PATCH", "/api/v1/organization/settings"): ADMIN,
    ("GET", "/api/v1/notifications"): EVERYONE,
    ("GET", "/api/v1/notifications/unread-count"): EVERYONE,
    ("GET", "/api/v1/notifications/stream"): EVERYONE,
    ("POST", "/api/v1/notifications/{notification_id}/read"): EVERYONE,
    ("POST", "/api/v1/notifications/{notification_id}/unread"): EVERYONE,
    ("POST", "/api/v1/notifications/{notification_id}/archive"): EVERYONE,
    ("POST", "/api/v1/notifications/{notification_id}/unarchive"): EVERYONE,
    ("POST", "/api/v1/notifications/read-all"): EVERYONE,
    ("POST", "/api/v1/notifications/broadcast"): ADMIN,
    ("GET", "/api/v1/email/templates"): ADMIN,
    ("GET", "/api/v1/email/templates/{key}"): ADMIN,
    ("PUT", "/api/v1/email/templates/{key}"): ADMIN,
    ("POST", "/api/v1/email/templates/{key}/preview"): ADMIN,
    ("GET", "/api/v1/email/outbox"): frozenset({"admin", "recruiter"}),
    ("GET", "/api/v1/email/outbox/{message_id}"): frozenset({"admin", "recruiter"}),
    ("GET", "/api/v1/jobs"): ADMIN,
    ("POST", "/api/v1/jobs/{job_id}/retry"): ADMIN,
    ("GET", "/api/v1/requisitions"): READERS,
    ("POST", "/api/v1/requisitions"): WRITERS,
    ("GET", "/api/v1/requisitions/{requisition_id}"): READERS,
    ("PATCH", "/api/v1/requisitions/{requisition_id}"): WRITERS,
    ("POST", "/api/v1/requisitions/{requisition_id}/status"): WRITERS,
    ("POST", "/api/v1/requisitions/{requisition_id}/stages"): WRITERS,
    ("PUT", "/api/v1/requisitions/{requisition_id}/stages/order"): WRITERS,
    ("DELETE", "/api/v1/requisitions/{requisition_id}/stages/{stage_id}"): WRITERS,
    ("GET", "/api/v1/round-templates"): READERS,
    ("POST", "/api/v1/round-templates"): ADMIN,
    ("PUT", "/api/v1/round-templates/{template_id}"): ADMIN,
    ("GET", "/api/v1/public/organizations/{slug}/jobs"): PUBLIC,
    ("GET", "/api/v1/public/organizations/{slug}/jobs/{requisition_id}"): PUBLIC,
    ("POST", "/api/v1/public/organizations/{slug}/jobs/{requisition_id}/apply"): PUBLIC,
    ("POST", "/api/v1/public/account/activate"): PUBLIC,
    ("POST", "/api/v1/public/applications/confirm"): PUBLIC,
    ("GET", "/api/v1/candidates"): READERS,
    ("GET", "/api/v1/candidates/export"): frozenset({"admin", "recruiter"}),
    ("POST", "/api/v1/candidates/import"): CANDIDATE_WRITERS,
    ("GET", "/api/v1/candidates/{candidate_id}/duplicates"): READERS,
    ("POST", "/api/v1/candidates/{candidate_id}/merge"): CANDIDATE_WRITERS,
    ("POST", "/api/v1/candidates"): CANDIDATE_WRITERS,
    ("GET", "/api/v1/candidates/{candidate_id}"): READERS,
    ("PATCH", "/api/v1/candidates/{candidate_id}"): CANDIDATE_WRITERS,
    ("POST", "/api/v1/candidates/{candidate_id}/resume"): CANDIDATE_WRITERS,
    ("GET", "/api/v1/candidates/{candidate_id}/resume"): READERS,
    ("GET", "/api/v1/applications"): READERS,
    ("GET", "/api/v1/applications/stage-counts"): READERS,
    ("POST", "/api/v1/applications"): WRITERS,
    ("GET", "/api/v1/applications/{application_id}"): READERS,
    ("POST", "/api/v1/applications/{application_id}/move"): WRITERS,
    ("POST", "/api/v1/applications/{application_id}/reject"): WRITERS,
    ("POST", "/api/v1/applications/{application_id}/hold"): WRITERS,
    ("POST", "/api/v1/applications/{application_id}/resume"): WRITERS,
    ("POST", "/api/v1/applications/{application_id}/withdraw"): WRITERS,
    ("POST", "/api/v1/applications/{application_id}/hire"): WRITERS,
    ("POST", "/api/v1/applications/bulk"): WRITERS,
    ("POST", "/api/v1/applications/{application_id}/notes"): READERS,
    ("PATCH", "/api/v1/applications/{application_id}/notes/{note_id}"): READERS,
    ("GET", "/api/v1/requisitions/{requisition_id}/board"): READERS,
    ("GET", "/api/v1/rejection-reasons"): READERS,
    ("POST", "/api/v1/rejection-reasons"): ADMIN,
    ("GET", "/api/v1/interviews"): INTERVIEW_READERS,
    ("POST", "/api/v1/interviews"): frozenset({"admin", "recruiter"}),
    ("GET", "/api/v1/interviews/suggestions"): frozenset({"admin", "recruiter"}),
    ("GET", "/api/v1/interviews/conflicts"): frozenset({"admin", "recruiter"}),
    ("GET", "/api/v1/interviews/{interview_id}"): INTERVIEW_READERS,
    ("POST", "/api/v1/interviews/{interview_id}/reschedule"): frozenset({"admin", "recruiter"}),
    ("POST", "/api/v1/interviews/{interview_id}/status"): INTERVIEW_READERS,
    ("GET", "/api/v1/interviews/{interview_id}/scorecards"): INTERVIEW_READERS,
    ("GET", "/api/v1/interviews/{interview_id}/resume"): INTERVIEW_READERS,
    ("GET", "/api/v1/interviews/{interview_id}/candidate"): INTERVIEW_READERS,
    ("GET", "/api/v1/me/interviews/{interview_id}/calendar"): frozenset({"candidate"}),
    ("PUT", "/api/v1/interviews/{interview_id}/scorecard"): PANELISTS,
    ("POST", "/api/v1/interviews/{interview_id}/scorecard/submit"): PANELISTS,
    ("POST", "/api/v1/interviews/scorecards/{scorecard_id}/reopen"): frozenset({"admin", "executive"}),
    ("GET", "/api/v1/applications/{application_id}/feedback"): READERS,
    ("GET", "/api/v1/decisions/awaiting-final"): frozenset({"admin", "executive"}),
    ("POST", "/api/v1/applications/{application_id}/override"): frozenset({"admin", "executive"}),
    ("GET", "/api/v1/applications/{application_id}/step2"): READERS,
    ("POST", "/api/v1/applications/{application_id}/step2/decision"): frozenset(
        {"admin", "recruiter", "hiring_manager"}
    ),
    ("GET", "/api/v1/applications/{application_id}/step3"): READERS,
    ("POST", "/api/v1/applications/{application_id}/step3"): frozenset({"admin", "executive"}),
    ("POST", "/api/v1/applications/{application_id}/offer"): WRITERS,
    ("POST", "/api/v1/offers/{offer_id}/status"): WRITERS,
    ("GET", "/api/v1/me/interviews"): frozenset({"candidate"}),
    ("POST", "/api/v1/me/interviews/{interview_id}/respond"): frozenset({"candidate"}),
    ("GET", "/api/v1/me/applications"): frozenset({"candidate"}),
    ("POST", "/api/v1/me/applications/{application_id}/withdraw"): frozenset({"candidate"}),
    ("GET", "/api/v1/languages"): frozenset({"admin", "recruiter", "interviewer"}),
    ("PATCH", "/api/v1/languages/{language_key}"): ADMIN,
    ("POST", "/api/v1/execution/runs"): ADMIN,
    ("GET", "/api/v1/execution/runs/{run_id}"): ADMIN,
    ("GET", "/api/v1/question-banks"): QUESTION_READERS,
    ("POST", "/api/v1/question-banks"): ADMIN,
    ("GET", "/api/v1/question-banks/stats"): QUESTION_READERS,
    ("GET", "/api/v1/question-banks/export"): ADMIN,
    ("POST", "/api/v1/question-banks/import"): ADMIN,
    ("GET", "/api/v1/question-banks/{bank_id}"): QUESTION_READERS,
    ("PATCH", "/api/v1/question-banks/{bank_id}"): ADMIN,
    ("DELETE", "/api/v1/question-banks/{bank_id}"): ADMIN,
    ("GET", "/api/v1/questions"): QUESTION_READERS,
    ("POST", "/api/v1/questions"): ADMIN,
    ("POST", "/api/v1/questions/bulk"): ADMIN,
    ("GET", "/api/v1/questions/{question_id}"): QUESTION_READERS,
    ("PUT", "/api/v1/questions/{question_id}"): ADMIN,
    ("PATCH", "/api/v1/questions/{question_id}"): ADMIN,
    ("DELETE", "/api/v1/questions/{question_id}"): ADMIN,
    ("GET", "/api/v1/questions/{question_id}/versions"): QUESTION_READERS,
    ("GET", "/api/v1/questions/{question_id}/versions/{version_id}"): QUESTION_READERS,
    ("GET", "/api/v1/questions/{question_id}/candidate-preview"): QUESTION_READERS,
    ("POST", "/api/v1/questions/{question_id}/issue-reports"): QUESTION_CONTRIBUTORS,
    ("GET", "/api/v1/question-backups"): ADMIN,
    ("POST", "/api/v1/question-backups"): ADMIN,
    ("GET", "/api/v1/question-backups/{backup_id}/download"): ADMIN,
    ("POST", "/api/v1/question-feedback/suggestions"): QUESTION_CONTRIBUTORS,
    ("GET", "/api/v1/question-feedback"): ADMIN,
    ("GET", "/api/v1/question-feedback/mine"): QUESTION_CONTRIBUTORS,
    ("GET", "/api/v1/question-feedback/{feedback_id}"): QUESTION_CONTRIBUTORS,
    ("POST", "/api/v1/question-feedback/{feedback_id}/accept"): ADMIN,
    ("POST", "/api/v1/question-feedback/{feedback_id}/decline"): ADMIN,
    ("POST", "/api/v1/questions/{question_id}/verify"): ADMIN,
    ("GET", "/api/v1/assessments"): ASSESSMENT_READERS,
    ("POST", "/api/v1/assessments"): LINK_SENDERS,
    ("GET", "/api/v1/assessments/{assessment_id}"): ASSESSMENT_READERS,
    ("PUT", "/api/v1/assessments/{assessment_id}"): LINK_SENDERS,
    ("DELETE", "/api/v1/assessments/{assessment_id}"): LINK_SENDERS,
    ("GET", "/api/v1/assessments/{assessment_id}/preview"): ASSESSMENT_READERS,
    ("GET", "/api/v1/requisitions/{requisition_id}/assessments"): ASSESSMENT_READERS,
    ("PUT", "/api/v1/requisitions/{requisition_id}/stages/{stage_id}/assessment"): LINK_SENDERS,
    ("GET", "/api/v1/invitations"): LINK_SENDERS,
    ("POST", "/api/v1/invitations"): LINK_SENDERS,
    ("GET", "/api/v1/invitations/stats"): LINK_SENDERS,
    ("POST", "/api/v1/invitations/bulk"): LINK_SENDERS,
    ("POST", "/api/v1/invitations/bulk-resend"): LINK_SENDERS,
    ("POST", "/api/v1/invitations/bulk-extend"): LINK_SENDERS,
    ("GET", "/api/v1/invitations/{invitation_id}"): LINK_SENDERS,
    ("GET", "/api/v1/invitations/{invitation_id}/access-log"): LINK_SENDERS,
    ("POST", "/api/v1/invitations/{invitation_id}/extend"): LINK_SENDERS,
    ("POST", "/api/v1/invitations/{invitation_id}/resend"): LINK_SENDERS,
    ("POST", "/api/v1/invitations/{invitation_id}/revoke"): LINK_SENDERS,
    ("POST", "/api/v1/invitations/{invitation_id}/regenerate"): LINK_SENDERS,
    ("PUT", "/api/v1/invitations/{invitation_id}/accommodation"): LINK_SENDERS,
    ("POST", "/api/v1/player/sign-in"): PUBLIC,
    ("POST", "/api/v1/player/refresh"): PLAYER,
    ("GET", "/api/v1/player/me"): PLAYER,
    ("POST", "/api/v1/player/start"): PLAYER,
    ("GET", "/api/v1/player/session"): PLAYER,
    ("GET", "/api/v1/player/session/questions/{position}"): PLAYER,
    ("PUT", "/api/v1/player/session/answers/{position}"): PLAYER,
    ("POST", "/api/v1/player/session/navigate"): PLAYER,
    ("POST", "/api/v1/player/session/questions/{position}/runs"): PLAYER,
    ("GET", "/api/v1/player/session/runs/{run_id}"): PLAYER,
    ("POST", "/api/v1/player/session/submit"): PLAYER,
    ("GET", "/api/v1/applications/{application_id}/test-sessions"): RESULT_READERS,
    ("GET", "/api/v1/test-sessions/{session_id}"): RESULT_READERS,
    ("POST", "/api/v1/test-sessions/{session_id}/answers/{position}/grade"): GRADERS,
    ("POST", "/api/v1/test-sessions/{session_id}/answers/{position}/rerun"): GRADERS,
    ("POST", "/api/v1/test-sessions/{session_id}/answers/{position}/review"): PANELISTS,
    ("GET", "/api/v1/grading/queue"): GRADERS,
    ("GET", "/api/v1/step1-reviews"): LINK_SENDERS,
    ("POST", "/api/v1/step1-reviews/{session_id}/decision"): LINK_SENDERS,
    ("GET", "/api/v1/me/assessments"): frozenset({"candidate"}),
    ("POST", "/api/v1/me/assessments/{invitation_id}/player-token"): frozenset({"candidate"}),
    ("POST", "/api/v1/player/session/proctoring/events"): PLAYER,
    ("POST", "/api/v1/player/session/proctoring/snapshots"): PLAYER,
    ("GET", "/api/v1/player/session/integrity"): PLAYER,
    ("POST", "/api/v1/player/session/integrity/explanations"): PLAYER,
    ("GET", "/api/v1/player/session/integrity/snapshots/{event_id}"): PLAYER,
    ("GET", "/api/v1/me/assessments/{invitation_id}/integrity"): frozenset({"candidate"}),
    ("POST", "/api/v1/me/assessments/{invitation_id}/integrity/explanations"): frozenset({"candidate"}),
    ("GET", "/api/v1/me/assessments/{invitation_id}/integrity/snapshots/{event_id}"): frozenset({"candidate"}),
    ("GET", "/api/v1/proctoring/live"): PROCTORS,
    ("GET", "/api/v1/proctoring/queue"): PROCTORS,
    ("GET", "/api/v1/proctoring/sessions/{session_id}"): PROCTORS,
    ("GET", "/api/v1/proctoring/sessions/{session_id}/summary"): PROCTORS,
    ("GET", "/api/v1/proctoring/sessions/{session_id}/snapshots/{event_id}"): PROCTORS,
    ("GET", "/api/v1/proctoring/sessions/{session_id}/similarity/{pair_id}"): PROCTORS,
    ("POST", "/api/v1/proctoring/sessions/{session_id}/events/{event_id}/review"): PROCTORS,
    ("POST", "/api/v1/proctoring/sessions/{session_id}/verdict"): PROCTORS,
}
# Streams need the process's live listener, which the in-memory test client does not start (503); the
# cross-process stream itself is tested in tests/notifications.
NO_LISTENER = {("GET", "/api/v1/notifications/stream")}


def _routes(app) -> set[tuple[str, str]]:
    return {(method.upper(), path) for path, ops in app.openapi()["paths"].items() for method in ops}


def test_every_route_is_in_the_matrix(app):
    routes = _routes(app)
    assert routes - set(MATRIX) == set(), "new routes need a row in MATRIX"
    assert set(MATRIX) - routes == set(), "MATRIX names routes that no longer exist"


async def _call(client, method: str, path: str, headers: dict[str, str]):
    url = path.replace("{key}", "account_created").replace("{job_id}", "1").replace("{slug}", "no-such-org")
    url = url.replace("{position}", "0")
    for name in (
        "user_id",
        "key_id",
        "organization_id",
        "notification_id",
        "message_id",
        "requisition_id",
        "stage_id",
        "template_id",
        "run_id",
        "language_key",
        "bank_id",
        "question_id",
        "version_id",
        "backup_id",
        "feedback_id",
        "assessment_id",
        "invitation_id",
        "session_id",
        "application_id",
        "event_id",
        "pair_id",
    ):
        url = url.replace("{" + name + "}", str(uuid.uuid4()))
    kwargs = {"json": {}} if method in ("POST", "PATCH", "PUT") else {}
    return await client.request(method, url, headers=headers, **kwargs)


@pytest.mark.parametrize("role", ROLES)
async def test_role_gets_exactly_its_routes(client, factory, role):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, role)
    for (method, path), allowed in MATRIX.items():
        if path == "/api/v1/auth/logout":
            continue  # would end this role's session mid-test; covered in tests/auth
        r = await _call(client, method, path, headers)
        assert r.status_code < 500 or ((method, path) in NO_LISTENER and r.status_code == 503), (method, path, r.text)
        if allowed == PUBLIC or role in allowed:
            assert r.status_code not in (401, 403), (role, method, path, r.status_code, r.text)
        else:
            assert r.status_code == 403, (role, method, path, r.status_code)
            assert r.headers["content-type"] == "application/problem+json"


async def test_anonymous_gets_401_on_every_protected_route(client):
    for (method, path), allowed in MATRIX.items():
        r = await _call(client, method, path, {})
        if allowed == PUBLIC:
            assert r.status_code != 401 or path.startswith("/api/v1/auth/"), (method, path)
        else:
            assert r.status_code == 401, (method, path, r.status_code)
