"""The demo organization a newcomer finds after `make run`. Idempotent: running it twice changes nothing.

The people and the pipeline are made through the services, as users would make them (so the demo shows real
events, emails and audit entries); the seed reads tables directly only to see what a previous run already made.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.applications.models import Application
from backend.applications.reasons import ReasonService
from backend.applications.schemas import ApplicationCreate, NoteCreate
from backend.applications.service import ApplicationService
from backend.auth.passwords import hash_password
from backend.auth.permissions import Role
from backend.auth.principal import Principal
from backend.candidates.models import Candidate
from backend.candidates.schemas import CandidateCreate
from backend.candidates.service import CandidateService
from backend.decisions.models import ExecutiveDecision
from backend.decisions.schemas import ExecutiveInput, OfferCreate
from backend.decisions.service import DecisionService
from backend.email.service import send_email
from backend.interviews.models import Interview
from backend.interviews.scheduling import SchedulingService
from backend.interviews.schemas import InterviewCreate, ScorecardWrite
from backend.interviews.scorecards import ScorecardService
from backend.notifications.models import Notification
from backend.notifications.service import notify
from backend.organizations.models import Organization
from backend.organizations.onboarding import new_organization, provision_defaults
from backend.organizations.service import organization_by_slug
from backend.organizations.settings_schema import OrganizationSettings
from backend.questions.models import Question, QuestionBank, QuestionVersion
from backend.questions.serving import recount_served
from backend.questions.transfer import QuestionTransfer
from backend.questions.verifying import start_verification
from backend.requisitions.models import Requisition
from backend.requisitions.schemas import RequisitionCreate
from backend.requisitions.service import RequisitionService
from backend.users.models import User

DEMO_PASSWORD = "demo-pass-2026"
DEMO_ORG_SLUG = "acme"


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: Role
    time_zone: str | None = None
    seat: str | None = None
    skills: tuple[str, ...] = ()


DEMO_USERS = (
    DemoUser("superadmin@interviewflow.dev", "Platform Operator", Role.SUPERADMIN),
    DemoUser("admin@acme.example.com", "Alex Admin", Role.ADMIN),
    DemoUser("recruiter@acme.example.com", "Riley Recruiter", Role.RECRUITER),
    DemoUser("hm@acme.example.com", "Harper Manager", Role.HIRING_MANAGER),
    DemoUser(
        "interviewer@acme.example.com",
        "Ian Interviewer",
        Role.INTERVIEWER,
        "Europe/Berlin",
        skills=("backend", "python", "system_design"),
    ),
    DemoUser("cto@acme.example.com", "Casey CTO", Role.EXECUTIVE, seat="cto"),
    DemoUser("ceo@acme.example.com", "Morgan CEO", Role.EXECUTIVE, seat="ceo"),
    DemoUser("candidate@acme.example.com", "Cameron Candidate", Role.CANDIDATE),
)


async def seed_demo(session: AsyncSession) -> list[DemoUser]:
    org = await organization_by_slug(session, DEMO_ORG_SLUG)
    if org is None:
        org = await new_organization(
            session, "Acme Robotics", DEMO_ORG_SLUG, OrganizationSettings(time_zone="America/New_York")
        )
    password_hash = hash_password(DEMO_PASSWORD)
    for demo in DEMO_USERS:
        exists = (await session.execute(select(User.id).where(func.lower(User.email) == demo.email))).first()
        if exists:
            continue
        session.add(
            User(
                organization_id=None if demo.role == Role.SUPERADMIN else org.id,
                email=demo.email,
                full_name=demo.full_name,
                role=demo.role.value,
                password_hash=password_hash,
                time_zone=demo.time_zone,
                executive_seat=demo.seat,
                skills=list(demo.skills),
            )
        )
    await session.flush()
    await provision_defaults(session, org.id)  # a demo organization seeded by an earlier version may lack some
    await _seed_inbox_and_outbox(session, org)
    await _seed_requisitions(session, org)
    await _seed_pipeline(session, org)
    await _seed_interviews(session, org)
    await _seed_decisions(session, org)
    await _seed_question_banks(session, org)
    await _seed_step1(session, org)
    await _seed_proctoring(session, org)
    return list(DEMO_USERS)


# A few realistic messages so the bell, the notifications page and the outbox are not empty on first run.
_DEMO_NOTIFICATIONS: dict[str, list[dict[str, Any]]] = {
    "admin@acme.example.com": [
        {
            "type": "system",
            "priority": "high",
            "title": "Welcome to InterviewFlow",
            "message": "Invite your team from Admin → Users, then review link rules in Settings.",
            "action_url": "/admin/users",
        },
        {
            "type": "system",
            "title": "3 emails captured locally",
            "message": "No SMTP server is configured, so emails are kept in the outbox instead of being sent.",
            "action_url": "/admin/outbox",
        },
    ],
    "recruiter@acme.example.com": [
        {
            "type": "assessment",
            "priority": "high",
            "title": "Ada Lovelace finished the Step-1 assessment",
            "message": "Score 82 % — above the auto-advance threshold.",
        },
        {
            "type": "interview",
            "title": "Interview tomorrow at 10:00",
            "message": "Technical interview with Grace Hopper, panel: Ian Interviewer.",
        },
        {
            "type": "application",
            "priority": "low",
            "title": "New application: Backend Engineer",
            "message": "Linus Torvalds applied through the job board.",
        },
    ],
    "interviewer@acme.example.com": [
        {
            "type": "interview",
            "priority": "high",
            "title": "Scorecard due for Grace Hopper",
            "message": "Please submit your feedback for yesterday's technical interview.",
        },
    ],
    "cto@acme.example.com": [
        {
            "type": "application",
            "title": "Awaiting your final decision",
            "message": "Ada Lovelace completed Step 2 with a strong hire recommendation.",
        },
    ],
}


async def _seed_inbox_and_outbox(session: AsyncSession, org: Organization) -> None:
    users = {u.email: u for u in (await session.execute(select(User).where(User.organization_id == org.id))).scalars()}
    already = (await session.execute(select(Notification.id).where(Notification.organization_id == org.id))).first()
    if already is None:
        for email, items in _DEMO_NOTIFICATIONS.items():
            for item in items:
                await notify(session, org.id, [users[email].id], **item)
    for email in ("recruiter@acme.example.com", "hm@acme.example.com", "interviewer@acme.example.com"):
        user = users[email]
        await send_email(
            session,
            org.id,
            "account_created",
            user.email,
            {
                "name": user.full_name,
                "organization_name": org.name,
                "inviter": "Alex Admin",
                "role": user.role.replace("_", " "),
                "email": user.email,
                "sign_in_url": "http://localhost:8000/login",
            },
            entity_type="user",
            entity_id=user.id,
            idempotency_key=f"seed:account_created:{user.email}",
        )


def logins_table(users: list[DemoUser]) -> str:
    width = max(len(u.email) for u in users)
    lines = [f"  {'email'.ljust(width)}  role", f"  {'-' * width}  ----"]
    lines += [f"  {u.email.ljust(width)}  {u.role.value}" for u in users]
    return "Demo logins (password for all: " + DEMO_PASSWORD + ")\n" + "\n".join(lines)


_DEMO_REQUISITIONS: list[dict[str, Any]] = [
    {
        "title": "Senior Backend Engineer",
        "department": "Engineering",
        "location": "Berlin or remote (EU)",
        "experience_level": "senior",
        "salary_min": 85000,
        "salary_max": 110000,
        "currency": "EUR",
        "positions_available": 2,
        "status": "open",
        "description": "Build the APIs behind our warehouse robots: Python, PostgreSQL, event-driven services.",
        "requirements": "5+ years of backend development, strong SQL, async Python or Go, production ownership.",
        "required_skills": [
            {"name": "Python", "proficiency": "expert"},
            {"name": "PostgreSQL", "proficiency": "advanced"},
        ],
    },
    {
        "title": "Product Designer",
        "department": "Design",
        "location": "New York, hybrid",
        "status": "open",
        "salary_min": 120000,
        "salary_max": 145000,
        "description": "Own the operator console used on warehouse floors, from research to polished UI.",
        "requirements": "A portfolio of shipped B2B products; prototyping; working with engineers daily.",
        "required_skills": [{"name": "Figma", "proficiency": "expert"}],
    },
    {
        "title": "Robotics Software Intern",
        "department": "Engineering",
        "location": "Boston",
        "employment_type": "internship",
        "experience_level": "entry",
        "status": "open",
        "description": "Spend a summer on motion planning with our robotics team.",
        "requirements": "Studying CS, EE or robotics; C++ or Python.",
        "required_skills": [{"name": "C++", "proficiency": "intermediate"}],
    },
    {
        "title": "Data Engineer",
        "department": "Data",
        "location": "Remote (US)",
        "status": "draft",
        "description": "Pipelines for fleet telemetry.",
        "requirements": "Spark or Flink; dbt; data modelling.",
    },
    {
        "title": "Engineering Manager, Platform",
        "department": "Engineering",
        "location": "Berlin",
        "experience_level": "lead",
        "status": "paused",
        "description": "Lead the platform team (8 engineers).",
        "requirements": "People leadership; distributed systems.",
    },
]


async def _seed_requisitions(session: AsyncSession, org: Organization) -> None:
    if (await session.execute(select(Requisition.id).where(Requisition.organization_id == org.id))).first():
        return
    users = {u.role: u for u in (await session.execute(select(User).where(User.organization_id == org.id))).scalars()}
    recruiter = users["recruiter"]
    service = RequisitionService(session, Principal.of_user(recruiter.id, org.id, recruiter.role, recruiter.email))
    for item in _DEMO_REQUISITIONS:
        fields = {k: v for k, v in item.items() if k != "status"}
        req, _ = await service.create(RequisitionCreate(**fields, hiring_manager_id=users["hiring_manager"].id))
        if item["status"] in ("open", "paused"):
            await service.change_status(req.id, "open", None)
        if item["status"] == "paused":
            await service.change_status(req.id, "paused", "Budget review until next quarter")


_DEMO_CANDIDATES = [
    ("Ada", "Lovelace", "London"),
    ("Grace", "Hopper", "New York"),
    ("Linus", "Torvalds", "Portland"),
    ("Margaret", "Hamilton", "Boston"),
    ("Alan", "Turing", "Manchester"),
    ("Katherine", "Johnson", "Hampton"),
    ("Dennis", "Ritchie", "Berkeley Heights"),
    ("Barbara", "Liskov", "Cambridge"),
    ("Ken", "Thompson", "Atlanta"),
    ("Frances", "Allen", "Peru, NY"),
    ("Edsger", "Dijkstra", "Austin"),
    ("Radia", "Perlman", "Seattle"),
]
# (candidate index, requisition title, stage position, status, note)
_DEMO_APPLICATIONS = [
    (0, "Senior Backend Engineer", 3, "active", "Exceptional system design; CTO wants to meet her."),
    (1, "Senior Backend Engineer", 2, "active", "Scorecard due from Ian."),
    (2, "Senior Backend Engineer", 1, "active", None),
    (3, "Senior Backend Engineer", 1, "active", None),
    (4, "Senior Backend Engineer", 2, "on_hold", "Waiting for visa information."),
    (5, "Senior Backend Engineer", 1, "rejected", None),
    (6, "Senior Backend Engineer", 4, "active", "Offer drafted: 105k EUR."),
    (7, "Product Designer", 1, "active", None),
    (8, "Product Designer", 2, "active", "Portfolio review went well."),
    (9, "Robotics Software Intern", 1, "active", None),
    (10, "Robotics Software Intern", 1, "active", None),
    (11, "Product Designer", 1, "withdrawn", None),
]


async def _seed_pipeline(session: AsyncSession, org: Organization) -> None:
    if (await session.execute(select(Candidate.id).where(Candidate.organization_id == org.id))).first():
        return
    users = {u.email: u for u in (await session.execute(select(User).where(User.organization_id == org.id))).scalars()}
    recruiter = users["recruiter@acme.example.com"]
    actor = Principal.of_user(recruiter.id, org.id, recruiter.role, recruiter.email)
    requisitions = {
        r.title: r
        for r in (await session.execute(select(Requisition).where(Requisition.organization_id == org.id))).scalars()
    }
    candidates = CandidateService(session, actor)
    applications = ApplicationService(session, actor)
    pool: list[Candidate] = []
    for first, last, city in _DEMO_CANDIDATES:
        pool.append(
            await candidates.create(
                CandidateCreate(
                    first_name=first,
                    last_name=last,
                    email=f"{first}.{last}@example.com".lower(),
                    location=city,
                    source="referral" if len(pool) % 3 == 0 else "linkedin",
                    tags=["engineering"] if len(pool) % 2 else [],
                )
            )
        )
        await candidates.upload_resume(pool[-1].id, f"{first} {last} - CV.pdf", _resume_pdf(f"{first} {last}", city))
    portal = users["candidate@acme.example.com"]
    me = await candidates.create(
        CandidateCreate(first_name="Cameron", last_name="Candidate", email=portal.email, source="job_board")
    )
    me.user_id = portal.id
    mine = await applications.create(
        ApplicationCreate(candidate_id=me.id, requisition_id=requisitions["Senior Backend Engineer"].id)
    )
    _, backend_stages = await applications.requisitions.detail(mine.requisition_id)
    await applications.move(mine.id, backend_stages[1].id, "Passed the online assessment")  # ready for the panel
    for index, title, position, status, note in _DEMO_APPLICATIONS:
        req = requisitions[title]
        app = await applications.create(ApplicationCreate(candidate_id=pool[index].id, requisition_id=req.id))
        _, stages = await applications.requisitions.detail(req.id)
        for stage in stages[1:position]:
            await applications.move(app.id, stage.id, None)
        if status == "rejected":
            reason = (await ReasonService(session, actor).all())[0]
            await applications.change_status(app.id, "rejected", "Below the Step-1 threshold", reason.id)
        elif status != "active":
            await applications.change_status(app.id, status, note)
        # Spread the pipeline over the last weeks, as a real one is.
        days = 3 + index * 2
        app.created_at = datetime.now(UTC) - timedelta(days=days + 7)
        app.stage_entered_at = datetime.now(UTC) - timedelta(days=days)
        if note:
            await applications.add_note(
                app.id, NoteCreate(body=note, type="follow_up" if status == "active" else "general")
            )


def _resume_pdf(name: str, city: str) -> bytes:
    """A one-page PDF résumé, so the demo's résumé preview shows something real."""
    lines = [
        name,
        f"{city} · Software engineer",
        "",
        "Experience",
        "Principal engineer, 8 years",
        "Distributed systems, Python, PostgreSQL",
        "",
        "Education",
        "BSc Computer Science",
    ]
    text = (
        "BT /F1 14 Tf 72 760 Td 18 TL "
        + " ".join(
            "(" + line.encode("latin-1", "replace").decode("latin-1").replace("(", "[").replace(")", "]") + ") '"
            for line in lines
        )
        + " ET"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(text)} >>\nstream\n{text}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


