"""A small world of two kabupaten, with one user per role.

Kabupaten A: gugus A with two schools and KKG A (ketua, sekretaris, bendahara, koordinator, anggota, each a
guru with an account and a member), a pengawas accompanying KKG A, a Dinas staff member, a teacher of A who
is not yet a member (`guru_calon`) and a teacher of another gugus of A (`guru_luar`, outside KKG A's area).
Kabupaten B: gugus B with one school and KKG B, whose member `guru_lain` has an account, and a Dinas staff
member. Plus a superuser.
"""

from types import SimpleNamespace

import pytest

from gugus.models import Kepengurusan
from tests.factories import (
    GugusFactory,
    GuruFactory,
    KabupatenFactory,
    KeanggotaanFactory,
    KelompokKerjaFactory,
    KepengurusanFactory,
    PendampinganFactory,
    SekolahFactory,
    StafDinasFactory,
    UserFactory,
)

Jabatan = Kepengurusan.Jabatan

PERAN = (
    "ketua",
    "sekretaris",
    "bendahara",
    "koordinator",
    "anggota",
    "pengawas",
    "dinas",
    "admin",
    "guru_lain",
    "dinas_lain",
    "tamu",
)


@pytest.fixture
def dunia(db):
    d = SimpleNamespace()
    d.kabupaten_a = KabupatenFactory(nama="Aceh Besar")
    d.gugus_a = GugusFactory(nama="Gugus Cut Nyak Dien", kecamatan__kabupaten=d.kabupaten_a)
    d.sekolah_a1 = SekolahFactory(nama="SD Negeri 1 Lampeuneurut", gugus=d.gugus_a)
    d.sekolah_a2 = SekolahFactory(nama="SD Negeri 2 Lampeuneurut", gugus=d.gugus_a)
    d.kelompok_a = KelompokKerjaFactory(nama="KKG Kelas 2 Gugus Cut Nyak Dien", kelas=2, gugus=d.gugus_a)

    d.pengurus = {}
    for jabatan, sekolah in (
        (Jabatan.KETUA, d.sekolah_a1),
        (Jabatan.SEKRETARIS, d.sekolah_a1),
        (Jabatan.BENDAHARA, d.sekolah_a2),
        (Jabatan.KOORDINATOR, d.sekolah_a2),
    ):
        guru = GuruFactory(nama=f"{jabatan.label} KKG A", sekolah=sekolah, punya_akun=True)
        d.pengurus[jabatan] = KepengurusanFactory(kelompok=d.kelompok_a, guru=guru, jabatan=jabatan)
    d.ketua = d.pengurus[Jabatan.KETUA].guru
    d.pengurus_sekretaris = d.pengurus[Jabatan.SEKRETARIS]
    d.anggota = GuruFactory(nama="Anggota KKG A", sekolah=d.sekolah_a1, punya_akun=True)
    d.keanggotaan_anggota = KeanggotaanFactory(kelompok=d.kelompok_a, guru=d.anggota)
    d.guru_calon = GuruFactory(nama="Calon Anggota KKG A", sekolah=d.sekolah_a2)
    d.pendampingan_a = PendampinganFactory(kelompok=d.kelompok_a, pengawas__user__username="pengawas_a")
    d.staf_a = StafDinasFactory(kabupaten=d.kabupaten_a, user__username="dinas_a")

    d.gugus_a_lain = GugusFactory(nama="Gugus Teuku Umar", kecamatan=d.gugus_a.kecamatan)
    d.sekolah_a_lain = SekolahFactory(nama="SD Negeri Lhoknga", gugus=d.gugus_a_lain)
    d.guru_luar = GuruFactory(nama="Guru Gugus Teuku Umar", sekolah=d.sekolah_a_lain)

    d.kabupaten_b = KabupatenFactory(nama="Pidie")
    d.gugus_b = GugusFactory(nama="Gugus Laksamana Malahayati", kecamatan__kabupaten=d.kabupaten_b)
    d.sekolah_b = SekolahFactory(nama="SD Negeri 1 Sigli", gugus=d.gugus_b)
    d.kelompok_b = KelompokKerjaFactory(nama="KKG Kelas 4 Gugus Laksamana Malahayati", kelas=4, gugus=d.gugus_b)
    d.guru_lain = GuruFactory(nama="Anggota KKG B", sekolah=d.sekolah_b, punya_akun=True)
    KeanggotaanFactory(kelompok=d.kelompok_b, guru=d.guru_lain)
    d.staf_b = StafDinasFactory(kabupaten=d.kabupaten_b, user__username="dinas_b")

    d.admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    return d


@pytest.fixture
def pengguna(dunia):
    """Role name → the User who plays it (None for the anonymous visitor)."""
    d = dunia
    return {
        "ketua": d.ketua.user,
        "sekretaris": d.pengurus[Jabatan.SEKRETARIS].guru.user,
        "bendahara": d.pengurus[Jabatan.BENDAHARA].guru.user,
        "koordinator": d.pengurus[Jabatan.KOORDINATOR].guru.user,
        "anggota": d.anggota.user,
        "pengawas": d.pendampingan_a.pengawas.user,
        "dinas": d.staf_a.user,
        "admin": d.admin,
        "guru_lain": d.guru_lain.user,
        "dinas_lain": d.staf_b.user,
        "tamu": None,
    }
