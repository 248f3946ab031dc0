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


def buat_kegiatan(n: int, awalan: str = "Keg", anggota: int = 20):
    """One KKG with `anggota` members and `n` held meetings, each with full attendance, approved minutes
    with an action item, and a cash entry; a product every tenth meeting; three programmes.
    Returns {role: user} for ketua, sekretaris, bendahara, anggota, dinas and the group."""
    from kegiatan.models import EntriKas, Kehadiran, Notulen, Pertemuan, Produk, ProgramKerja, TindakLanjut

    User = get_user_model()
    dinas, ketua = buat_wilayah(1, awalan=awalan)
    kk = KelompokKerja.objects.get(kepengurusan__guru__user=ketua)
    sekolah = kk.gugus.sekolah.get()
    guru = list(Guru.objects.filter(keanggotaan__kelompok=kk))
    guru += Guru.objects.bulk_create(
        Guru(nama=f"Anggota {awalan} {i}", jenis_kelamin="LP"[i % 2], sekolah=sekolah)
        for i in range(anggota - len(guru))
    )
    Keanggotaan.objects.bulk_create(Keanggotaan(kelompok=kk, guru=g, mulai=MULAI) for g in guru[3:])
    pengguna = {"ketua": ketua, "dinas": dinas, "kelompok": kk}
    for i, jabatan in ((1, "sekretaris"), (2, "bendahara"), (3, "anggota")):
        user = User.objects.create_user(f"{jabatan}-{awalan}".lower())
        guru[i].user = user
        guru[i].save(update_fields=["user"])
        if jabatan != "anggota":
            Kepengurusan.objects.create(kelompok=kk, guru=guru[i], jabatan=jabatan, mulai=MULAI)
        pengguna[jabatan] = user
    program = ProgramKerja.objects.bulk_create(
        ProgramKerja(kelompok=kk, nama=nama, tahun_ajaran="2025/2026", rencana_pertemuan=max(1, n // 3))
        for nama in ("BATIK", "BERKARYA", "PKB")
    )
    awal = datetime.date(2025, 7, 1)
    pertemuan = Pertemuan.objects.bulk_create(
        Pertemuan(
            kelompok=kk,
            program=program[i % 3],
            topik=f"Pertemuan {i}",
            tanggal=awal + datetime.timedelta(days=i % 365),
            jam_mulai=datetime.time(8),
            jam_selesai=datetime.time(11),
            tuan_rumah=sekolah,
            status="terlaksana",
        )
        for i in range(n)
    )
    Kehadiran.objects.bulk_create(
        Kehadiran(pertemuan=p, guru=g, status="hadir" if (i + j) % 7 else "izin")
        for i, p in enumerate(pertemuan)
        for j, g in enumerate(guru)
    )
    notulen = Notulen.objects.bulk_create(
        Notulen(pertemuan=p, status="disetujui", pembahasan="- a", kesimpulan="b") for p in pertemuan
    )
    TindakLanjut.objects.bulk_create(
        TindakLanjut(notulen=nt, uraian=f"Tindak lanjut {i}", penanggung_jawab=guru[3]) for i, nt in enumerate(notulen)
    )
    Produk.objects.bulk_create(
        Produk(
            pertemuan=p, kelompok=kk, judul=f"Produk {i}", jenis="modul_ajar", berkas=f"produk/bench/{i}.pdf",
            nama_berkas=f"produk-{i}.pdf", tipe_berkas="application/pdf", ukuran=1000,
        )
        for i, p in enumerate(pertemuan[::10])
    )  # fmt: skip
    EntriKas.objects.bulk_create(
        EntriKas(
            kelompok=kk, nomor=i + 1, tanggal=p.tanggal, arah="masuk" if i % 2 else "keluar",
            kategori="masuk_lain" if i % 2 else "belanja", jumlah=10_000 + i, uraian=f"Entri {i}", pertemuan=p,
        )
        for i, p in enumerate(pertemuan)
    )  # fmt: skip
    return pengguna
