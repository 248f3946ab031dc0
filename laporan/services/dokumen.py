"""The one document pipeline (DESIGN.md, "Documents"): a Dokumen row → HTML → PDF/A → stored → hashed → verified.

- `terbitkan(dokumen, naskah)` is the one render-and-store: PDF/A bytes, a random name in the private storage,
  SHA-256, status "berlaku" (or what its subject already says), in the caller's transaction; the file it
  replaces is deleted only after commit, so a rollback keeps the old one readable.
- Synchronous callers lock the row while they render, so two calls at once (two deliveries of one task) serialise
  and the second finds the file: `siapkan_pdf_notulen`, `siapkan_daftar_hadir`, the surat undangan.
- Long work follows one pattern (as pretix's exporters): the page creates the row "diproses" and queues
  `render_dokumen`, whose body `proses_dokumen` renders OUTSIDE any transaction (so the polling page sees
  `progres` move) and then stores under the row lock only if the row is still "diproses". A render that fails
  for good marks the row "gagal" with the reason; `ulangi_dokumen` queues it again, `sapu_dokumen` picks up rows
  whose message was lost.
- The status tells the truth: `tandai_diganti` and `batalkan_dokumen` follow kegiatan's signals, and
  `status_terkini` reads the subject again, for the verification page, in case a signal was missed.
"""

import hashlib
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kegiatan.models import Notulen, Pertemuan
from kegiatan.services.notulen import versi_berlaku
from kkg.lib.antrean import antre

from .. import pdf
from ..akses import dokumen_untuk
from ..models import Dokumen

Status = Dokumen.Status
Jenis = Dokumen.Jenis

# A row "diproses" untouched for this long lost its task (broker down, worker killed): it is queued again. Well
# above a render's time limit (settings.CELERY_TASK_TIME_LIMIT), so a slow render is not doubled on purpose.
BASI_DETIK = 600


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _status_subjek(dokumen: Dokumen) -> str | None:
    """What the document's subject says about its validity: "dibatalkan" when its meeting was cancelled,
    "diganti" when a newer notulen version was approved; None when nothing does."""
    if dokumen.pertemuan_id and dokumen.pertemuan.status == Pertemuan.Status.DIBATALKAN:
        return Status.DIBATALKAN
    if dokumen.jenis == Jenis.NOTULEN:
        berlaku = versi_berlaku(dokumen.pertemuan)
        if berlaku is not None and berlaku.pk != dokumen.notulen_id:
            return Status.DIGANTI
    return None


def status_terkini(dokumen: Dokumen) -> str:
    """The status to show: the row's, unless its subject says worse (a missed signal, a race with a render)."""
    if dokumen.status not in (Status.BERLAKU, Status.DIGANTI):
        return dokumen.status  # diproses, gagal, dibatalkan, dicabut: the row knows best
    return _status_subjek(dokumen) or dokumen.status


def _simpan(dokumen: Dokumen, naskah: pdf.Naskah, isi: bytes) -> Dokumen:
    lama = dokumen.berkas.name if dokumen.berkas else ""
    dokumen.berkas.save(dokumen.nama_unduhan(), ContentFile(isi), save=False)
    dokumen.sha256 = _sha256(isi)
    dokumen.sidik_html = _sha256(naskah.html.encode())
    dokumen.judul = naskah.judul[:200]
    if dokumen.status != Status.DICABUT:
        dokumen.status = _status_subjek(dokumen) or Status.BERLAKU
    dokumen.progres, dokumen.galat = 100, ""
    dokumen.save(update_fields=["berkas", "sha256", "sidik_html", "judul", "status", "progres", "galat", "diperbarui"])
    if lama:
        # The replaced file goes only once the new row is committed, so a rollback keeps the old one readable.
        transaction.on_commit(lambda: dokumen.berkas.storage.delete(lama))
    return dokumen


def simpan_pdf(dokumen: Dokumen, naskah: pdf.Naskah, isi: bytes) -> Dokumen:
    """Stores PDF bytes made elsewhere (a document joined from parts) on `dokumen`, as `terbitkan` does."""
    return _simpan(dokumen, naskah, isi)


def terbitkan(dokumen: Dokumen, naskah: pdf.Naskah) -> Dokumen:
    """Renders `naskah` to PDF/A, stores it on `dokumen` (new random name, SHA-256, status "berlaku" unless its
    subject was cancelled or superseded meanwhile) in the caller's transaction. The caller holds the row lock."""
    return _simpan(dokumen, naskah, pdf.ke_pdf(naskah))


def _kunci(**kunci) -> Dokumen:
    """The row with these unique keys, created if missing ("diproses"), locked until the caller's transaction ends.
    `defaults` apply to a new row only."""
    dokumen, _dibuat = Dokumen.objects.get_or_create(**kunci)
    return _kunci_baris(dokumen.pk)


