"""Reflections: one per participant who attended, after the meeting; an In-2 reflects on its On."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kegiatan import qr
from kegiatan.models import Pertemuan, Refleksi
from kegiatan.services import kehadiran as layanan
from tests.factories_kegiatan import KehadiranFactory, PertemuanFactory, RefleksiFactory

HARI = datetime.timedelta(days=1)


@pytest.fixture
def lalu(dunia):
    """A held meeting of KKG A, three days ago, which the anggota attended."""
    p = PertemuanFactory(
        kelompok=dunia.kelompok_a, tanggal=qr.hari_ini() - 3 * HARI, status="terlaksana", topik="Asesmen diagnostik"
    )
    KehadiranFactory(pertemuan=p, guru=dunia.anggota, status="hadir")
    return p


def url(p):
    return reverse("kegiatan:refleksi-tulis", args=[p.pk])


def test_peserta_menulis_refleksi(client, dunia, pengguna, lalu):
    client.force_login(pengguna["anggota"])
    assert client.get(url(lalu)).status_code == 200
    respons = client.post(url(lalu), {"nilai": "5", "isi": "Saya akan mencoba asesmen awal."})
    assert respons.status_code == 302 and respons.url == lalu.get_absolute_url()
    r = Refleksi.objects.get(pertemuan=lalu, guru=dunia.anggota)
    assert (r.nilai, r.isi) == (5, "Saya akan mencoba asesmen awal.")


def test_mengubah_refleksi_sendiri(client, dunia, pengguna, lalu):
    RefleksiFactory(pertemuan=lalu, guru=dunia.anggota, nilai=2, isi="Kurang jelas.")
    client.force_login(pengguna["anggota"])
    respons = client.get(url(lalu))
    assert "Kurang jelas." in respons.content.decode() and "Ubah refleksi Anda" in respons.content.decode()
    client.post(url(lalu), {"nilai": "4", "isi": "Setelah dicoba, ternyata berguna."})
    r = Refleksi.objects.get(pertemuan=lalu, guru=dunia.anggota)
    assert (r.nilai, r.isi) == (4, "Setelah dicoba, ternyata berguna.")
    assert Refleksi.objects.count() == 1


@pytest.mark.parametrize("nilai", ["0", "6", "", "lima"])
def test_nilai_di_luar_1_5_menampilkan_ulang_isian(client, pengguna, lalu, nilai):
    client.force_login(pengguna["anggota"])
    respons = client.post(url(lalu), {"nilai": nilai, "isi": "Teks yang sudah saya ketik"})
    assert respons.status_code == 200
    html = respons.content.decode()
    assert "Pilih nilai 1 sampai 5." in html and "Teks yang sudah saya ketik" in html
    assert not Refleksi.objects.exists()


def test_yang_tidak_hadir_ditolak_dengan_pesan(client, dunia, pengguna, lalu):
    client.force_login(pengguna["ketua"])  # a member, but not on the attendance list
    for respons in (client.get(url(lalu)), client.post(url(lalu), {"nilai": "5", "isi": "x"})):
        assert respons.status_code == 403
        assert "hanya dapat ditulis oleh peserta yang tercatat hadir" in respons.content.decode()
    assert not Refleksi.objects.exists()


def test_yang_izin_tidak_dapat_menulis(dunia, pengguna, lalu):
    KehadiranFactory(pertemuan=lalu, guru=dunia.ketua, status="izin")
    with pytest.raises(ValidationError, match="tercatat hadir"):
        layanan.tulis_refleksi(lalu, nilai=4, isi="x", oleh=pengguna["ketua"])


def test_sebelum_pertemuan_belum_dapat_menulis(client, dunia, pengguna, pertemuan_a):
    KehadiranFactory(pertemuan=pertemuan_a, guru=dunia.anggota)
    client.force_login(pengguna["anggota"])
    respons = client.get(url(pertemuan_a))
    assert respons.status_code == 403 and "setelah pertemuan berlangsung" in respons.content.decode()


@pytest.mark.parametrize("peran, kode", [("pengawas", 403), ("dinas", 403), ("guru_lain", 404)])
def test_bukan_anggota_tidak_dapat_menulis(client, pengguna, lalu, peran, kode):
    client.force_login(pengguna[peran])
    assert client.get(url(lalu)).status_code == kode


def test_tanpa_login(client, lalu):
    assert client.get(url(lalu)).status_code == 302


def test_in2_bertanya_tentang_on_dan_on_menampilkannya(client, dunia, pengguna):
    on = PertemuanFactory(
        kelompok=dunia.kelompok_a, jenis="on", tanggal=qr.hari_ini() - 14 * HARI, status="terlaksana",
        topik="Praktik pembelajaran berdiferensiasi",
    )  # fmt: skip
    in2 = PertemuanFactory(
        kelompok=dunia.kelompok_a, jenis=Pertemuan.Jenis.IN_2, pertemuan_on=on, tanggal=qr.hari_ini() - HARI,
        status="terlaksana", topik="Refleksi praktik",
    )  # fmt: skip
    KehadiranFactory(pertemuan=in2, guru=dunia.anggota)
    client.force_login(pengguna["anggota"])
    form = client.get(url(in2)).content.decode()
    assert "Refleksi praktik On: Praktik pembelajaran berdiferensiasi" in form
    client.post(url(in2), {"nilai": "3", "isi": "Kelompok kecil sulit diatur di kelas saya."})

    client.force_login(pengguna["ketua"])
    halaman_on = client.get(on.get_absolute_url()).content.decode()
    assert "Refleksi di In-2 atas praktik ini" in halaman_on
    assert "Kelompok kecil sulit diatur di kelas saya." in halaman_on


def test_bagian_refleksi_pengurus_melihat_semua_anggota_hanya_rata_rata(client, dunia, pengguna, lalu):
    RefleksiFactory(pertemuan=lalu, guru=dunia.ketua, nilai=5, isi="Sangat berguna bagi kelas 2.")
    RefleksiFactory(pertemuan=lalu, guru=dunia.anggota, nilai=4, isi="Perlu contoh lebih banyak.")
    client.force_login(pengguna["ketua"])
    html = client.get(lalu.get_absolute_url()).content.decode()
    assert "Sangat berguna bagi kelas 2." in html and "Perlu contoh lebih banyak." in html
    assert "4,5" in html or "4.5" in html

    client.force_login(pengguna["sekretaris"])  # board: sees the texts, but did not attend: no button
    html = client.get(lalu.get_absolute_url()).content.decode()
    assert "Perlu contoh lebih banyak." in html and url(lalu) not in html

    client.force_login(pengguna["anggota"])
    html = client.get(lalu.get_absolute_url()).content.decode()
    assert "Perlu contoh lebih banyak." in html  # their own
    assert "Sangat berguna bagi kelas 2." not in html  # another's text stays with the board
    assert "Ubah refleksi saya" in html and url(lalu) in html


def test_peserta_belum_menulis_melihat_tombol(client, pengguna, lalu):
    client.force_login(pengguna["anggota"])
    assert "Tulis refleksi" in client.get(lalu.get_absolute_url()).content.decode()
