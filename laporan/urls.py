from django.urls import path

from . import views

app_name = "laporan"

urlpatterns = [
    path("pertemuan/<int:pk>/notulen/pdf/", views.NotulenPdf.as_view(), name="notulen-pdf"),
    path("pertemuan/<int:pk>/daftar-hadir/pdf/", views.DaftarHadirPdf.as_view(), name="daftar-hadir-pdf"),
    path("v/<str:kode>/", views.Verifikasi.as_view(), name="verifikasi"),
]