async def _seed_interviews(session: AsyncSession, org: Organization) -> None:
    """Interviews around today: one past with a submitted scorecard, two upcoming."""
    if (await session.execute(select(Interview.id).where(Interview.organization_id == org.id))).first():
        return
    users = {u.email: u for u in (await session.execute(select(User).where(User.organization_id == org.id))).scalars()}
    recruiter, ian = users["recruiter@acme.example.com"], users["interviewer@acme.example.com"]
    hm, cto = users["hm@acme.example.com"], users["cto@acme.example.com"]
    scheduler = SchedulingService(session, Principal.of_user(recruiter.id, org.id, recruiter.role, recruiter.email))
    rows = (
        await session.execute(
            select(Application.id, Candidate.first_name)
            .join(Candidate, Candidate.id == Application.candidate_id)
            .where(Application.organization_id == org.id, Application.status == "active")
        )
    ).all()
    by_name = {name: app_id for app_id, name in rows}
    today = datetime.now(UTC).replace(hour=14, minute=0, second=0, microsecond=0)
    guide = [
        {"text": "Design a rate limiter for our robot fleet API", "category": "architecture", "difficulty": "hard"},
        {"text": "Walk through a production incident you owned", "category": "domain", "difficulty": "medium"},
        {"text": "Implement an LRU cache", "category": "programming", "difficulty": "medium"},
    ]
    plans = [
        ("Grace", today + timedelta(days=1), "technical", ian.id, [hm.id]),
        ("Ada", today + timedelta(days=2), "executive", cto.id, []),
        ("Margaret", today - timedelta(days=2), "technical", ian.id, []),
    ]
    for name, starts_at, kind, lead, panel in plans:
        if name not in by_name:
            continue
        interview = await scheduler.schedule(
            InterviewCreate(
                application_id=by_name[name],
                type=kind,
                mode="video",
                starts_at=starts_at,
                duration_minutes=60,
                time_zone="America/New_York",
                lead_interviewer_id=lead,
                panel_ids=panel,
                location="https://meet.example.com/acme-interview",
                guide=guide if kind == "technical" else [],
                preparation_notes="Read the résumé and the Step-1 results before the call.",
            )
        )
        if starts_at < datetime.now(UTC):
            interview.status, interview.started_at, interview.ended_at = (
                "completed",
                starts_at,
                starts_at + timedelta(hours=1),
            )
            panelist = ScorecardService(session, Principal.of_user(ian.id, org.id, ian.role, ian.email))
            await panelist.submit(
                interview.id,
                ScorecardWrite.model_validate(
                    {
                        "overall_rating": "4",
                        "recommendation": "hire",
                        "ratings": {"technical": "4", "communication": "4.5"},
                        "strengths": "Structured, calm under pressure.",
                        "weaknesses": "Little distributed-systems depth.",
                    }
                ),
            )


