"""The outbox: every e-mail the app sends, written by the action and sent exactly once, whatever the broker does.

Exactly once per row — the design, in the database rather than in Celery (first written for the notulen
distribution, now shared by every kind of mail):

1. The action writes the message as a `Surel` row (`surel_dari_templat`, or `tulis_surel` + `antrekan` for many)
   in ITS OWN transaction: subject and text rendered from templates found by name, links absolute
   (kkg.lib.situs), attachments by reference (kkg/surel/lampiran.py). A rolled-back action leaves no message; a
   committed one always has its row. With a `kunci`, writing the same logical message twice returns the first row.
2. After commit the row's `kirim_surel` task is enqueued (kkg.lib.antrean). A broker that is down is logged and
   the page succeeds: the row waits "menunggu" with no `diantrekan_pada`, for the sweep.
3. `kirim` (the task's body) takes the row lock (`select_for_update`), returns at once unless the row is still
   "menunggu", sends over SMTP WHILE holding the lock, and marks it "terkirim" in the same transaction. Two
   deliveries of the task (acks_late re-delivery, the sweep, "kirim ulang") serialise on the lock; the second
   sees "terkirim" and does nothing. A failed attempt is counted with its reason; the next one follows after
   settings.PENGIRIMAN_JEDA_ULANG[n] seconds, and after the last the row is "gagal".
4. A worker killed before COMMIT leaves the row "menunggu" (the database aborts the transaction and releases the
   lock when the connection dies); celery beat's `sapu_surel` enqueues again every row never enqueued, or
   enqueued more than settings.PENGIRIMAN_BASI_DETIK ago.

The one honest duplicate window: the SMTP server has answered "250" but the process dies before COMMIT. The row
is still "menunggu" and the message goes again — with the same Message-ID (`Surel.message_id`), so a receiving
server or client can recognise it; the window is a few milliseconds. The SMTP connection is closed (QUIT) only
after COMMIT, to keep that round trip out of the window.
"""

import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation

from kkg.lib.antrean import antre_semua

from .lampiran import LampiranHilang, baca, referensi
from .models import Surel

Status = Surel.Status

GAGAL_KIRIM = (smtplib.SMTPException, OSError)  # a mail server down or refusing; a file that cannot be read
BATAS_SAPU = 1000  # rows per sweep; the next sweep (five minutes later) takes the rest


def render_surel(nama: str, konteks: dict) -> tuple[str, str, str]:
    """(subject, text, HTML or "") from `<nama>_subjek.txt`, `<nama>.txt` and, when it exists, `<nama>.html`,
    e.g. nama="kegiatan/email/pengingat". In the site's language: the recipient is not the one who clicked."""
    with translation.override(settings.LANGUAGE_CODE):
        subjek = " ".join(render_to_string(f"{nama}_subjek.txt", konteks).split())  # one header line
        isi = render_to_string(f"{nama}.txt", konteks)
        try:
            html = get_template(f"{nama}.html").render(konteks)
        except TemplateDoesNotExist:
            html = ""
    return subjek, isi, html


def tulis_surel(
    nama: str,
    konteks: dict,
    kepada: str,
    *,
    nama_penerima: str = "",
    kunci: str | None = None,
    lampiran: Iterable[tuple[str, int]] = (),
) -> Surel:
    """Writes one message to `kepada` from the templates `nama` (see render_surel) in the caller's transaction,
    WITHOUT enqueuing it: pass the rows to `antrekan` (one after-commit publish for a whole batch). `lampiran`
    holds (kind, id) references registered with kkg.surel.lampiran.daftarkan_lampiran. With `kunci`, an existing
    row with that key is returned instead (nothing is rendered or written)."""
    kepada = (kepada or "").strip()
    if not kepada:
        raise ValueError("an e-mail needs an address")
    if kunci is not None and (ada := Surel.objects.filter(kunci=kunci).first()) is not None:
        return ada
    subjek, isi, html = render_surel(nama, konteks)
    baris = {
        "kepada": kepada,
        "nama": nama_penerima[:150],
        "subjek": subjek[:998],
        "isi": isi,
        "html": html,
        "lampiran": referensi(lampiran),
        "diantrekan_pada": timezone.now(),  # antrekan follows; cleared again if the broker refuses
    }
    if kunci is None:
        return Surel.objects.create(**baris)
    return Surel.objects.get_or_create(kunci=kunci, defaults=baris)[0]  # a concurrent writer: one row still


def antrekan(daftar: Iterable[Surel]) -> None:
    """Enqueue `kirim_surel` for each row after commit (kkg.lib.antrean.antre_semua). Rows the broker refused
    lose their `diantrekan_pada`, so the next sweep takes them."""
    _antrekan_id([s.pk for s in daftar])


def surel_dari_templat(nama: str, konteks: dict, kepada: str, **kwargs) -> Surel:
    """One message: `tulis_surel(...)`, enqueued after commit (`antrekan`)."""
    surel = tulis_surel(nama, konteks, kepada, **kwargs)
    antrekan([surel])
    return surel


def _antrekan_id(ids: list[int]) -> None:
    from .tasks import kirim_surel

    antre_semua(kirim_surel, [(pk,) for pk in ids], bila_gagal=_tidak_diantrekan)


