"""Attendance rates: per meeting (on the meeting page and the group's rekap) and per member."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kegiatan import qr
from tests.factories import KeanggotaanFactory
from tests.factories_kegiatan import KehadiranFactory, PertemuanFactory

HARI = datetime.timedelta(days=1)


def terlaksana(dunia, hari_lalu, **kwargs):
    return PertemuanFactory(
        kelompok=dunia.kelompok_a, tanggal=qr.hari_ini() - hari_lalu * HARI, status="terlaksana", **kwargs
    )


@pytest.fixture
def riwayat(dunia):
    """Two held meetings: at the first the anggota was present, at the second (after a new member joined)
    sick; a cancelled meeting and a planned one do not count."""
    lama = terlaksana(dunia, 20, topik="Pertemuan lama")
    baru = terlaksana(dunia, 5, topik="Pertemuan baru")
    dunia.pendatang = KeanggotaanFactory(kelompok=dunia.kelompok_a, mulai=qr.hari_ini() - 10 * HARI).guru
    KehadiranFactory(pertemuan=lama, guru=dunia.anggota, status="hadir")
    KehadiranFactory(pertemuan=lama, guru=dunia.ketua, status="hadir")
    KehadiranFactory(pertemuan=baru, guru=dunia.anggota, status="sakit")
    KehadiranFactory(pertemuan=baru, guru=dunia.pendatang, status="hadir")
    KehadiranFactory(pertemuan=baru, nama_tamu="Pak Camat", instansi_tamu="Kecamatan")
    PertemuanFactory(kelompok=dunia.kelompok_a, tanggal=qr.hari_ini() - 2 * HARI, status="dibatalkan", alasan_batal="x")
    return lama, baru


def url_rekap(dunia, **q):
    from urllib.parse import urlencode

    return reverse("kegiatan:kehadiran-rekap", args=[dunia.kelompok_a.pk]) + ("?" + urlencode(q) if q else "")


@pytest.mark.parametrize(
    "peran, kode",
    [
        ("ketua", 200),
        ("sekretaris", 200),
        ("bendahara", 200),
        ("pengawas", 200),
        ("dinas", 200),
        ("admin", 200),
        ("anggota", 403),
        ("guru_lain", 404),
        ("dinas_lain", 404),
    ],
)
def test_akses_rekap(client, dunia, pengguna, peran, kode):
    client.force_login(pengguna[peran])
    assert client.get(url_rekap(dunia)).status_code == kode


def test_rekap_tanpa_login(client, dunia):
    assert client.get(url_rekap(dunia)).status_code == 302


def test_rekap_per_anggota(client, dunia, pengguna, riwayat):
    client.force_login(pengguna["pengawas"])
    baris = {a.guru.nama: a for a in client.get(url_rekap(dunia)).context["object_list"]}
    anggota = baris[dunia.anggota.nama]
    assert (anggota.jumlah_pertemuan, anggota.hadir, anggota.sakit, anggota.alpa, anggota.persen) == (2, 1, 1, 0, 50)
    ketua = baris[dunia.ketua.nama]
    assert (ketua.jumlah_pertemuan, ketua.hadir, ketua.persen) == (2, 1, 50)
    pendatang = baris[dunia.pendatang.nama]  # joined after the first meeting: one meeting counted
    assert (pendatang.jumlah_pertemuan, pendatang.hadir, pendatang.persen) == (1, 1, 100)


def test_rekap_per_pertemuan(client, dunia, pengguna, riwayat):
    lama, baru = riwayat
    client.force_login(pengguna["ketua"])
    respons = client.get(url_rekap(dunia, tampil="pertemuan"))
    baris = {p.topik: p for p in respons.context["object_list"]}
    assert set(baris) == {"Pertemuan lama", "Pertemuan baru"}
    assert (baris["Pertemuan lama"].hadir, baris["Pertemuan lama"].anggota, baris["Pertemuan lama"].persen) == (
        2,
        5,
        40,
    )
    assert (baris["Pertemuan baru"].hadir, baris["Pertemuan baru"].anggota, baris["Pertemuan baru"].tamu) == (1, 6, 1)
    assert "17%" in respons.content.decode()


def test_rekap_kosong(client, dunia, pengguna):
    client.force_login(pengguna["ketua"])
    assert "Belum ada pertemuan yang terlaksana" in client.get(url_rekap(dunia, tampil="pertemuan")).content.decode()


def _kueri(client, url):
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


def _tambah(dunia, n):
    anggota = [k.guru for k in KeanggotaanFactory.create_batch(n, kelompok=dunia.kelompok_a)]
    for i in range(n):
        p = terlaksana(dunia, i + 1)
        for guru in anggota[:3]:
            KehadiranFactory(pertemuan=p, guru=guru, status="izin" if i % 2 else "hadir")


@pytest.mark.parametrize("tampil", ["anggota", "pertemuan"])
def test_rekap_kueri_terbatas(client, dunia, pengguna, tampil):
    client.force_login(pengguna["dinas"])
    _tambah(dunia, 3)
    sedikit = _kueri(client, url_rekap(dunia, tampil=tampil))
    _tambah(dunia, 30)
    assert _kueri(client, url_rekap(dunia, tampil=tampil)) == sedikit


# --- the meeting page's section -------------------------------------------------------------------------------


def test_bagian_kehadiran_di_halaman_pertemuan(client, dunia, pengguna, riwayat):
    _lama, baru = riwayat
    client.force_login(pengguna["sekretaris"])
    html = client.get(baru.get_absolute_url()).content.decode()
    assert "Hadir 1 dari 6 anggota" in html and "17%" in html
    assert reverse("kegiatan:kehadiran", args=[baru.pk]) in html
    assert reverse("kegiatan:kehadiran-qr", args=[baru.pk]) in html
    assert "Pak Camat" in html  # the list of names


def test_anggota_melihat_nama_dan_angka_dirinya_tanpa_tombol_pengurus(client, dunia, pengguna, riwayat):
    _lama, baru = riwayat
    client.force_login(pengguna["anggota"])
    html = client.get(baru.get_absolute_url()).content.decode()
    assert dunia.pendatang.nama in html
    assert "Anda tercatat: Sakit" in html
    assert "Kehadiran Anda di kelompok ini: 1 dari 2 pertemuan terlaksana (50%)" in html
    assert reverse("kegiatan:kehadiran", args=[baru.pk]) not in html
    assert reverse("kegiatan:kehadiran-rekap", args=[dunia.kelompok_a.pk]) not in html


def test_anggota_mendapat_petunjuk_check_in_pada_hari_pertemuan(client, dunia, pengguna):
    hari_ini = PertemuanFactory(kelompok=dunia.kelompok_a, tanggal=qr.hari_ini())
    client.force_login(pengguna["anggota"])
    assert "Pindai kode QR" in client.get(hari_ini.get_absolute_url()).content.decode()
