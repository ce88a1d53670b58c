from sqlalchemy import func, select, text

from backend.email.models import EmailMessage
from backend.email.service import send_email

T = "/api/v1/email/templates"


async def _jobs(session, message_id) -> int:
    q = text("SELECT count(*) FROM procrastinate_jobs WHERE task_name = 'email.send' AND args->>'message_id' = :m")
    return (await session.execute(q, {"m": str(message_id)})).scalar_one()


async def test_creating_a_user_queues_a_welcome_email_and_its_job_in_the_same_transaction(client, factory, session):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    body = {
        "email": "new@example.com",
        "full_name": "New <b>Person</b>",
        "role": "recruiter",
        "password": "long-enough-9",
    }
    assert (await client.post("/api/v1/users", json=body, headers=admin)).status_code == 201
    msg = (await session.execute(select(EmailMessage).where(EmailMessage.to_address == "new@example.com"))).scalar_one()
    assert msg.template_key == "account_created" and msg.status == "queued"
    assert "New &lt;b&gt;Person&lt;/b&gt;" in msg.body_html  # autoescaped
    assert "New <b>Person</b>" in msg.body_text
    assert await _jobs(session, msg.id) == 1

    outbox = (await client.get("/api/v1/email/outbox", params={"q": "new@"}, headers=admin)).json()
    assert [m["id"] for m in outbox["items"]] == [str(msg.id)]
    detail = (await client.get(f"/api/v1/email/outbox/{msg.id}", headers=admin)).json()
    assert detail["body_text"].startswith("Hello New") and detail["attachments"] == []


async def test_a_rolled_back_request_leaves_no_email_and_no_job(client, factory, session):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    before = (await session.execute(select(func.count()).select_from(EmailMessage))).scalar_one()
    jobs_before = (await session.execute(text("SELECT count(*) FROM procrastinate_jobs"))).scalar_one()
    # The password fails the policy after nothing else can fail: the whole request rolls back.
    body = {"email": "x@example.com", "full_name": "X", "role": "recruiter", "password": "short"}
    assert (await client.post("/api/v1/users", json=body, headers=admin)).status_code == 422
    assert (await session.execute(select(func.count()).select_from(EmailMessage))).scalar_one() == before
    assert (await session.execute(text("SELECT count(*) FROM procrastinate_jobs"))).scalar_one() == jobs_before


async def test_idempotency_key_sends_once(factory, session):
    org = await factory.org()
    ctx = {"name": "A", "organization_name": "O"}
    first = await send_email(session, org.id, "password_changed", "a@example.com", ctx, idempotency_key="k1")
    second = await send_email(session, org.id, "password_changed", "a@example.com", ctx, idempotency_key="k1")
    assert first.id == second.id and await _jobs(session, first.id) == 1


async def test_templates_list_edit_validate_and_preview(client, factory):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    templates = (await client.get(T, headers=admin)).json()
    keys = {t["key"] for t in templates}
    assert {"assessment_invitation", "interview_invitation", "application_rejected", "decision_made"} <= keys
    inv = next(t for t in templates if t["key"] == "assessment_invitation")
    assert inv["customised"] is False
    assert {"link", "username", "access_code", "expires_at"} <= set(inv["variables"])

    edit = {
        "subject": "Assessment for {{ job_title }}",
        "body_html": "<p>Hi {{ candidate_name }}</p>",
        "body_text": "Hi {{ candidate_name }}, {{ link }}",
    }
    r = await client.put(f"{T}/assessment_invitation", json=edit, headers=admin)
    assert r.status_code == 200 and r.json()["subject"] == edit["subject"] and r.json()["customised"] is True

    r = await client.put(f"{T}/assessment_invitation", json={**edit, "body_text": "Hi {{ salary }}"}, headers=admin)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "body.body_text" and "salary" in r.json()["errors"][0]["message"]
    r = await client.put(f"{T}/assessment_invitation", json={**edit, "subject": "{% if %}"}, headers=admin)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.subject"
    r = await client.put(
        f"{T}/assessment_invitation",
        json={**edit, "body_html": "{{ candidate_name.__class__.__mro__ }}"},
        headers=admin,
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.body_html"  # the sandbox refuses it
    r = await client.post(f"{T}/assessment_invitation/preview", json=edit, headers=admin)
    assert r.status_code == 200 and r.json()["body_html"] == "<p>Hi Ada Lovelace</p>"
    assert (await client.get(f"{T}/no_such_template", headers=admin)).status_code == 404
    audit = (await client.get("/api/v1/audit-logs", params={"action": "email_template.updated"}, headers=admin)).json()
    assert audit["items"][0]["entity_id"] == "assessment_invitation"


async def test_outbox_is_per_organization(client, factory, session):
    a, b = await factory.org(), await factory.org()
    msg = await send_email(session, b.id, "password_changed", "b@example.com", {"name": "B", "organization_name": "B"})
    await session.commit()
    _, admin_a = await factory.user_and_headers(a, "admin")
    assert (await client.get(f"/api/v1/email/outbox/{msg.id}", headers=admin_a)).status_code == 404
    assert (await client.get("/api/v1/email/outbox", headers=admin_a)).json()["items"] == []