def _kunci_baris(pk: int) -> Dokumen:
    # Lock only the document row: its notulen is NULL for a daftar hadir (PostgreSQL refuses to lock that side).
    return Dokumen.objects.select_for_update(of=("self",)).select_related("pertemuan", "notulen").get(pk=pk)


def _baris_notulen(notulen: Notulen, oleh=None) -> dict:
    """The unique key of an approved version's document, and what a new row starts with."""
    pertemuan = notulen.pertemuan
    return {
        "jenis": Jenis.NOTULEN,
        "notulen": notulen,
        "defaults": {
            "kelompok_id": pertemuan.kelompok_id,
            "pertemuan": pertemuan,
            "judul": pdf.judul_notulen(notulen, pertemuan)[:200],
            "diterbitkan_oleh_id": oleh.pk if oleh else notulen.disetujui_oleh_id,
        },
    }


def _pastikan_disetujui(notulen: Notulen) -> None:
    if notulen.status != Notulen.Status.DISETUJUI:
        raise ValidationError(_("Hanya notulen yang sudah disetujui yang dapat dijadikan PDF."))


def siapkan_pdf_notulen(notulen: Notulen) -> Dokumen:
    """The PDF of an approved version, rendered on the first call only (an approved version never changes, so its
    document is fixed too). Synchronous: for the approval's task and the distribution, which need the file now."""
    _pastikan_disetujui(notulen)
    ada = Dokumen.objects.filter(jenis=Jenis.NOTULEN, notulen=notulen).exclude(berkas="").first()
    if ada is not None:
        return ada
    with transaction.atomic():
        dokumen = _kunci(**_baris_notulen(notulen))
        if dokumen.siap:
            return dokumen  # another worker rendered it while we waited for the lock
        return terbitkan(dokumen, pdf.naskah_notulen(notulen, dokumen))


def siapkan_daftar_hadir(pertemuan: Pertemuan, *, oleh=None) -> Dokumen:
    """The printable daftar hadir of a meeting. Attendance changes until the list is closed, so the stored PDF
    is rendered again (same row, same verification code) whenever the HTML it comes from has changed. A cancelled
    meeting has none to print (ValidationError)."""
    if pertemuan.status == Pertemuan.Status.DIBATALKAN:
        raise ValidationError(_("Pertemuan ini dibatalkan: daftar hadirnya tidak dicetak."))
    with transaction.atomic():
        dokumen = _kunci(
            jenis=Jenis.DAFTAR_HADIR,
            pertemuan=pertemuan,
            defaults={"kelompok_id": pertemuan.kelompok_id, "diterbitkan_oleh": oleh},
        )
        naskah = pdf.naskah_daftar_hadir(pertemuan, dokumen)
        if not (dokumen.siap and dokumen.sidik_html == _sha256(naskah.html.encode())):
            terbitkan(dokumen, naskah)
    return dokumen


# --- Long work: the row first, a task fills it, the page polls ------------------------------------------------------


def _naskah_surat(dokumen: Dokumen) -> pdf.Naskah:
    from .surat import naskah_surat_undangan  # surat.py issues its letters through terbitkan()

    return naskah_surat_undangan(dokumen.surat_undangan)


def _naskah_buku_kas(dokumen: Dokumen) -> pdf.Naskah:
    from .buku_kas import naskah_buku_kas

    return naskah_buku_kas(dokumen)


def _naskah_laporan_pengawas(dokumen: Dokumen) -> pdf.Naskah:
    from .pendampingan import naskah_laporan_pengawas

    return naskah_laporan_pengawas(dokumen)


# How the render task builds each kind's Naskah from its row.
_NASKAH = {
    Jenis.LAPORAN_PENGAWAS: _naskah_laporan_pengawas,
    Jenis.NOTULEN: lambda d: pdf.naskah_notulen(d.notulen, d),
    Jenis.DAFTAR_HADIR: lambda d: pdf.naskah_daftar_hadir(d.pertemuan, d),
    Jenis.SURAT_UNDANGAN: _naskah_surat,
    Jenis.BUKU_KAS: _naskah_buku_kas,
}


def _antre_render(pk: int) -> None:
    from ..tasks import render_dokumen

    antre(render_dokumen, pk)


def minta_pdf_notulen(notulen: Notulen, *, oleh) -> Dokumen:
    """A reader asks for an approved version's PDF (the caller fetched it through `notulen_untuk`): its row,
    created "diproses" and queued for `render_dokumen` on the first request. Without a broker the task runs at
    once, so the row returned may be ready already."""
    _pastikan_disetujui(notulen)
    dokumen, dibuat = Dokumen.objects.get_or_create(**_baris_notulen(notulen, oleh))
    if dibuat:
        _antre_render(dokumen.pk)
        dokumen.refresh_from_db()
    return dokumen


def _catat_progres(pk: int, persen: int) -> None:
    Dokumen.objects.filter(pk=pk, status=Status.DIPROSES).update(progres=persen, diperbarui=timezone.now())


