"""The rendered documents themselves, read back with pypdf (real WeasyPrint renders: about a second each)."""

import io

import segno
from PIL import Image
from pypdf import PdfReader

from laporan.services import dokumen as services
from tests.laporan.conftest import tautan_pdf, teks_pdf


def _isi(dokumen) -> bytes:
    with dokumen.berkas.open("rb") as f:
        return f.read()


def test_pdf_notulen_memuat_identitas_isi_tanda_tangan_dan_lampiran(disetujui, dunia, settings):
    settings.ALAMAT_SITUS = "https://kkg.contoh.id"
    sekretaris = dunia.pengurus_sekretaris.guru
    sekretaris.nip = None  # an honorary teacher: the signature block says "NIP. -"
    sekretaris.save()
    dokumen = services.siapkan_pdf_notulen(disetujui)
    isi = _isi(dokumen)
    teks = teks_pdf(isi)

    assert isi.startswith(b"%PDF")
    assert "KKG KELAS 2 GUGUS CUT NYAK DIEN" in teks and "Kabupaten Aceh Besar" in teks
    for bagian in (
        "Senin, 17 Februari 2025",
        "08.00–11.30 WIB",
        "Analisis CP Fase A",
        "Dra. Siti Aminah, M.Pd (LPMP Aceh)",
        "Pertemuan dibuka oleh ketua.",
        "Penyusunan TP <b>bersama</b>",  # typed text stays text, never markup
        "Unggah TP ke bank produk Anggota KKG A 3 Maret 2025",
        "Mengetahui, Ketua KKG Kelas 2 Gugus Cut Nyak Dien",
        f"Ketua KKG A NIP. {dunia.ketua.nip}",
        "Sekretaris KKG A NIP. -",
        "Halaman 1 dari 2",
        "Halaman 2 dari 2",
    ):
        assert bagian in teks, bagian
    lampiran = teks.split("LAMPIRAN: DAFTAR HADIR")[1]
    assert "Anggota KKG A" in lampiran and "Hadir" in lampiran and "Izin" in lampiran
    assert "Pak Tamu Pengawas (tamu) Disdik Aceh Besar" in lampiran
    assert "Bendahara KKG A" in lampiran  # not recorded yet: listed, status left empty

    url = f"https://kkg.contoh.id/v/{dokumen.kode}/"
    assert url in teks
    assert set(tautan_pdf(isi)) == {url}


def test_kode_qr_di_pdf_adalah_alamat_verifikasi(disetujui, settings):
    settings.ALAMAT_SITUS = "https://kkg.contoh.id"
    dokumen = services.siapkan_pdf_notulen(disetujui)
    halaman = PdfReader(io.BytesIO(_isi(dokumen))).pages[0]
    gambar = [g.image for g in halaman.images]
    assert len(gambar) == 1
    harapan = io.BytesIO()
    segno.make(f"https://kkg.contoh.id/v/{dokumen.kode}/", error="m").save(harapan, kind="png", scale=6, border=2)
    harapan = Image.open(harapan).convert("L")
    assert gambar[0].convert("L").tobytes() == harapan.tobytes()


def test_pdf_daftar_hadir_hanya_ditandatangani_sekretaris(pertemuan):
    teks = teks_pdf(_isi(services.siapkan_daftar_hadir(pertemuan)))
    assert "DAFTAR HADIR" in teks and "Analisis CP Fase A" in teks
    assert "Pak Tamu Pengawas" in teks and "Sekretaris KKG A" in teks
    assert "Mengetahui" not in teks
    assert "Halaman 1 dari 1" in teks
