"""The notulen workflow: write a draft, submit it to the ketua, approve or return it, revise after approval,
and mark action items done.

Every function takes the acting user as `oleh`, checks `pastikan_boleh`, writes in one transaction, e-mail included
(to the outbox, kkg.surel). The text is stored as plain text: any HTML is stripped before saving.
"""

import difflib
import html
import re
from dataclasses import dataclass

import nh3
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gugus.akses import aksi_untuk, pastikan_boleh
from gugus.models import Kepengurusan
from kkg.lib.situs import url_absolut
from kkg.surel.layanan import surel_dari_templat

from ..models import Notulen, Pertemuan, TindakLanjut
from ..sinyal import notulen_disetujui


def bersihkan(teks: str) -> str:
    """Plain text without any HTML. nh3 escapes `<` and `&` of ordinary text, so we unescape again and repeat
    until nothing changes: "&lt;script&gt;" typed as text cannot turn into a tag either."""
    teks = (teks or "").replace("\r\n", "\n")
    for _i in range(5):
        bersih = html.unescape(nh3.clean(teks, tags=set()))
        if bersih == teks:
            break
        teks = bersih
    return teks.strip()


def alasan_tanpa_notulen(pertemuan: Pertemuan) -> str:
    """Why minutes cannot be written for this meeting ("" when they can): they are for a meeting that took
    place, not a cancelled one, nor one still to come."""
    if pertemuan.status == Pertemuan.Status.DIBATALKAN:
        return _("Pertemuan ini dibatalkan, sehingga tidak memiliki notulen.")
    if pertemuan.belum_berlangsung:
        return _("Pertemuan ini baru akan berlangsung pada %(tanggal)s; notulen ditulis setelah pertemuan.") % {
            "tanggal": pertemuan.tanggal.strftime("%d/%m/%Y")
        }
    return ""


def periksa_pertemuan(pertemuan: Pertemuan) -> None:
    """`alasan_tanpa_notulen`, for the writers: raises ValidationError with the reason."""
    if alasan := alasan_tanpa_notulen(pertemuan):
        raise ValidationError(alasan)


def versi_terbuka(pertemuan: Pertemuan) -> Notulen | None:
    """The version being worked on (draft or submitted), if any."""
    return pertemuan.notulen.exclude(status=Notulen.Status.DISETUJUI).first()


def versi_berlaku(pertemuan: Pertemuan) -> Notulen | None:
    """The current text: the newest approved version."""
    return pertemuan.notulen.filter(status=Notulen.Status.DISETUJUI).order_by("-versi").first()


def berlaku_di(versi: list[Notulen]) -> Notulen | None:
    """The current text among `versi` (newest first): the first approved one."""
    return next((n for n in versi if n.terkunci), None)


def aksi_notulen(user, pertemuan: Pertemuan, notulen: Notulen | None, versi: list[Notulen]) -> set[str]:
    """The workflow steps `user` may take now on `notulen` (None: the meeting has none yet), among `versi`, the
    versions of the meeting the user sees (newest first). The meeting page's section and the minutes page both
    show their buttons from this one answer:

    - "mulai" (write version 1), "ubah" (edit the draft): the writers, on a meeting that took place;
    - "ajukan" (submit the draft): the writers; "setujui" (approve or return a submitted version): the ketua;
    - "distribusi" (send the current text), "revisi" (start a new version of it, when none is open): the writers.
    """
    bisa = aksi_untuk(user, pertemuan, "tulis_notulen", "setujui_notulen")
    status = notulen.status if notulen else None
    hasil = set()
    if "tulis_notulen" in bisa:
        if status in (None, Notulen.Status.DRAFT) and not alasan_tanpa_notulen(pertemuan):
            hasil.add("mulai" if notulen is None else "ubah")
        if status == Notulen.Status.DRAFT:
            hasil.add("ajukan")
        if notulen is not None and notulen == berlaku_di(versi):
            hasil.add("distribusi")
            if all(n.terkunci for n in versi):
                hasil.add("revisi")
    if "setujui_notulen" in bisa and status == Notulen.Status.DIAJUKAN:
        hasil.add("setujui")
    return hasil


