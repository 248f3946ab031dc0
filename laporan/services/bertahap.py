"""Rendering a long document in parts, in parallel, joined into one PDF whose page numbers run across it.

WeasyPrint lays out about three pages a second on one core, and a tahunan report with its lampiran runs to a
hundred pages. So the document is cut into parts (the chapters, each lampiran in chunks), each rendered by its
own task on whichever worker is free; the task that completes the last part enqueues the join, which appends
the parts (and any PDF inserts, e.g. receipts) with pypdf and stamps "Halaman x dari y" on every page from an
overlay WeasyPrint renders in one go (pages holding nothing but the footer).

State lives in rows (`BagianDokumen`, the document's status and progress), so a task delivered twice, a worker
killed mid-part or a lost join message loses nothing: a done part is skipped, and the documents' sweep
(`dokumen.sapu_dokumen`) brings a stale document back to `lanjutkan`, which queues what is missing.
"""

import io
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from kkg.lib.antrean import antre

from .. import pdf
from ..models import BagianDokumen, Dokumen

log = logging.getLogger(__name__)


def lanjutkan(dokumen_id: int, rencana) -> None:
    """Plans the document's parts on the first call (`rencana(dokumen)` → [(final HTML, PDF inserts)]) and queues
    their renders after commit; on a later call (the sweep) queues the parts not done, or the join when all are.
    Under the document's row lock, so two calls plan once."""
    from ..tasks import gabung_bagian, render_bagian

    with transaction.atomic():
        dokumen = Dokumen.objects.select_for_update().filter(pk=dokumen_id).first()
        if dokumen is None or dokumen.status != Dokumen.Status.DIPROSES:
            return
        bagian = list(BagianDokumen.objects.filter(dokumen=dokumen))
        if not bagian:
            bagian = BagianDokumen.objects.bulk_create(
                BagianDokumen(dokumen=dokumen, urutan=i, html=html, sisipan=sisipan)
                for i, (html, sisipan) in enumerate(rencana(dokumen))
            )
            Dokumen.objects.filter(pk=dokumen.pk).update(progres=5)
        belum = [b.pk for b in bagian if not b.selesai]
        for pk in belum:
            antre(render_bagian, pk)
        if not belum:
            antre(gabung_bagian, dokumen.pk)


def _naskah(html: str, dokumen: Dokumen | None = None) -> pdf.Naskah:
    if dokumen is None:
        return pdf.Naskah(html=html, judul="", subjek="", penulis="")
    return pdf.Naskah(html=html, judul=dokumen.judul, subjek=dokumen.get_jenis_display(), penulis=dokumen.kelompok.nama)


def jumlah_halaman(isi: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(isi)).pages)


def render_html(html: str) -> bytes:
    """One part's PDF: the part task's render, and what bench/laporan.py's worker processes run."""
    return pdf.ke_pdf(_naskah(html), berkas=True, varian=None)


def render_bagian(bagian_id: int) -> None:
    """Renders one part (outside any lock: the slow step), stores it, and when it was the last one enqueues the
    join. Safe to run twice."""
    awal = BagianDokumen.objects.filter(pk=bagian_id).only("pk", "berkas", "dokumen_id").first()
    if awal is None or awal.selesai:
        return
    isi = render_html(BagianDokumen.objects.values_list("html", flat=True).get(pk=bagian_id))
    with transaction.atomic():
        bagian = BagianDokumen.objects.select_for_update().filter(pk=bagian_id).first()
        if bagian is None or bagian.selesai:
            return  # another delivery stored it while we rendered
        bagian.berkas.save(f"bagian-{bagian.dokumen_id}-{bagian.urutan}.pdf", ContentFile(isi), save=False)
        bagian.halaman = jumlah_halaman(isi)
        bagian.save(update_fields=["berkas", "halaman"])
        # The document's lock serialises the parts finishing together: the last one sees every part done.
        dokumen = Dokumen.objects.select_for_update().get(pk=bagian.dokumen_id)
        semua = BagianDokumen.objects.filter(dokumen=dokumen)
        total, selesai = semua.count(), semua.exclude(berkas="").count()
        dokumen.progres = min(95, round(95 * selesai / total))
        dokumen.save(update_fields=["progres"])
        if selesai == total:
            from ..tasks import gabung_bagian

            antre(gabung_bagian, dokumen.pk)


def html_nomor_halaman(jumlah: int) -> str:
    """`jumlah` empty pages carrying only the shared stylesheet's page footer ("Halaman x dari y")."""
    with translation.override("id"):
        return render_to_string("pdf/nomor_halaman.html", {"halaman": range(jumlah)})


def gabung_pdf(bagian: list[bytes], *, judul: str, penulis: str, subjek: str) -> bytes:
    """Joins PDFs in order and stamps running page numbers on every page; sets the document's metadata. The same
    function for the join task and bench/laporan.py."""
    from pypdf import PdfReader, PdfWriter

    penulis_pdf = PdfWriter()
    for isi in bagian:
        penulis_pdf.append(PdfReader(io.BytesIO(isi)))
    jumlah = len(penulis_pdf.pages)
    nomor = PdfReader(io.BytesIO(pdf.ke_pdf(_naskah(html_nomor_halaman(jumlah)), varian=None)))
    for halaman, lapisan in zip(penulis_pdf.pages, nomor.pages, strict=True):
        halaman.merge_page(lapisan)
    penulis_pdf.add_metadata({"/Title": judul, "/Author": penulis, "/Subject": subjek, "/Creator": "Administrasi KKG"})
    keluaran = io.BytesIO()
    penulis_pdf.write(keluaran)
    return keluaran.getvalue()


def _isi_sisipan(nama: str) -> bytes | None:
    """An insert's bytes if it is a readable PDF; a broken one is left out (and logged) rather than failing the
    whole report."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from kkg.lib.berkas import penyimpanan_privat

    try:
        with penyimpanan_privat.open(nama, "rb") as f:
            isi = f.read()
        PdfReader(io.BytesIO(isi))
    except (OSError, PdfReadError):
        log.warning("insert %s left out of the joined document", nama, exc_info=True)
        return None
    return isi


def gabung(dokumen_id: int) -> None:
    """Joins the parts of a document once all are done, stores it (status berlaku) and removes the parts.
    Does nothing when the document is no longer being processed or a part is missing."""
    from .dokumen import simpan_pdf

    with transaction.atomic():
        dokumen = Dokumen.objects.select_for_update().filter(pk=dokumen_id).first()
        if dokumen is None or dokumen.status != Dokumen.Status.DIPROSES:
            return
        bagian = list(BagianDokumen.objects.filter(dokumen=dokumen).order_by("urutan"))
        if not bagian or not all(b.selesai for b in bagian):
            return
        berkas = []
        for b in bagian:
            with b.berkas.open("rb") as f:
                berkas.append(f.read())
            berkas += [isi for nama in b.sisipan if (isi := _isi_sisipan(nama)) is not None]
        naskah = _naskah("".join(b.html for b in bagian), dokumen)
        hasil = gabung_pdf(berkas, judul=naskah.judul, penulis=naskah.penulis, subjek=naskah.subjek)
        simpan_pdf(dokumen, naskah, hasil)
        nama_bagian = [b.berkas.name for b in bagian]
        BagianDokumen.objects.filter(dokumen=dokumen).delete()
        storage = bagian[0].berkas.storage
        transaction.on_commit(lambda: [storage.delete(n) for n in nama_bagian])
