"""Delivery through SMTP (aiosmtplib), with settings from the environment."""

import base64
from email.message import EmailMessage as MimeMessage

import aiosmtplib

from backend.config import Settings
from backend.email.models import EmailMessage


def to_mime(message: EmailMessage, sender: str) -> MimeMessage:
    mime = MimeMessage()
    mime["From"] = sender
    mime["To"] = message.to_address
    mime["Subject"] = message.subject
    # A stable Message-ID: if a retry re-sends after a lost acknowledgement, mail systems see one message.
    mime["Message-ID"] = f"<{message.id}@interviewflow.dev>"
    mime.set_content(message.body_text)
    mime.add_alternative(message.body_html, subtype="html")
    for att in message.attachments or []:
        maintype, _, subtype = att["content_type"].partition("/")
        mime.add_attachment(
            base64.b64decode(att["content_base64"]),
            maintype=maintype,
            subtype=subtype.split(";")[0],
            filename=att["filename"],
        )
    return mime


async def deliver(message: EmailMessage, settings: Settings) -> None:
    await aiosmtplib.send(
        to_mime(message, settings.email_from),
        hostname=settings.smtp_host,
        port=settings.smtp_port,
        username=settings.smtp_username or None,
        password=settings.smtp_password or None,
        # STARTTLS whenever the server offers it; off when the connection is TLS from the start.
        start_tls=None if settings.smtp_starttls and not settings.smtp_use_tls else False,
        use_tls=settings.smtp_use_tls,
        timeout=settings.smtp_timeout_seconds,
    )
