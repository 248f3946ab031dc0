"""Laporan's Celery tasks, all in this one module (the worker registers them by autodiscovery): thin,
idempotent wrappers that load rows by id and call laporan.services."""

from celery import shared_task
from django.conf import settings

from gugus.tasks import ULANG_SMTP
from kegiatan.models import Notulen, Pertemuan

from .services import distribusi, dokumen, surat


@shared_task(bind=True, acks_late=True, autoretry_for=(OSError,), retry_backoff=10, max_retries=3)
def render_pdf_notulen(self, notulen_id: int) -> None:
    """Renders an approved version's PDF; a re-delivery finds the stored file and does nothing."""
    notulen = Notulen.objects.filter(pk=notulen_id, status=Notulen.Status.DISETUJUI).first()
    if notulen is None:
        return  # deleted, or not approved (a stale message): nothing to render
    dokumen.siapkan_pdf_notulen(notulen)


@shared_task(bind=True, acks_late=True, autoretry_for=(OSError,), retry_backoff=10, max_retries=3)
def render_daftar_hadir(self, pertemuan_id: int) -> None:
    pertemuan = Pertemuan.objects.filter(pk=pertemuan_id).exclude(status=Pertemuan.Status.DIBATALKAN).first()
    if pertemuan is not None:
        dokumen.siapkan_daftar_hadir(pertemuan)


@shared_task(bind=True, acks_late=True, max_retries=3)
def render_dokumen(self, dokumen_id: int) -> None:
    """Fills a document row created "diproses" by a page, reporting `progres` on the row (laporan/services/
    dokumen.py: proses_dokumen); a redelivery finds it stored and does nothing. An OSError (fonts, disk) is retried
    with backoff; a render that fails for good (retries spent, no broker to retry through, or an error a retry
    cannot mend) marks the row "gagal" with the reason, and the error is raised for the worker's log."""
    try:
        dokumen.proses_dokumen(dokumen_id)
    except OSError as e:
        if not self.request.is_eager and self.request.retries < self.max_retries:
            raise self.retry(exc=e, countdown=10 * 2**self.request.retries) from e
        dokumen.tandai_gagal(dokumen_id, e)
        raise
    except Exception as e:
        dokumen.tandai_gagal(dokumen_id, e)
        raise


@shared_task(acks_late=True)
def sapu_dokumen() -> int:
    """celery beat: queue again the documents left "diproses" (broker down, worker killed)."""
    return dokumen.sapu_dokumen()


# --- Distribution of the approved notulen (laporan/services/distribusi.py holds the exactly-once design) -------------


@shared_task(bind=True, acks_late=True)
def kirim_pengiriman(self, pengiriman_id: int) -> None:
    """E-mails one delivery row at most once; an SMTP failure is retried after settings.PENGIRIMAN_JEDA_ULANG
    seconds (one retry per entry), then the row is marked "gagal" with the reason."""
    jeda = list(settings.PENGIRIMAN_JEDA_ULANG)
    if self.request.is_eager:
        # Embedded default (no broker, run inline): the attempts follow one another at once, without waiting.
        for percobaan in range(len(jeda) + 1):
            if distribusi.kirim_pengiriman(pengiriman_id, terakhir=percobaan == len(jeda)) is None:
                return
        return
    terakhir = self.request.retries >= len(jeda)
    galat = distribusi.kirim_pengiriman(pengiriman_id, terakhir=terakhir)
    if galat is not None and not terakhir:
        raise self.retry(exc=galat, countdown=jeda[self.request.retries], max_retries=len(jeda))


@shared_task(acks_late=True)
def sapu_pengiriman() -> int:
    """celery beat: enqueue again the delivery rows left "menunggu" (broker down, worker killed)."""
    return distribusi.sapu_pengiriman()


# --- Surat undangan (laporan/services/surat.py holds the exactly-once design) ------------------------------


@shared_task(bind=True, acks_late=True, autoretry_for=(OSError,), retry_backoff=10, max_retries=3)
def undang_kepala_sekolah(self, pertemuan_id: int) -> None:
    """After the day-before reminder: issues the meeting's missing letters, then queues one e-mail per letter of
    the meeting not e-mailed yet (issued now or earlier from the board's page). A repeated message issues
    nothing, and the letters already sent are not queued again (see laporan/services/surat.py)."""
    pertemuan = Pertemuan.objects.filter(pk=pertemuan_id, status=Pertemuan.Status.DIRENCANAKAN).first()
    if pertemuan is not None:
        surat.siapkan_undangan(pertemuan, kirim=True)


@shared_task(bind=True, acks_late=True, **ULANG_SMTP)
def kirim_surat_undangan(self, surat_id: int) -> None:
    """E-mails one letter to its kepala sekolah at most once (its row lock and `dikirim_pada`, see
    laporan/services/surat.py); a failed SMTP conversation is rolled back and retried with backoff."""
    surat.kirim_email_undangan(surat_id)


@shared_task(acks_late=True)
def sapu_undangan() -> int:
    """celery beat: queue again the letters left unsent after their meeting's reminder (broker down, worker
    killed)."""
    return surat.sapu_undangan()
