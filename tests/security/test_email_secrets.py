"""Secrets in emails (activation links now; assessment links and access
codes next) are never readable back through the API once emails really go out, and in the local capture mode
only admins see full bodies."""

import re

from sqlalchemy import select

from backend.email.catalog import SPECS
from backend.email.models import EmailMessage
from backend.email.service import send_email
from backend.email.tasks import deliver_queued
from tests.committed import committed_org
from tests.documents import PDF_BYTES
from tests.factories import JOB_BOARD, apply_form, open_job

OUTBOX = "/api/v1/email/outbox"


async def _applied(client, factory, slug):
    org, recruiter, req = await open_job(client, factory, slug)
    url = f"{JOB_BOARD.format(slug=slug)}/{req['id']}/apply"
    await client.post(
        url, data=apply_form(email=f"{slug}@example.com"), files={"resume": ("x.pdf", PDF_BYTES, "application/pdf")}
    )
    _, admin = await factory.user_and_headers(org, "admin")
    items = (await client.get(OUTBOX, params={"q": f"{slug}@example.com"}, headers=admin)).json()["items"]
    return recruiter, admin, items[0]["id"]


async def test_recruiters_never_read_activation_links_and_admins_do_only_in_capture_mode(client, factory, monkeypatch):
    recruiter, admin, message_id = await _applied(client, factory, "secret-co")
    seen_by_recruiter = (await client.get(f"{OUTBOX}/{message_id}", headers=recruiter)).json()
    seen_by_admin = (await client.get(f"{OUTBOX}/{message_id}", headers=admin)).json()
    for part in ("body_html", "body_text"):
        assert "token=" not in seen_by_recruiter[part] and "[hidden" in seen_by_recruiter[part]
        assert re.search(r"activate\?token=[\w-]{20,}", seen_by_admin[part])  # the local mail catcher

    from backend.config import get_settings

    monkeypatch.setattr(get_settings(), "smtp_host", "smtp.example.com")  # emails really go out
    seen_by_admin = (await client.get(f"{OUTBOX}/{message_id}", headers=admin)).json()
    assert "token=" not in seen_by_admin["body_text"] and "token=" not in seen_by_admin["body_html"]


async def test_once_sent_the_stored_copy_has_no_secret(real_db, smtp):
    org, _ = await committed_org(real_db)
    async with real_db.sessionmaker() as session, session.begin():
        message = await send_email(
            session,
            org.id,
            "assessment_invitation",
            "ada@example.com",
            {
                **SPECS["assessment_invitation"].sample,
                "link": "https://x.example/t/SECRETLINK",
                "access_code": "K7PM3QXZ",
            },
        )
    await deliver_queued(message.id)
    (received,) = smtp.messages
    assert "SECRETLINK" in received.as_string() and "K7PM3QXZ" in received.as_string()
    async with real_db.sessionmaker() as session:
        row = (await session.execute(select(EmailMessage).where(EmailMessage.id == message.id))).scalar_one()
    assert row.status == "sent"
    stored = row.subject + row.body_html + row.body_text + str(row.redacted)
    assert "SECRETLINK" not in stored and "K7PM3QXZ" not in stored


def test_every_template_with_a_link_or_code_that_grants_access_marks_it_secret():
    for spec in SPECS.values():
        for name in spec.variables:
            if name in ("link", "access_code", "activation_url", "confirm_url") or "token" in name:
                assert name in spec.secrets, (spec.key, name)