async def _seed_decisions(session: AsyncSession, org: Organization) -> None:
    """Step 2 evidence and Step 3 decisions: Ada waits for the CTO (the CEO approved), Dennis has a draft offer."""
    if (await session.execute(select(ExecutiveDecision.id).where(ExecutiveDecision.organization_id == org.id))).first():
        return
    users = {u.email: u for u in (await session.execute(select(User).where(User.organization_id == org.id))).scalars()}

    def as_user(email: str) -> Principal:
        u = users[email]
        return Principal.of_user(u.id, org.id, u.role, u.email)

    apps = dict(
        (
            await session.execute(
                select(Candidate.first_name, Application.id)
                .join(Candidate, Candidate.id == Application.candidate_id)
                .where(Application.organization_id == org.id, Candidate.first_name.in_(("Ada", "Dennis")))
            )
        ).all()
    )
    ian, hm = users["interviewer@acme.example.com"], users["hm@acme.example.com"]
    feedback = {
        ian.email: ("4.5", "strong_hire", "Designed the rate limiter end to end; clean trade-offs."),
        hm.email: ("4", "hire", "Owns incidents; would raise the team's bar on reliability."),
    }
    for offset, name in ((9, "Ada"), (16, "Dennis")):
        starts_at = datetime.now(UTC).replace(hour=15, minute=0, second=0, microsecond=0) - timedelta(days=offset)
        interview = await SchedulingService(session, as_user("recruiter@acme.example.com")).schedule(
            InterviewCreate(
                application_id=apps[name],
                type="technical",
                starts_at=starts_at,
                time_zone="Europe/London",
                lead_interviewer_id=ian.id,
                panel_ids=[hm.id],
                location="https://meet.example.com/acme-panel",
            )
        )
        interview.status, interview.started_at, interview.ended_at = (
            "completed",
            starts_at,
            starts_at + timedelta(hours=1),
        )
        for email, (rating, recommendation, strengths) in feedback.items():
            await ScorecardService(session, as_user(email)).submit(
                interview.id,
                ScorecardWrite.model_validate(
                    {
                        "overall_rating": rating,
                        "recommendation": recommendation,
                        "ratings": {"technical": rating, "communication": "4", "problem_solving": rating},
                        "strengths": strengths,
                        "weaknesses": "Less exposure to our embedded stack.",
                    }
                ),
            )
    ceo = DecisionService(session, as_user("ceo@acme.example.com"))
    await ceo.submit_step3(apps["Ada"], ExecutiveInput(score=Decimal(85), decision="approve", notes="Strong leader."))
    await ceo.submit_step3(apps["Dennis"], ExecutiveInput(score=Decimal(80), decision="approve"))
    cto = DecisionService(session, as_user("cto@acme.example.com"))
    await cto.submit_step3(apps["Dennis"], ExecutiveInput(score=Decimal(90), decision="approve"))
    await DecisionService(session, as_user("recruiter@acme.example.com")).create_offer(
        apps["Dennis"],
        OfferCreate(
            salary=Decimal(105_000), currency="EUR", start_date=(datetime.now(UTC) + timedelta(days=45)).date()
        ),
    )


