"""Laporan's receivers of kegiatan's signals (kegiatan/sinyal.py), so that kegiatan never imports laporan
(DESIGN.md: gugus → kegiatan → laporan). Connected in LaporanConfig.ready(); each runs after the sender's commit.
"""

from kkg.lib.antrean import antre


def notulen_disetujui(sender, notulen, **kwargs) -> None:
    """An approved version gets its PDF in the background; the documents of the versions before it are
    superseded ("diganti")."""
    from .services.dokumen import tandai_diganti
    from .tasks import render_pdf_notulen

    tandai_diganti(notulen)
    antre(render_pdf_notulen, notulen.pk)


def pertemuan_dibatalkan(sender, pertemuan, **kwargs) -> None:
    """A cancelled meeting's documents (daftar hadir, surat undangan, notulen) are no longer valid."""
    from .services.dokumen import batalkan_dokumen

    batalkan_dokumen(pertemuan)


def pengingat_dikirim(sender, pertemuan, **kwargs) -> None:
    """After a meeting's day-before reminder: its surat undangan go to the member schools' kepala sekolah, in
    the background."""
    from .tasks import undang_kepala_sekolah

    antre(undang_kepala_sekolah, pertemuan.pk)