def _tidak_diantrekan(sisa: list[tuple]) -> None:
    Surel.objects.filter(pk__in=[args[0] for args in sisa], status=Status.MENUNGGU).update(diantrekan_pada=None)


# --- sending ------------------------------------------------------------------------------------------------


@dataclass
class CobaLagi:
    """An attempt failed and another should follow after `jeda` seconds."""

    galat: Exception
    jeda: float


def kirim(surel_id: int) -> CobaLagi | None:
    """Sends one row at most once (see the module docstring). Returns None when there is nothing more to do
    (sent now or before, gone, or just marked "gagal"); CobaLagi when this attempt failed and was counted."""
    awal = Surel.objects.filter(pk=surel_id).only("status", "lampiran").first()
    if awal is None or awal.status != Status.MENUNGGU:
        return None
    # Read (maybe rendered) before the row lock, so that the lock is held only for the SMTP conversation.
    berkas, galat = [], None
    try:
        berkas = [baca(ref) for ref in awal.lampiran]
    except (LampiranHilang, *GAGAL_KIRIM) as e:
        galat = e
    koneksi = get_connection()
    try:
        return _kirim_terkunci(surel_id, berkas, galat, koneksi)
    finally:
        try:
            koneksi.close()
        except GAGAL_KIRIM:
            pass  # after COMMIT (or a failed attempt): a QUIT that fails changes nothing


def _kirim_terkunci(surel_id: int, berkas: list, galat_lampiran: Exception | None, koneksi) -> CobaLagi | None:
    with transaction.atomic():
        surel = Surel.objects.select_for_update().filter(pk=surel_id).first()
        if surel is None or surel.status != Status.MENUNGGU:
            return None  # another delivery of the task sent it while we waited for the lock
        surel.percobaan += 1
        if galat_lampiran is not None:
            return _gagal(surel, galat_lampiran, akhir=isinstance(galat_lampiran, LampiranHilang))
        try:
            pesan = _pesan(surel, berkas, koneksi)
            koneksi.open()  # opened here, so send() leaves it open for the QUIT after COMMIT
            pesan.send()
        except GAGAL_KIRIM as e:
            return _gagal(surel, e)
        surel.status = Status.TERKIRIM
        surel.dikirim_pada = timezone.now()
        surel.alasan_gagal = ""
        surel.save(update_fields=["percobaan", "status", "dikirim_pada", "alasan_gagal"])
    return None


def _gagal(surel: Surel, galat: Exception, *, akhir: bool = False) -> CobaLagi | None:
    """Records a failed attempt (already counted) on the locked row; "gagal" after the last one."""
    jeda = list(settings.PENGIRIMAN_JEDA_ULANG)
    akhir = akhir or surel.percobaan > len(jeda)
    surel.alasan_gagal = f"{type(galat).__name__}: {galat}"[:1000]
    surel.status = Status.GAGAL if akhir else Status.MENUNGGU
    surel.diantrekan_pada = timezone.now()  # the task's retry hands it to the broker again
    surel.save(update_fields=["percobaan", "alasan_gagal", "status", "diantrekan_pada"])
    return None if akhir else CobaLagi(galat, jeda[surel.percobaan - 1])


def _pesan(surel: Surel, berkas: list[tuple[str, bytes, str]], koneksi) -> EmailMultiAlternatives:
    kepada = formataddr((surel.nama, surel.kepada)) if surel.nama and surel.nama != surel.kepada else surel.kepada
    pesan = EmailMultiAlternatives(
        surel.subjek, surel.isi, to=[kepada], headers={"Message-ID": surel.message_id}, connection=koneksi
    )
    if surel.html:
        pesan.attach_alternative(surel.html, "text/html")
    for nama, isi, jenis in berkas:
        pesan.attach(nama, isi, jenis)
    return pesan


# --- the sweep, sending again ---------------------------------------------------------------------------------


def sapu_surel(basi_detik: float | None = None) -> int:
    """celery beat: enqueue again every "menunggu" row never enqueued (the broker was down), or enqueued more than
    `basi_detik` seconds ago (default settings.PENGIRIMAN_BASI_DETIK: a worker killed mid-run, whose message Redis
    would return only after its visibility timeout). Safe to overdo: the send is guarded by the row lock and the
    status. Returns the number of rows enqueued."""
    basi = settings.PENGIRIMAN_BASI_DETIK if basi_detik is None else basi_detik
    batas = timezone.now() - timedelta(seconds=basi)
    with transaction.atomic():
        ids = list(
            Surel.objects.select_for_update(skip_locked=True)  # a row being sent right now is skipped
            .filter(Q(diantrekan_pada__isnull=True) | Q(diantrekan_pada__lt=batas), status=Status.MENUNGGU)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATAS_SAPU]
        )
        Surel.objects.filter(pk__in=ids).update(diantrekan_pada=timezone.now())
        _antrekan_id(ids)
    return len(ids)


def kirim_ulang(surel: Surel) -> bool:
    """A "gagal" row goes back to "menunggu" with its attempts reset and is enqueued after commit (staff in the
    admin; the sekretaris on the distribution page, through laporan). False when the row was not "gagal"."""
    with transaction.atomic():
        n = Surel.objects.filter(pk=surel.pk, status=Status.GAGAL).update(
            status=Status.MENUNGGU, percobaan=0, diantrekan_pada=timezone.now()
        )
        if n:
            _antrekan_id([surel.pk])
    return bool(n)