async def _seed_question_banks(session: AsyncSession, org: Organization) -> None:
    """Banks for every step, loaded from the documented JSON import format through the import itself."""
    if (await session.execute(select(QuestionBank.id).where(QuestionBank.organization_id == org.id))).first():
        return
    admin = (
        await session.execute(select(User).where(User.organization_id == org.id, User.role == Role.ADMIN.value))
    ).scalar_one()
    path = Path(__file__).parent / "questions" / "demo_bank.json"
    principal = Principal.of_user(admin.id, org.id, admin.role, admin.email)
    await QuestionTransfer(session, principal).import_file(path.name, path.read_bytes())
    # The import leaves coding questions disabled until their reference solutions pass Verify. Verify them now,
    # as an author would: the runs wait in the job queue, the worker (in-process with `make run`) runs every
    # reference against every case in the sandbox, and a question that passes is enabled. The seed does not
    # wait for the sandbox, and a question whose references fail stays disabled.
    coding = (
        await session.execute(select(Question.id).where(Question.organization_id == org.id, Question.type == "coding"))
    ).scalars()
    for question_id in coding:
        await start_verification(session, org.id, question_id, actor=None, enable_on_pass=True)


# --- Step 1: the assessment, candidates who took it, and Cameron's test to take ----------------------------------

