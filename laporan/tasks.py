"""Laporan's Celery tasks, all in this one module (the worker registers them by autodiscovery): thin,
idempotent wrappers that load rows by id and call laporan.services."""

from celery import shared_task

from kegiatan.models import Notulen, Pertemuan

from .services import bertahap, dokumen, surat


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


def _atau_gagal(task, dokumen_id: int, kerja, *args) -> None:
    """Runs a render step of document `dokumen_id`. An OSError (fonts, disk) is retried with backoff; a step that
    fails for good (retries spent, no broker to retry through, or an error a retry cannot mend) marks the document
    "gagal" with the reason, and the error is raised for the worker's log."""
    try:
        kerja(*args)
    except OSError as e:
        if not task.request.is_eager and task.request.retries < task.max_retries:
            raise task.retry(exc=e, countdown=10 * 2**task.request.retries) from e
        dokumen.tandai_gagal(dokumen_id, e)
        raise
    except Exception as e:
        dokumen.tandai_gagal(dokumen_id, e)
        raise


@shared_task(bind=True, acks_late=True, max_retries=3)
def render_dokumen(self, dokumen_id: int) -> None:
    """Fills a document row created "diproses" by a page, reporting `progres` on the row (laporan/services/
    dokumen.py: proses_dokumen); a redelivery finds it stored and does nothing."""
    _atau_gagal(self, dokumen_id, dokumen.proses_dokumen, dokumen_id)


@shared_task(acks_late=True)
def sapu_dokumen() -> int:
    """celery beat: queue again the documents left "diproses" (broker down, worker killed)."""
    return dokumen.sapu_dokumen()


# --- Surat undangan (laporan/services/surat.py holds the exactly-once design) ------------------------------


@shared_task(bind=True, acks_late=True, autoretry_for=(OSError,), retry_backoff=10, max_retries=3)
def undang_kepala_sekolah(self, pertemuan_id: int) -> None:
    """After the day-before reminder: issues the meeting's missing letters and writes to the outbox the e-mail of
    every letter of the meeting not queued yet (issued now or earlier from the board's page). A repeated message
    issues nothing and queues no letter twice (see laporan/services/surat.py)."""
    pertemuan = Pertemuan.objects.filter(pk=pertemuan_id, status=Pertemuan.Status.DIRENCANAKAN).first()
    if pertemuan is not None:
        surat.siapkan_undangan(pertemuan, kirim=True)


@shared_task(acks_late=True)
def sapu_undangan() -> int:
    """celery beat: run the reminder's letter task again for meetings whose letters were left behind (the broker
    was down when it should have been enqueued); the outbox's own sweep covers e-mails already written."""
    return surat.sapu_undangan()


# --- Laporan berjenjang: documents rendered in parts (laporan/services/bertahap.py), deadlines ---------------


@shared_task(bind=True, acks_late=True, max_retries=3)
def render_bagian(self, bagian_id: int) -> None:
    """Renders one part of a long document; the last part queues the join."""
    from .models import BagianDokumen

    dokumen_id = BagianDokumen.objects.filter(pk=bagian_id).values_list("dokumen_id", flat=True).first()
    if dokumen_id is not None:
        _atau_gagal(self, dokumen_id, bertahap.render_bagian, bagian_id)


@shared_task(bind=True, acks_late=True, max_retries=3)
def gabung_bagian(self, dokumen_id: int) -> None:
    """Joins a long document's parts and stores it."""
    _atau_gagal(self, dokumen_id, bertahap.gabung, dokumen_id)


@shared_task(acks_late=True)
def ingatkan_tenggat() -> int:
    """celery beat, daily: remind the ketua of groups whose report is overdue (once per period)."""
    from .services import tenggat

    return tenggat.ingatkan_terlambat()
