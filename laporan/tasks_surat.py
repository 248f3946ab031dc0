"""Background work of the surat undangan: thin, idempotent wrappers over laporan.surat."""

from celery import shared_task

from gugus.tasks import ULANG_SMTP
from kegiatan.models import Pertemuan

from . import surat


@shared_task(bind=True, acks_late=True, autoretry_for=(OSError,), retry_backoff=10, max_retries=3)
def undang_kepala_sekolah(self, pertemuan_id: int) -> None:
    """After the day-before reminder: issues the meeting's missing letters, then queues one e-mail per letter of
    the meeting not e-mailed yet (issued now or earlier from the board's page). A repeated message issues
    nothing, and the letters already sent are not queued again (see laporan/surat.py)."""
    pertemuan = Pertemuan.objects.filter(pk=pertemuan_id, status=Pertemuan.Status.DIRENCANAKAN).first()
    if pertemuan is not None:
        surat.siapkan_undangan(pertemuan, kirim=True)


@shared_task(bind=True, acks_late=True, **ULANG_SMTP)
def kirim_surat_undangan(self, surat_id: int) -> None:
    """E-mails one letter to its kepala sekolah at most once (its row lock and `dikirim_pada`, see
    laporan/surat.py); a failed SMTP conversation is rolled back and retried with backoff."""
    surat.kirim_email_undangan(surat_id)


@shared_task(acks_late=True)
def sapu_undangan() -> int:
    """celery beat: queue again the letters left unsent after their meeting's reminder (broker down, worker
    killed)."""
    return surat.sapu_undangan()
