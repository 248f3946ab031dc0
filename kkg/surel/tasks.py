"""The outbox's Celery tasks (kkg/surel/layanan.py holds the exactly-once design)."""

from celery import shared_task

from . import layanan


@shared_task(bind=True, acks_late=True, max_retries=None)  # the row counts the attempts, not Celery
def kirim_surel(self, surel_id: int) -> None:
    """Sends one outbox row at most once; a failed attempt is tried again after settings.PENGIRIMAN_JEDA_ULANG
    seconds (one entry per retry), then the row is "gagal" with the reason."""
    while (ulang := layanan.kirim(surel_id)) is not None:
        if not self.request.is_eager:
            raise self.retry(exc=ulang.galat, countdown=ulang.jeda)
        # Embedded default (no broker, run inline): the attempts follow one another at once, without waiting.


@shared_task(acks_late=True)
def sapu_surel() -> int:
    """celery beat: enqueue again the rows left "menunggu" (broker down, worker killed)."""
    return layanan.sapu_surel()
