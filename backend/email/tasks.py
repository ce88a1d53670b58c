"""Delivery of queued emails. At-least-once with a stable Message-ID: a message is marked `sending` (and its
attempt counted) before the SMTP conversation and `sent` after it, each in its own committed transaction; a
worker killed in between leaves the job to be retried, never lost."""

import uuid
from datetime import UTC, datetime

from procrastinate import JobContext, RetryStrategy

from backend.config import get_settings
from backend.email.models import EmailMessage
from backend.email.repository import message_for_update
from backend.email.smtp import deliver
from backend.jobs.runtime import records_errors, task_session
from backend.worker import queue

MAX_ATTEMPTS = 6


async def _claim(message_id: uuid.UUID) -> EmailMessage | None:
    async with task_session() as session:
        message = await message_for_update(session, message_id)
        if message is None or message.status in ("sent", "captured"):
            return None  # already done: a duplicate job or a manual resend raced us
        message.status = "sending"
        message.attempts += 1
        return message


async def _finish(message_id: uuid.UUID, status: str, error: str | None = None) -> None:
    async with task_session() as session:
        message = await message_for_update(session, message_id)
        assert message is not None
        message.status = status
        message.last_error = error
        if status in ("sent", "captured"):
            message.sent_at = datetime.now(UTC)
        if status in ("sent", "failed") and message.redacted:
            # Really sent (or given up on): the recipient's secrets are not kept; the redacted copy is all there is.
            message.subject = message.redacted["subject"]
            message.body_html = message.redacted["body_html"]
            message.body_text = message.redacted["body_text"]


@queue.task(
    name="email.send",
    pass_context=True,
    retry=RetryStrategy(max_attempts=MAX_ATTEMPTS - 1, exponential_wait=2),
)
@records_errors
async def send_email_job(context: JobContext, message_id: str, organization_id: str) -> None:
    await deliver_queued(uuid.UUID(message_id))


async def deliver_queued(mid: uuid.UUID) -> None:
    """Send one outbox message unless it is already done; raise on a failure so the job is retried."""
    message = await _claim(mid)
    if message is None:
        return
    settings = get_settings()
    if not settings.smtp_host:
        await _finish(mid, "captured")  # local setup: kept for Admin → Outbox, not sent
        return
    try:
        await deliver(message, settings)
    except Exception as exc:
        final = message.attempts >= MAX_ATTEMPTS
        await _finish(mid, "failed" if final else "queued", f"{type(exc).__name__}: {exc}"[:2000])
        raise
    await _finish(mid, "sent")