STEP1_NAME = "Step 1 — Backend"
_STEP1_QUESTIONS = {
    "mcq": ("List comprehension", "Mutable default argument", "Immutable built-in types"),
    "coding": ("Two sum", "Balanced brackets"),
    "essay": ("Design a URL shortener",),
}
# Who took the test and how (first name, last name, city, per question kind what they answered, essay points per
# rubric criterion or None for "not graded yet"). Code is the question's reference solution ("ref"), or the
# starter code left as it was ("none", which scores 0 without running). Multiple choice: "right", or "wrong".
# Out of 34 points (3 multiple choice = 4, 2 coding = 20, essay = 10), with the organization's thresholds
# (advance from 70 %, review from 50 %): Priya ≈ 97 % advances, Tomás ≈ 85 % advances, Mei ≈ 59 % waits in the
# Step-1 review queue, Jonas ≈ 12 % is rejected, and Aisha's essay waits for a grade.
_STEP1_TAKERS: list[tuple[str, str, str, dict[str, str], list[int] | None]] = [
    ("Priya", "Raman", "Toronto", {"mcq": "right", "Two sum": "ref", "Balanced brackets": "ref"}, [2, 3, 2, 2]),
    ("Tomás", "Ortega", "Madrid", {"mcq": "right", "Two sum": "ref", "Balanced brackets": "ref"}, [1, 2, 1, 1]),
    ("Mei", "Chen", "Singapore", {"mcq": "right", "Two sum": "ref", "Balanced brackets": "none"}, [1, 2, 2, 1]),
    ("Jonas", "Berg", "Oslo", {"mcq": "wrong", "Two sum": "none", "Balanced brackets": "none"}, [1, 1, 1, 0]),
    ("Aisha", "Bello", "Lagos", {"mcq": "right", "Two sum": "ref", "Balanced brackets": "ref"}, None),
]
_STEP1_ESSAY = (
    "Two endpoints: POST /links (optional custom alias and expiry) and GET /{code}, answering 302 so we keep "
    "the analytics. Codes are base62 of a sequence, 7 characters, from a ticket server so two nodes never hand "
    "out the same one. Storage is PostgreSQL with a unique index on the code and a cache in front: reads outnumber "
    "writes 100 to 1. We watch redirect latency and errors, and block phishing domains on create."
)


