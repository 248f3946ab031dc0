"""The laporan world: KKG A's meeting held two days ago, with attendance and approved minutes."""

import datetime
import io

import pytest
from pypdf import PdfReader

from gugus.models import Kepengurusan
from kegiatan.models import Kehadiran, Notulen, Pertemuan
from tests.factories import GuruFactory
from tests.factories_kegiatan import KehadiranFactory, NotulenFactory, PertemuanFactory, TindakLanjutFactory


@pytest.fixture
def pertemuan(dunia):
    """Held on Monday 17 February 2025 (a fixed date: the PDF prints the day's name), speaker from outside."""
    pertemuan_a = PertemuanFactory(
        kelompok=dunia.kelompok_a,
        topik="Analisis CP Fase A",
        tanggal=datetime.date(2025, 2, 17),
        status=Pertemuan.Status.TERLAKSANA,
        narasumber_nama="Dra. Siti Aminah, M.Pd",
        narasumber_instansi="LPMP Aceh",
    )
    sekretaris = dunia.pengurus[Kepengurusan.Jabatan.SEKRETARIS].guru
    KehadiranFactory(pertemuan=pertemuan_a, guru=dunia.anggota, status=Kehadiran.Status.HADIR)
    KehadiranFactory(pertemuan=pertemuan_a, guru=sekretaris, status=Kehadiran.Status.IZIN)
    KehadiranFactory(pertemuan=pertemuan_a, nama_tamu="Pak Tamu Pengawas", instansi_tamu="Disdik Aceh Besar")
    return pertemuan_a


@pytest.fixture
def kepala(dunia):
    """Both schools of KKG A get a kepala sekolah with an address (SD 2's through their account only)."""
    kepala_1 = GuruFactory(nama="Drs. Kepala Satu", sekolah=dunia.sekolah_a1, email="kepsek1@contoh.sch.id")
    kepala_2 = GuruFactory(nama="Kepala Dua, S.Pd", sekolah=dunia.sekolah_a2, punya_akun=True)
    for sekolah, guru in ((dunia.sekolah_a1, kepala_1), (dunia.sekolah_a2, kepala_2)):
        sekolah.kepala_sekolah = guru
        sekolah.save()
    return {dunia.sekolah_a1: kepala_1, dunia.sekolah_a2: kepala_2}


@pytest.fixture
def disetujui(pertemuan, pengguna, dunia):
    notulen = NotulenFactory(
        pertemuan=pertemuan,
        status=Notulen.Status.DISETUJUI,
        pembahasan="- Analisis CP fase A\n- Penyusunan TP <b>bersama</b>",
        disetujui_oleh=pengguna["ketua"],
        disetujui_pada=datetime.datetime(2025, 2, 18, 3, 0, tzinfo=datetime.UTC),
    )
    TindakLanjutFactory(
        notulen=notulen, uraian="Unggah TP ke bank produk", penanggung_jawab=dunia.anggota,
        batas_waktu=datetime.date(2025, 3, 3),
    )  # fmt: skip
    return notulen


def teks_pdf(isi: bytes) -> str:
    """All text of a PDF, pages joined, whitespace collapsed (table cells may break lines)."""
    reader = PdfReader(io.BytesIO(isi))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def tautan_pdf(isi: bytes) -> list[str]:
    """The URIs of the link annotations of every page."""
    reader = PdfReader(io.BytesIO(isi))
    hasil = []
    for p in reader.pages:
        for a in p.get("/Annots") or []:
            aksi = a.get_object().get("/A")
            if aksi and "/URI" in aksi:
                hasil.append(str(aksi["/URI"]))
    return hasil


@pytest.fixture(autouse=True)
def _cache_kosong():
    """The PDF page remembers in the cache that it queued a render; each test starts without that memory."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def render_terhitung(monkeypatch):
    """The real WeasyPrint renderer, counted: `render_terhitung.jumlah` is how many PDFs were rendered."""
    from laporan import pdf

    asli = pdf.ke_pdf

    class Terhitung:
        jumlah = 0

        def __call__(self, naskah, *args, **kwargs) -> bytes:
            self.jumlah += 1
            return asli(naskah, *args, **kwargs)

    terhitung = Terhitung()
    monkeypatch.setattr(pdf, "ke_pdf", terhitung)
    return terhitung
