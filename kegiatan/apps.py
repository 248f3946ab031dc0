from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KegiatanConfig(AppConfig):
    name = "kegiatan"
    verbose_name = _("Kegiatan")

    def ready(self):
        from gugus.dasbor import daftarkan_bagian
        from gugus.demo import LANGKAH_DEMO

        from .dasbor import bagian_beranda
        from .demo import muat_kegiatan

        daftarkan_bagian(bagian_beranda)
        if muat_kegiatan not in LANGKAH_DEMO:
            LANGKAH_DEMO.append(muat_kegiatan)
