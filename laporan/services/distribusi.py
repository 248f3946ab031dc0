"""Distribution of an approved notulen: who receives it, the delivery rows, the e-mail itself, the sweep.

Exactly once per (version, address) — the design, in the database rather than in Celery:

1. `distribusikan` writes one `Pengiriman` row per address in ONE transaction; the unique constraint
   (notulen, email) and the skip of existing addresses mean a second "Distribusikan" never creates a second
   row, hence never a second e-mail. Tasks are enqueued only after commit (`transaction.on_commit`).
2. `kirim_pengiriman` (the task's body) takes the row lock (`select_for_update`), returns at once unless the
   row is still "menunggu", sends the e-mail over SMTP WHILE holding the lock, and marks it "terkirim" in the
   same transaction. Two deliveries of the task (acks_late re-delivery, a sweep, a "kirim ulang") serialise on
   the lock; the second one sees "terkirim" and does nothing.
3. A worker killed before COMMIT leaves the row "menunggu" (the database aborts the transaction and releases
   the lock when the connection dies); the message comes back through acks_late or the sweep
   (`sapu_pengiriman`) and the e-mail is sent then.

The one honest duplicate window: the SMTP server has answered "250" for the message but the process dies
before COMMIT. The row is still "menunggu" and the e-mail is sent again. The deterministic Message-ID (from the
row's token) lets a receiving server or client recognise that duplicate; the window is a few milliseconds.
"""

import logging
import re
import smtplib
from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import formataddr
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gugus.models import Keanggotaan, Pendampingan
from kegiatan import akses
from kegiatan.models import Notulen
from kegiatan.services.notulen import versi_berlaku

from ..models import Distribusi, Dokumen, Pengiriman
from .dokumen import siapkan_pdf_notulen

log = logging.getLogger(__name__)

Peran = Pengiriman.Peran
Status = Pengiriman.Status


@dataclass
class Penerima:
    nama: str
    email: str  # lower-case, "" when unknown
    peran: str = Peran.LAINNYA
    sekolah: str = ""
    user_id: int | None = None

    def get_peran_display(self) -> str:
        return str(Peran(self.peran).label)


@dataclass
class DaftarPenerima:
    """The default recipients: sendable ones (one per address) and those without an address."""

    penerima: list[Penerima] = field(default_factory=list)
    tanpa_email: list[Penerima] = field(default_factory=list)


def _guru(guru, peran: str) -> Penerima:
    user = guru.user
    alamat = guru.email or (user.email if user else "")
    return Penerima(guru.nama, alamat.strip().lower(), peran, guru.sekolah.nama, guru.user_id)


def penerima_bawaan(notulen: Notulen) -> DaftarPenerima:
    """Members of the group on the meeting date, kepala sekolah of the group's schools and the group's pengawas
    in force, deduplicated by address (the first role wins). Three queries."""
    pertemuan = notulen.pertemuan
    kelompok = pertemuan.kelompok
    calon = [
        _guru(k.guru, Peran.ANGGOTA)
        for k in Keanggotaan.objects.berlaku(pertemuan.tanggal)
        .filter(kelompok_id=kelompok.pk)
        .select_related("guru__user", "guru__sekolah")
        .order_by("guru__nama")
    ]
    sekolah = kelompok.sekolah_wilayah().filter(kepala_sekolah__isnull=False)
    for s in sekolah.select_related("kepala_sekolah__user", "kepala_sekolah__sekolah").order_by("nama"):
        calon.append(_guru(s.kepala_sekolah, Peran.KEPALA_SEKOLAH))
    for p in Pendampingan.objects.berlaku().filter(kelompok_id=kelompok.pk).select_related("pengawas__user"):
        user = p.pengawas.user
        nama = user.get_full_name() or user.get_username()
        calon.append(Penerima(nama, (user.email or "").strip().lower(), Peran.PENGAWAS, "", user.pk))
    hasil, terlihat = DaftarPenerima(), set()
    for c in calon:
        if not c.email:
            hasil.tanpa_email.append(c)
        elif c.email not in terlihat:
            terlihat.add(c.email)
            hasil.penerima.append(c)
    return hasil


_BARIS = re.compile(r"^\s*(?P<nama>.*?)\s*[<,;]?\s*(?P<email>[^\s<>,;]+@[^\s<>,;]+?)\s*>?\s*$")


def urai_tambahan(teks: str) -> list[Penerima]:
    """Extra recipients typed one a line: "Nama <alamat@contoh.id>", "Nama, alamat@contoh.id" or an address.
    Raises ValidationError naming the lines that are not understood."""
    hasil, salah = [], []
    for nomor, baris in enumerate((teks or "").splitlines(), 1):
        if not baris.strip():
            continue
        cocok = _BARIS.match(baris)
        alamat = cocok["email"].lower() if cocok else ""
        try:
            validate_email(alamat)
        except ValidationError:
            salah.append(str(nomor))
            continue
        hasil.append(Penerima(cocok["nama"].strip(" ,;") or alamat, alamat, Peran.LAINNYA))
    if salah:
        raise ValidationError(_("Baris %(baris)s bukan alamat e-mail yang valid.") % {"baris": ", ".join(salah)})
    return hasil


