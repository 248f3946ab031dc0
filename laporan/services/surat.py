"""Surat undangan: the invitation letter to the kepala sekolah of each member school, asking them to release
their teachers for a meeting, with a running letter number in the group's own format (`005/KKG-CND/II/2025`).

Numbers come from the group's yearly counter (`NomorSurat`), locked with `select_for_update` in the caller's
transaction, so two letters issued at once never share a number, and a rolled-back issue leaves no gap.

Sending, exactly once per letter, with the letter's own send marker (`SuratUndangan.dikirim_pada`), the same
design as the notulen deliveries (laporan/distribusi.py):

1. When the day-before reminder fires, `siapkan_undangan(..., kirim=True)` issues the missing letters and then,
   after commit, queues one `kirim_surat_undangan` per letter of the meeting whose `dikirim_pada` is empty —
   letters issued earlier from the board's page included. Queuing too much is harmless: see 2.
2. `kirim_email_undangan` (the task's body) locks the letter's row (`select_for_update`), returns at once when
   `dikirim_pada` is set, sends the e-mail WHILE holding the lock and sets `dikirim_pada` in the same
   transaction. Two runs of the task (a second reminder, an acks_late re-delivery) serialise on the lock; the
   second sees the marker and sends nothing. An SMTP error rolls back (no marker) and the task retries.
3. A kepala sekolah without an address is skipped: the letter stays unsent, and the board's page says so
   (it is printed instead). Any later run of the reminder's task queues it again.

The duplicate window is the one of distribusi.py: SMTP accepted the message but the process died before COMMIT.
"""

import re
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gugus.models import KelompokKerja, Sekolah
from kegiatan import akses
from kegiatan.models import Pertemuan

from .. import pdf
from ..models import Dokumen, NomorSurat, SuratUndangan
from .dokumen import terbitkan

ROMAWI = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

# Words that name the kind of group or its scope rather than the group itself: not part of the initials.
_BUKAN_NAMA = {"gugus", "kelas", "kecamatan", "kec", "kabupaten", "kab", "kota"} | {
    j.lower() for j in KelompokKerja.Jenis.values
}


def inisial(nama: str) -> str:
    """'Gugus Cut Nyak Dien' → 'CND' (letters only: digits and the kind words are left out)."""
    kata = re.findall(r"[^\W\d_]+", nama)
    return "".join(k[0].upper() for k in kata if k.lower() not in _BUKAN_NAMA)


def kode_kelompok(kelompok: KelompokKerja) -> str:
    """The group's code in its letter numbers: its kind plus the initials of its gugus, e.g. "KKG Kelas 2 Gugus
    Cut Nyak Dien" → "KKG-CND". The gugus part of the group's name is used when there is one, else the gugus
    record's name, else the whole name."""
    cocok = re.search(r"\bgugus\b(.+)", kelompok.nama, re.IGNORECASE)
    if cocok:
        sumber = cocok.group(1)
    elif kelompok.gugus_id:
        sumber = kelompok.gugus.nama
    else:
        sumber = kelompok.nama
    return f"{kelompok.jenis}-{inisial(sumber) or kelompok.pk}"


def kode_surat(kelompok: KelompokKerja) -> str:
    """`kode_kelompok`, made unique: letter numbers are unique across groups, and one gugus often has a KKG per
    class ("KKG Kelas 1/2/3 Gugus Cut Nyak Dien", all "KKG-CND"). The oldest group keeps the plain code; a later
    one with the same code gets its id appended ("KKG-CND-17"), which initials (letters only) can never form."""
    kode = kode_kelompok(kelompok)
    lebih_dulu = KelompokKerja.objects.filter(jenis=kelompok.jenis, pk__lt=kelompok.pk).select_related("gugus")
    if any(kode_kelompok(k) == kode for k in lebih_dulu):
        return f"{kode}-{kelompok.pk}"
    return kode


def format_nomor(urut: int, kode: str, tanggal) -> str:
    """(5, "KKG-CND", 2025-02-14) → "005/KKG-CND/II/2025"."""
    return f"{urut:03d}/{kode}/{ROMAWI[tanggal.month]}/{tanggal.year}"


