"""Validators of the national numbers and the rules the database itself enforces."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gugus.models import Guru, KelompokKerja, Kepengurusan, Sekolah
from gugus.validators import validasi_nip, validasi_npsn, validasi_nuptk, validasi_whatsapp
from tests.factories import (
    GugusFactory,
    GuruFactory,
    KabupatenFactory,
    KeanggotaanFactory,
    KecamatanFactory,
    KelompokKerjaFactory,
    KepengurusanFactory,
    PendampinganFactory,
    SekolahFactory,
)

Jabatan = Kepengurusan.Jabatan
HARI_INI = datetime.date(2025, 3, 10)
KEMARIN = HARI_INI - datetime.timedelta(days=1)


def _kode_galat(validator, nilai):
    with pytest.raises(ValidationError) as galat:
        validator(nilai)
    return galat.value.code


# --- validators ----------------------------------------------------------------------------------------------


def test_npsn_delapan_angka_sah():
    validasi_npsn("10101234")


@pytest.mark.parametrize("npsn", ["1010123", "101012345", "1010123A", "", " 10101234"])
def test_npsn_selain_delapan_angka_ditolak(npsn):
    assert _kode_galat(validasi_npsn, npsn) == "format"


def test_nip_sah_diterima():
    validasi_nip("198001012005011003")  # born 1980-01-01, TMT 2005-01, male, no. 003


@pytest.mark.parametrize("nip", ["19800101200501100", "1980010120050110030", "19800101200501100X"])
def test_nip_selain_delapan_belas_angka_ditolak(nip):
    assert _kode_galat(validasi_nip, nip) == "format"


@pytest.mark.parametrize("nip", ["198013012005011003", "198002302005011003", "000000002005011003"])
def test_nip_dengan_tanggal_lahir_mustahil_ditolak(nip):
    assert _kode_galat(validasi_nip, nip) == "lahir"


@pytest.mark.parametrize("nip", ["198001012005001003", "198001012005131003"])
def test_nip_dengan_bulan_tmt_mustahil_ditolak(nip):
    assert _kode_galat(validasi_nip, nip) == "tmt"


@pytest.mark.parametrize("digit", ["0", "3", "9"])
def test_nip_dengan_angka_jenis_kelamin_selain_1_atau_2_ditolak(digit):
    assert _kode_galat(validasi_nip, f"19800101200501{digit}003") == "jenis_kelamin"


def test_nip_perempuan_diterima():
    validasi_nip("198512312010122001")


def test_nuptk_enam_belas_angka_sah():
    validasi_nuptk("1234567890123456")


@pytest.mark.parametrize("nuptk", ["123456789012345", "12345678901234567", "123456789012345X"])
def test_nuptk_selain_enam_belas_angka_ditolak(nuptk):
    assert _kode_galat(validasi_nuptk, nuptk) == "format"


@pytest.mark.parametrize("nomor", ["081234567890", "6281234567890", "+62 812-3456-7890"])
def test_nomor_whatsapp_indonesia_diterima(nomor):
    validasi_whatsapp(nomor)


@pytest.mark.parametrize("nomor", ["0212345678", "12345", "+6512345678"])
def test_nomor_whatsapp_bukan_ponsel_indonesia_ditolak(nomor):
    assert _kode_galat(validasi_whatsapp, nomor) == "whatsapp"


# --- sekolah -------------------------------------------------------------------------------------------------


def test_sekolah_dengan_npsn_salah_tidak_lolos_full_clean(db):
    sekolah = SekolahFactory.build(npsn="1234567", kecamatan=KecamatanFactory(), gugus=None)

    with pytest.raises(ValidationError) as galat:
        sekolah.full_clean()

    assert "npsn" in galat.value.message_dict


def test_npsn_unik(db):
    SekolahFactory(npsn="10101234")

    with pytest.raises(IntegrityError), transaction.atomic():
        SekolahFactory(npsn="10101234")


def test_sekolah_harus_sekecamatan_dengan_gugusnya(db):
    sekolah = SekolahFactory.build(gugus=GugusFactory(), kecamatan=KecamatanFactory())

    with pytest.raises(ValidationError) as galat:
        sekolah.full_clean()

    assert "gugus" in galat.value.message_dict


def test_factory_sekolah_mengikuti_kecamatan_gugusnya(db):
    sekolah = SekolahFactory()

    assert sekolah.kecamatan == sekolah.gugus.kecamatan


# --- guru ----------------------------------------------------------------------------------------------------


def test_guru_dengan_nip_salah_tidak_lolos_full_clean(db):
    guru = GuruFactory.build(nip="198013012005011003", sekolah=SekolahFactory())

    with pytest.raises(ValidationError) as galat:
        guru.full_clean()

    assert "nip" in galat.value.message_dict


def test_guru_dengan_nuptk_salah_tidak_lolos_full_clean(db):
    guru = GuruFactory.build(nuptk="123", sekolah=SekolahFactory())

    with pytest.raises(ValidationError) as galat:
        guru.full_clean()

    assert "nuptk" in galat.value.message_dict


def test_guru_tanpa_nip_dan_nuptk_lolos_full_clean(db):
    guru = GuruFactory.build(nip="", nuptk="", sekolah=SekolahFactory())

    guru.full_clean()


def test_nip_dan_nuptk_kosong_disimpan_sebagai_null(db):
    guru = GuruFactory(nip="", nuptk="")

    guru.refresh_from_db()
    assert guru.nip is None
    assert guru.nuptk is None


def test_dua_guru_honorer_tanpa_nip_dan_nuptk_boleh(db):
    GuruFactory(nip="", nuptk="")
    GuruFactory(nip=None, nuptk=None)

    assert Guru.objects.filter(nip__isnull=True, nuptk__isnull=True).count() == 2


def test_nip_unik(db):
    GuruFactory(nip="198001012005011003")

    with pytest.raises(IntegrityError), transaction.atomic():
        GuruFactory(nip="198001012005011003")


def test_nuptk_unik(db):
    GuruFactory(nuptk="1234567890123456")

    with pytest.raises(IntegrityError), transaction.atomic():
        GuruFactory(nuptk="1234567890123456")


def test_factory_guru_membuat_nip_yang_sah(db):
    for guru in GuruFactory.create_batch(3):
        guru.full_clean()


# --- kelompok kerja ------------------------------------------------------------------------------------------


def test_kelompok_tingkat_gugus_mengambil_kecamatan_dan_kabupaten_dari_gugusnya(db):
    gugus = GugusFactory()

    kelompok = KelompokKerja.objects.create(nama="KKG Kelas 1", gugus=gugus, kabupaten=KabupatenFactory())

    assert kelompok.kecamatan == gugus.kecamatan
    assert kelompok.kabupaten == gugus.kecamatan.kabupaten


def test_kelompok_tingkat_kecamatan_boleh_diberi_gugus_saja(db):
    gugus = GugusFactory()
    kelompok = KelompokKerja(
        nama="KKG PJOK", cakupan=KelompokKerja.Cakupan.KECAMATAN, gugus=gugus, kabupaten=gugus.kecamatan.kabupaten
    )

    kelompok.full_clean()

    assert kelompok.kecamatan == gugus.kecamatan


def test_kelompok_tingkat_gugus_tanpa_gugus_ditolak_database(db):
    kelompok = KelompokKerjaFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        KelompokKerja.objects.filter(pk=kelompok.pk).update(gugus=None)


@pytest.mark.parametrize("kelas", [0, 13])
def test_kelas_di_luar_1_sampai_12_ditolak_database(db, kelas):
    with pytest.raises(IntegrityError), transaction.atomic():
        KelompokKerjaFactory(kelas=kelas)


# --- kepengurusan --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("jabatan", Kepengurusan.JABATAN_TUNGGAL)
def test_hanya_satu_pengurus_aktif_per_jabatan_tunggal(db, jabatan):
    lama = KepengurusanFactory(jabatan=jabatan)

    with pytest.raises(IntegrityError), transaction.atomic():
        KepengurusanFactory(kelompok=lama.kelompok, jabatan=jabatan)


@pytest.mark.parametrize("jabatan", Kepengurusan.JABATAN_TUNGGAL)
def test_pengurus_lama_yang_tidak_aktif_tidak_menghalangi_pengganti(db, jabatan):
    lama = KepengurusanFactory(jabatan=jabatan, selesai=KEMARIN, aktif=False)

    KepengurusanFactory(kelompok=lama.kelompok, jabatan=jabatan, mulai=HARI_INI)

    assert Kepengurusan.objects.filter(kelompok=lama.kelompok, jabatan=jabatan).count() == 2


def test_koordinator_boleh_lebih_dari_satu(db):
    pertama = KepengurusanFactory(jabatan=Jabatan.KOORDINATOR, bidang="PJOK")

    KepengurusanFactory(kelompok=pertama.kelompok, jabatan=Jabatan.KOORDINATOR, bidang="PAI")

    assert pertama.kelompok.kepengurusan.filter(jabatan=Jabatan.KOORDINATOR, aktif=True).count() == 2


def test_koordinator_tanpa_bidang_ditolak_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        KepengurusanFactory(jabatan=Jabatan.KOORDINATOR, bidang="")


def test_koordinator_tanpa_bidang_tidak_lolos_full_clean(db):
    pengurus = KepengurusanFactory.build(jabatan=Jabatan.KOORDINATOR, bidang="", kelompok=KelompokKerjaFactory())
    pengurus.guru = GuruFactory(sekolah=SekolahFactory(gugus=pengurus.kelompok.gugus))

    with pytest.raises(ValidationError) as galat:
        pengurus.full_clean()

    assert "bidang" in galat.value.message_dict


def test_periode_jabatan_terbalik_ditolak_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        KepengurusanFactory(mulai=HARI_INI, selesai=KEMARIN)


def test_periode_jabatan_terbalik_tidak_lolos_full_clean(db):
    kelompok = KelompokKerjaFactory()
    guru = GuruFactory(sekolah=SekolahFactory(gugus=kelompok.gugus))
    pengurus = Kepengurusan(kelompok=kelompok, guru=guru, jabatan=Jabatan.KETUA, mulai=HARI_INI, selesai=KEMARIN)

    with pytest.raises(ValidationError) as galat:
        pengurus.full_clean()

    assert "selesai" in galat.value.message_dict


def test_periode_jabatan_satu_hari_boleh(db):
    pengurus = KepengurusanFactory(mulai=HARI_INI, selesai=HARI_INI)

    assert pengurus.pk


def test_factory_pengurus_juga_menjadi_anggota(db):
    pengurus = KepengurusanFactory()

    assert pengurus.kelompok.keanggotaan.filter(guru=pengurus.guru).exists()


# --- keanggotaan dan pendampingan ----------------------------------------------------------------------------


def test_periode_keanggotaan_terbalik_ditolak_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        KeanggotaanFactory(mulai=HARI_INI, selesai=KEMARIN)


def test_satu_keanggotaan_terbuka_per_guru_dan_kelompok(db):
    anggota = KeanggotaanFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        KeanggotaanFactory(kelompok=anggota.kelompok, guru=anggota.guru)


def test_guru_boleh_masuk_lagi_setelah_keanggotaannya_selesai(db):
    lama = KeanggotaanFactory(selesai=KEMARIN)

    KeanggotaanFactory(kelompok=lama.kelompok, guru=lama.guru, mulai=HARI_INI)

    assert lama.kelompok.keanggotaan.filter(guru=lama.guru).count() == 2


def test_factory_anggota_mengajar_di_wilayah_kelompok(db):
    anggota = KeanggotaanFactory()

    assert anggota.kelompok.sekolah_wilayah().filter(pk=anggota.guru.sekolah_id).exists()


def test_periode_pendampingan_terbalik_ditolak_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        PendampinganFactory(mulai=HARI_INI, selesai=KEMARIN)


def test_satu_pendampingan_terbuka_per_pengawas_dan_kelompok(db):
    pendampingan = PendampinganFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        PendampinganFactory(kelompok=pendampingan.kelompok, pengawas=pendampingan.pengawas)


def test_factory_pengawas_sekabupaten_dengan_kelompok(db):
    pendampingan = PendampinganFactory()

    assert pendampingan.pengawas.kabupaten == pendampingan.kelompok.kabupaten


def test_factory_sekolah_tanpa_gugus_memakai_kecamatan_yang_diberikan(db):
    kecamatan = KecamatanFactory()

    sekolah = SekolahFactory(gugus=None, kecamatan=kecamatan)

    assert Sekolah.objects.get(pk=sekolah.pk).kecamatan == kecamatan
