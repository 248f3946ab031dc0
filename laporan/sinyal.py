"""Laporan's receivers of kegiatan's signals (kegiatan/sinyal.py), so that kegiatan never imports laporan
(DESIGN.md: gugus → kegiatan → laporan). Connected in LaporanConfig.ready(); each runs after the sender's commit.
"""

from kkg.lib.antrean import antre


def notulen_disetujui(sender, notulen, **kwargs) -> None:
    """An approved version gets its PDF in the background."""
    from .tasks import render_pdf_notulen

    antre(render_pdf_notulen, notulen.pk)


def pengingat_dikirim(sender, pertemuan, **kwargs) -> None:
    """After a meeting's day-before reminder: its surat undangan go to the member schools' kepala sekolah, in
    the background."""
    from .tasks import undang_kepala_sekolah

    antre(undang_kepala_sekolah, pertemuan.pk)
