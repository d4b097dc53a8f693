"""The e-mail a partner receives for a hand-off (German; the partner answers the company directly)."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from zoneinfo import ZoneInfo

from api.appdata.handoff_store import Handoff, HandoffContact

_BERLIN = ZoneInfo("Europe/Berlin")


def handoff_subject(handoff: Handoff) -> str:
    return f"Kontaktanfrage über den NRW-Innovationsassistenten für {handoff.partner_name} – {handoff.reference}"


def build_handoff_email(handoff: Handoff, contact: HandoffContact, sender: str, to: tuple[str, ...],
                        retention_days: int) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = handoff_subject(handoff)
    message["From"] = sender
    message["To"] = ", ".join(to)
    message["Reply-To"] = contact.email  # "Antworten" reaches the company, not the assistant
    message["Date"] = format_datetime(handoff.created_at)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message["X-NRWA-Reference"] = handoff.reference
    message["X-NRWA-Partner"] = handoff.partner_id
    message.set_content(handoff_text(handoff, contact, retention_days))
    return message


def handoff_text(handoff: Handoff, contact: HandoffContact, retention_days: int) -> str:
    consent = handoff.consent_at.astimezone(_BERLIN)
    lines = [
        "Guten Tag,",
        "",
        f"über den NRW-Innovationsassistenten bittet ein Unternehmen um Kontakt mit {handoff.partner_name}.",
        f"Die Person hat der Weitergabe ihrer Angaben an Sie am {consent:%d.%m.%Y um %H:%M} Uhr zugestimmt.",
        "",
        f"Referenz:    {handoff.reference}",
        f"Name:        {contact.name}",
        f"Unternehmen: {contact.company or '–'}",
        f"E-Mail:      {contact.email}",
        f"Telefon:     {contact.phone or '–'}",
        "",
        "Nachricht:",
        contact.message,
        "",
        "Bitte antworten Sie dem Unternehmen direkt; „Antworten“ in Ihrem E-Mail-Programm geht an die angegebene "
        "Adresse. Bitte nennen Sie dabei die Referenz.",
        f"Der NRW-Innovationsassistent löscht diese Angaben nach {retention_days} Tagen.",
        "",
        "-- ",
        "Automatisch versandt vom NRW-Innovationsassistenten.",
    ]
    return "\n".join(lines) + "\n"
