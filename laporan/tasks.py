"""Background rendering of the app's PDFs: thin, idempotent wrappers over laporan.services."""

from celery import shared_task
from django.conf import settings

from kegiatan.models import Notulen, Pertemuan

from . import services


@shared_task(bind=True, acks_late=True, autoretry_for=(OSError,), retry_backoff=10, max_retries=3)
def render_pdf_notulen(self, notulen_id: int) -> None:
    """Renders an approved version's PDF; a re-delivery finds the stored file and does nothing."""
    notulen = Notulen.objects.filter(pk=notulen_id, status=Notulen.Status.DISETUJUI).first()
    if notulen is None:
        return  # deleted, or not approved (a stale message): nothing to render
    services.siapkan_pdf_notulen(notulen)


@shared_task(bind=True, acks_late=True, autoretry_for=(OSError,), retry_backoff=10, max_retries=3)
def render_daftar_hadir(self, pertemuan_id: int) -> None:
    pertemuan = Pertemuan.objects.filter(pk=pertemuan_id).first()
    if pertemuan is not None:
        services.siapkan_daftar_hadir(pertemuan)


# --- Distribution of the approved notulen (laporan/distribusi.py holds the exactly-once design) -------------


@shared_task(bind=True, acks_late=True)
def kirim_pengiriman(self, pengiriman_id: int) -> None:
    """E-mails one delivery row at most once; an SMTP failure is retried after settings.PENGIRIMAN_JEDA_ULANG
    seconds (one retry per entry), then the row is marked "gagal" with the reason."""
    from . import distribusi

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
    from . import distribusi

    return distribusi.sapu_pengiriman()


# The worker's autodiscovery imports only this module: the surat undangan tasks must be registered too.
from . import tasks_surat  # noqa: E402, F401