@transaction.atomic
def simpan_notulen(
    pertemuan: Pertemuan,
    *,
    oleh,
    pembukaan: str,
    pembahasan: str,
    kesimpulan: str,
    tindak_lanjut: list[dict],
) -> Notulen:
    """Sekretaris or ketua saves the draft: creates version 1, or edits the open draft. `tindak_lanjut` is the
    full list of action items ({"pk", "uraian", "penanggung_jawab", "batas_waktu"}); items of the draft not
    in it are removed, and kept items keep their done state."""
    pastikan_boleh(oleh, "tulis_notulen", pertemuan)
    pertemuan = Pertemuan.objects.select_for_update().select_related("kelompok").get(pk=pertemuan.pk)
    periksa_pertemuan(pertemuan)
    notulen = versi_terbuka(pertemuan)
    if notulen is None:
        if pertemuan.notulen.exists():
            raise ValidationError(_("Notulen ini sudah disetujui dan terkunci. Buat versi baru untuk mengubahnya."))
        notulen = Notulen(pertemuan=pertemuan, versi=1, ditulis_oleh=oleh)
    elif notulen.status != Notulen.Status.DRAFT:
        raise ValidationError(_("Notulen sedang menunggu persetujuan ketua dan tidak dapat diubah."))
    notulen.pembukaan, notulen.pembahasan, notulen.kesimpulan = map(bersihkan, (pembukaan, pembahasan, kesimpulan))
    notulen.ditulis_oleh = oleh
    notulen.save()

    boleh_ditunjuk = set(pertemuan.anggota_hari_itu().values_list("pk", flat=True))
    lama = {t.pk: t for t in notulen.tindak_lanjut.all()}
    dipakai = set()
    for butir in tindak_lanjut:
        guru = butir.get("penanggung_jawab")
        if guru is not None and guru.pk not in boleh_ditunjuk:
            raise ValidationError(_("%(guru)s bukan anggota kelompok pada tanggal pertemuan.") % {"guru": guru})
        baris = lama.get(butir.get("pk")) or TindakLanjut(notulen=notulen)
        baris.uraian = bersihkan(butir["uraian"])[:300]
        baris.penanggung_jawab = guru
        baris.batas_waktu = butir.get("batas_waktu")
        baris.save()
        dipakai.add(baris.pk)
    notulen.tindak_lanjut.exclude(pk__in=dipakai).delete()
    return notulen


def _ketua(kelompok_id: int):
    """The group's ketua in office (a Guru), or None."""
    ketua = (
        Kepengurusan.objects.menjabat()
        .filter(kelompok_id=kelompok_id, jabatan=Kepengurusan.Jabatan.KETUA)
        .select_related("guru__user")
        .first()
    )
    return ketua.guru if ketua else None


def _kunci(notulen: Notulen) -> Notulen:
    return Notulen.objects.select_for_update().select_related("pertemuan__kelompok").get(pk=notulen.pk)


@transaction.atomic
def ajukan_notulen(notulen: Notulen, *, oleh) -> Notulen:
    """Sekretaris (or ketua) submits the draft to the ketua; the ketua's e-mail is written to the outbox with it."""
    notulen = _kunci(notulen)
    pastikan_boleh(oleh, "tulis_notulen", notulen)
    if notulen.status != Notulen.Status.DRAFT:
        raise ValidationError(_("Hanya notulen draf yang dapat diajukan."))
    kosong = [
        str(Notulen._meta.get_field(f).verbose_name) for f in ("pembahasan", "kesimpulan") if not getattr(notulen, f)
    ]
    if kosong:
        raise ValidationError(
            _("Lengkapi dahulu bagian %(bagian)s sebelum mengajukan notulen.") % {"bagian": " dan ".join(kosong)}
        )
    notulen.status = Notulen.Status.DIAJUKAN
    notulen.diajukan_pada = timezone.now()
    notulen.save(update_fields=["status", "diajukan_pada", "diubah"])
    ketua = _ketua(notulen.pertemuan.kelompok_id)
    if ketua is not None and ketua.alamat_email:
        konteks = {
            "notulen": notulen,
            "pertemuan": notulen.pertemuan,
            "oleh": oleh,
            "tautan": url_absolut(reverse("kegiatan:notulen-detail", args=[notulen.pertemuan_id])),
        }
        surel_dari_templat("kegiatan/email/notulen_diajukan", konteks, ketua.alamat_email)
    return notulen


@transaction.atomic
def setujui_notulen(notulen: Notulen, *, oleh) -> Notulen:
    """Ketua approves a submitted version; it becomes the current text and is locked."""
    notulen = _kunci(notulen)
    pastikan_boleh(oleh, "setujui_notulen", notulen)
    if notulen.status != Notulen.Status.DIAJUKAN:
        raise ValidationError(_("Hanya notulen yang sudah diajukan yang dapat disetujui."))
    notulen.status = Notulen.Status.DISETUJUI
    notulen.disetujui_oleh = oleh
    notulen.disetujui_pada = timezone.now()
    notulen.save(update_fields=["status", "disetujui_oleh", "disetujui_pada", "diubah"])
    transaction.on_commit(lambda: notulen_disetujui.send(sender=Notulen, notulen=notulen))
    return notulen


