"""The daftar hadir, QR check-in and reflections: who may write what, and when.

Writers take the acting user as `oleh`, check `pastikan_boleh`, validate and write in one transaction;
django-simple-history records every change of a Kehadiran row (the bulk "alpa" too). The read side (the
roster, the rates) is at the end: bounded queries that aggregate in the database.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from gugus.akses import pastikan_boleh, peran
from gugus.models import Guru, Keanggotaan, KelompokKerja

from .. import qr
from ..models import Kehadiran, Pertemuan, Refleksi

Status = Kehadiran.Status


def _tanggal(tanggal: datetime.date) -> str:
    return date_format(tanggal, "l, j F Y")


def alasan_daftar_hadir_tertutup(pertemuan: Pertemuan) -> str:
    """Why attendance cannot be taken on this meeting now ("" when it can): not for a cancelled meeting, nor
    before the day of a planned one."""
    if pertemuan.status == Pertemuan.Status.DIBATALKAN:
        return _("Pertemuan ini dibatalkan; daftar hadirnya tidak dapat diisi.")
    if pertemuan.belum_berlangsung:
        return _("Daftar hadir baru dapat diisi pada hari pertemuan, %(tanggal)s.") % {
            "tanggal": _tanggal(pertemuan.tanggal)
        }
    return ""


def _pastikan_terbuka(pertemuan: Pertemuan):
    if alasan := alasan_daftar_hadir_tertutup(pertemuan):
        raise ValidationError(alasan)


def _pastikan_anggota(pertemuan: Pertemuan, guru_id: int):
    if not pertemuan.keanggotaan_hari_itu().filter(guru_id=guru_id).exists():
        raise ValidationError(
            _("Guru ini bukan anggota %(kelompok)s pada %(tanggal)s.")
            % {"kelompok": pertemuan.kelompok, "tanggal": _tanggal(pertemuan.tanggal)}
        )


def _simpan(pertemuan: Pertemuan, guru_id: int, status: str, cara: str) -> tuple[Kehadiran, bool]:
    """Upsert on (pertemuan, guru) under a row lock; saves (and so writes history) only on a real change."""
    baris = Kehadiran.objects.select_for_update().filter(pertemuan=pertemuan, guru_id=guru_id).first()
    if baris is None:
        return Kehadiran.objects.create(pertemuan=pertemuan, guru_id=guru_id, status=status, cara=cara), True
    if baris.status != status:
        baris.status, baris.cara, baris.waktu = status, cara, timezone.now()
        baris.save(update_fields=["status", "cara", "waktu"])
    return baris, False


@transaction.atomic
def catat_kehadiran(pertemuan: Pertemuan, guru: Guru, status: str, *, oleh) -> Kehadiran:
    """The ketua, wakil or sekretaris marks a member hadir / izin / sakit / alpa (a second tap changes it)."""
    pastikan_boleh(oleh, "catat_kehadiran", pertemuan)
    if status not in Status.values:
        raise ValidationError(_("Status kehadiran tidak dikenal."))
    _pastikan_terbuka(pertemuan)
    _pastikan_anggota(pertemuan, guru.pk)
    return _simpan(pertemuan, guru.pk, status, Kehadiran.Cara.DICATAT)[0]


@transaction.atomic
def tandai_sisa_alpa(pertemuan: Pertemuan, *, oleh) -> int:
    """Marks every member on the meeting's date who has no line yet as alpa; returns how many."""
    pastikan_boleh(oleh, "catat_kehadiran", pertemuan)
    _pastikan_terbuka(pertemuan)
    sudah = Kehadiran.objects.filter(pertemuan=pertemuan, guru__isnull=False).values("guru_id")
    sisa = pertemuan.keanggotaan_hari_itu().exclude(guru_id__in=sudah).values_list("guru_id", flat=True)
    baris = [Kehadiran(pertemuan=pertemuan, guru_id=g, status=Status.ALPA) for g in sisa]
    bulk_create_with_history(baris, Kehadiran, default_user=oleh)
    return len(baris)