async def _seed_step1(session: AsyncSession, org: Organization) -> None:
    """The Senior Backend Engineer pipeline's assessment stage sends "Step 1 — Backend"; five candidates took it
    (through the test player's own services), and Cameron Candidate has a link to take it."""
    from backend.assessments.models import Assessment
    from backend.assessments.schemas import AssessmentWrite
    from backend.assessments.service import AssessmentService

    if (await session.execute(select(Assessment.id).where(Assessment.organization_id == org.id))).first() is not None:
        return
    users = {u.email: u for u in (await session.execute(select(User).where(User.organization_id == org.id))).scalars()}
    recruiter = users["recruiter@acme.example.com"]
    actor = Principal.of_user(recruiter.id, org.id, recruiter.role, recruiter.email)
    by_title = {
        title: qid
        for qid, title in (
            await session.execute(select(Question.id, Question.title).where(Question.organization_id == org.id))
        ).all()
    }
    ids = {kind: [by_title[t] for t in titles] for kind, titles in _STEP1_QUESTIONS.items()}
    assessments = AssessmentService(session, actor)
    assessment = await assessments.create(
        AssessmentWrite.model_validate(
            {
                "name": STEP1_NAME,
                "description": "Python basics, two small programs and a short design question.",
                "instructions": (
                    "You have **60 minutes** for 6 questions. Answers save as you type; you can move between "
                    "questions freely and flag one to come back to it. Code in Python or JavaScript and use "
                    "**Run visible tests** as often as you like (a few times a minute)."
                ),
                "duration_minutes": 60,
                "sections": [
                    {"title": "Python", "kind": "fixed", "question_ids": ids["mcq"]},
                    {"title": "Code", "kind": "fixed", "question_ids": ids["coding"]},
                    {"title": "Design", "kind": "fixed", "question_ids": ids["essay"]},
                ],
                "allowed_languages": ["python3", "javascript"],
                "result_release": "after_grading",
            }
        )
    )
    req = (
        await session.execute(
            select(Requisition).where(
                Requisition.organization_id == org.id, Requisition.title == "Senior Backend Engineer"
            )
        )
    ).scalar_one()
    stages = await assessments.stage_assessments(req.id)
    await assessments.set_stage_assessment(req.id, stages[0].stage_id, assessment.id)

    candidates = CandidateService(session, actor)
    applications = ApplicationService(session, actor)
    for first, last, city, plan, essay_points in _STEP1_TAKERS:
        c = await candidates.create(
            CandidateCreate(
                first_name=first,
                last_name=last,
                email=f"{first}.{last}@example.com".lower().replace("á", "a"),
                location=city,
                source="job_board",
            )
        )
        # Entering the assessment stage sends the invitation (link and credentials), as for any applicant.
        app = await applications.create(ApplicationCreate(candidate_id=c.id, requisition_id=req.id))
        await _take_step1(session, org, actor, app.id, plan, essay_points)
    # The served counts a start leaves to the worker's recount, done here so the question lists show them even
    # before a worker runs (the recounts queued by the starts find the same numbers later).
    served = select(QuestionVersion.id).where(QuestionVersion.organization_id == org.id)
    await recount_served(session, org.id, list((await session.execute(served)).scalars()))

    # Cameron already passed Step 1 in the demo story (he is at the technical interview): the recruiter sends him
    # the test anyway, so that a newcomer can open the player with the link or credentials `make run` prints.
    from backend.invitations.schemas import InvitationCreate
    from backend.invitations.service import InvitationService

    cameron = (
        await session.execute(
            select(Application.id)
            .join(Candidate, Candidate.id == Application.candidate_id)
            .where(Application.organization_id == org.id, Candidate.email == "candidate@acme.example.com")
        )
    ).scalar_one()
    await InvitationService(session, actor).create(
        InvitationCreate(application_id=cameron, assessment_id=assessment.id, days=14)
    )


