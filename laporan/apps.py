from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LaporanConfig(AppConfig):
    name = "laporan"
    verbose_name = _("Laporan")

    def ready(self):
        from gugus.akses import daftarkan_aksi
        from gugus.dasbor import daftarkan_bagian
        from gugus.demo import LANGKAH_DEMO
        from kegiatan import sinyal as kegiatan
        from kkg.surel.lampiran import daftarkan_lampiran

        from . import sinyal
        from .akses import ATURAN_AKSI
        from .dasbor import bagian_beranda
        from .demo import muat_laporan
        from .services import distribusi, surat

        for aksi, aturan in ATURAN_AKSI.items():
            daftarkan_aksi(aksi, aturan)
        daftarkan_bagian(bagian_beranda)
        # After kegiatan's step (kegiatan is installed first): the reports compile its meetings and cash book.
        if muat_laporan not in LANGKAH_DEMO:
            LANGKAH_DEMO.append(muat_laporan)

        # The outbox reads laporan's PDFs when it sends a message that refers to them.
        daftarkan_lampiran("notulen", distribusi.lampiran_notulen)
        daftarkan_lampiran("surat_undangan", surat.lampiran_undangan)

        kegiatan.notulen_disetujui.connect(sinyal.notulen_disetujui, dispatch_uid="laporan.notulen_disetujui")
        kegiatan.pengingat_dikirim.connect(sinyal.pengingat_dikirim, dispatch_uid="laporan.pengingat_dikirim")
        kegiatan.pertemuan_dibatalkan.connect(sinyal.pertemuan_dibatalkan, dispatch_uid="laporan.pertemuan_dibatalkan")
