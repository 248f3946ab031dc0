"""gugus/akses.py: the roles read from the data, the scoped getters and `boleh`, per role of the conftest world."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from gugus import akses
from gugus.models import KelompokKerja, Kepengurusan
from tests.dunia import PERAN
from tests.factories import (
    KeanggotaanFactory,
    KelompokKerjaFactory,
    KepengurusanFactory,
    PendampinganFactory,
    UserFactory,
)

Jabatan = Kepengurusan.Jabatan
User = get_user_model()

ANGGOTA_A = ("ketua", "sekretaris", "bendahara", "koordinator", "anggota")
GURU_GUGUS_A = ("ketua_guru", "sekretaris_guru", "bendahara_guru", "koordinator_guru", "anggota", "guru_calon")


def _user(pengguna, peran):
    return pengguna[peran] or AnonymousUser()


def _segar(user):
    """The same user without the cached roles, as the next request would load it."""
    return User.objects.get(pk=user.pk)


def _nama(dunia, nama):
    if nama.endswith("_guru"):
        return dunia.pengurus[nama.removesuffix("_guru")].guru
    return getattr(dunia, nama)


def _harap(dunia, *nama):
    return {_nama(dunia, n) for n in nama}


def _per_peran(tabel):
    """Expands {"ketua sekretaris": (...), …} into pytest params per role; every role must appear once."""
    kasus = [(peran, harapan) for peran_peran, harapan in tabel.items() for peran in peran_peran.split()]
    assert sorted(p for p, _ in kasus) == sorted(PERAN)
    return [pytest.param(peran, harapan, id=peran) for peran, harapan in kasus]


# --- peran ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "peran, nama_peran",
    [
        ("ketua", ["ketua", "anggota"]),
        ("sekretaris", ["sekretaris", "anggota"]),
        ("bendahara", ["bendahara", "anggota"]),
        ("koordinator", ["koordinator", "anggota"]),
        ("anggota", ["anggota"]),
        ("pengawas", ["pengawas"]),
        ("dinas", ["dinas"]),
        ("admin", ["admin"]),
        ("guru_lain", ["anggota"]),
        ("dinas_lain", ["dinas"]),
        ("tamu", []),
    ],
)
def test_peran_dibaca_dari_data(pengguna, peran, nama_peran):
    assert akses.peran(_user(pengguna, peran)).nama_peran == nama_peran


def test_peran_ketua_menyebut_kelompoknya(dunia, pengguna):
    p = akses.peran(pengguna["ketua"])

    assert p.punya_jabatan(dunia.kelompok_a.pk, Jabatan.KETUA)
    assert not p.punya_jabatan(dunia.kelompok_b.pk, Jabatan.KETUA)


def test_peran_dinas_menyebut_kabupatennya(dunia, pengguna):
    assert akses.peran(pengguna["dinas"]).kabupaten_dinas == dunia.kabupaten_a.pk


def test_peran_disimpan_pada_objek_user(pengguna, django_assert_num_queries):
    user = pengguna["ketua"]
    akses.peran(user)

    with django_assert_num_queries(0):
        akses.peran(user)


def test_jabatan_yang_tidak_aktif_bukan_peran(dunia, pengguna):
    Kepengurusan.objects.filter(guru=dunia.ketua).update(aktif=False)

    assert "ketua" not in akses.peran(_segar(pengguna["ketua"])).nama_peran


def test_jabatan_yang_masa_berlakunya_habis_bukan_peran(dunia, pengguna):
    kemarin = timezone.localdate() - datetime.timedelta(days=1)
    Kepengurusan.objects.filter(guru=dunia.ketua).update(selesai=kemarin)

    assert "ketua" not in akses.peran(_segar(pengguna["ketua"])).nama_peran


def test_jabatan_yang_belum_mulai_bukan_peran(dunia):
    besok = timezone.localdate() + datetime.timedelta(days=1)
    calon = KepengurusanFactory(
        kelompok=dunia.kelompok_a, guru=dunia.guru_calon, jabatan=Jabatan.KOORDINATOR, mulai=besok
    )
    dunia.guru_calon.user = UserFactory()
    dunia.guru_calon.save()

    assert not akses.peran(dunia.guru_calon.user).punya_jabatan(calon.kelompok_id)


def test_pendampingan_yang_selesai_bukan_peran(dunia, pengguna):
    dunia.pendampingan_a.selesai = timezone.localdate() - datetime.timedelta(days=1)
    dunia.pendampingan_a.save()

    assert akses.peran(_segar(pengguna["pengawas"])).nama_peran == []


def test_keanggotaan_yang_selesai_bukan_peran(dunia, pengguna):
    dunia.keanggotaan_anggota.selesai = timezone.localdate() - datetime.timedelta(days=1)
    dunia.keanggotaan_anggota.save()

    assert akses.peran(_segar(pengguna["anggota"])).nama_peran == []


# --- scoped getters ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "peran, harapan",
    _per_peran(
        {
            " ".join(ANGGOTA_A) + " pengawas dinas": ("kelompok_a",),
            "admin": ("kelompok_a", "kelompok_b"),
            "guru_lain dinas_lain": ("kelompok_b",),
            "tamu": (),
        }
    ),
)
def test_kelompok_untuk(dunia, pengguna, peran, harapan):
    assert set(akses.kelompok_untuk(_user(pengguna, peran))) == _harap(dunia, *harapan)


@pytest.mark.parametrize(
    "peran, harapan",
    _per_peran(
        {
            " ".join(ANGGOTA_A) + " pengawas": ("sekolah_a1", "sekolah_a2"),
            "dinas": ("sekolah_a1", "sekolah_a2", "sekolah_a_lain"),
            "admin": ("sekolah_a1", "sekolah_a2", "sekolah_a_lain", "sekolah_b"),
            "guru_lain dinas_lain": ("sekolah_b",),
            "tamu": (),
        }
    ),
)
def test_sekolah_untuk(dunia, pengguna, peran, harapan):
    assert set(akses.sekolah_untuk(_user(pengguna, peran))) == _harap(dunia, *harapan)


@pytest.mark.parametrize(
    "peran, harapan",
    _per_peran(
        {
            " ".join(ANGGOTA_A) + " pengawas": ("gugus_a",),
            "dinas": ("gugus_a", "gugus_a_lain"),
            "admin": ("gugus_a", "gugus_a_lain", "gugus_b"),
            "guru_lain dinas_lain": ("gugus_b",),
            "tamu": (),
        }
    ),
)
def test_gugus_untuk(dunia, pengguna, peran, harapan):
    assert set(akses.gugus_untuk(_user(pengguna, peran))) == _harap(dunia, *harapan)


@pytest.mark.parametrize(
    "peran, harapan",
    _per_peran(
        {
            " ".join(ANGGOTA_A) + " pengawas": GURU_GUGUS_A,
            "dinas": (*GURU_GUGUS_A, "guru_luar"),
            "admin": (*GURU_GUGUS_A, "guru_luar", "guru_lain"),
            "guru_lain dinas_lain": ("guru_lain",),
            "tamu": (),
        }
    ),
)
def test_guru_untuk(dunia, pengguna, peran, harapan):
    assert set(akses.guru_untuk(_user(pengguna, peran))) == _harap(dunia, *harapan)


@pytest.mark.parametrize(
    "peran, harapan",
    _per_peran(
        {
            " ".join(ANGGOTA_A) + " pengawas guru_lain tamu": (),
            "dinas": ("kabupaten_a",),
            "admin": ("kabupaten_a", "kabupaten_b"),
            "dinas_lain": ("kabupaten_b",),
        }
    ),
)
def test_kabupaten_untuk(dunia, pengguna, peran, harapan):
    assert set(akses.kabupaten_untuk(_user(pengguna, peran))) == _harap(dunia, *harapan)


def test_kecamatan_untuk_dinas_hanya_di_kabupatennya(dunia, pengguna):
    assert set(akses.kecamatan_untuk(pengguna["dinas"])) == {dunia.gugus_a.kecamatan}


def test_kecamatan_untuk_guru_kosong(pengguna):
    assert not akses.kecamatan_untuk(pengguna["ketua"]).exists()


def test_pengawas_untuk_dinas_hanya_di_kabupatennya(dunia, pengguna):
    PendampinganFactory(kelompok=dunia.kelompok_b)

    assert set(akses.pengawas_untuk(pengguna["dinas"])) == {dunia.pendampingan_a.pengawas}


def test_pengawas_untuk_ketua_kosong(pengguna):
    assert not akses.pengawas_untuk(pengguna["ketua"]).exists()


def test_keanggotaan_untuk_hanya_dari_kelompok_yang_terlihat(dunia, pengguna):
    assert {k.kelompok for k in akses.keanggotaan_untuk(pengguna["guru_lain"])} == {dunia.kelompok_b}


def test_kepengurusan_untuk_hanya_dari_kelompok_yang_terlihat(dunia, pengguna):
    KepengurusanFactory(kelompok=dunia.kelompok_b)

    assert {k.kelompok for k in akses.kepengurusan_untuk(pengguna["dinas"])} == {dunia.kelompok_a}


def test_pendampingan_untuk_hanya_dari_kelompok_yang_terlihat(dunia, pengguna):
    PendampinganFactory(kelompok=dunia.kelompok_b)

    assert set(akses.pendampingan_untuk(pengguna["anggota"])) == {dunia.pendampingan_a}


def test_anggota_kelompok_tingkat_kecamatan_melihat_sekolah_sekecamatan(dunia, pengguna):
    kelompok = KelompokKerjaFactory(
        cakupan=KelompokKerja.Cakupan.KECAMATAN, gugus=None, kecamatan=dunia.gugus_a.kecamatan
    )
    KeanggotaanFactory(kelompok=kelompok, guru=dunia.anggota)

    terlihat = set(akses.sekolah_untuk(_segar(pengguna["anggota"])))

    assert terlihat == {dunia.sekolah_a1, dunia.sekolah_a2, dunia.sekolah_a_lain}


# --- boleh ---------------------------------------------------------------------------------------------------

# Every role but the Dinas and the admin (the other kabupaten's Dinas is added where it differs).
SEMUA_KECUALI = "ketua sekretaris bendahara koordinator anggota pengawas guru_lain tamu"


@pytest.mark.parametrize(
    "peran, harapan",
    _per_peran({"dinas admin dinas_lain": True, SEMUA_KECUALI: False}),
)
def test_boleh_kelola_master(pengguna, peran, harapan):
    assert akses.boleh(_user(pengguna, peran), "kelola_master") is harapan


@pytest.mark.parametrize("aksi", ["ubah", "hapus"])
@pytest.mark.parametrize("objek", ["kelompok_a", "gugus_a", "sekolah_a1", "anggota"])
@pytest.mark.parametrize(
    "peran, harapan",
    _per_peran({"dinas admin": True, SEMUA_KECUALI + " dinas_lain": False}),
)
def test_boleh_ubah_dan_hapus_hanya_dinas_kabupatennya(dunia, pengguna, aksi, objek, peran, harapan):
    assert akses.boleh(_user(pengguna, peran), aksi, getattr(dunia, objek)) is harapan


@pytest.mark.parametrize(
    "peran, harapan",
    _per_peran({"dinas admin": True, SEMUA_KECUALI + " dinas_lain": False}),
)
def test_boleh_kelola_pendampingan_hanya_dinas_kabupatennya(dunia, pengguna, peran, harapan):
    assert akses.boleh(_user(pengguna, peran), "kelola_pendampingan", dunia.kelompok_a) is harapan


@pytest.mark.parametrize("aksi", ["kelola_anggota", "kelola_pengurus"])
@pytest.mark.parametrize(
    "peran, harapan",
    _per_peran(
        {
            "ketua dinas admin": True,
            "sekretaris bendahara koordinator anggota pengawas guru_lain dinas_lain tamu": False,
        }
    ),
)
def test_boleh_kelola_anggota_dan_pengurus(dunia, pengguna, aksi, peran, harapan):
    assert akses.boleh(_user(pengguna, peran), aksi, dunia.kelompok_a) is harapan


def test_ketua_kelompok_lain_tidak_boleh_kelola_anggota(dunia):
    ketua_b = KepengurusanFactory(kelompok=dunia.kelompok_b, guru__user=UserFactory()).guru.user

    assert not akses.boleh(ketua_b, "kelola_anggota", dunia.kelompok_a)


def test_ketua_yang_sudah_tidak_aktif_tidak_boleh_kelola_anggota(dunia, pengguna):
    Kepengurusan.objects.filter(guru=dunia.ketua).update(aktif=False)

    assert not akses.boleh(_segar(pengguna["ketua"]), "kelola_anggota", dunia.kelompok_a)


@pytest.mark.parametrize(
    "peran, harapan",
    _per_peran(
        {
            "ketua sekretaris bendahara koordinator anggota pengawas dinas admin": True,
            "guru_lain dinas_lain tamu": False,
        }
    ),
)
def test_boleh_lihat_kontak_anggota(dunia, pengguna, peran, harapan):
    """The guru, the board and the pengawas of their group, and the Dinas see NIP, NUPTK and contacts."""
    assert akses.boleh(_user(pengguna, peran), "lihat_kontak", dunia.anggota) is harapan


@pytest.mark.parametrize(
    "peran, harapan",
    _per_peran(
        {
            "dinas admin": True,
            "ketua sekretaris bendahara koordinator anggota pengawas guru_lain dinas_lain tamu": False,
        }
    ),
)
def test_boleh_lihat_kontak_guru_yang_bukan_anggota(dunia, pengguna, peran, harapan):
    assert akses.boleh(_user(pengguna, peran), "lihat_kontak", dunia.guru_calon) is harapan


def test_aksi_yang_tidak_dikenal_ditolak_dengan_galat(dunia, pengguna):
    with pytest.raises(ValueError):
        akses.boleh(pengguna["admin"], "terbang", dunia.kelompok_a)