def notulen_terdistribusi(pertemuan) -> Notulen | None:
    """The version that may be distributed: the current approved one."""
    return versi_berlaku(pertemuan)


def _antrekan(ids: list[int]) -> None:
    """Enqueue one task per row; runs after commit. A broker that is down must not fail the request: the rows
    stay "menunggu" with no `diantrekan_pada` and the sweep enqueues them later."""
    from ..tasks import kirim_pengiriman

    diantrekan = []
    for pk in ids:
        try:
            kirim_pengiriman.delay(pk)
        except Exception:  # kombu OperationalError, connection refused, …: the sweep will retry
            log.warning(
                "could not enqueue: %d delivery rows left for the sweep", len(ids) - len(diantrekan), exc_info=True
            )
            break
        diantrekan.append(pk)
    if diantrekan:
        Pengiriman.objects.filter(pk__in=diantrekan, status=Status.MENUNGGU, diantrekan_pada__isnull=True).update(
            diantrekan_pada=timezone.now()
        )


def distribusikan(notulen: Notulen, penerima: list[Penerima], *, oleh) -> list[Pengiriman]:
    """Sekretaris or ketua sends the current approved version to `penerima`. Creates one Distribusi and one
    Pengiriman per address that has none yet for this version (never a second e-mail to an address), and
    enqueues one `kirim_pengiriman` per new row after commit. Returns the new rows (maybe none)."""
    akses.pastikan_boleh(oleh, "tulis_notulen", notulen.pertemuan)
    berlaku = versi_berlaku(notulen.pertemuan)
    if notulen.status != Notulen.Status.DISETUJUI or berlaku is None or berlaku.pk != notulen.pk:
        raise ValidationError(_("Hanya versi notulen yang berlaku (sudah disetujui) yang dapat didistribusikan."))
    with transaction.atomic():
        # Lock the version so that two simultaneous clicks serialise here instead of on the unique constraint.
        Notulen.objects.select_for_update().filter(pk=notulen.pk).first()
        ada = set(Pengiriman.objects.filter(notulen=notulen).values_list("email", flat=True))
        baru = {}
        for p in penerima:
            alamat = p.email.strip().lower()
            if alamat and alamat not in ada and alamat not in baru:
                baru[alamat] = p
        if not baru:
            return []
        distribusi = Distribusi.objects.create(notulen=notulen, dibuat_oleh=oleh)
        baris = Pengiriman.objects.bulk_create(
            Pengiriman(
                distribusi=distribusi,
                notulen=notulen,
                email=alamat,
                nama=p.nama[:150],
                peran=p.peran,
                sekolah=p.sekolah[:150],
                user_id=p.user_id,
            )
            for alamat, p in baru.items()
        )
        ids = [b.pk for b in baris]  # bulk_create sets primary keys on PostgreSQL and SQLite
        transaction.on_commit(lambda: _antrekan(ids))
    return baris


def kirim_ulang(pengiriman: Pengiriman, *, oleh) -> None:
    """Sekretaris or ketua sends a failed delivery again: back to "menunggu", enqueued after commit."""
    akses.pastikan_boleh(oleh, "tulis_notulen", pengiriman.notulen.pertemuan)
    with transaction.atomic():
        n = Pengiriman.objects.filter(pk=pengiriman.pk, status=Status.GAGAL).update(
            status=Status.MENUNGGU, percobaan=0, diantrekan_pada=None
        )
        if n:
            transaction.on_commit(lambda: _antrekan([pengiriman.pk]))


def sapu_pengiriman(basi_detik: float | None = None) -> int:
    """Enqueue again every "menunggu" row never enqueued, or enqueued more than `basi_detik` seconds ago
    (default settings.PENGIRIMAN_BASI_DETIK): a broker that was down, a worker killed mid-run whose message
    Redis would return only after its visibility timeout. Safe to overdo: the send is guarded by the row lock
    and the status. Returns the number of rows enqueued."""
    basi = settings.PENGIRIMAN_BASI_DETIK if basi_detik is None else basi_detik
    batas = timezone.now() - timedelta(seconds=basi)
    with transaction.atomic():
        ids = list(
            Pengiriman.objects.select_for_update(skip_locked=True)  # a row being sent right now is skipped
            .filter(status=Status.MENUNGGU)
            .filter(Q(diantrekan_pada__isnull=True) | Q(diantrekan_pada__lt=batas))
            .values_list("pk", flat=True)
        )
        Pengiriman.objects.filter(pk__in=ids).update(diantrekan_pada=None)
        if ids:
            transaction.on_commit(lambda: _antrekan(ids))
    return len(ids)


def _alamat_situs(path: str) -> str:
    return settings.ALAMAT_SITUS + path


