"""Background work of the surat undangan: thin, idempotent wrappers over laporan.surat."""

import smtplib

from celery import shared_task

from kegiatan.models import Pertemuan

from . import surat
from .models import SuratUndangan


@shared_task(bind=True, acks_late=True, autoretry_for=(OSError,), retry_backoff=10, max_retries=3)
def undang_kepala_sekolah(self, pertemuan_id: int) -> None:
    """After the day-before reminder: issues the meeting's missing letters and queues one e-mail per letter it
    issued. A repeated message finds the letters and sends nothing (see laporan/surat.py)."""
    pertemuan = Pertemuan.objects.filter(pk=pertemuan_id, status=Pertemuan.Status.DIRENCANAKAN).first()
    if pertemuan is not None:
        surat.siapkan_undangan(pertemuan, kirim=True)


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
)
def kirim_surat_undangan(self, surat_id: int) -> None:
    """E-mails one letter to its kepala sekolah; a failed SMTP conversation is retried with backoff."""
    undangan = SuratUndangan.objects.filter(pk=surat_id).first()
    if undangan is not None:
        surat.kirim_email_undangan(undangan)
