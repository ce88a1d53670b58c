"""A hiring setup through the API, as a recruiter builds it: a bank with one question of each type, an open
requisition whose first (assessment) stage sends an assessment, and candidates applying to it; and the test
player, as a candidate uses it."""

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.email.models import EmailMessage
from tests.factories import Factory
from tests.questions.samples import bank, coding, essay, mcq, question

PLAYER = "/api/v1/player"


def multi(bank_id: str, **over: object) -> dict:
    return mcq(
        bank_id,
        type="mcq_multi",
        title="Immutable types",
        body="Which are immutable?",
        points=3,
        options=[{"text": "tuple", "correct": True}, {"text": "list"}, {"text": "str", "correct": True}],
        **over,
    )


HIDDEN_INPUT = "40 2\n"


def adder(bank_id: str, **over: object) -> dict:
    """A coding question whose references are right: one visible example, one hidden case worth 3."""
    spec = coding(bank_id)
    spec["coding"]["languages"]["javascript"]["reference"] = (
        "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\nconsole.log(a + b);\n"
    )
    spec["coding"]["languages"]["python3"]["harness"] = "a, b = map(int, input().split())\nprint(add(a, b))\n"
    spec["coding"]["test_cases"] = [
        {"stdin": "1 2\n", "expected_stdout": "3\n", "visible": True},
        {"stdin": HIDDEN_INPUT, "expected_stdout": "42\n", "weight": 3},
    ]
    return {**spec, "title": "Add two numbers", **over}


@dataclass
class Hiring:
    client: httpx.AsyncClient
    session: AsyncSession
    org: Any
    admin: dict[str, str]
    recruiter: dict[str, str]
    recruiter_id: uuid.UUID
    bank_id: str
    questions: dict[str, dict]
    requisition: dict
    assessment: dict
    candidates: list[dict] = field(default_factory=list)

    @property
    def stage_ids(self) -> list[str]:
        return [s["id"] for s in self.requisition["stages"]]

    async def apply(self, first: str = "Ada", phone: str | None = "+1 555 0100 1234", **over: Any) -> dict:
        """A candidate in the pool, applying: the application enters the assessment stage and gets its link."""
        email = over.pop("email", f"{first.lower()}.{uuid.uuid4().hex[:6]}@example.com")
        r = await self.client.post(
            "/api/v1/candidates",
            json={"first_name": first, "last_name": "Tester", "email": email, "phone": phone, **over},
            headers=self.recruiter,
        )
        assert r.status_code == 201, r.text
        candidate = r.json()
        r = await self.client.post(
            "/api/v1/applications",
            json={"candidate_id": candidate["id"], "requisition_id": self.requisition["id"]},
            headers=self.recruiter,
        )
        assert r.status_code == 201, r.text
        app = r.json()
        invitations = (
            await self.client.get("/api/v1/invitations", params={"application_id": app["id"]}, headers=self.recruiter)
        ).json()["items"]
        link = {"candidate": candidate, "application": app, "invitation": invitations[0] if invitations else None}
        self.candidates.append(link)
        return link

    async def secrets(self, email: str) -> tuple[str, str, str]:
        """The newest invitation email's link token, username and access code (as the candidate reads them)."""
        row = (
            (
                await self.session.execute(
                    select(EmailMessage)
                    .where(EmailMessage.to_address == email, EmailMessage.template_key == "assessment_invitation")
                    .order_by(EmailMessage.created_at.desc())
                )
            )
            .scalars()
            .first()
        )
        assert row is not None, f"no invitation email to {email}"
        token = re.search(r"/t/([\w-]+)", row.body_text)
        username = re.search(r"Username: (\S+)", row.body_text)
        code = re.search(r"Access code: (\S+)", row.body_text)
        assert token and username and code, row.body_text
        return token.group(1), username.group(1), code.group(1)

    async def sign_in(self, email: str) -> dict[str, str]:
        token, _, _ = await self.secrets(email)
        r = await self.client.post(f"{PLAYER}/sign-in", json={"token": token})
        assert r.status_code == 200, r.text
        return {"Authorization": f"Bearer {r.json()['player_token']}"}

    async def start(self, email: str) -> tuple[dict[str, str], dict]:
        player = await self.sign_in(email)
        r = await self.client.post(f"{PLAYER}/start", headers=player)
        assert r.status_code == 200, r.text
        body = r.json()
        return {"Authorization": f"Bearer {body['player_token']}"}, body["overview"]["session"]