@transaction.atomic
def tambah_tamu(pertemuan: Pertemuan, *, nama: str, instansi: str, oleh) -> Kehadiran:
    """A guest (tamu) who attended: a line without a guru."""
    pastikan_boleh(oleh, "catat_kehadiran", pertemuan)
    _pastikan_terbuka(pertemuan)
    return Kehadiran.objects.create(pertemuan=pertemuan, nama_tamu=nama.strip(), instansi_tamu=instansi.strip())


@transaction.atomic
def hapus_tamu(kehadiran: Kehadiran, *, oleh) -> None:
    """Removes a guest line (members are re-marked, never removed); history keeps it."""
    pastikan_boleh(oleh, "catat_kehadiran", kehadiran.pertemuan)
    if kehadiran.guru_id:
        raise ValidationError(_("Hanya tamu yang dapat dihapus dari daftar hadir."))
    kehadiran.delete()


def alasan_tolak_qr(pertemuan: Pertemuan, guru_id: int | None) -> tuple[str, str, int] | None:
    """Why this teacher cannot check in by QR now, as (title, message, HTTP status); None when they can:
    only on the meeting's day, not for a cancelled meeting, only for a member on that day."""
    hari_ini = qr.hari_ini()
    if pertemuan.tanggal != hari_ini:
        pesan = _("Kode QR ini hanya berlaku pada %(tanggal)s.") % {"tanggal": _tanggal(pertemuan.tanggal)}
        return _("Kode QR tidak berlaku"), pesan, 400 if pertemuan.tanggal > hari_ini else 410
    if alasan := alasan_daftar_hadir_tertutup(pertemuan):
        return _("Check-in gagal"), alasan, 400
    if not guru_id or not pertemuan.keanggotaan_hari_itu().filter(guru_id=guru_id).exists():
        pesan = _("Check-in hanya untuk anggota %(kelompok)s. Akun Anda tidak tercatat sebagai anggotanya.") % {
            "kelompok": pertemuan.kelompok
        }
        return _("Bukan anggota"), pesan, 403
    return None


@transaction.atomic
def hadir_lewat_qr(pertemuan: Pertemuan, *, oleh) -> tuple[Kehadiran, bool]:
    """A member checks in by QR on the meeting's day; returns (line, newly hadir). A second scan changes
    nothing; a line marked izin/alpa before the member arrived becomes hadir."""
    guru_id = peran(oleh).guru_id
    if tolak := alasan_tolak_qr(pertemuan, guru_id):
        _judul, pesan, status = tolak
        raise PermissionDenied(pesan) if status == 403 else ValidationError(pesan)
    lama = Kehadiran.objects.filter(pertemuan=pertemuan, guru_id=guru_id, status=Status.HADIR).first()
    if lama:
        return lama, False
    return _simpan(pertemuan, guru_id, Status.HADIR, Kehadiran.Cara.QR)[0], True


# --- reflections --------------------------------------------------------------------------------------------


def alasan_tidak_bisa_refleksi(pertemuan: Pertemuan, guru_id: int | None) -> str:
    """Why this teacher cannot (yet) reflect on this meeting ("" when they can)."""
    if pertemuan.status == Pertemuan.Status.DIBATALKAN:
        return _("Pertemuan ini dibatalkan.")
    if pertemuan.belum_berlangsung:
        return _("Refleksi dapat ditulis setelah pertemuan berlangsung.")
    if not guru_id or not Kehadiran.objects.filter(pertemuan=pertemuan, guru_id=guru_id, status=Status.HADIR).exists():
        return _("Refleksi hanya dapat ditulis oleh peserta yang tercatat hadir pada pertemuan ini.")
    return ""


