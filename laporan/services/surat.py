"""Surat undangan: the invitation letter to the kepala sekolah of each member school, asking them to release
their teachers for a meeting, with a running letter number in the group's own format (`005/KKG-CND/II/2025`).

Numbers come from the group's yearly counter (`NomorSurat`), locked with `select_for_update` in the caller's
transaction, so two letters issued at once never share a number, and a rolled-back issue leaves no gap.

Sending, exactly once per letter, through the outbox (kkg.surel; kkg/surel/layanan.py holds the design):

1. When the day-before reminder fires, `siapkan_undangan(..., kirim=True)` issues the missing letters and, in the
   same transaction, writes an e-mail to the outbox for every letter of the meeting that has none yet
   (`SuratUndangan.surel` empty) — letters issued earlier from the board's page included — and records it on the
   letter. The outbox sends each at most once, retries it, and sweeps it when the broker was down.
2. A kepala sekolah without an address is skipped: the letter stays unsent, and the board's page says so (it is
   printed instead). Any later run of the reminder's task queues it once the address is known.
3. What the outbox cannot see: a reminder that went out while the broker was down, so that the reminder's task
   (`undang_kepala_sekolah`) never ran and no letter was issued or queued. `sapu_undangan` finds those meetings.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gugus.akses import pastikan_boleh
from gugus.models import KelompokKerja, Sekolah
from kegiatan.models import Pertemuan
from kkg.lib.antrean import antre_semua
from kkg.surel import layanan as kotak_keluar
from kkg.surel.lampiran import LampiranHilang

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
    task (`kirim=True`, no user): then every letter of the meeting not queued yet (whoever issued it) gets its
    e-mail in the outbox, in the same transaction (see the module docstring)."""
    if oleh is not None:
        pastikan_boleh(oleh, "kelola_pertemuan", pertemuan)
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
            _tulis_surel(pertemuan)
    return baru


def _tulis_surel(pertemuan: Pertemuan) -> None:
    """Writes the e-mail of every letter of the meeting not queued yet whose kepala sekolah has an address, and
    records it on the letter; in the caller's transaction, enqueued after commit."""
    belum = SuratUndangan.objects.filter(pertemuan=pertemuan, surel__isnull=True).select_related(
        "sekolah__kepala_sekolah__user"
    )
    ditulis = []
    for surat in belum.order_by("pk"):
        alamat = surat.sekolah.kepala_sekolah.alamat_email if surat.sekolah.kepala_sekolah_id else ""
        if not alamat:
            continue
        konteks = {"surat": surat, "sekolah": surat.sekolah, "pertemuan": pertemuan}
        surat.surel = kotak_keluar.tulis_surel(
            "laporan/email/undangan",
            konteks,
            alamat,
            kunci=f"surat-undangan:{surat.pk}",
            lampiran=[("surat_undangan", surat.pk)],
        )
        surat.save(update_fields=["surel"])
        ditulis.append(surat.surel)
    kotak_keluar.antrekan(ditulis)


def lampiran_undangan(surat_id: int) -> tuple[str, bytes, str]:
    """The outbox's attachment "surat_undangan": the letter's PDF."""
    surat = SuratUndangan.objects.filter(pk=surat_id).exclude(dokumen__berkas="").select_related("dokumen").first()
    if surat is None:
        raise LampiranHilang(f"surat undangan {surat_id} tidak ada atau belum dirender")
    with surat.berkas.open("rb") as f:
        return nama_unduhan(surat), f.read(), "application/pdf"


def tertinggal(pertemuan: Pertemuan) -> bool:
    """Has the meeting a member school whose kepala sekolah has an address but whose letter is not queued (not
    issued, or issued without its e-mail)?"""
    antre = SuratUndangan.objects.filter(pertemuan=pertemuan, surel__isnull=False).values("sekolah")
    return any(s.kepala_sekolah.alamat_email for s in sekolah_diundang(pertemuan).exclude(pk__in=antre))


def sapu_undangan(basi_detik: float | None = None) -> int:
    """celery beat: planned meetings not yet past whose reminder went out more than `basi_detik` seconds ago
    (default settings.PENGIRIMAN_BASI_DETIK) and whose letters were left behind (`tertinggal`): the broker was down
    when the reminder's `undang_kepala_sekolah` should have been enqueued. Enqueues that task again for each;
    it is idempotent. Returns the number of meetings."""
    from ..tasks import undang_kepala_sekolah

    basi = settings.PENGIRIMAN_BASI_DETIK if basi_detik is None else basi_detik
    calon = Pertemuan.objects.filter(
        status=Pertemuan.Status.DIRENCANAKAN,
        tanggal__gte=timezone.localdate(),
        pengingat_dikirim__lt=timezone.now() - timedelta(seconds=basi),
    ).select_related("kelompok")
    ids = [p.pk for p in calon if tertinggal(p)]
    antre_semua(undang_kepala_sekolah, [(pk,) for pk in ids])
    return len(ids)


def nama_unduhan(surat: SuratUndangan) -> str:
    """e.g. surat-undangan-005-KKG-CND-II-2025.pdf"""
    return surat.nama_unduhan()
