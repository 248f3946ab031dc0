from django.urls import path

from .views import organisasi as o
from .views import peran as p
from .views.beranda import beranda

app_name = "gugus"


def crud(prefix, daftar, rincian, buat, ubah, hapus):
    """The five pages of one master-data model, named <prefix>-list/-detail/-create/-update/-delete."""
    return [
        path(f"{prefix}/", daftar.as_view(), name=f"{prefix}-list"),
        path(f"{prefix}/tambah/", buat.as_view(), name=f"{prefix}-create"),
        path(f"{prefix}/<int:pk>/", rincian.as_view(), name=f"{prefix}-detail"),
        path(f"{prefix}/<int:pk>/ubah/", ubah.as_view(), name=f"{prefix}-update"),
        path(f"{prefix}/<int:pk>/hapus/", hapus.as_view(), name=f"{prefix}-delete"),
    ]


urlpatterns = [
    path("", beranda, name="beranda"),
    *crud("gugus", o.GugusDaftar, o.GugusRincian, o.GugusBuat, o.GugusUbah, o.GugusHapus),
    *crud("sekolah", o.SekolahDaftar, o.SekolahRincian, o.SekolahBuat, o.SekolahUbah, o.SekolahHapus),
    *crud("guru", o.GuruDaftar, o.GuruRincian, o.GuruBuat, o.GuruUbah, o.GuruHapus),
    *crud("kelompok", o.KelompokDaftar, o.KelompokRincian, o.KelompokBuat, o.KelompokUbah, o.KelompokHapus),
    path("guru/<int:pk>/akun/", o.GuruAkun.as_view(), name="guru-akun"),
    path("kelompok/<int:pk>/anggota/", p.AnggotaDaftar.as_view(), name="anggota-list"),
    path("kelompok/<int:pk>/anggota/tambah/", p.AnggotaTambah.as_view(), name="anggota-create"),
    path("kelompok/<int:pk>/anggota/<int:baris>/akhiri/", p.AnggotaAkhiri.as_view(), name="anggota-end"),
    path("kelompok/<int:pk>/pengurus/tambah/", p.PengurusTambah.as_view(), name="pengurus-create"),
    path("kelompok/<int:pk>/pengurus/<int:baris>/akhiri/", p.PengurusAkhiri.as_view(), name="pengurus-end"),
    path("kelompok/<int:pk>/pendamping/tambah/", p.PendampingTambah.as_view(), name="pendamping-create"),
    path("kelompok/<int:pk>/pendamping/<int:baris>/akhiri/", p.PendampingAkhiri.as_view(), name="pendamping-end"),
]
