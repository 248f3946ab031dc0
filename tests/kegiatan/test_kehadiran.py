"""The daftar hadir: the roster of the meeting's date, one tap per member (htmx or plain POST), guests."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kegiatan import qr
from kegiatan.models import Kehadiran, Pertemuan
from kegiatan.services import kehadiran as layanan
from tests.factories import GuruFactory, KeanggotaanFactory
from tests.factories_kegiatan import KehadiranFactory, PertemuanFactory

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def rapat(dunia):
    """A planned meeting of KKG A, today."""
    return PertemuanFactory(kelompok=dunia.kelompok_a, tanggal=qr.hari_ini(), topik="Menyusun TP kelas 2")


def tandai(client, rapat, guru, status, **extra):
    return client.post(
        reverse("kegiatan:kehadiran-tandai", args=[rapat.pk]), {"guru": guru.pk, "status": status}, **extra
    )


# --- access -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "peran, kode",
    [
        ("ketua", 200),
        ("sekretaris", 200),
        ("admin", 200),
        ("bendahara", 403),
        ("anggota", 403),
        ("pengawas", 403),
        ("dinas", 403),
        ("guru_lain", 404),
        ("dinas_lain", 404),
    ],
)
@pytest.mark.parametrize("url", ["kegiatan:kehadiran", "kegiatan:kehadiran-qr", "kegiatan:kehadiran-alpa"])
def test_akses_halaman_daftar_hadir(client, pengguna, rapat, peran, kode, url):
    client.force_login(pengguna[peran])
    assert client.get(reverse(url, args=[rapat.pk])).status_code == kode


@pytest.mark.parametrize("url", ["kegiatan:kehadiran", "kegiatan:kehadiran-qr", "kegiatan:kehadiran-tandai"])
def test_tamu_tanpa_login_diarahkan_ke_login(client, rapat, url):
    respons = client.post(reverse(url, args=[rapat.pk]))
    assert respons.status_code == 302 and reverse("login") in respons.url


def test_anggota_tidak_dapat_menandai_lewat_post(client, dunia, pengguna, rapat):
    client.force_login(pengguna["anggota"])
    assert tandai(client, rapat, dunia.anggota, "hadir").status_code == 403
    assert not Kehadiran.objects.exists()


def test_sekretaris_kkg_b_tidak_menemukan_pertemuan_kkg_a(client, pengguna, rapat, dunia):
    client.force_login(pengguna["guru_lain"])
    assert tandai(client, rapat, dunia.anggota, "hadir").status_code == 404


# --- the roster -----------------------------------------------------------------------------------------------


def test_daftar_dari_anggota_pada_tanggal_pertemuan(client, dunia, pengguna, rapat):
    keluar = KeanggotaanFactory(kelompok=dunia.kelompok_a, selesai=rapat.tanggal - datetime.timedelta(days=1))
    baru = KeanggotaanFactory(kelompok=dunia.kelompok_a, mulai=rapat.tanggal)
    belum = KeanggotaanFactory(kelompok=dunia.kelompok_a, mulai=rapat.tanggal + datetime.timedelta(days=1))
    client.force_login(pengguna["sekretaris"])
    respons = client.get(reverse("kegiatan:kehadiran", args=[rapat.pk]))
    nama = {a.guru.nama for a in respons.context["roster"]}
    assert dunia.anggota.nama in nama and baru.guru.nama in nama
    assert keluar.guru.nama not in nama and belum.guru.nama not in nama
    assert dunia.kelompok_b.nama not in respons.content.decode()
    assert respons.context["ringkasan"]["anggota"] == 6  # 4 board members, anggota, the new one
    assert "Hadir 0 dari 6 anggota" in respons.content.decode()


def test_satu_ketukan_htmx_mengembalikan_baris_dan_penghitung(client, dunia, pengguna, rapat):
    client.force_login(pengguna["sekretaris"])
    respons = tandai(client, rapat, dunia.anggota, "hadir", **HX)
    assert respons.status_code == 200
    html = respons.content.decode()
    assert html.lstrip().startswith("<li") and f'id="baris-{dunia.anggota.pk}"' in html
    assert 'hx-swap-oob="true"' in html and "Hadir 1 dari 5 anggota" in html
    assert "<html" not in html
    baris = Kehadiran.objects.get(pertemuan=rapat, guru=dunia.anggota)
    assert (baris.status, baris.cara) == ("hadir", "dicatat")


def test_ketukan_kedua_mengubah_baris_yang_sama(client, dunia, pengguna, rapat):
    client.force_login(pengguna["sekretaris"])
    tandai(client, rapat, dunia.anggota, "hadir", **HX)
    tandai(client, rapat, dunia.anggota, "sakit", **HX)
    assert Kehadiran.objects.filter(pertemuan=rapat).count() == 1
    baris = Kehadiran.objects.get(pertemuan=rapat)
    assert baris.status == "sakit"
    assert baris.history.count() == 2  # simple_history: created, then changed


def test_post_biasa_tanpa_js_dialihkan_ke_baris(client, dunia, pengguna, rapat):
    client.force_login(pengguna["sekretaris"])
    respons = tandai(client, rapat, dunia.anggota, "izin")
    assert respons.status_code == 302
    assert respons.url == reverse("kegiatan:kehadiran", args=[rapat.pk]) + f"#baris-{dunia.anggota.pk}"
    assert Kehadiran.objects.get(pertemuan=rapat, guru=dunia.anggota).status == "izin"


@pytest.mark.parametrize("siapa", ["guru_calon", "guru_lain"])
def test_guru_bukan_anggota_dalam_post_ditolak(client, dunia, pengguna, rapat, siapa):
    client.force_login(pengguna["sekretaris"])
    respons = tandai(client, rapat, getattr(dunia, siapa), "hadir", **HX)
    assert respons["HX-Reswap"] == "none"
    assert "bukan anggota kelompok" in respons.content.decode()
    respons = tandai(client, rapat, getattr(dunia, siapa), "hadir", follow=True)
    assert "bukan anggota kelompok" in respons.content.decode()
    assert not Kehadiran.objects.exists()


def test_status_asing_ditolak(client, dunia, pengguna, rapat):
    client.force_login(pengguna["sekretaris"])
    tandai(client, rapat, dunia.anggota, "bolos")
    assert not Kehadiran.objects.exists()


def test_tandai_semua_yang_belum_sebagai_alpa(client, dunia, pengguna, rapat):
    KehadiranFactory(pertemuan=rapat, guru=dunia.anggota, status="hadir")
    client.force_login(pengguna["sekretaris"])
    url = reverse("kegiatan:kehadiran-alpa", args=[rapat.pk])
    assert "Tandai 4 anggota" in client.get(url).content.decode()  # asks first
    respons = client.post(url, follow=True)
    assert "4 anggota ditandai alpa" in respons.content.decode()
    assert Kehadiran.objects.filter(pertemuan=rapat, status="alpa").count() == 4
    assert Kehadiran.objects.get(guru=dunia.anggota).status == "hadir"
    assert Kehadiran.history.filter(status="alpa").count() == 4


def test_daftar_hadir_kueri_terbatas(client, dunia, pengguna, rapat, django_assert_max_num_queries):
    client.force_login(pengguna["sekretaris"])
    url = reverse("kegiatan:kehadiran", args=[rapat.pk])

    def jumlah_kueri():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as q:
            assert client.get(url).status_code == 200
        return len(q)

    for guru in KeanggotaanFactory.create_batch(3, kelompok=dunia.kelompok_a):
        KehadiranFactory(pertemuan=rapat, guru=guru.guru)
    sedikit = jumlah_kueri()
    for guru in KeanggotaanFactory.create_batch(30, kelompok=dunia.kelompok_a):
        KehadiranFactory(pertemuan=rapat, guru=guru.guru, status="izin")
    KehadiranFactory.create_batch(5, pertemuan=rapat, nama_tamu="Tamu", instansi_tamu="UPTD")
    assert jumlah_kueri() == sedikit


# --- rules of the service ---------------------------------------------------------------------------------


def test_pertemuan_yang_akan_datang_belum_dapat_diisi(client, dunia, pengguna, pertemuan_a):
    client.force_login(pengguna["sekretaris"])
    respons = client.get(reverse("kegiatan:kehadiran", args=[pertemuan_a.pk]))
    assert "baru dapat diisi pada hari pertemuan" in respons.content.decode()
    with pytest.raises(ValidationError, match="hari pertemuan"):
        layanan.catat_kehadiran(pertemuan_a, dunia.anggota, "hadir", oleh=pengguna["sekretaris"])


def test_pertemuan_terlaksana_yang_lalu_dapat_diisi(dunia, pengguna):
    lalu = PertemuanFactory(
        kelompok=dunia.kelompok_a, tanggal=qr.hari_ini() - datetime.timedelta(days=3), status="terlaksana"
    )
    baris = layanan.catat_kehadiran(lalu, dunia.anggota, "alpa", oleh=pengguna["sekretaris"])
    assert baris.status == "alpa"


def test_pertemuan_dibatalkan_tidak_dapat_diisi(dunia, pengguna, rapat):
    Pertemuan.objects.filter(pk=rapat.pk).update(status="dibatalkan", alasan_batal="Banjir")
    rapat.refresh_from_db()
    with pytest.raises(ValidationError, match="dibatalkan"):
        layanan.catat_kehadiran(rapat, dunia.anggota, "hadir", oleh=pengguna["sekretaris"])


def test_layanan_menolak_yang_tidak_berhak(dunia, pengguna, rapat):
    with pytest.raises(PermissionDenied):
        layanan.catat_kehadiran(rapat, dunia.anggota, "hadir", oleh=pengguna["bendahara"])


def test_layanan_menolak_guru_bukan_anggota(dunia, pengguna, rapat):
    with pytest.raises(ValidationError, match="bukan anggota"):
        layanan.catat_kehadiran(rapat, dunia.guru_calon, "hadir", oleh=pengguna["sekretaris"])


# --- guests -------------------------------------------------------------------------------------------------


def test_tambah_tamu(client, pengguna, rapat):
    client.force_login(pengguna["sekretaris"])
    url = reverse("kegiatan:kehadiran", args=[rapat.pk])
    respons = client.post(url, {"nama": "Dra. Cut Meutia", "instansi": "LPMP Aceh"})
    assert respons.status_code == 302
    tamu = Kehadiran.objects.get(pertemuan=rapat, guru=None)
    assert (tamu.nama_tamu, tamu.instansi_tamu, tamu.status) == ("Dra. Cut Meutia", "LPMP Aceh", "hadir")
    assert "Dra. Cut Meutia" in client.get(url).content.decode()


def test_tamu_tanpa_instansi_menampilkan_ulang_isian(client, pengguna, rapat):
    client.force_login(pengguna["sekretaris"])
    respons = client.post(reverse("kegiatan:kehadiran", args=[rapat.pk]), {"nama": "Dra. Cut Meutia", "instansi": ""})
    assert respons.status_code == 200
    assert respons.context["form"].errors["instansi"]
    assert 'value="Dra. Cut Meutia"' in respons.content.decode()
    assert not Kehadiran.objects.exists()


def test_hapus_tamu_dengan_konfirmasi(client, dunia, pengguna, rapat):
    tamu = KehadiranFactory(pertemuan=rapat, nama_tamu="Pak Camat", instansi_tamu="Kecamatan")
    anggota = KehadiranFactory(pertemuan=rapat, guru=dunia.anggota)
    client.force_login(pengguna["sekretaris"])
    url = reverse("kegiatan:kehadiran-tamu-hapus", args=[rapat.pk, tamu.pk])
    assert "Hapus Pak Camat dari daftar hadir?" in client.get(url).content.decode()
    assert Kehadiran.objects.filter(pk=tamu.pk).exists()
    client.post(url)
    assert not Kehadiran.objects.filter(pk=tamu.pk).exists()
    # A member's line is not a guest: it cannot be removed this way.
    assert client.post(reverse("kegiatan:kehadiran-tamu-hapus", args=[rapat.pk, anggota.pk])).status_code == 404


def test_hanya_tamu_yang_dapat_dihapus(dunia, pengguna, rapat):
    baris = KehadiranFactory(pertemuan=rapat, guru=dunia.anggota)
    with pytest.raises(ValidationError):
        layanan.hapus_tamu(baris, oleh=pengguna["sekretaris"])


def test_guru_tanpa_sekolah_di_wilayah_tetap_bukan_anggota(dunia, pengguna, rapat):
    asing = GuruFactory(sekolah=dunia.sekolah_b)
    with pytest.raises(ValidationError):
        layanan.catat_kehadiran(rapat, asing, "hadir", oleh=pengguna["ketua"])
