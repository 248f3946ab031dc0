"""Preparing the app's PDFs: one stored document per approved notulen version and per meeting's daftar hadir.

Safe to call twice, or twice at once (two deliveries of one task): the row is created through a unique
constraint and locked (`select_for_update`) while it is rendered, so the second caller waits and then finds
the file. The rendering happens inside that transaction; if it fails, nothing is left behind but the file
(if any was written), and the next call starts over.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from kegiatan.models import Notulen, Pertemuan

from .. import pdf
from ..models import DokumenPdf


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _simpan(dokumen: DokumenPdf, isi: bytes, sidik_html: str) -> None:
    lama = dokumen.berkas.name if dokumen.berkas else ""
    dokumen.berkas.save(dokumen.nama_unduhan(), ContentFile(isi), save=False)
    dokumen.sha256 = _sha256(isi)
    dokumen.sidik_html = sidik_html
    dokumen.save(update_fields=["berkas", "sha256", "sidik_html", "diperbarui"])
    if lama:
        # The replaced file goes only once the new row is committed, so a rollback keeps the old one readable.
        transaction.on_commit(lambda: dokumen.berkas.storage.delete(lama))


def _kunci(**kunci) -> DokumenPdf:
    """The document's row, created if missing, locked until the caller's transaction ends."""
    dokumen, _dibuat = DokumenPdf.objects.get_or_create(**kunci)
    # Lock only the document row: its notulen is NULL for a daftar hadir (PostgreSQL refuses to lock that side).
    return DokumenPdf.objects.select_for_update(of=("self",)).select_related("pertemuan", "notulen").get(pk=dokumen.pk)


def siapkan_pdf_notulen(notulen: Notulen) -> DokumenPdf:
    """The PDF of an approved notulen version, rendered on the first call only (an approved version never
    changes, so its document is fixed too). Called by the render task, and by the page when it is missing."""
    if notulen.status != Notulen.Status.DISETUJUI:
        raise ValidationError(_("Hanya notulen yang sudah disetujui yang dapat dijadikan PDF."))
    ada = DokumenPdf.objects.filter(jenis=DokumenPdf.Jenis.NOTULEN, notulen=notulen).exclude(berkas="").first()
    if ada is not None:
        return ada
    with transaction.atomic():
        dokumen = _kunci(jenis=DokumenPdf.Jenis.NOTULEN, notulen=notulen, pertemuan_id=notulen.pertemuan_id)
        if dokumen.siap:
            return dokumen  # another worker rendered it while we waited for the lock
        html = pdf.html_notulen(notulen, dokumen)
        _simpan(dokumen, pdf.ke_pdf(html), _sha256(html.encode()))
    return dokumen


def siapkan_daftar_hadir(pertemuan: Pertemuan) -> DokumenPdf:
    """The printable daftar hadir of a meeting. Attendance changes until the list is closed, so the stored PDF
    is rendered again (same row, same verification code) whenever the HTML it comes from has changed."""
    with transaction.atomic():
        dokumen = _kunci(jenis=DokumenPdf.Jenis.DAFTAR_HADIR, pertemuan=pertemuan)
        html = pdf.html_daftar_hadir(pertemuan, dokumen)
        sidik = _sha256(html.encode())
        if not (dokumen.siap and dokumen.sidik_html == sidik):
            _simpan(dokumen, pdf.ke_pdf(html), sidik)
    return dokumen


def cocokkan_hash(dokumen: DokumenPdf, isi: bytes) -> bool:
    """Is `isi` exactly the stored PDF (for the verification page's upload)?"""
    return bool(dokumen.sha256) and _sha256(isi) == dokumen.sha256
