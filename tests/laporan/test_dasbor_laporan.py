"""The reports section of the dashboard (laporan/dasbor.py): each role's queue, linked to the report, in a fixed
number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gugus.akses import peran
from laporan.dasbor import bagian_beranda
from laporan.models import Laporan, RiwayatLaporan

pytestmark = pytest.mark.django_db

Status = Laporan.Status


def bulan(n: int) -> datetime.date:
    """The first day of the n-th month before this one."""
    tanggal = timezone.localdate().replace(day=1)
    for _i in range(n):
        tanggal = (tanggal - datetime.timedelta(days=1)).replace(day=1)
    return tanggal


def laporan(kelompok, n: int, status=Status.DRAF, **kwargs) -> Laporan:
    mulai = bulan(n)
    selesai = (mulai + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    versi = 0 if status == Status.DRAF else 1
    diajukan = timezone.now() - datetime.timedelta(days=n) if versi else None
    return Laporan.objects.create(
        kelompok=kelompok, jenis="bulanan", mulai=mulai, selesai=selesai, status=status, versi=versi,
        diajukan_pada=diajukan, pertama_diajukan=diajukan, **kwargs,
    )  # fmt: skip


def bagian(user) -> dict:
    hasil = bagian_beranda(user)
    assert hasil is not None and hasil[0] == "laporan/_beranda.html"
    return hasil[1]


def test_ketua_melihat_draf_dan_laporan_dikembalikan_dengan_catatan(dunia, pengguna):
    draf = laporan(dunia.kelompok_a, 2)
    kembali = laporan(dunia.kelompok_a, 3, Status.DIKEMBALIKAN)
    RiwayatLaporan.objects.create(laporan=kembali, aksi="kembalikan", ke="dikembalikan", catatan="Lengkapi foto.")
    laporan(dunia.kelompok_a, 4, Status.DITERIMA)

    data = bagian(pengguna["ketua"])["ketua"]

    assert data["ditulis"] == [kembali, draf]  # the returned one first
    assert data["ditulis"][0].catatan_kembali == "Lengkapi foto."


def test_ketua_melihat_periode_yang_melewati_tenggat(dunia, pengguna):
    data = bagian(pengguna["ketua"])["ketua"]

    if timezone.localdate().day > 10:
        assert any(t.jenis == "bulanan" for t in data["tunggakan"])
    assert all(t.kelompok == dunia.kelompok_a for t in data["tunggakan"])


def test_pengawas_melihat_laporan_menunggu_terlama_dulu(dunia, pengguna):
    baru = laporan(dunia.kelompok_a, 1, Status.DIAJUKAN)
    lama = laporan(dunia.kelompok_a, 3, Status.DIAJUKAN)
    laporan(dunia.kelompok_a, 2)  # a draft: not the pengawas's
    laporan(dunia.kelompok_b, 2, Status.DIAJUKAN)  # another pengawas's group

    data = bagian(pengguna["pengawas"])["pengawas"]

    assert data["menunggu"] == [lama, baru]
    assert data["jumlah"] == 2


def test_dinas_melihat_laporan_diteruskan_dan_kelompok_terlambat(dunia, pengguna):
    lap = laporan(dunia.kelompok_a, 2, Status.DITERUSKAN)
    laporan(dunia.kelompok_b, 2, Status.DITERUSKAN)  # another kabupaten

    data = bagian(pengguna["dinas"])["dinas"]

    assert data["menunggu"] == [lap] and data["jumlah"] == 1
    assert data["terlambat"] == (1 if timezone.localdate().day > 10 else 0)


@pytest.mark.parametrize("peran_", ["anggota", "sekretaris", "guru_lain"])
def test_tanpa_antrean_laporan_tidak_ada_bagian(pengguna, peran_):
    assert bagian_beranda(pengguna[peran_]) is None


def test_beranda_menautkan_laporan(client, dunia, pengguna):
    lap = laporan(dunia.kelompok_a, 2, Status.DIAJUKAN)
    client.force_login(pengguna["pengawas"])

    respons = client.get(reverse("gugus:beranda"))

    assert respons.status_code == 200
    assert lap.get_absolute_url() in respons.content.decode()
    assert "Laporan menunggu pemeriksaan Anda" in respons.content.decode()


@pytest.mark.parametrize("peran_", ["ketua", "pengawas", "dinas"])
def test_kueri_terbatas_dengan_30_laporan(dunia, pengguna, peran_, django_assert_max_num_queries):
    status = [Status.DRAF, Status.DIKEMBALIKAN, Status.DIAJUKAN, Status.DITERUSKAN, Status.DITERIMA]
    for n in range(30):
        laporan(dunia.kelompok_a, n + 1, status[n % len(status)])
    user = pengguna[peran_]
    peran(user)  # cached on the user, as in a request

    with django_assert_max_num_queries(3):
        data = bagian(user)

    assert data[peran_]
