"""Laporan's URLs: each page module lists its own (as kegiatan's do)."""

from .views import berjenjang, dinas, distribusi, dokumen, surat, tinjauan, verifikasi

app_name = "laporan"

urlpatterns = [
    *dokumen.urls,
    *verifikasi.urls,
    *surat.urls,
    *distribusi.urls,
    *berjenjang.urls,
    *tinjauan.urls,
    *dinas.urls,
]