async def _take_step1(
    session: AsyncSession,
    org: Organization,
    actor: Principal,
    application_id: Any,
    plan: dict[str, str],
    essay_points: list[int] | None,
) -> None:
    """One candidate takes the test through the player's services: start, autosave every answer, submit; then
    the recruiter grades the essay. Multiple choice is graded at the submission, code by the worker (the
    reference solutions pass every case), and the Step-1 rule decides when the last grade lands."""
    from backend.invitations.models import Invitation
    from backend.invitations.player_auth import Player
    from backend.test_sessions import answers, closing
    from backend.test_sessions.grading import grade_essay
    from backend.test_sessions.models import TestAnswer
    from backend.test_sessions.player import PlayerService
    from backend.test_sessions.schemas import AnswerSave, EssayGrade

    inv = (await session.execute(select(Invitation).where(Invitation.application_id == application_id))).scalar_one()
    now = int(datetime.now(UTC).timestamp())
    player = Player(inv.id, org.id, inv.token_version, auth_at=now, expires_at=now + 3600)
    s = await PlayerService(session, player).start()
    rows = (
        (await session.execute(select(TestAnswer).where(TestAnswer.session_id == s.id).order_by(TestAnswer.position)))
        .scalars()
        .all()
    )
    versions = {
        v.id: v
        for v in (
            await session.execute(
                select(QuestionVersion).where(QuestionVersion.id.in_([a.question_version_id for a in rows]))
            )
        ).scalars()
    }
    for a in rows:
        v = versions[a.question_version_id]
        answer: dict[str, Any]
        if a.question_type in ("mcq_single", "mcq_multi"):
            right = [o["id"] for o in v.options if o["correct"]]
            wrong = [o["id"] for o in v.options if not o["correct"]]
            answer = {"type": "choice", "choice_ids": right if plan["mcq"] == "right" else wrong[:1]}
        elif a.question_type == "essay":
            answer = {"type": "text", "text": _STEP1_ESSAY}
        else:
            lang = (v.coding or {})["languages"]["python3"]
            code = lang["reference"] if plan[v.title] == "ref" else lang["starter"]
            answer = {"type": "code", "language": "python3", "sources": {"python3": code}}
        await answers.save(session, player, a.position, AnswerSave.model_validate({"revision": 1, "answer": answer}))
    s = await closing.submit(session, player)
    if essay_points is not None:
        essay = next(a for a in rows if a.question_type == "essay")
        grade = EssayGrade.model_validate(
            {
                "criteria": [{"index": i, "points": p} for i, p in enumerate(essay_points)],
                "comment": "Graded with the rubric.",
            }
        )
        await grade_essay(session, actor, s, essay.position, grade)