@transaction.atomic
def tulis_refleksi(pertemuan: Pertemuan, *, nilai: int, isi: str, oleh) -> Refleksi:
    """A participant who attended writes (or rewrites) their one reflection on the meeting."""
    pastikan_boleh(oleh, "ikut", pertemuan)
    guru_id = peran(oleh).guru_id
    if alasan := alasan_tidak_bisa_refleksi(pertemuan, guru_id):
        raise ValidationError(alasan)
    if nilai not in range(1, 6):
        raise ValidationError({"nilai": _("Pilih nilai 1 sampai 5.")})
    refleksi, _baru = Refleksi.objects.update_or_create(
        pertemuan=pertemuan, guru_id=guru_id, defaults={"nilai": nilai, "isi": isi.strip()}
    )
    return refleksi


# --- read side ----------------------------------------------------------------------------------------------

SELAMANYA = datetime.date(9999, 12, 31)


def _hitung(qs):
    """A COUNT(*) of `qs` as a subquery expression (0 when empty)."""
    n = qs.order_by().annotate(_k=Value(1)).values("_k").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(n, output_field=IntegerField()), 0)


def rekap_anggota(kelompok: KelompokKerja):
    """Each membership of the group with, over the held meetings of its period: `pertemuan` (held),
    `hadir`, `izin`, `sakit`, `alpa`. One query whatever the number of rows."""
    selama = Q(
        pertemuan__kelompok_id=OuterRef("kelompok_id"),
        pertemuan__status=Pertemuan.Status.TERLAKSANA,
        pertemuan__tanggal__gte=OuterRef("mulai"),
        pertemuan__tanggal__lte=Coalesce(OuterRef("selesai"), Value(SELAMANYA)),
    )
    held = Pertemuan.objects.filter(
        kelompok_id=OuterRef("kelompok_id"),
        status=Pertemuan.Status.TERLAKSANA,
        tanggal__gte=OuterRef("mulai"),
        tanggal__lte=Coalesce(OuterRef("selesai"), Value(SELAMANYA)),
    )
    baris = Kehadiran.objects.filter(selama, guru_id=OuterRef("guru_id"))
    return (
        Keanggotaan.objects.filter(kelompok=kelompok)
        .select_related("guru__sekolah")
        .annotate(
            jumlah_pertemuan=_hitung(held),
            **{s: _hitung(baris.filter(status=s)) for s in Status.values},
        )
        .order_by("guru__nama", "mulai", "pk")
    )


def rekap_pertemuan(kelompok: KelompokKerja):
    """The group's held meetings with `anggota` (members on that date), `hadir` (members present), `tamu`."""
    anggota = Keanggotaan.objects.filter(kelompok_id=OuterRef("kelompok_id"), mulai__lte=OuterRef("tanggal")).filter(
        Q(selesai__isnull=True) | Q(selesai__gte=OuterRef("tanggal"))
    )
    return (
        Pertemuan.objects.terlaksana()
        .filter(kelompok=kelompok)
        .annotate(
            anggota=_hitung(anggota),
            hadir=Count("kehadiran", filter=Q(kehadiran__guru__isnull=False, kehadiran__status=Status.HADIR)),
            tamu=Count("kehadiran", filter=Q(kehadiran__guru__isnull=True)),
        )
        .order_by("-tanggal", "-jam_mulai", "pk")
    )


def persen(bagian: int, dari: int) -> int | None:
    return round(100 * bagian / dari) if dari else None


def ringkasan(pertemuan: Pertemuan) -> dict:
    """Counts for one meeting: per status of members, guests, members on the date and the rate."""
    hitung = Kehadiran.objects.filter(pertemuan=pertemuan).aggregate(
        tamu=Count("pk", filter=Q(guru__isnull=True)),
        **{s: Count("pk", filter=Q(guru__isnull=False, status=s)) for s in Status.values},
    )
    hitung["anggota"] = pertemuan.keanggotaan_hari_itu().count()
    hitung["belum"] = max(hitung["anggota"] - sum(hitung[s] for s in Status.values), 0)
    hitung["persen"] = persen(hitung[Status.HADIR], hitung["anggota"])
    return hitung
