"""Laporan's URLs: each page module lists its own (as kegiatan's do)."""

from .views import aktivitas, berjenjang, buku_kas, dinas, distribusi, dokumen, surat, tinjauan, verifikasi

app_name = "laporan"

urlpatterns = [
    *dokumen.urls,
    *verifikasi.urls,
    *surat.urls,
    *distribusi.urls,
    *berjenjang.urls,
    *aktivitas.urls,
    *buku_kas.urls,
    *tinjauan.urls,
    *dinas.urls,
]