def nomor_surat_baru(kelompok: KelompokKerja, tanggal, kode: str | None = None) -> str:
    """The group's next letter number for `tanggal`'s year. Must run inside the caller's transaction: the
    counter row stays locked until it ends, so concurrent callers wait and a rollback gives the number back."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("nomor_surat_baru must run inside transaction.atomic()")
    NomorSurat.objects.get_or_create(kelompok=kelompok, tahun=tanggal.year)
    penomoran = NomorSurat.objects.select_for_update().get(kelompok=kelompok, tahun=tanggal.year)
    penomoran.terakhir += 1
    penomoran.save(update_fields=["terakhir"])
    return format_nomor(penomoran.terakhir, kode or kode_surat(kelompok), tanggal)


def sekolah_diundang(pertemuan: Pertemuan):
    """The member schools: schools of the group's area with a kepala sekolah and at least one teacher who is a
    member on the meeting's date (a kabupaten-wide group covers hundreds of schools; only these get a letter)."""
    guru = pertemuan.keanggotaan_hari_itu().values("guru__sekolah")
    return (
        pertemuan.kelompok.sekolah_wilayah()
        .filter(kepala_sekolah__isnull=False, pk__in=guru)
        .select_related("kepala_sekolah__user")
        .order_by("nama", "pk")
    )