async def demo_test_invitation(session: AsyncSession) -> str | None:
    """Cameron Candidate's test link and credentials, read from the newest invitation email in the outbox (the
    link and code are stored hashed: the email is the only place they can be read, as for a real candidate)."""
    import re

    from backend.email.models import EmailMessage

    body = (
        await session.execute(
            select(EmailMessage.body_text)
            .where(
                EmailMessage.to_address == "candidate@acme.example.com",
                EmailMessage.template_key == "assessment_invitation",
            )
            .order_by(EmailMessage.created_at.desc())
            .limit(1)
        )
    ).scalar_one_or_none()
    if body is None:
        return None
    link = re.search(r"https?://\S*/t/[\w-]+", body)
    username = re.search(r"Username: (\S+)", body)
    code = re.search(r"Access code: (\S+)", body)
    if not (link and username and code):
        return None
    return (
        f'Cameron Candidate\'s "{STEP1_NAME}" test: {link.group(0)}\n'
        f"  or sign in at /t with username {username.group(1)} and access code {code.group(1)}"
    )


async def _seed_proctoring(session: AsyncSession, org: Organization) -> None:
    """A proctored assessment taken by five pipeline candidates (see backend/proctoring/demo.py)."""
    from backend.assessments.models import Assessment
    from backend.proctoring.demo import NAME, seed_proctoring_demo

    if (
        await session.execute(
            select(Assessment.id).where(Assessment.organization_id == org.id, Assessment.name == NAME)
        )
    ).first():
        return
    recruiter = (
        (await session.execute(select(User).where(User.organization_id == org.id, User.role == Role.RECRUITER.value)))
        .scalars()
        .first()
    )
    from backend.questions.models import Question

    question = (
        (
            await session.execute(
                select(Question.id)
                .join(QuestionBank, QuestionBank.id == Question.bank_id)
                .where(
                    Question.organization_id == org.id,
                    QuestionBank.name == "Step 1 — Python",
                    Question.type == "coding",
                )
                .order_by(Question.created_at)
            )
        )
        .scalars()
        .first()
    )
    apps = (
        (
            await session.execute(
                select(Application.id)
                .where(Application.organization_id == org.id, Application.status == "active")
                .order_by(Application.created_at)
                .limit(5)
            )
        )
        .scalars()
        .all()
    )
    if recruiter is None or question is None or len(apps) < 5:
        return
    admin = (
        await session.execute(select(User).where(User.organization_id == org.id, User.role == Role.ADMIN.value))
    ).scalar_one()
    principal = Principal.of_user(recruiter.id, org.id, recruiter.role, recruiter.email)
    author = Principal.of_user(admin.id, org.id, admin.role, admin.email)
    await seed_proctoring_demo(session, principal, author, question, list(apps))
