"""gugus/akses.py's one table of action → rule: every app's actions answered by one `boleh`, refused by one
`pastikan_boleh`, and the notulen buttons worked out once for the page and the meeting's section."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.urls import reverse

from gugus import akses
from kegiatan.models import Notulen, Pertemuan
from kegiatan.templatetags.notulen_tags import bagian_notulen
from tests.factories_kegiatan import NotulenFactory, PertemuanFactory

KEMARIN = datetime.date.today() - datetime.timedelta(days=1)
Status = Notulen.Status


@pytest.fixture
def pertemuan(dunia):
    """KKG A's meeting, held yesterday."""
    return PertemuanFactory(kelompok=dunia.kelompok_a, tanggal=KEMARIN, status=Pertemuan.Status.TERLAKSANA)


# --- the table -------------------------------------------------------------------------------------------------


def test_kegiatan_mendaftarkan_aksinya_di_tabel_gugus():
    kegiatan = {"kelola_program", "kelola_pertemuan", "catat_kehadiran", "tulis_notulen", "setujui_notulen"}
    kegiatan |= {"kurasi_produk", "kelola_kas", "lihat_kas", "lihat_riwayat", "ikut"}
    assert kegiatan <= set(akses.ATURAN)
    assert all(akses.ATURAN[a].__module__ == "kegiatan.akses" for a in kegiatan)


@pytest.mark.parametrize(
    "peran, harapan",
    [("bendahara", True), ("admin", True), ("ketua", False), ("pengawas", False), ("anggota", False), ("tamu", False)],
)
def test_boleh_gugus_menjawab_aksi_yang_didaftarkan_kegiatan(dunia, pengguna, peran, harapan):
    assert akses.boleh(pengguna[peran], "kelola_kas", dunia.kelompok_a) is harapan


@pytest.mark.parametrize("peran", ["admin", "anggota", "tamu"])
def test_aksi_yang_tidak_dikenal_galat_untuk_siapa_pun(pengguna, dunia, peran):
    with pytest.raises(ValueError, match="terbang"):
        akses.boleh(pengguna[peran], "terbang", dunia.kelompok_a)


def test_pastikan_boleh_menolak_dengan_permission_denied(dunia, pengguna):
    akses.pastikan_boleh(pengguna["bendahara"], "kelola_kas", dunia.kelompok_a)  # allowed: no exception
    with pytest.raises(PermissionDenied):
        akses.pastikan_boleh(pengguna["anggota"], "kelola_kas", dunia.kelompok_a)
    with pytest.raises(PermissionDenied):
        akses.pastikan_boleh(None, "kelola_master")


def test_aksi_untuk_memberi_yang_boleh_saja(dunia, pengguna):
    ketua = pengguna["ketua"]
    aksi = ("kelola_anggota", "kelola_pendampingan", "kelola_program", "kelola_kas", "")
    assert akses.aksi_untuk(ketua, dunia.kelompok_a, *aksi) == {"kelola_anggota", "kelola_program"}


@pytest.fixture
def tabel_sementara(monkeypatch):
    """The table as it is, restored after the test."""
    monkeypatch.setattr(akses, "ATURAN", dict(akses.ATURAN))
    return akses.ATURAN


def test_aplikasi_lain_mendaftarkan_aksi_dengan_satu_baris(dunia, pengguna, tabel_sementara):
    akses.daftarkan_aksi("contoh_ajukan", lambda user, p, kelompok: p.punya_jabatan(kelompok.pk, "ketua"))
    assert akses.boleh(pengguna["ketua"], "contoh_ajukan", dunia.kelompok_a)
    assert not akses.boleh(pengguna["sekretaris"], "contoh_ajukan", dunia.kelompok_a)
    assert akses.boleh(pengguna["admin"], "contoh_ajukan", dunia.kelompok_a)


def test_daftarkan_aksi_sebagai_dekorator(dunia, pengguna, tabel_sementara):
    @akses.daftarkan_aksi("contoh_terima")
    def _dinas(user, p, obj):
        return p.is_dinas

    assert akses.boleh(pengguna["dinas"], "contoh_terima", dunia.kelompok_a)
    assert not akses.boleh(pengguna["ketua"], "contoh_terima", dunia.kelompok_a)


def test_nama_aksi_milik_modul_lain_tidak_boleh_direbut(tabel_sementara):
    def rebut(user, p, obj):
        return True

    rebut.__module__ = "laporan.akses"
    with pytest.raises(ImproperlyConfigured, match="kelola_kas"):
        akses.daftarkan_aksi("kelola_kas", rebut)
    assert tabel_sementara["kelola_kas"].__module__ == "kegiatan.akses"


# --- the notulen buttons: one answer for the page and the meeting's section --------------------------------------

KEADAAN = {
    "kosong": [],
    "draf": [Status.DRAFT],
    "diajukan": [Status.DIAJUKAN],
    "disetujui": [Status.DISETUJUI],
    "revisi_terbuka": [Status.DISETUJUI, Status.DRAFT],
}


@pytest.mark.parametrize("keadaan", KEADAAN)
@pytest.mark.parametrize("peran", ["ketua", "sekretaris", "anggota", "pengawas", "admin"])
def test_aksi_notulen_sama_di_halaman_dan_di_bagian_pertemuan(client, pengguna, pertemuan, peran, keadaan):
    for versi, status in enumerate(KEADAAN[keadaan], start=1):
        NotulenFactory(pertemuan=pertemuan, versi=versi, status=status)
    user = pengguna[peran]
    client.force_login(user)
    r = client.get(reverse("kegiatan:notulen-detail", args=[pertemuan.pk]))
    assert r.status_code == 200
    dari_tag = bagian_notulen({"user": user}, pertemuan)["aksi_notulen"]
    assert r.context["aksi_notulen"] == dari_tag


@pytest.mark.parametrize(
    "peran, keadaan, harapan",
    [
        ("sekretaris", "kosong", {"mulai"}),
        ("sekretaris", "draf", {"ubah", "ajukan"}),
        ("ketua", "diajukan", {"setujui"}),
        ("sekretaris", "diajukan", set()),
        ("sekretaris", "disetujui", {"distribusi", "revisi"}),
        ("sekretaris", "revisi_terbuka", {"ubah", "ajukan"}),
        ("anggota", "disetujui", set()),
    ],
)
def test_aksi_notulen_per_peran_dan_keadaan(pengguna, pertemuan, peran, keadaan, harapan):
    for versi, status in enumerate(KEADAAN[keadaan], start=1):
        NotulenFactory(pertemuan=pertemuan, versi=versi, status=status)
    assert bagian_notulen({"user": pengguna[peran]}, pertemuan)["aksi_notulen"] == harapan


def test_draf_pertemuan_yang_dibatalkan_tidak_dapat_diubah_tetapi_dapat_diajukan(pengguna, pertemuan):
    NotulenFactory(pertemuan=pertemuan, status=Status.DRAFT)
    pertemuan.status, pertemuan.alasan_batal = Pertemuan.Status.DIBATALKAN, "Banjir"
    pertemuan.save()
    assert bagian_notulen({"user": pengguna["sekretaris"]}, pertemuan)["aksi_notulen"] == {"ajukan"}
