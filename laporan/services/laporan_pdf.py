"""The report's PDF from its frozen content (`VersiLaporan.isi`), in the layout Indonesian offices expect of an
activity report: cover, lembar pengesahan, BAB I Pendahuluan, BAB II Pelaksanaan, BAB III Hasil dan Dampak,
BAB IV Penutup, then the lampiran (daftar hadir of each meeting, photos, products, the compiled notulen per
programme and, for a grant, the receipts).

One template (`pdf/laporan.html`) renders any list of sections: the whole report, or one part of it. The
parts (`rencana_bagian`) are what laporan/services/bertahap.py renders in parallel; `html_utuh` is the same
content as one document (bench/laporan.py gives it to bare WeasyPrint).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kkg.lib.situs import url_absolut

from .. import pdf
from ..models import Dokumen, Laporan, RiwayatLaporan, VersiLaporan

# Chunks of the annexes, so that two or more workers share the pages evenly (a meeting's daftar hadir is about a
# page, its notulen one or two, twelve photos about three pages).
POTONG_HADIR = 8
POTONG_FOTO = 12
POTONG_NOTULEN = 6
GAMBAR = (".jpg", ".jpeg", ".png", ".webp")


@dataclass
class Bagian:
    templat: str
    data: dict = field(default_factory=dict)


def _potong(daftar: list, ukuran: int) -> list[list]:
    return [daftar[i : i + ukuran] for i in range(0, len(daftar), ukuran)]


def rencana_bagian(isi: dict) -> list[tuple[list[Bagian], list[str]]]:
    """The parts of the report: each a list of sections and the stored PDFs to append after it."""
    t = "pdf/laporan/_{}.html".format
    bagian = [([Bagian(t(n)) for n in ("sampul", "pengesahan", "bab1", "bab2", "bab3", "bab4")], [])]
    lampiran = isi["lampiran"]
    for i, daftar in enumerate(_potong(lampiran["daftar_hadir"], POTONG_HADIR)):
        bagian.append(([Bagian(t("lampiran_hadir"), {"daftar": daftar, "awal": i == 0})], []))
    topik = {p["id"]: p["topik"] for p in isi["pertemuan"]}
    foto = [f | {"data": f"berkas:{f['berkas']}", "topik": topik.get(f["pertemuan_id"], "")} for f in lampiran["foto"]]
    for i, potongan in enumerate(_potong(foto, POTONG_FOTO)):
        bagian.append(([Bagian(t("lampiran_foto"), {"foto": potongan, "awal": i == 0})], []))
    bagian.append(([Bagian(t("lampiran_produk"))], []))
    awal = True
    for kelompok in lampiran["notulen"]:
        for potongan in _potong(kelompok["pertemuan"], POTONG_NOTULEN):
            data = {"program": kelompok["program"], "pertemuan": potongan, "awal": awal}
            bagian.append(([Bagian(t("lampiran_notulen"), data)], []))
            awal = False
    if isi.get("hibah"):
        bukti = [b for b in isi["hibah"]["belanja"] if b["bukti"]]
        gambar = [
            {"nomor": b["nomor"], "data": f"berkas:{b['bukti']}"} for b in bukti if b["bukti"].lower().endswith(GAMBAR)
        ]
        sisipan = [b["bukti"] for b in bukti if b["bukti"].lower().endswith(".pdf")]
        bagian.append(([Bagian(t("lampiran_kuitansi"), {"gambar": gambar, "pdf": len(sisipan)})], sisipan))
    return bagian


def _pengesahan(laporan: Laporan, versi: VersiLaporan) -> dict:
    """The pengawas's approval of this version, for the lembar pengesahan (empty while not approved)."""
    setuju = (
        RiwayatLaporan.objects.filter(laporan=laporan, versi=versi.nomor, aksi=RiwayatLaporan.Aksi.SETUJUI)
        .select_related("oleh__pengawas")
        .order_by("-pada")
        .first()
    )
    if setuju is None:
        return {}
    pengawas = getattr(setuju.oleh, "pengawas", None) if setuju.oleh_id else None
    return {"pengawas": {"nama": setuju.nama_oleh, "nip": pengawas.nip if pengawas else ""}, "pada": setuju.pada}


def konteks(laporan: Laporan, versi: VersiLaporan | None, isi: dict, dokumen: Dokumen | None) -> dict:
    """What every part needs: the frozen content, the verification QR, the approval and the place and date."""
    url = url_absolut(dokumen.get_verifikasi_url()) if dokumen is not None else ""
    kelompok = isi["kelompok"]
    return {
        "isi": isi,
        "versi": versi.nomor if versi else None,
        "pengesahan": _pengesahan(laporan, versi) if versi else {},
        "tempat": kelompok["kecamatan"] or kelompok["kabupaten"],
        "tanggal_surat": timezone.localdate(versi.diajukan_pada) if versi else timezone.localdate(),
        "url_verifikasi": url,
        "qr": pdf.qr_data_uri(url) if url else "",
        "pratinjau": versi is None,
    }


def render_html(konteks_dasar: dict, bagian: list[Bagian], *, tanpa_nomor: bool) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "pdf/laporan.html", konteks_dasar | {"bagian": bagian, "tanpa_nomor_halaman": tanpa_nomor}
        )


def html_bagian(konteks_dasar: dict, isi: dict) -> list[tuple[str, list[str]]]:
    """Final HTML of every part (without page numbers: the join stamps them), with its PDF inserts."""
    return [(render_html(konteks_dasar, b, tanpa_nomor=True), s) for b, s in rencana_bagian(isi)]


def html_utuh(konteks_dasar: dict, isi: dict) -> str:
    """The same content as one document, page numbers included (bench/laporan.py's bare WeasyPrint run)."""
    semua = [bagian for b, _s in rencana_bagian(isi) for bagian in b]
    return render_html(konteks_dasar, semua, tanpa_nomor=False)


def rencana_dokumen(dokumen: Dokumen) -> list[tuple[str, list[str]]]:
    """The parts of a report's document: from the frozen version it belongs to or, for a preview, from the data as
    of now (laporan/services/dokumen.py plans it through bertahap.lanjutkan)."""
    from .kompilasi import kompilasi

    versi = VersiLaporan.objects.select_related("laporan").filter(dokumen=dokumen).first()
    if versi is not None:
        laporan, isi = versi.laporan, versi.isi
    else:
        laporan = dokumen.laporan
        isi = kompilasi(laporan)
    return html_bagian(konteks(laporan, versi, isi, dokumen), isi)
