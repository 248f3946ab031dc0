"""Background work of the kegiatan app."""

from celery import shared_task

from .services import pertemuan as layanan_pertemuan


@shared_task(acks_late=True)
def kirim_pengingat_besok() -> int:
    """Celery beat, daily at 15:00: e-mail members about tomorrow's meetings. Idempotent: each meeting is
    claimed under a row lock (`pengingat_dikirim`), so a repeated or concurrent run sends nothing twice."""
    return layanan_pertemuan.kirim_pengingat_besok()