def _rencana_laporan(dokumen: Dokumen):
    from .laporan_pdf import rencana_dokumen

    return rencana_dokumen(dokumen)


# Kinds too long for one render: planned as parts that render in parallel (laporan/services/bertahap.py).
BERTAHAP = {Jenis.LAPORAN: _rencana_laporan, Jenis.PRATINJAU_LAPORAN: _rencana_laporan}


def proses_dokumen(dokumen_id: int) -> Dokumen | None:
    """The render task's body: fills a "diproses" row and reports `progres` on the way (10 → 30 → 70 → 90 → 100).
    Any other state (a redelivered message, a row already stored) does nothing. Errors propagate: the task
    retries or calls `tandai_gagal`. A kind rendered in parts is planned (or, when the sweep brings it back, its
    missing parts or join are queued again) instead."""
    dokumen = Dokumen.objects.select_related("pertemuan", "notulen").filter(pk=dokumen_id).first()
    if dokumen is None or dokumen.status != Status.DIPROSES:
        return dokumen
    if dokumen.jenis in BERTAHAP:
        from .bertahap import lanjutkan

        lanjutkan(dokumen_id, BERTAHAP[dokumen.jenis])
        return dokumen
    _catat_progres(dokumen_id, 10)
    naskah = _NASKAH[dokumen.jenis](dokumen)
    _catat_progres(dokumen_id, 30)
    isi = pdf.ke_pdf(naskah, lambda persen: _catat_progres(dokumen_id, persen))
    with transaction.atomic():
        dokumen = _kunci_baris(dokumen_id)
        if dokumen.status != Status.DIPROSES:
            return dokumen  # stored by another delivery while we rendered: keep its file (and its hash)
        return _simpan(dokumen, naskah, isi)


def tandai_gagal(dokumen_id: int, galat: BaseException) -> None:
    """A render that failed for good: the row says so, with the reason (never silent)."""
    alasan = f"{type(galat).__name__}: {galat}"[:1000]
    Dokumen.objects.filter(pk=dokumen_id, status=Status.DIPROSES).update(
        status=Status.GAGAL, galat=alasan, diperbarui=timezone.now()
    )


def ulangi_dokumen(dokumen: Dokumen, *, oleh) -> bool:
    """Whoever may fetch the document sends a failed render back to "diproses" and queues it again after commit.
    False when it had not failed (nothing to do)."""
    if not dokumen_untuk(oleh).filter(pk=dokumen.pk).exists():
        raise PermissionDenied
    with transaction.atomic():
        n = Dokumen.objects.filter(pk=dokumen.pk, status=Status.GAGAL).update(
            status=Status.DIPROSES, progres=0, galat="", diperbarui=timezone.now()
        )
        if n:
            _antre_render(dokumen.pk)
    return bool(n)


def sapu_dokumen(basi_detik: float = BASI_DETIK) -> int:
    """celery beat: queues again the rows left "diproses" `basi_detik` seconds without progress (the broker was
    down, a worker died). Each row is claimed with a conditional update, so two sweeps queue it once; queuing too
    much is harmless anyway (the task stores only a row still "diproses"). Returns the number queued."""
    sekarang = timezone.now()
    basi = Dokumen.objects.filter(status=Status.DIPROSES, diperbarui__lt=sekarang - timedelta(seconds=basi_detik))
    jumlah = 0
    for pk in basi.values_list("pk", flat=True):
        if basi.filter(pk=pk).update(diperbarui=sekarang):
            _antre_render(pk)
            jumlah += 1
    return jumlah


# --- The truth of the status, after kegiatan's signals -------------------------------------------------------------


def tandai_diganti(notulen: Notulen) -> int:
    """After a version's approval: the documents of the older versions of its meeting are "diganti"."""
    return Dokumen.objects.filter(
        jenis=Jenis.NOTULEN,
        pertemuan_id=notulen.pertemuan_id,
        notulen__versi__lt=notulen.versi,
        status=Status.BERLAKU,
    ).update(status=Status.DIGANTI, diperbarui=timezone.now())


def batalkan_dokumen(pertemuan: Pertemuan) -> int:
    """After a meeting's cancellation: every document of it (daftar hadir, surat undangan, notulen) is
    "dibatalkan". A row still being rendered gets that status when it is stored (`_status_subjek`)."""
    return Dokumen.objects.filter(pertemuan_id=pertemuan.pk, status__in=[Status.BERLAKU, Status.DIGANTI]).update(
        status=Status.DIBATALKAN, diperbarui=timezone.now()
    )


def cocokkan_hash(dokumen: Dokumen, isi: bytes) -> bool:
    """Is `isi` exactly the stored PDF (for the verification page's upload)?"""
    return bool(dokumen.sha256) and _sha256(isi) == dokumen.sha256
