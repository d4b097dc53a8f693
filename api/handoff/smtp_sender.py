"""Sends hand-off e-mails through the deployment's SMTP server (Settings.smtp_*)."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage


@dataclass(frozen=True)
class SmtpSender:
    host: str
    port: int
    sender: str
    user: str | None = None
    password: str | None = None
    starttls: bool = True
    timeout_seconds: float = 20.0

    def send(self, message: EmailMessage) -> dict[str, tuple[int, bytes]]:
        """The recipients the server refused while accepting others (usually none).

        Raises smtplib.SMTPException or OSError when the server refuses all or cannot be reached.
        """
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout_seconds) as smtp:
            if self.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if self.user:
                smtp.login(self.user, self.password or "")
            return smtp.send_message(message)
