"""The printable buku kas (laporan/services/buku_kas.py) through the document pipeline, and the LPJ's content."""

import datetime

import pytest
from django.urls import reverse

from kegiatan.models import EntriKas
from laporan.akses import dokumen_untuk
from laporan.models import Dokumen
from laporan.services import berjenjang
from laporan.services.kompilasi import kompilasi
from tests.factories_kegiatan import EntriKasFactory

from .conftest import teks_pdf

A = EntriKas.Arah


@pytest.fixture
def buku(dunia):
    """Before February 2025: Rp 500.000. In February: a receipt, an expense, a wrong expense and its reversal.
    After: an expense that must not show."""
    k = dunia.kelompok_a

    def entri(tanggal, arah, jumlah, uraian, **lain):
        return EntriKasFactory(
            kelompok=k, tanggal=datetime.date(2025, *tanggal), arah=arah, jumlah=jumlah, uraian=uraian, **lain
        )

    entri((1, 15), A.MASUK, 500_000, "Iuran Januari")
    entri((2, 3), A.MASUK, 1_000_000, "Bantuan Kemenag tahap 1")
    entri((2, 10), A.KELUAR, 250_000, "Konsumsi pertemuan Februari")
    salah = entri((2, 11), A.KELUAR, 100_000, "Fotokopi salah catat")
    entri(
        (2, 12), A.MASUK, 100_000, "Koreksi #4", kategori=EntriKas.Kategori.KOREKSI, membalik=salah,
        alasan_koreksi="Tercatat dua kali",
    )  # fmt: skip
    entri((3, 1), A.KELUAR, 50_000, "Belanja Maret")
    return k


def _cetak(client, user, kelompok, **periode):
    client.force_login(user)
    data = periode or {"mulai": "2025-02-01", "selesai": "2025-02-28"}
    return client.post(reverse("laporan:buku-kas-pdf", args=[kelompok.pk]), data)


