"""Delivery through a real SMTP server (aiosmtpd)."""

import base64

from sqlalchemy import select

from backend.email.models import EmailMessage
from backend.email.service import Attachment, send_email
from backend.email.tasks import deliver_queued
from tests.committed import committed_org

ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
CTX = {
    "name": "Ian",
    "candidate_name": "Ada",
    "organization_name": "Acme",
    "job_title": "Engineer",
    "interview_type": "Technical",
    "starts_at": "Tue 2 Dec, 14:00",
    "duration_minutes": 60,
    "location": "Room 1",
}


async def _queue(db, org, to="ian@example.com") -> EmailMessage:
    async with db.sessionmaker() as session, session.begin():
        return await send_email(
            session,
            org.id,
            "interview_invitation",
            to,
            CTX,
            entity_type="interview",
            attachments=[Attachment("invite.ics", "text/calendar; method=REQUEST", ICS)],
        )


async def _status(db, message_id) -> EmailMessage:
    async with db.sessionmaker() as session:
        return (await session.execute(select(EmailMessage).where(EmailMessage.id == message_id))).scalar_one()


async def test_message_arrives_with_subject_body_and_attachment(real_db, smtp):
    org, _ = await committed_org(real_db)
    msg = await _queue(real_db, org)
    await deliver_queued(msg.id)
    (received,) = smtp.messages
    assert received["To"] == "ian@example.com"
    assert received["Subject"] == "Interview for Engineer: Tue 2 Dec, 14:00"
    assert received["Message-ID"] == f"<{msg.id}@interviewflow.dev>"
    parts = {p.get_content_type(): p for p in received.walk()}
    assert "Technical interview for Engineer with Ada." in parts["text/plain"].get_payload(decode=True).decode()
    assert "<strong>Technical</strong>" in parts["text/html"].get_payload(decode=True).decode()
    assert parts["text/calendar"].get_filename() == "invite.ics"
    assert parts["text/calendar"].get_payload(decode=True) == ICS
    row = await _status(real_db, msg.id)
    assert row.status == "sent" and row.sent_at and row.attempts == 1
    assert base64.b64decode(row.attachments[0]["content_base64"]) == ICS

    await deliver_queued(msg.id)  # a duplicate job
    assert len(smtp.messages) == 1


async def test_a_refused_first_attempt_is_retried_and_arrives_once(real_db, smtp):
    org, _ = await committed_org(real_db)
    msg = await _queue(real_db, org, "retry@example.com")
    smtp.refuse_next = 1
    try:
        await deliver_queued(msg.id)
        raise AssertionError("the refusal should raise so the queue retries")
    except Exception as exc:  # aiosmtplib's SMTPResponseException
        assert "451" in str(exc) or "Try again" in str(exc)
    row = await _status(real_db, msg.id)
    assert row.status == "queued" and row.attempts == 1 and "Try again later" in row.last_error
    await deliver_queued(msg.id)
    assert smtp.recipients() == ["retry@example.com"]
    row = await _status(real_db, msg.id)
    assert row.status == "sent" and row.attempts == 2


async def test_without_smtp_messages_are_captured_not_sent(real_db, monkeypatch):
    from backend.config import get_settings

    monkeypatch.setattr(get_settings(), "smtp_host", "")
    org, _ = await committed_org(real_db)
    msg = await _queue(real_db, org, "local@example.com")
    await deliver_queued(msg.id)
    row = await _status(real_db, msg.id)
    assert row.status == "captured" and row.sent_at
