"""A document's progress page and download: it polls while "diproses", offers the file when ready, the reason and
"Coba lagi" when it failed, and shows nothing to anyone outside the document's scope (laporan/akses.py)."""

import pytest
from django.urls import reverse

from laporan import akses
from laporan.models import Dokumen
from laporan.services import dokumen as services
from laporan.services import surat as layanan_surat
from laporan.tasks import render_dokumen
from tests.factories_kegiatan import PertemuanFactory

Status = Dokumen.Status


def _url(dokumen, nama="laporan:dokumen"):
    return reverse(nama, args=[dokumen.pk])


@pytest.fixture
def diproses(disetujui, pengguna, django_capture_on_commit_callbacks):
    """The anggota asked for the PDF; the worker has not got to it yet."""
    with django_capture_on_commit_callbacks(execute=False):
        return services.minta_pdf_notulen(disetujui, oleh=pengguna["anggota"])


def test_halaman_menunggu_memantau_selama_diproses(client, pengguna, diproses):
    Dokumen.objects.filter(pk=diproses.pk).update(progres=30)
    client.force_login(pengguna["anggota"])

    isi = client.get(_url(diproses)).content.decode()
    assert 'hx-trigger="every 2s"' in isi and f'hx-get="{_url(diproses)}?bagian=progres"' in isi
    assert 'aria-valuenow="30"' in isi and "width: 30%" in isi
    assert _url(diproses, "laporan:dokumen-unduh") not in isi
    assert "Notulen – Analisis CP Fase A (versi 1)" in isi and "breadcrumb" in isi

    bagian = client.get(_url(diproses) + "?bagian=progres").content.decode()
    assert "<html" not in bagian and 'id="progres-dokumen"' in bagian and "every 2s" in bagian


def test_halaman_menawarkan_unduhan_setelah_berlaku(client, pengguna, diproses, render_terhitung):
    client.force_login(pengguna["anggota"])
    render_dokumen.delay(diproses.pk)  # the worker gets to it

    bagian = client.get(_url(diproses) + "?bagian=progres").content.decode()
    assert "hx-trigger" not in bagian  # done: the poll stops
    assert _url(diproses, "laporan:dokumen-unduh") in bagian and "Berlaku" in bagian
    r = client.get(_url(diproses, "laporan:dokumen-unduh"))
    assert r["Content-Type"] == "application/pdf" and b"".join(r.streaming_content).startswith(b"%PDF")


def test_unduhan_belum_siap_404(client, pengguna, diproses):
    client.force_login(pengguna["anggota"])
    assert client.get(_url(diproses, "laporan:dokumen-unduh")).status_code == 404


def test_gagal_menampilkan_alasan_dan_coba_lagi(
    client, pengguna, diproses, render_terhitung, django_capture_on_commit_callbacks
):
    Dokumen.objects.filter(pk=diproses.pk).update(status=Status.GAGAL, galat="OSError: disk penuh")
    client.force_login(pengguna["anggota"])
    isi = client.get(_url(diproses)).content.decode()
    assert "OSError: disk penuh" in isi and "Coba lagi" in isi and "hx-trigger" not in isi

    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(_url(diproses))
    assert r.status_code == 302 and r["Location"] == _url(diproses)
    diproses.refresh_from_db()
    assert diproses.status == Status.BERLAKU and diproses.siap


@pytest.mark.parametrize(
    "peran, kode",
    [
        ("ketua", 200), ("anggota", 200), ("pengawas", 200), ("dinas", 200), ("admin", 200),
        ("guru_lain", 404), ("dinas_lain", 404), ("tamu", 302),
    ],
)  # fmt: skip
def test_akses_dokumen_notulen(client, pengguna, disetujui, render_terhitung, peran, kode):
    dokumen = services.siapkan_pdf_notulen(disetujui)
    if pengguna[peran]:
        client.force_login(pengguna[peran])
    halaman, unduh = client.get(_url(dokumen)), client.get(_url(dokumen, "laporan:dokumen-unduh"))
    assert (halaman.status_code, unduh.status_code) == (kode, kode)


@pytest.mark.parametrize(
    "peran, kode",
    [("ketua", 200), ("sekretaris", 200), ("admin", 200), ("bendahara", 404), ("anggota", 404), ("pengawas", 404),
     ("dinas", 404), ("guru_lain", 404)],
)  # fmt: skip
def test_akses_daftar_hadir_dan_surat_hanya_pengurus_yang_mengelola(
    client, pengguna, dunia, kepala, render_terhitung, peran, kode
):
    """Narrowed per kind: a daftar hadir for those who keep attendance, a letter for those who manage meetings."""
    pertemuan = PertemuanFactory(kelompok=dunia.kelompok_a)
    daftar_hadir = services.siapkan_daftar_hadir(pertemuan)
    [surat, _] = layanan_surat.siapkan_undangan(pertemuan)
    client.force_login(pengguna[peran])
    for dokumen in (daftar_hadir, surat.dokumen):
        assert client.get(_url(dokumen, "laporan:dokumen-unduh")).status_code == kode


def test_jenis_pribadi_hanya_untuk_pemohonnya(pengguna, diproses, monkeypatch):
    """A kind whose rule is `pemohon` (exports, next) is seen only by the user who asked for it."""
    monkeypatch.setitem(akses.ATURAN, Dokumen.Jenis.NOTULEN, akses.pemohon)
    assert akses.dokumen_untuk(pengguna["anggota"]).filter(pk=diproses.pk).exists()
    assert not akses.dokumen_untuk(pengguna["ketua"]).filter(pk=diproses.pk).exists()
    assert not akses.dokumen_untuk(None).exists()
