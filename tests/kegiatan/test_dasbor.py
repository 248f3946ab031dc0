"""The kegiatan section of the dashboard: coming meetings, the board's open work, shortcuts; bounded queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kegiatan.models import Notulen
from tests.factories_kegiatan import NotulenFactory, PertemuanFactory

pytestmark = pytest.mark.django_db


def beranda(client, user):
    client.force_login(user)
    respons = client.get(reverse("gugus:beranda"))
    assert respons.status_code == 200
    return respons.content.decode()


def test_anggota_melihat_pertemuan_mendatang_kelompoknya_saja(client, dunia, pengguna, pertemuan_a, pertemuan_b):
    isi = beranda(client, pengguna["anggota"])

    assert pertemuan_a.topik in isi
    assert pertemuan_b.topik not in isi
    assert "Pintasan kelompok" not in isi  # a plain member has no board pages


def test_sekretaris_diingatkan_mencatat_pertemuan_yang_sudah_lewat(client, dunia, pengguna):
    lewat = PertemuanFactory(
        kelompok=dunia.kelompok_a, topik="Lokakarya modul ajar", tanggal=timezone.localdate() - datetime.timedelta(3)
    )

    isi = beranda(client, pengguna["sekretaris"])

    assert "Catat pelaksanaan" in isi and lewat.topik in isi
    assert "Catat pelaksanaan" not in beranda(client, pengguna["anggota"])


def test_ketua_melihat_notulen_yang_menunggu_persetujuannya(client, dunia, pengguna, pertemuan_a):
    NotulenFactory(pertemuan=pertemuan_a, status=Notulen.Status.DIAJUKAN)

    isi = beranda(client, pengguna["ketua"])

    assert "menunggu persetujuan Anda" in isi
    assert reverse("kegiatan:notulen-detail", args=[pertemuan_a.pk]) in isi
    assert "menunggu persetujuan Anda" not in beranda(client, pengguna["sekretaris"])


def test_pengurus_dan_pengawas_mendapat_pintasan_ke_halaman_kelompok(client, dunia, pengguna):
    for peran in ("bendahara", "pengawas"):
        isi = beranda(client, pengguna[peran])
        assert reverse("kegiatan:kas-buku", args=[dunia.kelompok_a.pk]) in isi
        assert reverse("kegiatan:kehadiran-rekap", args=[dunia.kelompok_a.pk]) in isi


def test_jumlah_kueri_beranda_tidak_bertambah_dengan_data(client, dunia, pengguna):
    def hitung():
        client.force_login(pengguna["ketua"])
        with CaptureQueriesContext(connection) as q:
            assert client.get(reverse("gugus:beranda")).status_code == 200
        return len(q)

    def tambah(n):
        for i in range(n):
            p = PertemuanFactory(
                kelompok=dunia.kelompok_a, tanggal=timezone.localdate() + datetime.timedelta(days=i - n // 2)
            )
            if i % 2:
                NotulenFactory(pertemuan=p, status=Notulen.Status.DIAJUKAN)

    tambah(3)
    sedikit = hitung()
    tambah(30)
    assert hitung() == sedikit


def test_anggota_biasa_tidak_melihat_daftar_tugas_pengurus_yang_kosong(client, dunia, pengguna):
    assert "Perlu ditindaklanjuti" not in beranda(client, pengguna["anggota"])
    assert "Perlu ditindaklanjuti" in beranda(client, pengguna["ketua"])
