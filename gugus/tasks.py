"""Background work of the gugus app."""

import smtplib

from celery import shared_task
from django.core.mail import EmailMultiAlternatives

# How every task that talks SMTP retries a failed conversation (a mail server down or refusing for a while).
ULANG_SMTP = {
    "autoretry_for": (smtplib.SMTPException, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 600,
    "max_retries": 5,
}


@shared_task(bind=True, acks_late=True, **ULANG_SMTP)
def kirim_email(self, subjek: str, isi: str, kepada: list[str], html: str | None = None) -> None:
    """Sends one already-rendered message; a failed SMTP conversation is retried with backoff."""
    pesan = EmailMultiAlternatives(subjek, isi, to=kepada)
    if html:
        pesan.attach_alternative(html, "text/html")
    pesan.send()
