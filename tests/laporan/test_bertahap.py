"""A long document rendered in parts (laporan/services/bertahap.py): planned once, each part stored once, joined
once with page numbers running across, safe when a task is delivered twice or the sweep brings it back."""

import io

import pytest
from django.core.files.base import ContentFile
from pypdf import PdfReader

from kkg.lib.berkas import penyimpanan_privat
from laporan.models import BagianDokumen, Dokumen
from laporan.services import bertahap

HALAMAN = "<html><body>{}</body></html>"


def _rencana(isi: list[str], sisipan: list[str] | None = None):
    def rencana(dokumen):
        return [(HALAMAN.format(teks), sisipan or []) for teks in isi]

    return rencana


@pytest.fixture
def dokumen(dunia):
    return Dokumen.objects.create(
        jenis=Dokumen.Jenis.PRATINJAU_LAPORAN, kelompok=dunia.kelompok_a, judul="Uji bertahap", status="diproses"
    )


def _teks(dokumen) -> list[str]:
    dokumen.refresh_from_db()
    with dokumen.berkas.open("rb") as f:
        return [h.extract_text() for h in PdfReader(io.BytesIO(f.read())).pages]


def test_bagian_dirender_lalu_digabung_dengan_nomor_halaman_berjalan(dokumen, django_capture_on_commit_callbacks):
    isi = ["<p>Bagian satu</p>", '<p>Bagian dua</p><p style="break-before: page">Halaman berikut</p>']
    with django_capture_on_commit_callbacks(execute=True):
        bertahap.lanjutkan(dokumen.pk, _rencana(isi))
    halaman = _teks(dokumen)
    assert dokumen.status == Dokumen.Status.BERLAKU and dokumen.progres == 100 and dokumen.sha256
    assert len(halaman) == 3
    assert "Bagian satu" in halaman[0] and "Halaman 1 dari 3" in halaman[0]
    assert "Halaman berikut" in halaman[2] and "Halaman 3 dari 3" in halaman[2]
    assert not BagianDokumen.objects.exists()  # the parts and their files are gone once joined


def test_rencana_dibuat_sekali_dan_sapuan_hanya_mengantre_yang_belum(dokumen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as antre:
        bertahap.lanjutkan(dokumen.pk, _rencana(["<p>A</p>", "<p>B</p>"]))
    assert BagianDokumen.objects.filter(dokumen=dokumen).count() == 2 and len(antre) == 2
    pertama = BagianDokumen.objects.filter(dokumen=dokumen).order_by("urutan").first()
    bertahap.render_bagian(pertama.pk)  # one part done; its task message is delivered again: nothing happens
    pertama.refresh_from_db()
    nama = pertama.berkas.name
    bertahap.render_bagian(pertama.pk)
    pertama.refresh_from_db()
    assert pertama.berkas.name == nama
    with django_capture_on_commit_callbacks(execute=False) as antre:  # the sweep brings the document back
        bertahap.lanjutkan(dokumen.pk, _rencana(["<p>tidak dipakai</p>"]))
    assert BagianDokumen.objects.filter(dokumen=dokumen).count() == 2  # planned once
    assert len(antre) == 1  # only the missing part is queued


def test_sisipan_pdf_yang_rusak_ditinggalkan_bukan_menggagalkan(dokumen, django_capture_on_commit_callbacks):
    baik = bertahap.render_html(HALAMAN.format("<p>Kuitansi terlampir</p>"))
    nama_baik = penyimpanan_privat.save("bukti/baik.pdf", ContentFile(baik))
    nama_rusak = penyimpanan_privat.save("bukti/rusak.pdf", ContentFile(b"%PDF-1.4 bukan pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        bertahap.lanjutkan(dokumen.pk, _rencana(["<p>Rincian</p>"], [nama_baik, nama_rusak]))
    halaman = _teks(dokumen)
    assert dokumen.status == Dokumen.Status.BERLAKU
    assert len(halaman) == 2 and "Kuitansi terlampir" in halaman[1] and "Halaman 2 dari 2" in halaman[1]