@transaction.atomic
def kembalikan_notulen(notulen: Notulen, *, oleh, catatan: str) -> Notulen:
    """Ketua returns a submitted version to draft with a note for the sekretaris."""
    notulen = _kunci(notulen)
    pastikan_boleh(oleh, "setujui_notulen", notulen)
    if notulen.status != Notulen.Status.DIAJUKAN:
        raise ValidationError(_("Hanya notulen yang sudah diajukan yang dapat dikembalikan."))
    catatan = bersihkan(catatan)
    if not catatan:
        raise ValidationError({"catatan": _("Tuliskan apa yang perlu diperbaiki.")})
    notulen.status = Notulen.Status.DRAFT
    notulen.catatan_ketua = catatan
    notulen.save(update_fields=["status", "catatan_ketua", "diubah"])
    return notulen


@transaction.atomic
def revisi_notulen(pertemuan: Pertemuan, *, oleh, alasan: str) -> Notulen:
    """Sekretaris or ketua starts version n+1 as a draft copy of the newest approved one (sections and action
    items with their done state). The approved version stays the current text until the new one is approved."""
    pastikan_boleh(oleh, "tulis_notulen", pertemuan)
    pertemuan = Pertemuan.objects.select_for_update().get(pk=pertemuan.pk)
    if versi_terbuka(pertemuan):
        raise ValidationError(_("Masih ada versi notulen yang sedang dikerjakan; selesaikan dahulu versi itu."))
    asal = versi_berlaku(pertemuan)
    if asal is None:
        raise ValidationError(_("Belum ada notulen yang disetujui untuk direvisi."))
    alasan = bersihkan(alasan)
    if not alasan:
        raise ValidationError({"alasan": _("Tuliskan alasan perubahan.")})
    baru = Notulen.objects.create(
        pertemuan=pertemuan,
        versi=asal.versi + 1,
        pembukaan=asal.pembukaan,
        pembahasan=asal.pembahasan,
        kesimpulan=asal.kesimpulan,
        alasan_perubahan=alasan[:200],
        ditulis_oleh=oleh,
    )
    TindakLanjut.objects.bulk_create(
        TindakLanjut(
            notulen=baru,
            uraian=t.uraian,
            penanggung_jawab_id=t.penanggung_jawab_id,
            batas_waktu=t.batas_waktu,
            selesai_pada=t.selesai_pada,
        )
        for t in asal.tindak_lanjut.all()
    )
    return baru


@transaction.atomic
def tandai_tindak_lanjut(tindak_lanjut: TindakLanjut, *, oleh, selesai: bool = True) -> TindakLanjut:
    """Marks an action item done (now) or open again. The same item copied into an open newer version
    follows, so it does not come back when that version is approved."""
    tindak_lanjut = (
        TindakLanjut.objects.select_for_update().select_related("notulen__pertemuan").get(pk=tindak_lanjut.pk)
    )
    pastikan_boleh(oleh, "tandai_tindak_lanjut", tindak_lanjut)
    pada = timezone.now() if selesai else None
    tindak_lanjut.selesai_pada = pada
    tindak_lanjut.save(update_fields=["selesai_pada"])
    salinan = TindakLanjut.objects.filter(
        notulen__pertemuan_id=tindak_lanjut.notulen.pertemuan_id,
        notulen__versi__gt=tindak_lanjut.notulen.versi,
        uraian=tindak_lanjut.uraian,
        penanggung_jawab_id=tindak_lanjut.penanggung_jawab_id,
        selesai_pada__isnull=selesai,
    ).exclude(notulen__status=Notulen.Status.DISETUJUI)
    for t in salinan:  # few rows; save() keeps their history
        t.selesai_pada = pada
        t.save(update_fields=["selesai_pada"])
    return tindak_lanjut


# --- comparing two versions (read only) ---------------------------------------------------------------------


@dataclass
class Potongan:
    """A piece of a compared text: "sama" (unchanged), "tambah" (added) or "hapus" (removed)."""

    jenis: str
    teks: str


def banding_teks(lama: str, baru: str) -> list[Potongan]:
    """Word-by-word differences; whitespace (line breaks included) is kept so the layout survives."""
    a, b = re.split(r"(\s+)", lama or ""), re.split(r"(\s+)", baru or "")
    hasil = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            hasil.append(Potongan("sama", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            hasil.append(Potongan("hapus", "".join(a[i1:i2])))
        if j2 > j1:
            hasil.append(Potongan("tambah", "".join(b[j1:j2])))
    return [p for p in hasil if p.teks]


def _kunci_butir(t: TindakLanjut) -> tuple:
    return (t.uraian, t.penanggung_jawab_id, t.batas_waktu)


def banding_tindak_lanjut(lama: list[TindakLanjut], baru: list[TindakLanjut]) -> list[tuple[str, TindakLanjut]]:
    """Action items of two versions as ("sama"|"hapus"|"tambah", item), in the order of the newer version."""
    kunci_lama = {_kunci_butir(t) for t in lama}
    kunci_baru = {_kunci_butir(t) for t in baru}
    hasil = [("sama" if _kunci_butir(t) in kunci_lama else "tambah", t) for t in baru]
    hasil += [("hapus", t) for t in lama if _kunci_butir(t) not in kunci_baru]
    return hasil
