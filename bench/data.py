"""Synthetic organisation data for benchmarks: one kabupaten with `n` schools, teachers and groups."""

import datetime

from django.contrib.auth import get_user_model

from gugus.models import Gugus, Guru, Kabupaten, Keanggotaan, Kecamatan, KelompokKerja, Kepengurusan, Sekolah, StafDinas

MULAI = datetime.date(2024, 7, 15)


def buat_wilayah(n: int, awalan: str = "Bench"):
    """Creates `n` gugus, each with one school, three teachers and one KKG (ketua + three members).
    Returns (dinas user, ketua user) of the first group."""
    User = get_user_model()
    kab = Kabupaten.objects.create(nama=f"{awalan} {n}", provinsi="Bench")
    kec = Kecamatan.objects.create(kabupaten=kab, nama=f"Kec {awalan} {n}")
    gugus = Gugus.objects.bulk_create(Gugus(kecamatan=kec, nama=f"Gugus {i}", nomor=i) for i in range(n))
    basis = Sekolah.objects.count()
    sekolah = Sekolah.objects.bulk_create(
        Sekolah(npsn=f"9{basis + i:07d}", nama=f"SD {awalan} {i}", jenjang="SD", kecamatan=kec, gugus=g)
        for i, g in enumerate(gugus)
    )
    guru = Guru.objects.bulk_create(
        Guru(nama=f"Guru {i}-{j}", jenis_kelamin="LP"[j % 2], sekolah=s)
        for i, s in enumerate(sekolah)
        for j in range(3)
    )
    kelompok = KelompokKerja.objects.bulk_create(
        KelompokKerja(nama=f"KKG {g.nama}", gugus=g, kecamatan=kec, kabupaten=kab) for g in gugus
    )
    Keanggotaan.objects.bulk_create(
        Keanggotaan(kelompok=k, guru=guru[3 * i + j], mulai=MULAI) for i, k in enumerate(kelompok) for j in range(3)
    )
    Kepengurusan.objects.bulk_create(
        Kepengurusan(kelompok=k, guru=guru[3 * i], jabatan="ketua", mulai=MULAI) for i, k in enumerate(kelompok)
    )
    dinas = User.objects.create_user(f"dinas-{awalan}-{n}".lower())
    StafDinas.objects.create(user=dinas, kabupaten=kab)
    ketua = User.objects.create_user(f"ketua-{awalan}-{n}".lower())
    guru[0].user = ketua
    guru[0].save(update_fields=["user"])
    return dinas, ketua
