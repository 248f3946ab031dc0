"""gugus/services.py: appointing and ending members, board members and pengawas."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gugus import akses, services
from gugus.models import Keanggotaan, Kepengurusan, Pendampingan
from tests.factories import KepengurusanFactory, PengawasFactory, UserFactory

Jabatan = Kepengurusan.Jabatan
User = get_user_model()
MULAI_BARU = datetime.date(2025, 8, 1)


def _segar(user):
    """The same user without the cached roles, as the next request would load it."""
    return User.objects.get(pk=user.pk)


def _kemarin():
    return timezone.localdate() - datetime.timedelta(days=1)


@pytest.fixture
def ketua_lama(dunia):
    return dunia.pengurus[Jabatan.KETUA]


def _angkat_ketua_baru(dunia, oleh, guru=None, **kwargs):
    return services.angkat_pengurus(
        dunia.kelompok_a, guru=guru or dunia.guru_calon, jabatan=Jabatan.KETUA, mulai=MULAI_BARU, oleh=oleh, **kwargs
    )


# --- angkat_pengurus -----------------------------------------------------------------------------------------


def test_ketua_baru_menggantikan_ketua_lama(dunia, pengguna, ketua_lama):
    baru = _angkat_ketua_baru(dunia, oleh=pengguna["dinas"])

    ketua_lama.refresh_from_db()
    assert not ketua_lama.aktif
    assert ketua_lama.selesai == datetime.date(2025, 7, 31)
    assert list(dunia.kelompok_a.kepengurusan.filter(jabatan=Jabatan.KETUA, aktif=True)) == [baru]


def test_ketua_baru_menjadi_anggota_sejak_mulai_menjabat(dunia, pengguna):
    _angkat_ketua_baru(dunia, oleh=pengguna["dinas"])

    anggota = Keanggotaan.objects.get(kelompok=dunia.kelompok_a, guru=dunia.guru_calon)
    assert anggota.mulai == MULAI_BARU
    assert anggota.selesai is None


def test_pengurus_yang_sudah_anggota_tidak_didaftarkan_dua_kali(dunia, pengguna):
    services.angkat_pengurus(
        dunia.kelompok_a,
        guru=dunia.anggota,
        jabatan=Jabatan.KOORDINATOR,
        bidang="PJOK",
        mulai=MULAI_BARU,
        oleh=pengguna["ketua"],
    )

    assert Keanggotaan.objects.filter(kelompok=dunia.kelompok_a, guru=dunia.anggota).count() == 1


def test_ketua_mengangkat_penggantinya_sendiri(dunia, pengguna, ketua_lama):
    _angkat_ketua_baru(dunia, oleh=pengguna["ketua"])

    ketua_lama.refresh_from_db()
    assert not ketua_lama.aktif


def test_koordinator_baru_tidak_menggantikan_koordinator_lama(dunia, pengguna):
    lama = dunia.pengurus[Jabatan.KOORDINATOR]

    services.angkat_pengurus(
        dunia.kelompok_a,
        guru=dunia.guru_calon,
        jabatan=Jabatan.KOORDINATOR,
        bidang="PAI",
        mulai=MULAI_BARU,
        oleh=pengguna["ketua"],
    )

    lama.refresh_from_db()
    assert lama.aktif
    assert lama.selesai is None


def test_koordinator_tanpa_bidang_ditolak(dunia, pengguna):
    with pytest.raises(ValidationError) as galat:
        services.angkat_pengurus(
            dunia.kelompok_a,
            guru=dunia.guru_calon,
            jabatan=Jabatan.KOORDINATOR,
            mulai=MULAI_BARU,
            oleh=pengguna["ketua"],
        )

    assert "bidang" in galat.value.message_dict


def test_ketua_kelompok_lain_tidak_boleh_mengangkat_pengurus(dunia, ketua_lama):
    ketua_b = KepengurusanFactory(kelompok=dunia.kelompok_b, guru__user=UserFactory()).guru.user

    with pytest.raises(PermissionDenied):
        _angkat_ketua_baru(dunia, oleh=ketua_b)

    ketua_lama.refresh_from_db()
    assert ketua_lama.aktif


@pytest.mark.parametrize("peran", ["sekretaris", "anggota", "pengawas", "dinas_lain"])
def test_selain_ketua_dinas_dan_admin_tidak_boleh_mengangkat_pengurus(dunia, pengguna, peran):
    with pytest.raises(PermissionDenied):
        _angkat_ketua_baru(dunia, oleh=pengguna[peran])


def test_guru_di_luar_wilayah_kelompok_tidak_bisa_menjadi_pengurus(dunia, pengguna, ketua_lama):
    with pytest.raises(ValidationError) as galat:
        _angkat_ketua_baru(dunia, oleh=pengguna["dinas"], guru=dunia.guru_luar)

    assert "guru" in galat.value.message_dict
    ketua_lama.refresh_from_db()
    assert ketua_lama.aktif
    assert not Keanggotaan.objects.filter(guru=dunia.guru_luar).exists()


def test_masa_jabatan_lama_yang_sudah_habis_tidak_diperpanjang(dunia, pengguna, ketua_lama):
    ketua_lama.selesai = datetime.date(2024, 12, 31)
    ketua_lama.save()

    _angkat_ketua_baru(dunia, oleh=pengguna["dinas"])

    ketua_lama.refresh_from_db()
    assert ketua_lama.selesai == datetime.date(2024, 12, 31)


# --- tambah_anggota ------------------------------------------------------------------------------------------


def test_ketua_menambah_anggota(dunia, pengguna):
    anggota = services.tambah_anggota(dunia.kelompok_a, guru=dunia.guru_calon, mulai=MULAI_BARU, oleh=pengguna["ketua"])

    assert anggota.kelompok == dunia.kelompok_a
    assert anggota.mulai == MULAI_BARU


def test_anggota_yang_sudah_terdaftar_tidak_bisa_ditambah_lagi(dunia, pengguna):
    with pytest.raises(ValidationError) as galat:
        services.tambah_anggota(dunia.kelompok_a, guru=dunia.anggota, mulai=MULAI_BARU, oleh=pengguna["ketua"])

    assert "guru" in galat.value.message_dict
    assert Keanggotaan.objects.filter(kelompok=dunia.kelompok_a, guru=dunia.anggota).count() == 1


def test_guru_di_luar_wilayah_tidak_bisa_menjadi_anggota(dunia, pengguna):
    with pytest.raises(ValidationError):
        services.tambah_anggota(dunia.kelompok_a, guru=dunia.guru_luar, mulai=MULAI_BARU, oleh=pengguna["ketua"])

    assert not Keanggotaan.objects.filter(guru=dunia.guru_luar).exists()


def test_sekretaris_tidak_boleh_menambah_anggota(dunia, pengguna):
    with pytest.raises(PermissionDenied):
        services.tambah_anggota(dunia.kelompok_a, guru=dunia.guru_calon, mulai=MULAI_BARU, oleh=pengguna["sekretaris"])


def test_anggota_yang_pernah_keluar_bisa_ditambah_lagi(dunia, pengguna):
    services.akhiri_keanggotaan(dunia.keanggotaan_anggota, oleh=pengguna["ketua"], pada=_kemarin())

    services.tambah_anggota(dunia.kelompok_a, guru=dunia.anggota, mulai=timezone.localdate(), oleh=pengguna["ketua"])

    assert Keanggotaan.objects.filter(kelompok=dunia.kelompok_a, guru=dunia.anggota).count() == 2


# --- akhiri_* ------------------------------------------------------------------------------------------------


def test_akhiri_keanggotaan_mencatat_tanggal_selesai(dunia, pengguna):
    services.akhiri_keanggotaan(dunia.keanggotaan_anggota, oleh=pengguna["ketua"], pada=_kemarin())

    dunia.keanggotaan_anggota.refresh_from_db()
    assert dunia.keanggotaan_anggota.selesai == _kemarin()


def test_setelah_keanggotaan_berakhir_guru_bukan_anggota_lagi(dunia, pengguna):
    services.akhiri_keanggotaan(dunia.keanggotaan_anggota, oleh=pengguna["ketua"], pada=_kemarin())

    assert dunia.kelompok_a.pk not in akses.peran(_segar(pengguna["anggota"])).anggota_dari


def test_keanggotaan_yang_diakhiri_hari_ini_tidak_berlaku_lagi(dunia, pengguna):
    services.akhiri_keanggotaan(dunia.keanggotaan_anggota, oleh=pengguna["ketua"])

    assert dunia.kelompok_a.pk not in akses.peran(_segar(pengguna["anggota"])).anggota_dari


def test_akhiri_keanggotaan_tidak_sebelum_mulai(dunia, pengguna):
    services.akhiri_keanggotaan(dunia.keanggotaan_anggota, oleh=pengguna["ketua"], pada=datetime.date(2020, 1, 1))

    dunia.keanggotaan_anggota.refresh_from_db()
    assert dunia.keanggotaan_anggota.selesai == dunia.keanggotaan_anggota.mulai


def test_pengawas_tidak_boleh_mengakhiri_keanggotaan(dunia, pengguna):
    with pytest.raises(PermissionDenied):
        services.akhiri_keanggotaan(dunia.keanggotaan_anggota, oleh=pengguna["pengawas"])


def test_akhiri_jabatan_mencatat_tanggal_selesai(dunia, pengguna):
    sekretaris = dunia.pengurus[Jabatan.SEKRETARIS]

    services.akhiri_jabatan(sekretaris, oleh=pengguna["ketua"])

    sekretaris.refresh_from_db()
    assert not sekretaris.aktif
    assert sekretaris.selesai == timezone.localdate()


def test_setelah_jabatan_berakhir_peran_hilang(dunia, pengguna):
    services.akhiri_jabatan(dunia.pengurus[Jabatan.SEKRETARIS], oleh=pengguna["ketua"])

    assert akses.peran(_segar(pengguna["sekretaris"])).nama_peran == ["anggota"]


def test_ketua_yang_jabatannya_berakhir_tidak_lagi_mengelola_anggota(dunia, pengguna, ketua_lama):
    services.akhiri_jabatan(ketua_lama, oleh=pengguna["dinas"])

    assert not akses.boleh(_segar(pengguna["ketua"]), "kelola_anggota", dunia.kelompok_a)


def test_akhiri_pendampingan_mencatat_tanggal_selesai(dunia, pengguna):
    services.akhiri_pendampingan(dunia.pendampingan_a, oleh=pengguna["dinas"], pada=_kemarin())

    dunia.pendampingan_a.refresh_from_db()
    assert dunia.pendampingan_a.selesai == _kemarin()


def test_setelah_pendampingan_berakhir_pengawas_tidak_mendampingi_lagi(dunia, pengguna):
    services.akhiri_pendampingan(dunia.pendampingan_a, oleh=pengguna["dinas"], pada=_kemarin())

    pengawas = _segar(pengguna["pengawas"])
    assert akses.peran(pengawas).nama_peran == []
    assert not akses.kelompok_untuk(pengawas).exists()


def test_ketua_tidak_boleh_mengakhiri_pendampingan(dunia, pengguna):
    with pytest.raises(PermissionDenied):
        services.akhiri_pendampingan(dunia.pendampingan_a, oleh=pengguna["ketua"])


# --- tugaskan_pengawas ---------------------------------------------------------------------------------------


def test_dinas_menugaskan_pengawas_kabupatennya(dunia, pengguna):
    pengawas = PengawasFactory(kabupaten=dunia.kabupaten_a)

    pendampingan = services.tugaskan_pengawas(
        dunia.kelompok_a, pengawas=pengawas, mulai=MULAI_BARU, oleh=pengguna["dinas"]
    )

    assert pendampingan.kelompok == dunia.kelompok_a
    assert dunia.kelompok_a.pk in akses.peran(_segar(pengawas.user)).didampingi


def test_pengawas_kabupaten_lain_ditolak(dunia, pengguna):
    pengawas_b = PengawasFactory(kabupaten=dunia.kabupaten_b)

    with pytest.raises(ValidationError) as galat:
        services.tugaskan_pengawas(dunia.kelompok_a, pengawas=pengawas_b, mulai=MULAI_BARU, oleh=pengguna["admin"])

    assert "pengawas" in galat.value.message_dict
    assert not Pendampingan.objects.filter(pengawas=pengawas_b).exists()


def test_pengawas_yang_sudah_mendampingi_tidak_ditugaskan_dua_kali(dunia, pengguna):
    with pytest.raises(ValidationError):
        services.tugaskan_pengawas(
            dunia.kelompok_a, pengawas=dunia.pendampingan_a.pengawas, mulai=MULAI_BARU, oleh=pengguna["dinas"]
        )


@pytest.mark.parametrize("peran", ["ketua", "pengawas", "dinas_lain"])
def test_selain_dinas_kabupatennya_dan_admin_tidak_boleh_menugaskan_pengawas(dunia, pengguna, peran):
    pengawas = PengawasFactory(kabupaten=dunia.kabupaten_a)

    with pytest.raises(PermissionDenied):
        services.tugaskan_pengawas(dunia.kelompok_a, pengawas=pengawas, mulai=MULAI_BARU, oleh=pengguna[peran])
