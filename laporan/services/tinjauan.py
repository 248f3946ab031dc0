"""The reviewers' read side (issue 11): what waits for whom, and the Dinas's matrix of groups × periods.

Plain selectors over `laporan_untuk`, each a fixed number of queries whatever the number of reports or groups:
the inbox is one queryset, the navbar's count one COUNT, the matrix one query for the page's cells and one
aggregate for the column totals of the whole filtered scope.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from gugus.akses import peran
from gugus.models import Kepengurusan

from ..akses import laporan_untuk
from ..models import Laporan, RiwayatLaporan
from .berjenjang import periode, periode_sebelumnya
from .tenggat import batas_waktu, hari_tenggat, terlambat

Status = Laporan.Status
Jenis = Laporan.Jenis


def punya_halaman_laporan(user) -> bool:
    """Board members, pengawas, Dinas staff and admins have report pages (the navbar's "Laporan")."""
    p = peran(user)
    return bool(p.superuser or p.is_dinas or p.didampingi or p.jabatan)


def _antrean(p) -> Q:
    """The reports waiting for this user to act: a pengawas's submitted ones, the Dinas's forwarded ones, a
    ketua's drafts and returned ones."""
    if p.superuser:
        return Q(status__in=[Status.DIAJUKAN, Status.DITERUSKAN])
    q = Q(pk__in=[])
    if p.didampingi:
        q |= Q(status=Status.DIAJUKAN, kelompok_id__in=p.didampingi)
    if p.is_dinas:
        q |= Q(status=Status.DITERUSKAN, kelompok__kabupaten_id=p.kabupaten_dinas)
    ketua_dari = [k for k, jabatan in p.jabatan.items() if Kepengurusan.Jabatan.KETUA in jabatan]
    if ketua_dari:
        q |= Q(status__in=[Status.DRAF, Status.DIKEMBALIKAN], kelompok_id__in=ketua_dari)
    return q


def kotak_laporan(user) -> QuerySet[Laporan]:
    """The user's queue, oldest submission first (a draft counts from its creation)."""
    return (
        laporan_untuk(user)
        .filter(_antrean(peran(user)))
        .select_related("kelompok")
        .order_by(Coalesce("diajukan_pada", "dibuat").asc(), "pk")
    )


def jumlah_menunggu(user) -> int:
    """The navbar's badge: one COUNT (the user's roles are computed once per request anyway)."""
    return kotak_laporan(user).order_by().count()


def sudah_ditinjau(user) -> QuerySet[RiwayatLaporan]:
    """The user's own recent steps on reports (the inbox's second tab), newest first."""
    return (
        RiwayatLaporan.objects.filter(oleh=user, laporan__in=laporan_untuk(user))
        .exclude(aksi=RiwayatLaporan.Aksi.BUAT)
        .select_related("laporan__kelompok")
        .order_by("-pada", "-pk")
    )


# --- The Dinas's matrix --------------------------------------------------------------------------------------

# How many periods the matrix shows per kind of report.
KOLOM = {Jenis.BULANAN: 6, Jenis.SEMESTER: 4, Jenis.TAHUNAN: 3}


@dataclass
class Kolom:
    mulai: datetime.date
    selesai: datetime.date
    batas: datetime.date | None
    nama: str = ""
    total: dict = field(default_factory=dict)


@dataclass
class Sel:
    laporan: Laporan | None
    terlambat: bool


def kolom_periode(jenis: str, hari: dict, hari_ini: datetime.date) -> list[Kolom]:
    """The last whole periods of `jenis` (what is due or was due), newest first."""
    from ..models.berjenjang import nama_periode

    hasil, (mulai, selesai) = [], periode_sebelumnya(jenis, hari_ini)
    for _i in range(KOLOM[jenis]):
        hasil.append(Kolom(mulai, selesai, batas_waktu(jenis, selesai, hari), nama_periode(jenis, mulai, selesai)))
        mulai, selesai = periode(jenis, mulai - datetime.timedelta(days=1))
    return hasil


def _awal_hari_sesudah(tanggal: datetime.date) -> datetime.datetime:
    """The first instant after `tanggal` in the site's time zone: a first submission from then on is late."""
    return timezone.make_aware(datetime.datetime.combine(tanggal + datetime.timedelta(days=1), datetime.time.min))


def isi_matriks(
    kelompok: list, kelompok_semua: QuerySet, jumlah: int, jenis: str, kabupaten_id: int, hari_ini=None
) -> list[Kolom]:
    """The matrix's columns (each with its totals over `kelompok_semua`, the whole filtered scope of `jumlah`
    groups, counted by the paginator already) and, for each group of the page (`kelompok`), its cells `.sel`.
    Three queries: deadlines, the page's reports, the totals."""
    hari_ini = hari_ini or timezone.localdate()
    hari = hari_tenggat(kabupaten_id)
    kolom = kolom_periode(jenis, hari, hari_ini)
    awal = [k.mulai for k in kolom]
    laporan = {
        (lap.kelompok_id, lap.mulai): lap
        for lap in Laporan.objects.filter(kelompok__in=[k.pk for k in kelompok], jenis=jenis, mulai__in=awal)
    }
    for k in kelompok:
        k.sel = []
        for kol in kolom:
            lap = laporan.get((k.pk, kol.mulai))
            k.sel.append(Sel(lap, terlambat(lap, jenis, kol.selesai, hari, hari_ini)))
    _total(kolom, kelompok_semua, jumlah, jenis, hari_ini)
    return kolom


def _total(kolom: list[Kolom], kelompok_semua: QuerySet, semua: int, jenis: str, hari_ini) -> None:
    """Per column: groups in scope, submitted, late (submitted late, or missing once the deadline passed),
    returned, approved (waiting at the Dinas) and accepted, in one aggregate."""
    ukuran = {}
    for i, kol in enumerate(kolom):
        q = Q(mulai=kol.mulai)
        ukuran |= {
            f"diajukan_{i}": Count("pk", filter=q & Q(versi__gt=0)),
            f"dikembalikan_{i}": Count("pk", filter=q & Q(status=Status.DIKEMBALIKAN)),
            f"disetujui_{i}": Count("pk", filter=q & Q(status__in=[Status.DISETUJUI, Status.DITERUSKAN])),
            f"diterima_{i}": Count("pk", filter=q & Q(status=Status.DITERIMA)),
        }
        if kol.batas is not None:
            ukuran[f"telat_{i}"] = Count("pk", filter=q & Q(pertama_diajukan__gte=_awal_hari_sesudah(kol.batas)))
    hitung = Laporan.objects.filter(
        kelompok__in=kelompok_semua.order_by().values("pk"), jenis=jenis, mulai__in=[k.mulai for k in kolom]
    ).aggregate(**ukuran)
    for i, kol in enumerate(kolom):
        belum = semua - hitung[f"diajukan_{i}"]
        lewat = kol.batas is not None and hari_ini > kol.batas
        kol.total = {
            "diajukan": hitung[f"diajukan_{i}"],
            "terlambat": hitung.get(f"telat_{i}", 0) + (belum if lewat else 0),
            "dikembalikan": hitung[f"dikembalikan_{i}"],
            "disetujui": hitung[f"disetujui_{i}"],
            "diterima": hitung[f"diterima_{i}"],
            "belum": belum,
        }