def by_type(state: dict) -> dict[str, int]:
    """Question type → position in this candidate's test."""
    return {item["type"]: item["position"] for item in state["items"]}


async def setup_hiring(
    client: httpx.AsyncClient,
    factory: Factory,
    session: AsyncSession,
    *,
    org: Any = None,
    assessment: dict[str, Any] | None = None,
    kinds: tuple[str, ...] = ("mcq_single", "mcq_multi", "essay", "coding"),
) -> Hiring:
    org = org or await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    recruiter_user, recruiter = await factory.user_and_headers(org, "recruiter")
    b = await bank(client, admin, f"Step 1 {uuid.uuid4().hex[:4]}", tags=["step1_technical"])
    makers = {"mcq_single": mcq, "mcq_multi": multi, "essay": essay, "coding": coding, "adder": adder}
    questions = {k: await question(client, admin, makers[k](b["id"])) for k in kinds}
    r = await client.post(
        "/api/v1/requisitions", json={"title": "Backend Engineer", "description": "Build APIs."}, headers=recruiter
    )
    assert r.status_code == 201, r.text
    req = r.json()
    assert (
        await client.post(f"/api/v1/requisitions/{req['id']}/status", json={"status": "open"}, headers=recruiter)
    ).status_code == 200
    body = {
        "name": f"Step 1 — Backend {uuid.uuid4().hex[:4]}",
        "instructions": "Answer every question. Code in Python or JavaScript.",
        "duration_minutes": 60,
        "sections": [{"title": "Everything", "kind": "fixed", "question_ids": [q["id"] for q in questions.values()]}],
        "result_release": "after_grading",
        **(assessment or {}),
    }
    r = await client.post("/api/v1/assessments", json=body, headers=recruiter)
    assert r.status_code == 201, r.text
    a = r.json()
    stage = req["stages"][0]
    assert stage["kind"] == "assessment"
    r = await client.put(
        f"/api/v1/requisitions/{req['id']}/stages/{stage['id']}/assessment",
        json={"assessment_id": a["id"]},
        headers=recruiter,
    )
    assert r.status_code == 200, r.text
    return Hiring(client, session, org, admin, recruiter, recruiter_user.id, b["id"], questions, req, a)


async def committed_hiring(
    client: httpx.AsyncClient,
    session: AsyncSession,
    db: Any,
    *,
    assessment: dict[str, Any] | None = None,
    kinds: tuple[str, ...] = ("mcq_single", "essay"),
) -> Hiring:
    """`setup_hiring` with committed data, for tests against a real API instance (`client` points at it) and
    several connections: the organization and its people are committed, everything else is made through the API.
    `session` reads what the API committed (the invitation emails)."""
    from tests.committed import committed_org
    from tests.factories import PASSWORD

    org, users = await committed_org(db, "admin", "recruiter")

    async def headers(email: str) -> dict[str, str]:
        r = await client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
        assert r.status_code == 200, r.text
        return {"Authorization": f"Bearer {r.json()['access_token']}"}

    admin, recruiter = await headers(users["admin"].email), await headers(users["recruiter"].email)

    class _Factory:
        async def user_and_headers(self, _org: Any, role: str) -> tuple[Any, dict[str, str]]:
            return users[role], admin if role == "admin" else recruiter

    return await setup_hiring(client, _Factory(), session, org=org, assessment=assessment, kinds=kinds)  # type: ignore[arg-type]
