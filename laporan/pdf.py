"""Rendering of the app's PDFs: Django templates in templates/pdf/ → final HTML → WeasyPrint → archival PDF/A.

Two steps on purpose: `naskah_notulen` / `naskah_daftar_hadir` (and the surat undangan's in services/surat.py)
build a `Naskah`: the final HTML (database reads, QR code, template) with the title, subject and author its PDF
carries; `ke_pdf` turns any Naskah into PDF/A-3b bytes. bench/pdf.py times the second against bare WeasyPrint
(plain PDF) on the same HTML.

A warm worker process keeps what WeasyPrint can reuse: one FontConfiguration (fontconfig/Pango state) and the
parsed stylesheet, built on first use. The HTML may only load `data:` URLs (the QR code): our templates never
reference anything else, and the fetcher makes sure no text typed by a user can make WeasyPrint read a file or
the network.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass

import segno
from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _

from gugus.models import Kepengurusan
from kegiatan.models import Kehadiran, Notulen, Pertemuan, TindakLanjut
from kegiatan.services.kehadiran import ringkasan
from kkg.lib.situs import url_absolut


@functools.cache
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@functools.cache
def _gaya(bahasa: str):
    """The parsed stylesheet, once per language (the page footer's words are translated)."""
    from weasyprint import CSS

    with translation.override(bahasa):
        teks = render_to_string("pdf/dokumen.css")
    return CSS(string=teks, font_config=_font_config())


@functools.cache
def _pengambil():
    """A URL fetcher that allows only data: URLs (WeasyPrint's own protocol filter)."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


# Photos and receipt images in a report reach WeasyPrint as `berkas:<stored name>` (only our templates write
# such URLs, from names in a frozen snapshot; users' text is escaped). Downscaled: a phone photo is 3–5 MB.
SISI_GAMBAR = 1400


@functools.cache
def _pengambil_berkas():
    """data: URLs, plus `berkas:` names read from the private storage and downscaled to JPEG."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PengambilBerkas(URLFetcher):
        def fetch(self, url, headers=None):
            if not url.startswith("berkas:"):
                return super().fetch(url, headers)
            return URLFetcherResponse(
                url, body=gambar_kecil(url.removeprefix("berkas:")), headers={"Content-Type": "image/jpeg"}
            )

    return PengambilBerkas(allowed_protocols={"data", "berkas"})


def gambar_kecil(nama: str) -> bytes:
    """A stored image as a JPEG at most SISI_GAMBAR pixels a side (Pillow)."""
    import io

    from PIL import Image

    from kkg.lib.berkas import penyimpanan_privat

    with penyimpanan_privat.open(nama, "rb") as f, Image.open(f) as gambar:
        gambar.thumbnail((SISI_GAMBAR, SISI_GAMBAR))
        keluaran = io.BytesIO()
        gambar.convert("RGB").save(keluaran, "JPEG", quality=72)
    return keluaran.getvalue()


# Offices keep e-documents for years: PDF/A-3 (ISO 19005-3), level B (the look is preserved). WeasyPrint adds the
# sRGB output intent and the XMP metadata with the pdfaid part and conformance.
VARIAN_PDF = "pdf/a-3b"


@dataclass(frozen=True)
class Naskah:
    """A document ready for WeasyPrint: its final HTML and the metadata its PDF carries."""

    html: str
    judul: str
    subjek: str
    penulis: str


def ke_pdf(
    naskah: Naskah,
    progres: Callable[[int], None] | None = None,
    *,
    berkas: bool = False,
    varian: str | None = VARIAN_PDF,
) -> bytes:
    """PDF/A-3b bytes of a Naskah made by this module, with the shared stylesheet and fonts; its title, subject,
    author and language (settings.LANGUAGE_CODE) go into the document information and the XMP metadata.
    `progres(persen)` hears 70 once the pages are laid out and 90 once the PDF is written. `berkas`: the HTML may
    show stored images by `berkas:` URLs (a report's photos and receipts). `varian=None`: a plain PDF (the parts
    of a document rendered in parts, laporan/services/bertahap.py, which the join makes one file of)."""
    from weasyprint import HTML

    pengambil = _pengambil_berkas() if berkas else _pengambil()
    halaman = HTML(string=naskah.html, url_fetcher=pengambil).render(
        stylesheets=[_gaya(settings.LANGUAGE_CODE)], font_config=_font_config()
    )
    if progres:
        progres(70)
    meta = halaman.metadata
    meta.title, meta.description, meta.authors = naskah.judul, naskah.subjek, [naskah.penulis]
    meta.lang = settings.LANGUAGE_CODE
    isi = halaman.write_pdf(pdf_variant=varian)
    if progres:
        progres(90)
    return isi


def gaya_teks() -> str:
    """The stylesheet's text, for a bare WeasyPrint comparison (bench/pdf.py)."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("pdf/dokumen.css")


def qr_data_uri(url: str) -> str:
    """A PNG data URI of the QR code of `url`, large enough to scan from paper."""
    return segno.make(url, error="m").png_data_uri(scale=6, border=2)


def url_verifikasi(dokumen) -> str:
    """Absolute: documents are rendered outside any request (Celery), so the host comes from settings."""
    return url_absolut(dokumen.get_verifikasi_url())


def penanda_tangan(pertemuan: Pertemuan) -> dict:
    """Ketua and sekretaris in office on the meeting's date, or today's when none was recorded for that date."""
    Jabatan = Kepengurusan.Jabatan
    hasil = {}
    for jabatan in (Jabatan.KETUA, Jabatan.SEKRETARIS):
        qs = Kepengurusan.objects.filter(kelompok_id=pertemuan.kelompok_id, jabatan=jabatan).select_related("guru")
        pengurus = qs.menjabat(pertemuan.tanggal).first() or qs.menjabat().first()
        hasil[jabatan.value] = pengurus.guru if pengurus else None
    return hasil


def _daftar_hadir(pertemuan: Pertemuan) -> tuple[list, list]:
    """(members on the meeting's date, each with `.kehadiran` or None; guests), in the printed order."""
    tercatat = {
        k.guru_id: k for k in Kehadiran.objects.filter(pertemuan=pertemuan, guru__isnull=False).only("guru", "status")
    }
    anggota = list(pertemuan.keanggotaan_hari_itu().select_related("guru__sekolah").order_by("guru__nama", "pk"))
    for k in anggota:
        k.kehadiran = tercatat.get(k.guru_id)
    tamu = list(Kehadiran.objects.filter(pertemuan=pertemuan, guru__isnull=True).order_by("waktu", "pk"))
    return anggota, tamu


def konteks_surat(pertemuan: Pertemuan, dokumen) -> dict:
    """What every document of a meeting shows: the kop of its group, the place for the date line, and the QR code
    and address of the document's verification page."""
    kelompok = pertemuan.kelompok
    url = url_verifikasi(dokumen)
    return {
        "pertemuan": pertemuan,
        "kelompok": kelompok,
        "tempat_surat": kelompok.kecamatan.nama if kelompok.kecamatan_id else kelompok.kabupaten.nama,
        "dokumen": dokumen,
        "url_verifikasi": url,
        "qr": qr_data_uri(url),
    }


def _konteks(pertemuan: Pertemuan, dokumen) -> dict:
    anggota, tamu = _daftar_hadir(pertemuan)
    return konteks_surat(pertemuan, dokumen) | {
        "ringkasan": ringkasan(pertemuan),
        "anggota": anggota,
        "tamu": tamu,
        "penanda_tangan": penanda_tangan(pertemuan),
    }


def muat_pertemuan(pk: int) -> Pertemuan:
    """A meeting with what the kop and the identity block read, in one query."""
    return Pertemuan.objects.select_related(
        "kelompok__gugus", "kelompok__kecamatan", "kelompok__kabupaten", "tuan_rumah", "narasumber_guru", "program"
    ).get(pk=pk)


def naskah(template: str, konteks: dict, *, judul: str, subjek: str, penulis: str) -> Naskah:
    """Renders a templates/pdf/ document; its <head> carries the same metadata as the PDF (pdf/base.html).
    Call it under translation.override(settings.LANGUAGE_CODE), where the metadata was worded."""
    metadata = {"judul": judul, "subjek": subjek, "penulis": penulis}
    return Naskah(render_to_string(template, konteks | {"metadata": metadata}), **metadata)


def tanggal_panjang(tanggal) -> str:
    """17 Februari 2025 (in the active language)."""
    return formats.date_format(tanggal, "j F Y")


def judul_notulen(notulen: Notulen, pertemuan: Pertemuan) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("Notulen – %(topik)s (versi %(versi)s)") % {"topik": pertemuan.topik, "versi": notulen.versi}


def judul_daftar_hadir(pertemuan: Pertemuan) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("Daftar hadir – %(topik)s") % {"topik": pertemuan.topik}


def naskah_notulen(notulen: Notulen, dokumen) -> Naskah:
    """The minutes of an approved version, with the daftar hadir as an annex."""
    notulen = (
        Notulen.objects.select_related("disetujui_oleh")
        .prefetch_related(Prefetch("tindak_lanjut", queryset=TindakLanjut.objects.select_related("penanggung_jawab")))
        .get(pk=notulen.pk)
    )
    pertemuan = muat_pertemuan(notulen.pertemuan_id)
    with translation.override(settings.LANGUAGE_CODE):
        konteks = _konteks(pertemuan, dokumen) | {"notulen": notulen, "tindak_lanjut": notulen.tindak_lanjut.all()}
        return naskah(
            "pdf/notulen.html",
            konteks,
            judul=judul_notulen(notulen, pertemuan),
            subjek=_("Notulen pertemuan %(kelompok)s pada %(tanggal)s")
            % {"kelompok": pertemuan.kelompok.nama, "tanggal": tanggal_panjang(pertemuan.tanggal)},
            penulis=pertemuan.kelompok.nama,
        )


def naskah_daftar_hadir(pertemuan: Pertemuan, dokumen) -> Naskah:
    """The printable daftar hadir (signature column blank for paper use)."""
    pertemuan = muat_pertemuan(pertemuan.pk)
    with translation.override(settings.LANGUAGE_CODE):
        return naskah(
            "pdf/daftar_hadir.html",
            _konteks(pertemuan, dokumen),
            judul=judul_daftar_hadir(pertemuan),
            subjek=_("Daftar hadir pertemuan %(kelompok)s pada %(tanggal)s")
            % {"kelompok": pertemuan.kelompok.nama, "tanggal": tanggal_panjang(pertemuan.tanggal)},
            penulis=pertemuan.kelompok.nama,
        )
