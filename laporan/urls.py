from django.urls import path

from . import views, views_distribusi

app_name = "laporan"

urlpatterns = [
    path("pertemuan/<int:pk>/notulen/pdf/", views.NotulenPdf.as_view(), name="notulen-pdf"),
    path("pertemuan/<int:pk>/daftar-hadir/pdf/", views.DaftarHadirPdf.as_view(), name="daftar-hadir-pdf"),
    path("v/<str:kode>/", views.Verifikasi.as_view(), name="verifikasi"),
    path("pertemuan/<int:pk>/undangan/", views.Undangan.as_view(), name="undangan"),
    path("pertemuan/<int:pk>/undangan/<int:surat>/pdf/", views.UndanganPdf.as_view(), name="undangan-pdf"),
    # Distribution of the approved notulen (laporan/distribusi.py)
    path("pertemuan/<int:pk>/notulen/distribusi/", views_distribusi.Distribusi.as_view(), name="distribusi"),
    path("pengiriman/<int:pk>/kirim-ulang/", views_distribusi.KirimUlang.as_view(), name="kirim-ulang"),
    path("kotak-masuk/", views_distribusi.KotakMasuk.as_view(), name="kotak-masuk"),
    path("kotak-masuk/<int:pk>/", views_distribusi.BukaKotakMasuk.as_view(), name="kotak-masuk-buka"),
    path("baca/<str:token>/", views_distribusi.Baca.as_view(), name="baca"),
]
