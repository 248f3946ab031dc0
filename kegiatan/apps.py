from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KegiatanConfig(AppConfig):
    name = "kegiatan"
    verbose_name = _("Kegiatan")

    def ready(self):
        from gugus.akses import daftarkan_aksi
        from gugus.dasbor import daftarkan_bagian
        from gugus.demo import LANGKAH_DEMO

        from .akses import ATURAN_KEGIATAN
        from .dasbor import bagian_beranda
        from .demo import muat_kegiatan

        for nama, aturan in ATURAN_KEGIATAN.items():
            daftarkan_aksi(nama, aturan)
        daftarkan_bagian(bagian_beranda)
        if muat_kegiatan not in LANGKAH_DEMO:
            LANGKAH_DEMO.append(muat_kegiatan)
