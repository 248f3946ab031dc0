"""Rendering of the app's PDFs: Django templates in templates/pdf/ → final HTML → WeasyPrint → bytes.

Two steps on purpose: `html_notulen` / `html_daftar_hadir` build the final HTML (database reads, QR code,
template), `ke_pdf` turns any final HTML into PDF bytes. bench/pdf.py times the second against bare WeasyPrint
on the same HTML.

A warm worker process keeps what WeasyPrint can reuse: one FontConfiguration (fontconfig/Pango state) and the
parsed stylesheet, built on first use. The HTML may only load `data:` URLs (the QR code): our templates never
reference anything else, and the fetcher makes sure no text typed by a user can make WeasyPrint read a file or
the network.
"""

import functools

import segno
from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import translation

from gugus.models import Kepengurusan
from kegiatan.models import Kehadiran, Notulen, Pertemuan, TindakLanjut
from kegiatan.services.kehadiran import ringkasan


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


def ke_pdf(html: str) -> bytes:
    """PDF bytes of a final HTML document made by this module, with the shared stylesheet and fonts."""
    from weasyprint import HTML

    dokumen = HTML(string=html, url_fetcher=_pengambil())
    return dokumen.write_pdf(stylesheets=[_gaya(settings.LANGUAGE_CODE)], font_config=_font_config())


def gaya_teks() -> str:
    """The stylesheet's text, for a bare WeasyPrint comparison (bench/pdf.py)."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("pdf/dokumen.css")


def qr_data_uri(url: str) -> str:
    """A PNG data URI of the QR code of `url`, large enough to scan from paper."""
    return segno.make(url, error="m").png_data_uri(scale=6, border=2)


def url_verifikasi(dokumen) -> str:
    """Absolute: documents are rendered outside any request (Celery), so the host comes from settings."""
    return settings.ALAMAT_SITUS + dokumen.get_verifikasi_url()


def _penanda_tangan(pertemuan: Pertemuan) -> dict:
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


def _konteks(pertemuan: Pertemuan, dokumen) -> dict:
    kelompok = pertemuan.kelompok
    anggota, tamu = _daftar_hadir(pertemuan)
    url = url_verifikasi(dokumen)
    return {
        "pertemuan": pertemuan,
        "kelompok": kelompok,
        "tempat_surat": kelompok.kecamatan.nama if kelompok.kecamatan_id else kelompok.kabupaten.nama,
        "ringkasan": ringkasan(pertemuan),
        "anggota": anggota,
        "tamu": tamu,
        "penanda_tangan": _penanda_tangan(pertemuan),
        "dokumen": dokumen,
        "url_verifikasi": url,
        "qr": qr_data_uri(url),
    }


def _muat_pertemuan(pk: int) -> Pertemuan:
    return Pertemuan.objects.select_related(
        "kelompok__gugus", "kelompok__kecamatan", "kelompok__kabupaten", "tuan_rumah", "narasumber_guru", "program"
    ).get(pk=pk)


def html_notulen(notulen: Notulen, dokumen) -> str:
    """The final HTML of an approved version's minutes, with the daftar hadir as an annex."""
    notulen = (
        Notulen.objects.select_related("disetujui_oleh")
        .prefetch_related(Prefetch("tindak_lanjut", queryset=TindakLanjut.objects.select_related("penanggung_jawab")))
        .get(pk=notulen.pk)
    )
    pertemuan = _muat_pertemuan(notulen.pertemuan_id)
    with translation.override(settings.LANGUAGE_CODE):
        konteks = _konteks(pertemuan, dokumen) | {"notulen": notulen, "tindak_lanjut": notulen.tindak_lanjut.all()}
        return render_to_string("pdf/notulen.html", konteks)


def html_daftar_hadir(pertemuan: Pertemuan, dokumen) -> str:
    """The final HTML of the printable daftar hadir (signature column blank for paper use)."""
    pertemuan = _muat_pertemuan(pertemuan.pk)
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("pdf/daftar_hadir.html", _konteks(pertemuan, dokumen))
