"""Riwayat: the history of a meeting (and what hangs off it) and of a group's cash book, for the board."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kegiatan.models import EntriKas, Kehadiran, Pertemuan, TarifIuran
from tests.factories_kegiatan import EntriKasFactory, KehadiranFactory, NotulenFactory, TindakLanjutFactory


def _nama(user):
    return user.get_full_name() or user.get_username()


def _ubah(obj, oleh, **nilai):
    """Saves a change as if `oleh` made it in the browser (django-simple-history's history_user)."""
    for k, v in nilai.items():
        setattr(obj, k, v)
    obj._history_user = oleh
    obj.save()


def test_perubahan_pertemuan_menampilkan_pengubah_dan_nilai_lama_baru(client, pengguna, pertemuan_a):
    sekretaris = pengguna["sekretaris"]
    _ubah(pertemuan_a, sekretaris, topik="Analisis CP Fase A (revisi)", status=Pertemuan.Status.TERLAKSANA)

    client.force_login(pengguna["ketua"])
    r = client.get(reverse("kegiatan:pertemuan-riwayat", args=[pertemuan_a.pk]))

    assert r.status_code == 200
    baris = r.context["page_obj"].object_list
    terbaru = baris[0]
    assert terbaru.oleh == _nama(sekretaris) and terbaru.jenis == "~"
    assert ("topik", "Analisis CP Fase A", "Analisis CP Fase A (revisi)") in terbaru.perubahan
    assert ("status", "Direncanakan", "Terlaksana") in terbaru.perubahan
    assert baris[-1].jenis == "+" and baris[-1].oleh == "sistem"
    assert _nama(sekretaris) in r.text and "Analisis CP Fase A (revisi)" in r.text


def test_riwayat_pertemuan_menggabungkan_kehadiran_notulen_tindak_lanjut_dan_kas(client, dunia, pengguna, pertemuan_a):
    hadir = KehadiranFactory(pertemuan=pertemuan_a, guru=dunia.anggota)
    _ubah(hadir, pengguna["sekretaris"], status=Kehadiran.Status.IZIN)
    tamu = KehadiranFactory(pertemuan=pertemuan_a, nama_tamu="Bu Rahma", instansi_tamu="LPMP")
    tamu.delete()
    notulen = NotulenFactory(pertemuan=pertemuan_a)
    TindakLanjutFactory(notulen=notulen, uraian="Kirim TP ke pengawas", penanggung_jawab=dunia.anggota)
    EntriKasFactory(kelompok=dunia.kelompok_a, pertemuan=pertemuan_a, uraian="Konsumsi rapat")

    client.force_login(pengguna["pengawas"])
    r = client.get(reverse("kegiatan:pertemuan-riwayat", args=[pertemuan_a.pk]))

    objek = [b.objek for b in r.context["page_obj"].object_list]
    assert "Kehadiran: Anggota KKG A" in objek
    assert "Kehadiran: Bu Rahma (tamu)" in objek
    assert "Notulen versi 1" in objek
    assert "Tindak lanjut: Kirim TP ke pengawas" in objek
    assert any(o.startswith("Entri kas #1: Konsumsi rapat") for o in objek)
    izin = next(b for b in r.context["page_obj"].object_list if b.jenis == "~" and b.objek.startswith("Kehadiran"))
    assert ("status", "Hadir", "Izin") in izin.perubahan
    assert any(b.jenis == "-" for b in r.context["page_obj"].object_list)


def test_perubahan_kunci_asing_ditampilkan_dengan_nama(client, dunia, pengguna, pertemuan_a):
    _ubah(pertemuan_a, pengguna["ketua"], tuan_rumah=dunia.sekolah_a2)

    client.force_login(pengguna["ketua"])
    r = client.get(reverse("kegiatan:pertemuan-riwayat", args=[pertemuan_a.pk]))

    perubahan = r.context["page_obj"].object_list[0].perubahan
    assert ("sekolah tuan rumah", str(dunia.sekolah_a1), str(dunia.sekolah_a2)) in perubahan


def test_riwayat_pertemuan_lain_tidak_tercampur(client, pengguna, pertemuan_a, pertemuan_b):
    client.force_login(pengguna["admin"])
    r = client.get(reverse("kegiatan:pertemuan-riwayat", args=[pertemuan_a.pk]))

    assert "Pertemuan KKG B" not in r.text


def test_riwayat_kas_menampilkan_entri_dan_tarif(client, dunia, pengguna):
    EntriKasFactory(kelompok=dunia.kelompok_a, uraian="Hibah Kemenag")
    EntriKasFactory(kelompok=dunia.kelompok_b, uraian="Kas KKG B")
    tarif = TarifIuran.objects.create(kelompok=dunia.kelompok_a, nominal=10_000, berlaku_mulai="2025-07-01")
    _ubah(tarif, pengguna["bendahara"], nominal=15_000)

    client.force_login(pengguna["bendahara"])
    r = client.get(reverse("kegiatan:kas-riwayat", args=[dunia.kelompok_a.pk]))

    assert r.status_code == 200
    assert "Hibah Kemenag" in r.text and "Kas KKG B" not in r.text
    terbaru = r.context["page_obj"].object_list[0]
    assert terbaru.oleh == _nama(pengguna["bendahara"])
    assert terbaru.perubahan == [("iuran per bulan (Rp)", "Rp 10.000", "Rp 15.000")]


# --- access ---------------------------------------------------------------------------------------------------


def _kode(peran):
    if peran == "tamu":
        return 302
    if peran == "anggota":
        return 403
    return 404 if peran in ("guru_lain", "dinas_lain") else 200


PERAN = ["ketua", "sekretaris", "bendahara", "koordinator", "anggota", "pengawas", "dinas", "admin", "guru_lain",
         "dinas_lain", "tamu"]  # fmt: skip


@pytest.mark.parametrize("peran", PERAN)
def test_akses_riwayat_pertemuan(client, pengguna, pertemuan_a, peran):
    if pengguna[peran]:
        client.force_login(pengguna[peran])
    r = client.get(reverse("kegiatan:pertemuan-riwayat", args=[pertemuan_a.pk]))
    assert r.status_code == _kode(peran)


@pytest.mark.parametrize("peran", PERAN)
def test_akses_riwayat_kas(client, dunia, pengguna, peran):
    if pengguna[peran]:
        client.force_login(pengguna[peran])
    r = client.get(reverse("kegiatan:kas-riwayat", args=[dunia.kelompok_a.pk]))
    assert r.status_code == _kode(peran)


# --- bounded queries ------------------------------------------------------------------------------------------


def _jumlah_query(client, url):
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


def test_riwayat_query_sama_pada_3_dan_30_perubahan(client, dunia, pengguna, pertemuan_a):
    client.force_login(pengguna["ketua"])
    notulen = NotulenFactory(pertemuan=pertemuan_a)
    urls = (
        reverse("kegiatan:pertemuan-riwayat", args=[pertemuan_a.pk]),
        reverse("kegiatan:kas-riwayat", args=[dunia.kelompok_a.pk]),
    )
    hitung = []
    for banyak in (3, 27):
        for i in range(banyak):
            _ubah(pertemuan_a, pengguna["sekretaris"], topik=f"Topik {banyak}-{i}")
            k = KehadiranFactory(pertemuan=pertemuan_a, nama_tamu=f"Tamu {banyak}-{i}", instansi_tamu="SD")
            _ubah(k, pengguna["ketua"], status=Kehadiran.Status.SAKIT)
            TindakLanjutFactory(notulen=notulen, penanggung_jawab=dunia.anggota)
            EntriKasFactory(
                kelompok=dunia.kelompok_a,
                pertemuan=pertemuan_a,
                arah=EntriKas.Arah.KELUAR,
                dicatat_oleh=pengguna["bendahara"],
            )
        hitung.append([_jumlah_query(client, u) for u in urls])
    # The same bound at both sizes: how many sources and related models the page names, never how many rows.
    assert max(hitung[0] + hitung[1]) <= 26
    kedua = client.get(urls[0] + "?page=2")
    assert kedua.context["page_obj"].number == 2 and kedua.context["page_obj"].object_list