def url_verifikasi(dokumen: Dokumen) -> str:
    return _alamat_situs(dokumen.get_verifikasi_url())


def tautan_whatsapp(notulen: Notulen, dokumen: Dokumen | None) -> str:
    """A wa.me share link for the group chat: the topic and the public verification URL of the PDF."""
    pertemuan = notulen.pertemuan
    teks = _("Notulen %(topik)s (%(tanggal)s), versi %(versi)s.") % {
        "topik": pertemuan.topik,
        "tanggal": pertemuan.tanggal.strftime("%d/%m/%Y"),
        "versi": notulen.versi,
    }
    if dokumen is not None:
        teks += " " + _("Periksa keaslian dokumen: %(url)s") % {"url": url_verifikasi(dokumen)}
    return "https://wa.me/?text=" + quote(teks, safe="")


def _pesan(p: Pengiriman, dokumen: Dokumen) -> EmailMessage:
    pertemuan = p.notulen.pertemuan
    konteks = {
        "p": p,
        "pertemuan": pertemuan,
        "notulen": p.notulen,
        "tautan_baca": _alamat_situs(reverse("laporan:baca", args=[p.token])),
        "tautan_verifikasi": url_verifikasi(dokumen),
    }
    subjek = _("Notulen: %(topik)s (%(tanggal)s)") % {
        "topik": pertemuan.topik,
        "tanggal": pertemuan.tanggal.strftime("%d/%m/%Y"),
    }
    domain = urlsplit(settings.ALAMAT_SITUS).hostname or "kkg.localhost"
    pesan = EmailMessage(
        subjek,
        render_to_string("laporan/email/distribusi.txt", konteks),
        to=[formataddr((p.nama, p.email)) if p.nama != p.email else p.email],
        headers={"Message-ID": f"<notulen-{p.token}@{domain}>"},
    )
    with dokumen.berkas.open("rb") as f:
        pesan.attach(dokumen.nama_unduhan(), f.read(), "application/pdf")
    return pesan


GAGAL_SMTP = (smtplib.SMTPException, OSError)


def kirim_pengiriman(pengiriman_id: int, *, terakhir: bool) -> Exception | None:
    """Sends one row's e-mail at most once (see the module docstring). Returns None when done (sent, or nothing
    to do); returns the SMTP error when the send failed, after counting the attempt and storing its reason —
    and, when `terakhir` (no retry left), marking the row "gagal". Never silent."""
    awal = Pengiriman.objects.filter(pk=pengiriman_id).select_related("notulen").first()
    if awal is None or awal.status != Status.MENUNGGU:
        return None
    # Idempotent and locked on its own row; done before the delivery lock so that lock stays short.
    dokumen = siapkan_pdf_notulen(awal.notulen)
    # The SMTP connection is closed (QUIT) only after COMMIT: that round trip stays out of the duplicate window.
    koneksi = get_connection()
    try:
        return _kirim_terkunci(pengiriman_id, dokumen, koneksi, terakhir)
    finally:
        try:
            koneksi.close()
        except GAGAL_SMTP:
            pass  # after COMMIT (or a failed attempt): a QUIT that fails changes nothing


def _kirim_terkunci(pengiriman_id: int, dokumen: Dokumen, koneksi, terakhir: bool) -> Exception | None:
    with transaction.atomic():
        p = (
            Pengiriman.objects.select_for_update(of=("self",))
            .select_related("notulen__pertemuan")
            .filter(pk=pengiriman_id)
            .first()
        )
        if p is None or p.status != Status.MENUNGGU:
            return None  # another delivery of the task sent it while we waited for the lock
        p.percobaan += 1
        try:
            pesan = _pesan(p, dokumen)
            pesan.connection = koneksi
            koneksi.open()  # opened here, so send() leaves it open for the QUIT after COMMIT
            pesan.send()
        except GAGAL_SMTP as e:
            p.alasan_gagal = f"{type(e).__name__}: {e}"[:1000]
            p.status = Status.GAGAL if terakhir else Status.MENUNGGU
            p.save(update_fields=["percobaan", "alasan_gagal", "status"])
            return e
        # Opened in the app before the e-mail left: it is read already.
        p.status = Status.DIBACA if p.dibaca_pada else Status.TERKIRIM
        p.dikirim_pada = timezone.now()
        p.alasan_gagal = ""
        p.save(update_fields=["percobaan", "alasan_gagal", "status", "dikirim_pada"])
    return None


def tandai_dibaca(pengiriman: Pengiriman) -> None:
    """Opened in the inbox or through the tracked link. A row still waiting keeps "menunggu" (its e-mail must
    still go) but remembers the time; a sent row becomes "dibaca"."""
    sekarang = timezone.now()
    Pengiriman.objects.filter(pk=pengiriman.pk, dibaca_pada__isnull=True).update(dibaca_pada=sekarang)
    Pengiriman.objects.filter(pk=pengiriman.pk, status=Status.TERKIRIM).update(status=Status.DIBACA)
