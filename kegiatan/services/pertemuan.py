"""State-changing actions on meetings: save, hold, cancel, delete, confirm attendance, send reminders.

Each takes the acting user as `oleh`, checks `pastikan_boleh`, validates, writes in one transaction; history rows
come from django-simple-history; e-mail is written to the outbox (kkg.surel) in the same transaction.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, ProtectedError, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gugus.akses import boleh, pastikan_boleh, peran
from kkg.lib.situs import url_absolut
from kkg.surel.layanan import antrekan, tulis_surel

from ..models import KonfirmasiKehadiran, Pertemuan
from ..sinyal import pengingat_dikirim, pertemuan_dibatalkan

Status = Pertemuan.Status


@transaction.atomic
def simpan_pertemuan(pertemuan: Pertemuan, *, oleh) -> Pertemuan:
    """The board (ketua, wakil, sekretaris) creates or edits a meeting. A cancelled meeting stays as it is;
    a new date re-arms the day-before reminder."""
    pastikan_boleh(oleh, "kelola_pertemuan", pertemuan.kelompok)
    if pertemuan.pk:
        lama = Pertemuan.objects.select_for_update().get(pk=pertemuan.pk)
        if lama.status == Status.DIBATALKAN:
            raise ValidationError(_("Pertemuan yang dibatalkan tidak dapat diubah."))
        if lama.kelompok_id != pertemuan.kelompok_id:
            raise ValidationError({"kelompok": _("Kelompok kerja pertemuan tidak dapat dipindah.")})
        if lama.tanggal != pertemuan.tanggal:
            pertemuan.pengingat_dikirim = None
    pertemuan.full_clean()
    pertemuan.save()
    return pertemuan


@transaction.atomic
def tandai_terlaksana(pertemuan: Pertemuan, *, oleh) -> Pertemuan:
    """The board records that a planned meeting took place (on or after its date)."""
    pertemuan = Pertemuan.objects.select_for_update().get(pk=pertemuan.pk)
    pastikan_boleh(oleh, "kelola_pertemuan", pertemuan)
    if pertemuan.status != Status.DIRENCANAKAN:
        raise ValidationError(_("Hanya pertemuan yang direncanakan yang dapat ditandai terlaksana."))
    if pertemuan.tanggal > timezone.localdate():
        raise ValidationError(_("Pertemuan yang belum berlangsung tidak dapat ditandai terlaksana."))
    pertemuan.status = Status.TERLAKSANA
    pertemuan.save(update_fields=["status"])
    return pertemuan


@transaction.atomic
def batalkan_pertemuan(pertemuan: Pertemuan, *, alasan: str, oleh) -> Pertemuan:
    """The board cancels a planned meeting, giving the reason (kept on the meeting and in its history)."""
    pertemuan = Pertemuan.objects.select_for_update().get(pk=pertemuan.pk)
    pastikan_boleh(oleh, "kelola_pertemuan", pertemuan)
    if pertemuan.status != Status.DIRENCANAKAN:
        raise ValidationError(_("Hanya pertemuan yang direncanakan yang dapat dibatalkan."))
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": _("Tuliskan alasan pembatalan.")})
    pertemuan.status = Status.DIBATALKAN
    pertemuan.alasan_batal = alasan
    pertemuan._change_reason = alasan[:100]
    pertemuan.save(update_fields=["status", "alasan_batal"])
    transaction.on_commit(lambda: pertemuan_dibatalkan.send(sender=Pertemuan, pertemuan=pertemuan))
    return pertemuan


@transaction.atomic
def hapus_pertemuan(pertemuan: Pertemuan, *, oleh) -> None:
    """The board deletes a planned meeting entered by mistake: only while nothing has been recorded on it."""
    pertemuan = Pertemuan.objects.select_for_update().get(pk=pertemuan.pk)
    pastikan_boleh(oleh, "kelola_pertemuan", pertemuan)
    if pertemuan.status != Status.DIRENCANAKAN:
        raise ValidationError(
            _("Hanya pertemuan yang masih direncanakan yang dapat dihapus; batalkan bila tidak jadi.")
        )
    # Photos count as recorded too: deleting them with the meeting would leave their files behind.
    if pertemuan.kehadiran.exists() or pertemuan.notulen.exists() or pertemuan.dokumentasi.exists():
        raise ValidationError(
            _("Pertemuan ini sudah mempunyai daftar hadir, notulen atau foto, jadi tidak dapat dihapus.")
        )
    try:
        pertemuan.delete()
    except ProtectedError:
        raise ValidationError(
            _("Pertemuan ini sudah mempunyai produk atau catatan kas, jadi tidak dapat dihapus.")
        ) from None


def bisa_konfirmasi(pertemuan: Pertemuan, user) -> bool:
    """A member may answer for a planned meeting that has not yet passed."""
    return (
        pertemuan.status == Status.DIRENCANAKAN
        and pertemuan.tanggal >= timezone.localdate()
        and bool(peran(user).guru_id)
        and boleh(user, "ikut", pertemuan)
    )


@transaction.atomic
def konfirmasi_kehadiran(pertemuan: Pertemuan, *, jawaban: str, catatan: str = "", oleh) -> KonfirmasiKehadiran:
    """A member says in advance whether they will come; a second answer replaces the first."""
    pastikan_boleh(oleh, "ikut", pertemuan)
    if not bisa_konfirmasi(pertemuan, oleh):
        raise ValidationError(_("Konfirmasi hanya untuk pertemuan yang direncanakan dan belum lewat."))
    if jawaban not in KonfirmasiKehadiran.Jawaban.values:
        raise ValidationError({"jawaban": _("Pilih akan hadir atau tidak dapat hadir.")})
    konfirmasi, _baru = KonfirmasiKehadiran.objects.update_or_create(
        pertemuan=pertemuan,
        guru_id=peran(oleh).guru_id,
        defaults={"jawaban": jawaban, "catatan": (catatan or "").strip()[:200]},
    )
    return konfirmasi


def rekap_konfirmasi(pertemuan: Pertemuan, *, dengan_nama: bool = False) -> dict:
    """Counts of the members' answers (akan hadir / tidak / belum menjawab, out of the members on that date);
    with `dengan_nama`, also who answered what (for the board)."""
    anggota = pertemuan.anggota_hari_itu()
    jawaban = KonfirmasiKehadiran.objects.filter(pertemuan=pertemuan, guru__in=anggota)
    hitung = jawaban.aggregate(
        hadir=Count("pk", filter=Q(jawaban=KonfirmasiKehadiran.Jawaban.HADIR)),
        tidak=Count("pk", filter=Q(jawaban=KonfirmasiKehadiran.Jawaban.TIDAK)),
    )
    hitung["jumlah"] = anggota.count()
    hitung["belum"] = hitung["jumlah"] - hitung["hadir"] - hitung["tidak"]
    if dengan_nama:
        hitung["daftar"] = list(jawaban.select_related("guru").order_by("jawaban", "guru__nama"))
        hitung["belum_menjawab"] = list(anggota.exclude(pk__in=jawaban.values("guru")).order_by("nama"))
    return hitung


# --- reminders ------------------------------------------------------------------------------------------------


def _alamat_email(anggota) -> list[str]:
    """One address per person (Guru.alamat_email), members without one left out, in name order."""
    alamat = (guru.alamat_email for guru in anggota.select_related("user").order_by("nama"))
    return list(dict.fromkeys(a for a in alamat if a))


def kirim_pengingat(pertemuan_id: int) -> int:
    """Claims one meeting's reminder under a row lock and writes one e-mail per member to the outbox in the same
    transaction (sent after commit). Returns the number of e-mails written; 0 when the reminder was already sent
    or is no longer due."""
    with transaction.atomic():
        pertemuan = (
            # Lock the meeting row only: the joined rows may be NULL (PostgreSQL refuses to lock those).
            Pertemuan.objects.select_for_update(of=("self",))
            .select_related("kelompok", "tuan_rumah", "narasumber_guru")
            .get(pk=pertemuan_id)
        )
        if pertemuan.pengingat_dikirim or pertemuan.status != Status.DIRENCANAKAN:
            return 0
        pertemuan.pengingat_dikirim = timezone.now()
        pertemuan.save(update_fields=["pengingat_dikirim"])
        konteks = {
            "pertemuan": pertemuan,
            "tautan": url_absolut(pertemuan.get_absolute_url()),
            "tautan_konfirmasi": url_absolut(reverse("kegiatan:pertemuan-konfirmasi", args=[pertemuan.pk])),
        }
        # The date is in the key: a meeting moved to another day is reminded again (simpan_pertemuan re-arms it).
        kunci = f"pengingat:{pertemuan.pk}:{pertemuan.tanggal.isoformat()}"
        surel = [
            tulis_surel("kegiatan/email/pengingat", konteks, email, kunci=f"{kunci}:{email}")
            for email in _alamat_email(pertemuan.anggota_hari_itu())
        ]
        antrekan(surel)
        transaction.on_commit(lambda: pengingat_dikirim.send(sender=Pertemuan, pertemuan=pertemuan))
    return len(surel)


def kirim_pengingat_besok(hari_ini: datetime.date | None = None) -> int:
    """Sends the reminders of tomorrow's planned meetings (Asia/Jakarta) not yet reminded; safe to run twice."""
    besok = (hari_ini or timezone.localdate()) + datetime.timedelta(days=1)
    ids = Pertemuan.objects.filter(
        tanggal=besok, status=Status.DIRENCANAKAN, pengingat_dikirim__isnull=True
    ).values_list("pk", flat=True)
    return sum(kirim_pengingat(pk) for pk in list(ids))