def judul_surat(nomor: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("Surat undangan %(nomor)s") % {"nomor": nomor}


def naskah_surat_undangan(surat: SuratUndangan) -> pdf.Naskah:
    """One letter (templates/pdf/surat_undangan.html), with the QR code of its Dokumen's verification page."""
    pertemuan = pdf.muat_pertemuan(surat.pertemuan_id)
    sekolah = Sekolah.objects.select_related("kepala_sekolah").get(pk=surat.sekolah_id)
    anggota = pertemuan.anggota_hari_itu().filter(sekolah=sekolah).order_by("nama", "pk")
    konteks = pdf.konteks_surat(pertemuan, surat.dokumen) | {
        "surat": surat,
        "sekolah": sekolah,
        "anggota": anggota,
        "ketua": pdf.penanda_tangan(pertemuan)["ketua"],
    }
    with translation.override(settings.LANGUAGE_CODE):
        subjek = _("Undangan kepada Kepala %(sekolah)s untuk %(topik)s pada %(tanggal)s") % {
            "sekolah": sekolah.nama,
            "topik": pertemuan.topik,
            "tanggal": pdf.tanggal_panjang(pertemuan.tanggal),
        }
        return pdf.naskah(
            "pdf/surat_undangan.html",
            konteks,
            judul=judul_surat(surat.nomor),
            subjek=subjek,
            penulis=pertemuan.kelompok.nama,
        )


def _terbitkan_surat(pertemuan: Pertemuan, sekolah: Sekolah, nomor: str, tanggal, oleh) -> SuratUndangan:
    """A new letter and its document, rendered in the caller's transaction."""
    dokumen = Dokumen.objects.create(
        jenis=Dokumen.Jenis.SURAT_UNDANGAN,
        kelompok_id=pertemuan.kelompok_id,
        pertemuan=pertemuan,
        judul=judul_surat(nomor),
        diterbitkan_oleh=oleh,
    )
    surat = SuratUndangan.objects.create(
        pertemuan=pertemuan, sekolah=sekolah, nomor=nomor, tanggal=tanggal, dokumen=dokumen
    )
    terbitkan(dokumen, naskah_surat_undangan(surat))
    return surat


def siapkan_undangan(pertemuan: Pertemuan, *, oleh=None, kirim: bool = False) -> list[SuratUndangan]:
    """Issues the missing letters of a meeting: one per member school with a kepala sekolah, numbered and
    rendered to PDF in one transaction (a failure leaves neither a number used nor a row). Existing letters keep
    their number and file. Returns the letters issued by this call.

    Called by the board's page (`oleh` given: needs kelola_pertemuan; nothing is e-mailed) and by the reminder's
    task (`kirim=True`, no user): then, after commit, every letter of the meeting not e-mailed yet (whoever issued
    it) gets one `kirim_surat_undangan` task, which sends it at most once (see the module docstring)."""
    if oleh is not None:
        akses.pastikan_boleh(oleh, "kelola_pertemuan", pertemuan)
    baru = []
    with transaction.atomic():
        # The meeting row serialises two issues for the same meeting (page and reminder at once); locked before
        # the counter, always in this order.
        pertemuan = Pertemuan.objects.select_for_update(of=("self",)).select_related("kelompok").get(pk=pertemuan.pk)
        if pertemuan.status == Pertemuan.Status.DIBATALKAN:
            raise ValidationError(_("Pertemuan yang dibatalkan tidak diberi surat undangan."))
        ada = {s.sekolah_id: s for s in SuratUndangan.objects.filter(pertemuan=pertemuan).select_related("dokumen")}
        tanggal = timezone.localdate()
        kode = None
        for sekolah in sekolah_diundang(pertemuan):
            surat = ada.get(sekolah.pk)
            if surat is None:
                kode = kode or kode_surat(pertemuan.kelompok)
                nomor = nomor_surat_baru(pertemuan.kelompok, tanggal, kode)
                baru.append(_terbitkan_surat(pertemuan, sekolah, nomor, tanggal, oleh))
            elif not surat.dokumen.siap:
                terbitkan(surat.dokumen, naskah_surat_undangan(surat))
        if kirim:
            from ..tasks import kirim_surat_undangan

            belum = SuratUndangan.objects.filter(pertemuan=pertemuan, dikirim_pada__isnull=True).order_by("pk")
            for pk in belum.values_list("pk", flat=True):
                # robust: a broker that is down must not fail the reminder's run; the letters stay unsent, which
                # the board's page shows.
                transaction.on_commit(lambda pk=pk: kirim_surat_undangan.delay(pk), robust=True)
    return baru


def sapu_undangan(basi_detik: float | None = None) -> int:
    """Queues again the letters still unsent `basi_detik` seconds (default settings.PENGIRIMAN_BASI_DETIK) after
    their meeting's reminder went out, whose kepala sekolah has an address: the broker was down when the
    reminder ran, or a worker died. Safe to overdo: the send is guarded by the row lock and `dikirim_pada`.
    Returns the number of letters queued."""
    from ..tasks import kirim_surat_undangan

    basi = settings.PENGIRIMAN_BASI_DETIK if basi_detik is None else basi_detik
    beralamat = ~Q(sekolah__kepala_sekolah__email="") | ~Q(sekolah__kepala_sekolah__user__email="")
    ids = list(
        SuratUndangan.objects.filter(
            beralamat,
            dikirim_pada__isnull=True,
            pertemuan__pengingat_dikirim__lt=timezone.now() - timedelta(seconds=basi),
        )
        .exclude(dokumen__berkas="")
        .values_list("pk", flat=True)
    )
    for pk in ids:
        kirim_surat_undangan.delay(pk)
    return len(ids)


def kirim_email_undangan(surat_id: int) -> bool:
    """E-mails one letter as a PDF attachment to its kepala sekolah, at most once (see the module docstring).
    True when this call sent it; False (nothing sent) when the letter is gone or already sent, or the school has
    no kepala sekolah with an address, or the letter has no file — the last two leave it unsent. SMTP errors
    propagate after the rollback (no marker; the task retries)."""
    # The SMTP connection is closed (QUIT) only after COMMIT: that round trip stays out of the duplicate window.
    koneksi = get_connection()
    try:
        return _kirim_terkunci(surat_id, koneksi)
    finally:
        try:
            koneksi.close()
        except (OSError, smtplib.SMTPException):
            pass  # after COMMIT (or a failed attempt): a QUIT that fails changes nothing


def _kirim_terkunci(surat_id: int, koneksi) -> bool:
    with transaction.atomic():
        surat = (
            SuratUndangan.objects.select_for_update(of=("self",))  # the joins below are nullable
            .select_related("sekolah__kepala_sekolah__user", "pertemuan__kelompok", "pertemuan__tuan_rumah")
            .filter(pk=surat_id)
            .first()
        )
        if surat is None or surat.dikirim_pada is not None:
            return False  # gone, or sent by another run of the task while we waited for the lock
        alamat = alamat_kepala_sekolah(surat.sekolah)
        if not alamat or not surat.berkas:
            return False
        konteks = {"surat": surat, "sekolah": surat.sekolah, "pertemuan": surat.pertemuan}
        with translation.override(settings.LANGUAGE_CODE):
            subjek = " ".join(render_to_string("laporan/email/undangan_subjek.txt", konteks).split())
            isi = render_to_string("laporan/email/undangan.txt", konteks)
        pesan = EmailMessage(subjek, isi, to=[alamat], connection=koneksi)
        with surat.berkas.open("rb") as f:
            pesan.attach(nama_unduhan(surat), f.read(), "application/pdf")
        koneksi.open()  # opened here, so send() leaves it open for the QUIT after COMMIT
        pesan.send()
        surat.dikirim_pada = timezone.now()
        surat.save(update_fields=["dikirim_pada"])
    return True


def alamat_kepala_sekolah(sekolah: Sekolah) -> str:
    """The kepala sekolah's e-mail: their own, else their account's; "" when there is none."""
    kepala = sekolah.kepala_sekolah
    if kepala is None:
        return ""
    return kepala.email or (kepala.user.email if kepala.user_id else "")


def nama_unduhan(surat: SuratUndangan) -> str:
    """e.g. surat-undangan-005-KKG-CND-II-2025.pdf"""
    return surat.nama_unduhan()
