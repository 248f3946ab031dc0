"""Background rendering of the app's PDFs: thin, idempotent wrappers over laporan.services."""

from celery import shared_task

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