def test_bendahara_mencetak_buku_kas_satu_periode(client, pengguna, buku, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        r = _cetak(client, pengguna["bendahara"], buku)
    dokumen = Dokumen.objects.get(jenis=Dokumen.Jenis.BUKU_KAS)
    assert r.status_code == 302 and r["Location"] == dokumen.get_absolute_url()
    dokumen.refresh_from_db()
    assert dokumen.status == Dokumen.Status.BERLAKU
    assert dokumen.parameter == {"mulai": "2025-02-01", "selesai": "2025-02-28"}
    with dokumen.berkas.open("rb") as f:
        teks = teks_pdf(f.read())
    assert "BUKU KAS UMUM" in teks.upper() and "1 Februari 2025" in teks and "28 Februari 2025" in teks
    assert "Saldo awal" in teks and "Rp 500.000" in teks  # opening balance
    assert "Konsumsi pertemuan Februari" in teks and "Rp 1.250.000" in teks  # an entry, a running balance
    assert "Rp 1.500.000" in teks and "Rp 1.150.000" in teks
    assert "Rp 1.100.000" in teks and "Rp 350.000" in teks  # totals of the columns
    assert "dibalik oleh entri #5" in teks and "membalik entri #4" in teks
    assert "Iuran Januari" not in teks and "Belanja Maret" not in teks
    assert "Bendahara KKG A" in teks and "Ketua KKG A" in teks and "Mengetahui" in teks
    assert client.get(dokumen.get_absolute_url()).status_code == 200
    unduh = client.get(reverse("laporan:dokumen-unduh", args=[dokumen.pk]))
    assert unduh.status_code == 200 and unduh["Content-Disposition"].endswith('buku-kas-2025-02-01-2025-02-28.pdf"')


@pytest.mark.parametrize(
    "peran, kode",
    [("ketua", 302), ("bendahara", 302), ("pengawas", 302), ("dinas", 302), ("anggota", 403), ("guru_lain", 404)],
)
def test_akses_cetak_buku_kas(client, pengguna, buku, peran, kode):
    assert _cetak(client, pengguna[peran], buku).status_code == kode


def test_buku_kas_hanya_untuk_pembaca_buku(client, pengguna, buku, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _cetak(client, pengguna["bendahara"], buku)
    dokumen = Dokumen.objects.get(jenis=Dokumen.Jenis.BUKU_KAS)
    assert dokumen_untuk(pengguna["ketua"]).filter(pk=dokumen.pk).exists()
    assert dokumen_untuk(pengguna["pengawas"]).filter(pk=dokumen.pk).exists()
    assert not dokumen_untuk(pengguna["anggota"]).filter(pk=dokumen.pk).exists()
    client.force_login(pengguna["anggota"])
    assert client.get(reverse("laporan:dokumen-unduh", args=[dokumen.pk])).status_code == 404


def test_periode_terbalik_ditolak(client, pengguna, buku):
    r = _cetak(client, pengguna["bendahara"], buku, mulai="2025-03-01", selesai="2025-02-01")
    assert r.status_code == 200 and r.context["form"].errors["selesai"]
    assert not Dokumen.objects.filter(jenis=Dokumen.Jenis.BUKU_KAS).exists()


def test_formulir_cetak_di_halaman_buku_kas(client, pengguna, buku):
    client.force_login(pengguna["bendahara"])
    r = client.get(reverse("kegiatan:kas-buku", args=[buku.pk]))
    assert reverse("laporan:buku-kas-pdf", args=[buku.pk]) in r.content.decode()
    assert "Cetak buku kas (PDF)" in r.content.decode()


@pytest.fixture
def lpj(dunia, pengguna):
    k = dunia.kelompok_a
    hibah = EntriKasFactory(
        kelompok=k, tanggal=datetime.date(2025, 2, 1), kategori=EntriKas.Kategori.HIBAH, jumlah=5_000_000,
        uraian="Bantuan Kelompok Kerja Kemenag 2025", sumber_dana=EntriKas.SumberDana.KEMENAG, referensi="SK 12/2025",
    )  # fmt: skip
    for tanggal, jumlah, uraian in ((5, 750_000, "Narasumber In-1"), (20, 400_000, "Konsumsi On")):
        EntriKasFactory(
            kelompok=k, tanggal=datetime.date(2025, 2, tanggal), arah=A.KELUAR, kategori=EntriKas.Kategori.BELANJA,
            jumlah=jumlah, uraian=uraian,
        )  # fmt: skip
    return berjenjang.buat_laporan(
        k, oleh=pengguna["ketua"], jenis="lpj", hibah=hibah, selesai=datetime.date(2025, 2, 28)
    )


def test_isi_lpj_mencantumkan_belanja_terhadap_hibah(lpj):
    hibah = kompilasi(lpj)["hibah"]
    assert [b["uraian"] for b in hibah["belanja"]] == ["Narasumber In-1", "Konsumsi On"]
    assert (hibah["jumlah"], hibah["terpakai"], hibah["sisa"]) == (5_000_000, 1_150_000, 3_850_000)


def test_pdf_lpj_menyebut_hibahnya(lpj, pengguna, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        berjenjang.ajukan_laporan(lpj, oleh=pengguna["ketua"])
    dokumen = Dokumen.objects.get(pk=lpj.daftar_versi.get().dokumen_id)
    with dokumen.berkas.open("rb") as f:
        teks = teks_pdf(f.read())
    assert "Bantuan Kelompok Kerja Kemenag 2025" in teks and "Narasumber In-1" in teks


def test_lpj_dibuat_ketua_dan_dibaca_bendahara(dunia, pengguna, lpj):
    """The bendahara reads the LPJ (the board sees its group's reports) but does not open one: `buat_laporan` is
    checked on the group, before the kind is known."""
    from gugus.akses import boleh
    from laporan.akses import laporan_untuk

    assert boleh(pengguna["ketua"], "buat_laporan", dunia.kelompok_a)
    assert not boleh(pengguna["bendahara"], "buat_laporan", dunia.kelompok_a)
    assert laporan_untuk(pengguna["bendahara"]).filter(pk=lpj.pk).exists()
