"""The built-in email templates: one per event key, with the variables each may use and sample values for the
editor's live preview. New organizations get these rows; admins edit them from there."""

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TemplateSpec:
    key: str
    description: str
    subject: str
    body_text: str
    body_html: str
    sample: dict[str, Any] = field(default_factory=dict)
    # Variables whose values are secrets for the recipient only (one-time links, access codes). The outbox keeps
    # a copy with them hidden, the only copy once the email has really been sent (see backend/email/service.py).
    # Every new template that carries a link or code that grants access must list it here.
    secrets: tuple[str, ...] = ()

    @property
    def variables(self) -> list[str]:
        return sorted(self.sample)


_COMMON = {"candidate_name": "Ada Lovelace", "organization_name": "Acme Robotics", "job_title": "Backend Engineer"}


def _html(*paragraphs: str) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        '<div style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:15px;'
        'line-height:1.5;color:#1f2937;max-width:560px">\n' + body + "\n</div>"
    )


SPECS: dict[str, TemplateSpec] = {
    s.key: s
    for s in [
        TemplateSpec(
            "assessment_invitation",
            "Step-1 / Step-2 assessment link with temporary credentials",
            "Your {{ job_title }} assessment at {{ organization_name }}",
            "Hello {{ candidate_name }},\n\nYou are invited to an online assessment for {{ job_title }} "
            "({{ duration }}).\n\n"
            "Open: {{ link }}\nOr sign in at {{ sign_in_url }} with\nUsername: {{ username }}\n"
            "Access code: {{ access_code }}\n"
            "The link expires on {{ expires_at }}. {{ expiry_note }}\n\nGood luck!\n{{ organization_name }}",
            _html(
                "Hello {{ candidate_name }},",
                "You are invited to an online assessment for <strong>{{ job_title }}</strong> ({{ duration }}).",
                '<a href="{{ link }}">Start the assessment</a>',
                'Or sign in at <a href="{{ sign_in_url }}">{{ sign_in_url }}</a> with<br>'
                "Username: <code>{{ username }}</code><br>Access code: <code>{{ access_code }}</code>",
                "The link expires on {{ expires_at }}. {{ expiry_note }}",
                "Good luck!<br>{{ organization_name }}",
            ),
            {
                **_COMMON,
                "link": "https://interviewflow.dev/t/abc123",
                "sign_in_url": "https://interviewflow.dev/t",
                "username": "ada_1234",
                "access_code": "K7PM3QXZ",
                "expires_at": "Monday 1 December, 09:00 (America/New_York)",
                "expiry_note": "It would have expired on a weekend, so it stays open until Monday 09:00.",
                "duration": "90 minutes",
            },
            secrets=("link", "access_code"),
        ),
        TemplateSpec(
            "assessment_reminder",
            "Reminder before an assessment link expires",
            "Reminder: your {{ job_title }} assessment expires {{ expires_in }}",
            "Hello {{ candidate_name }},\n\nYour assessment for {{ job_title }} expires {{ expires_in }} "
            "({{ expires_at }}).\n\nOpen the link from your invitation email, or sign in at {{ link }} with your "
            "username {{ username }} and access code.\n\n{{ organization_name }}",
            _html(
                "Hello {{ candidate_name }},",
                "Your assessment for <strong>{{ job_title }}</strong> expires {{ expires_in }} ({{ expires_at }}).",
                'Open the link from your invitation email, or <a href="{{ link }}">sign in</a> with your username '
                "<code>{{ username }}</code> and access code.",
            ),
            {
                **_COMMON,
                "link": "https://interviewflow.dev/t",
                "username": "ada_1234",
                "expires_in": "in 24 hours",
                "expires_at": "Monday 1 December, 09:00",
            },
            secrets=("link",),
        ),
        TemplateSpec(
            "link_extended",
            "The candidate's assessment link was extended",
            "More time for your {{ job_title }} assessment",
            "Hello {{ candidate_name }},\n\nYour assessment link now expires on {{ expires_at }}. {{ expiry_note }}"
            "\n\nOpen the link from your invitation email, or sign in at {{ link }}.\n\n{{ organization_name }}",
            _html(
                "Hello {{ candidate_name }},",
                "Your assessment link now expires on {{ expires_at }}. {{ expiry_note }}",
                'Open the link from your invitation email, or <a href="{{ link }}">sign in</a>.',
            ),
            {
                **_COMMON,
                "link": "https://interviewflow.dev/t",
                "expires_at": "Friday 5 December, 09:00",
                "expiry_note": "",
            },
            secrets=("link",),
        ),
        TemplateSpec(
            "link_expired",
            "To the owner recruiter: a candidate's link expired unused",
            "Assessment link expired: {{ candidate_name }} ({{ job_title }})",
            "The assessment link of {{ candidate_name }} for {{ job_title }} expired on {{ expires_at }} "
            "without a submission.\n\nReview: {{ review_url }}",
            _html(
                "The assessment link of <strong>{{ candidate_name }}</strong> for {{ job_title }} expired on "
                "{{ expires_at }} without a submission.",
                '<a href="{{ review_url }}">Review the candidate</a>',
            ),
            {**_COMMON, "expires_at": "Monday 1 December, 09:00", "review_url": "https://interviewflow.dev/c/1"},
        ),
        TemplateSpec(
            "stage_advanced",
            "The candidate moved to the next step",
            "Next step for {{ job_title }}: {{ stage_name }}",
            "Hello {{ candidate_name }},\n\nGood news: your application for {{ job_title }} moved to "
            "{{ stage_name }}. {{ next_steps }}\n\n{{ organization_name }}",
            _html(
                "Hello {{ candidate_name }},",
                "Good news: your application for <strong>{{ job_title }}</strong> "
                "moved to <strong>{{ stage_name }}</strong>.",
                "{{ next_steps }}",
            ),
            {**_COMMON, "stage_name": "Technical interview", "next_steps": "We will propose interview times soon."},
        ),
        TemplateSpec(
            "application_rejected",
            "Rejection (kind, final)",
            "Your application for {{ job_title }}",
            "Hello {{ candidate_name }},\n\nThank you for your interest in {{ job_title }} at {{ organization_name }}. "
            "After careful consideration we will not move forward with your application.\n\n"
            "We wish you the best.\n{{ organization_name }}",
            _html(
                "Hello {{ candidate_name }},",
                "Thank you for your interest in {{ job_title }} at "
                "{{ organization_name }}. After careful consideration we will not move forward with your "
                "application.",
                "We wish you the best.<br>{{ organization_name }}",
            ),
            dict(_COMMON),
        ),
        TemplateSpec(
            "interview_invitation",
            "Interview scheduled (with calendar file)",
            "Interview for {{ job_title }}: {{ starts_at }}",
            "Hello {{ name }},\n\n{{ interview_type }} interview for {{ job_title }} with {{ candidate_name }}.\n"
            "When: {{ starts_at }} ({{ duration_minutes }} min)\nWhere: {{ location }}\n\n"
            "The calendar invitation is attached.",
            _html(
                "Hello {{ name }},",
                "<strong>{{ interview_type }}</strong> interview for {{ job_title }} with {{ candidate_name }}.",
                "When: {{ starts_at }} ({{ duration_minutes }} min)<br>Where: {{ location }}",
                "The calendar invitation is attached.",
            ),
            {
                **_COMMON,
                "name": "Ian",
                "interview_type": "Technical",
                "starts_at": "Tue 2 Dec, 14:00 CET",
                "duration_minutes": 60,
                "location": "https://meet.example.com/abc",
            },
        ),
        TemplateSpec(
            "interview_rescheduled",
            "Interview moved (updated calendar file)",
            "Rescheduled: {{ job_title }} interview, now {{ starts_at }}",
            "Hello {{ name }},\n\nThe interview with {{ candidate_name }} for {{ job_title }} moved to "
            "{{ starts_at }}.\nWhere: {{ location }}",
            _html(
                "Hello {{ name }},",
                "The interview with {{ candidate_name }} for {{ job_title }} moved to "
                "<strong>{{ starts_at }}</strong>.",
                "Where: {{ location }}",
            ),
            {**_COMMON, "name": "Ian", "starts_at": "Wed 3 Dec, 10:00 CET", "location": "Room 4.01"},
        ),
        TemplateSpec(
            "interview_cancelled",
            "Interview cancelled (calendar cancellation)",
            "Cancelled: {{ job_title }} interview on {{ starts_at }}",
            "Hello {{ name }},\n\nThe interview with {{ candidate_name }} for {{ job_title }} on {{ starts_at }} "
            "was cancelled. {{ reason }}",
            _html(
                "Hello {{ name }},",
                "The interview with {{ candidate_name }} for {{ job_title }} on {{ starts_at }} was cancelled.",
                "{{ reason }}",
            ),
            {**_COMMON, "name": "Ian", "starts_at": "Tue 2 Dec, 14:00 CET", "reason": "The candidate withdrew."},
        ),
        TemplateSpec(
            "feedback_requested",
            "Reminder to an interviewer to submit a scorecard",
            "Scorecard due: {{ candidate_name }} ({{ job_title }})",
            "Hello {{ name }},\n\nPlease submit your scorecard for {{ candidate_name }} ({{ job_title }}), "
            "interviewed on {{ interviewed_at }}.\n\n{{ scorecard_url }}",
            _html(
                "Hello {{ name }},",
                "Please submit your scorecard for <strong>{{ candidate_name }}</strong> "
                "({{ job_title }}), interviewed on {{ interviewed_at }}.",
                '<a href="{{ scorecard_url }}">Open the scorecard</a>',
            ),
            {**_COMMON, "name": "Ian", "interviewed_at": "Tue 2 Dec", "scorecard_url": "https://interviewflow.dev/i/1"},
        ),
        TemplateSpec(
            "decision_made",
            "Final decision to the candidate",
            "{{ organization_name }}: your application for {{ job_title }}",
            "Hello {{ candidate_name }},\n\n{{ decision_message }}\n\n{{ organization_name }}",
            _html("Hello {{ candidate_name }},", "{{ decision_message }}", "{{ organization_name }}"),
            {**_COMMON, "decision_message": "We are delighted to offer you the position."},
        ),
        TemplateSpec(
            "application_received",
            "Confirmation to a candidate who applied on the job board",
            "We received your application for {{ job_title }}",
            "Hello {{ candidate_name }},\n\nThank you for applying for {{ job_title }} at {{ organization_name }}. "
            "We will get back to you soon.\n\n{% if activation_url %}Create your password to follow your "
            "application: {{ activation_url }}\n{% else %}Follow your application: {{ portal_url }}\n{% endif %}",
            _html(
                "Hello {{ candidate_name }},",
                "Thank you for applying for <strong>{{ job_title }}</strong> at "
                "{{ organization_name }}. We will get back to you soon.",
                '{% if activation_url %}<a href="{{ activation_url }}">Create your password</a> to follow your '
                'application.{% else %}<a href="{{ portal_url }}">Follow your application</a>.{% endif %}',
            ),
            {
                **_COMMON,
                "portal_url": "https://interviewflow.dev/",
                "activation_url": "https://interviewflow.dev/activate?token=abc",
            },
            secrets=("activation_url",),
        ),
        TemplateSpec(
            "application_confirm",
            "To an applicant whose address already has an account: confirm the application is theirs",
            "Confirm your application for {{ job_title }}",
            "Hello {{ candidate_name }},\n\nWe received an application for {{ job_title }} at {{ organization_name }} "
            "with this email address, which already has an account with us. If it was you, confirm it to follow it "
            "in your account: {{ confirm_url }}\n\nIf it was not you, ignore this email: nothing is added to your "
            "account.\n\n{{ organization_name }}",
            _html(
                "Hello {{ candidate_name }},",
                "We received an application for <strong>{{ job_title }}</strong> at {{ organization_name }} with this "
                "email address, which already has an account with us.",
                'If it was you, <a href="{{ confirm_url }}">confirm it</a> to follow it in your account.',
                "If it was not you, ignore this email: nothing is added to your account.",
            ),
            {**_COMMON, "confirm_url": "https://interviewflow.dev/confirm-application?token=abc"},
            secrets=("confirm_url",),
        ),
        TemplateSpec(
            "account_created",
            "A new user's account was created by an admin",
            "Your {{ organization_name }} account on InterviewFlow",
            "Hello {{ name }},\n\n{{ inviter }} created your InterviewFlow account at {{ organization_name }} "
            "as {{ role }}.\nSign in at {{ sign_in_url }} with {{ email }}; your administrator gives you your first "
            "password.",
            _html(
                "Hello {{ name }},",
                "{{ inviter }} created your InterviewFlow account at "
                "<strong>{{ organization_name }}</strong> as {{ role }}.",
                'Sign in at <a href="{{ sign_in_url }}">{{ sign_in_url }}</a> with {{ email }}; your administrator '
                "gives you your first password.",
            ),
            {
                "name": "Riley",
                "inviter": "Alex Admin",
                "organization_name": "Acme Robotics",
                "role": "recruiter",
                "email": "riley@acme.example.com",
                "sign_in_url": "https://interviewflow.dev/login",
            },
        ),
        TemplateSpec(
            "password_changed",
            "An admin set a new password for the user",
            "Your InterviewFlow password was changed",
            "Hello {{ name }},\n\nAn administrator of {{ organization_name }} set a new password for your account "
            "and signed you out everywhere. If you did not expect this, contact them.",
            _html(
                "Hello {{ name }},",
                "An administrator of {{ organization_name }} set a new password for your "
                "account and signed you out everywhere.",
                "If you did not expect this, contact them.",
            ),
            {"name": "Riley", "organization_name": "Acme Robotics"},
        ),
        TemplateSpec(
            "daily_digest",
            "Recruiter's morning summary",
            "Your InterviewFlow digest for {{ date }}",
            "Good morning {{ name }},\n\n{% for line in lines %}- {{ line }}\n{% endfor %}",
            "<p>Good morning {{ name }},</p><ul>{% for line in lines %}<li>{{ line }}</li>{% endfor %}</ul>",
            {"name": "Riley", "date": "Monday 1 December", "lines": ["3 assessments completed", "2 interviews today"]},
        ),
    ]
}
