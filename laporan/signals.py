"""Reactions to kegiatan events, kept here so that kegiatan never imports laporan (DESIGN.md: gugus → kegiatan →
laporan). Connected in LaporanConfig.ready()."""

from django.db import transaction

from kegiatan.models import Notulen


def notulen_disimpan(sender, instance: Notulen, created: bool, update_fields=None, **kwargs) -> None:
    """An approved version gets its PDF in the background, once the approval is committed."""
    if instance.status != Notulen.Status.DISETUJUI:
        return
    if update_fields is not None and "status" not in update_fields:
        return  # a later save of an already approved version: its PDF was queued at approval
    from .tasks import render_pdf_notulen

    # robust: a broker or render failure must never turn the ketua's committed approval into an error page;
    # the PDF page enqueues the task again when someone asks for it.
    transaction.on_commit(lambda: render_pdf_notulen.delay(instance.pk), robust=True)


def pengingat_terkirim(sender, pertemuan, **kwargs) -> None:
    """After a meeting's day-before reminder: its surat undangan go to the member schools' kepala sekolah, in
    the background. robust: a broker failure must not break the reminder run (the letters can still be issued
    from the meeting's undangan page)."""
    from .tasks_surat import undang_kepala_sekolah

    transaction.on_commit(lambda: undang_kepala_sekolah.delay(pertemuan.pk), robust=True)
