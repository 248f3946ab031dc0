"""factory-boy factories for the organisation (gugus app) and its users.

The factories keep the data coherent: a school lies in its gugus's kecamatan, a group's kabupaten follows
its gugus, a member or board member teaches at a school of the group's area, a pengawas accompanies only
groups of their own kabupaten, and a board member is also a member of the group.
"""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from factory.django import DjangoModelFactory

from gugus.models import (
    Gugus,
    Guru,
    Kabupaten,
    Keanggotaan,
    Kecamatan,
    KelompokKerja,
    Kepengurusan,
    Pendampingan,
    Pengawas,
    Sekolah,
    StafDinas,
)

# Roles in the factories start well before today, so that "ended yesterday" is a valid end date.
MULAI = datetime.date(2024, 7, 1)


def nip_dari(n: int, jenis_kelamin: str = "L", lahir: datetime.date = datetime.date(1970, 1, 1)) -> str:
    """The n-th distinct valid NIP: birth date, TMT 2005-01, gender digit and a 3-digit sequence."""
    tanggal = lahir + datetime.timedelta(days=n // 999)
    return f"{tanggal:%Y%m%d}200501{'1' if jenis_kelamin == 'L' else '2'}{n % 999 + 1:03d}"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = factory.Faker("first_name", locale="id_ID")
    last_name = factory.Faker("last_name", locale="id_ID")
    email = factory.LazyAttribute(lambda o: f"{o.username}@contoh.sch.id")
    # An unusable password: tests log in with force_login, and hashing a real one is slow.
    password = factory.LazyFunction(lambda: make_password(None))


class KabupatenFactory(DjangoModelFactory):
    class Meta:
        model = Kabupaten

    nama = factory.Sequence(lambda n: f"Kabupaten Uji {n}")
    jenis = Kabupaten.Jenis.KABUPATEN
    provinsi = "Aceh"


class KecamatanFactory(DjangoModelFactory):
    class Meta:
        model = Kecamatan

    kabupaten = factory.SubFactory(KabupatenFactory)
    nama = factory.Sequence(lambda n: f"Kecamatan Uji {n}")


class GugusFactory(DjangoModelFactory):
    class Meta:
        model = Gugus

    nama = factory.Sequence(lambda n: f"Gugus Uji {n}")
    nomor = factory.Sequence(lambda n: n % 100 + 1)
    kecamatan = factory.SubFactory(KecamatanFactory)


class SekolahFactory(DjangoModelFactory):
    """A school in a gugus; its kecamatan is the gugus's. Pass `gugus=None, kecamatan=…` for one outside any
    gugus."""

    class Meta:
        model = Sekolah

    npsn = factory.Sequence(lambda n: f"{10000000 + n:08d}")
    nama = factory.Sequence(lambda n: f"SD Negeri Uji {n}")
    jenjang = Sekolah.Jenjang.SD
    status = Sekolah.Status.NEGERI
    gugus = factory.SubFactory(GugusFactory)
    kecamatan = factory.Maybe(
        "gugus",
        yes_declaration=factory.SelfAttribute("gugus.kecamatan"),
        no_declaration=factory.SubFactory(KecamatanFactory),
    )


class GuruFactory(DjangoModelFactory):
    """A teacher with a valid NIP and NUPTK; `punya_akun=True` gives them a user account."""

    class Meta:
        model = Guru

    class Params:
        punya_akun = factory.Trait(user=factory.SubFactory(UserFactory))

    nama = factory.Sequence(lambda n: f"Guru Uji {n}, S.Pd")
    jenis_kelamin = factory.Iterator([Guru.JenisKelamin.LAKI_LAKI, Guru.JenisKelamin.PEREMPUAN])
    nip = factory.LazyAttributeSequence(lambda o, n: nip_dari(n, o.jenis_kelamin))
    nuptk = factory.Sequence(lambda n: f"{n + 1:016d}")
    sekolah = factory.SubFactory(SekolahFactory)
    user = None


def _sekolah_di_wilayah(kelompok: KelompokKerja) -> Sekolah:
    """A school of the group's area: an existing one, or a new one placed there."""
    sekolah = kelompok.sekolah_wilayah().order_by("pk").first()
    if sekolah:
        return sekolah
    C = KelompokKerja.Cakupan
    if kelompok.cakupan == C.GUGUS:
        return SekolahFactory(gugus=kelompok.gugus)
    if kelompok.cakupan == C.KECAMATAN:
        return SekolahFactory(gugus=None, kecamatan=kelompok.kecamatan)
    return SekolahFactory(gugus=None, kecamatan__kabupaten=kelompok.kabupaten)


class KelompokKerjaFactory(DjangoModelFactory):
    """A KKG of one gugus (the model derives kecamatan and kabupaten from it on save)."""

    class Meta:
        model = KelompokKerja

    kelas = factory.Sequence(lambda n: n % 6 + 1)
    nama = factory.LazyAttributeSequence(lambda o, n: f"KKG Kelas {o.kelas} Uji {n}")
    jenis = KelompokKerja.Jenis.KKG
    cakupan = KelompokKerja.Cakupan.GUGUS
    gugus = factory.SubFactory(GugusFactory)
    kecamatan = factory.LazyAttribute(lambda o: o.gugus.kecamatan if o.gugus else None)
    kabupaten = factory.LazyAttribute(
        lambda o: o.gugus.kecamatan.kabupaten if o.gugus else o.kecamatan.kabupaten if o.kecamatan else None
    )


class KeanggotaanFactory(DjangoModelFactory):
    """A teacher of the group's area, member since `MULAI`."""

    class Meta:
        model = Keanggotaan

    kelompok = factory.SubFactory(KelompokKerjaFactory)
    guru = factory.LazyAttribute(lambda o: GuruFactory(sekolah=_sekolah_di_wilayah(o.kelompok)))
    mulai = MULAI
    selesai = None


class KepengurusanFactory(DjangoModelFactory):
    """A board member (ketua by default) of the group's area, also made a member unless `jadi_anggota=False`."""

    class Meta:
        model = Kepengurusan
        skip_postgeneration_save = True

    kelompok = factory.SubFactory(KelompokKerjaFactory)
    guru = factory.LazyAttribute(lambda o: GuruFactory(sekolah=_sekolah_di_wilayah(o.kelompok)))
    jabatan = Kepengurusan.Jabatan.KETUA
    bidang = factory.LazyAttribute(lambda o: "Matematika" if o.jabatan == Kepengurusan.Jabatan.KOORDINATOR else "")
    mulai = MULAI
    selesai = None
    aktif = True

    @factory.post_generation
    def jadi_anggota(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            if not Keanggotaan.objects.filter(kelompok=obj.kelompok, guru=obj.guru, selesai__isnull=True).exists():
                Keanggotaan.objects.create(kelompok=obj.kelompok, guru=obj.guru, mulai=obj.mulai)


class PengawasFactory(DjangoModelFactory):
    class Meta:
        model = Pengawas

    user = factory.SubFactory(UserFactory)
    kabupaten = factory.SubFactory(KabupatenFactory)
    nip = factory.Sequence(lambda n: nip_dari(n, "P", lahir=datetime.date(1968, 1, 1)))


class PendampinganFactory(DjangoModelFactory):
    """A pengawas of the group's own kabupaten accompanying it since `MULAI`."""

    class Meta:
        model = Pendampingan

    kelompok = factory.SubFactory(KelompokKerjaFactory)
    pengawas = factory.SubFactory(PengawasFactory, kabupaten=factory.SelfAttribute("..kelompok.kabupaten"))
    mulai = MULAI
    selesai = None


class StafDinasFactory(DjangoModelFactory):
    class Meta:
        model = StafDinas

    user = factory.SubFactory(UserFactory)
    kabupaten = factory.SubFactory(KabupatenFactory)
    jabatan = "Kepala Bidang Pembinaan Ketenagaan"
