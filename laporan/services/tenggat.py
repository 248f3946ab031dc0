"""Deadlines: the Dinas sets, per kind of report, how many days after the period a report is due; groups that
have not submitted by then are flagged on the Dinas matrix and their ketua is reminded (celery beat, once per
group and period: the outbox key)."""

import datetime

from django.db import transaction
from django.utils import timezone

from gugus.akses import pastikan_boleh
from gugus.models import Kabupaten, KelompokKerja
from kkg.lib.situs import url_absolut

from ..models import Laporan, TenggatLaporan
from .berjenjang import akun_ketua, beri_tahu, periode_sebelumnya

Jenis = Laporan.Jenis

# Days after the period's end when no Dinas has set its own (the usual practice: the 10th of the next month).
BAWAAN = {Jenis.BULANAN: 10, Jenis.SEMESTER: 14, Jenis.TAHUNAN: 30}


def hari_tenggat(kabupaten_id: int) -> dict[str, int]:
    """Days allowed per kind in a kabupaten: its own settings over the defaults."""
    hasil = dict(BAWAAN)
    hasil.update(TenggatLaporan.objects.filter(kabupaten_id=kabupaten_id).values_list("jenis", "hari"))
    return hasil


def batas_waktu(jenis: str, selesai: datetime.date, hari: dict[str, int]) -> datetime.date | None:
    return selesai + datetime.timedelta(days=hari[jenis]) if jenis in hari else None


def terlambat(laporan: Laporan | None, jenis: str, selesai: datetime.date, hari: dict, hari_ini: datetime.date) -> bool:
    """Late: first submitted after the deadline, or still not submitted once it has passed."""
    batas = batas_waktu(jenis, selesai, hari)
    if batas is None:
        return False
    if laporan is not None and laporan.pertama_diajukan is not None:
        return timezone.localdate(laporan.pertama_diajukan) > batas
    return hari_ini > batas


@transaction.atomic
def atur_tenggat(kabupaten: Kabupaten, *, oleh, jenis: str, hari: int) -> TenggatLaporan:
    """Dinas staff set the deadline of one kind of report for their kabupaten."""
    pastikan_boleh(oleh, "atur_tenggat", kabupaten)
    tenggat, _dibuat = TenggatLaporan.objects.update_or_create(
        kabupaten=kabupaten, jenis=jenis, defaults={"hari": hari}
    )
    return tenggat


def kelompok_terlambat(kabupaten_id: int, jenis: str, hari_ini: datetime.date):
    """Active groups of the kabupaten with no submitted report for the last whole period of `jenis`, once its
    deadline has passed; (groups, period start, period end)."""
    mulai, selesai = periode_sebelumnya(jenis, hari_ini)
    batas = batas_waktu(jenis, selesai, hari_tenggat(kabupaten_id))
    if batas is None or hari_ini <= batas:
        return KelompokKerja.objects.none(), mulai, selesai
    sudah = Laporan.objects.filter(jenis=jenis, mulai=mulai, versi__gt=0).values("kelompok")
    qs = KelompokKerja.objects.filter(kabupaten_id=kabupaten_id, aktif=True).exclude(pk__in=sudah)
    return qs, mulai, selesai


def ingatkan_terlambat(hari_ini: datetime.date | None = None) -> int:
    """celery beat, daily: an outbox e-mail to the ketua of every overdue group, once per group, kind and period
    (the outbox key makes a second run write nothing). Returns the number of ketua addressed."""
    hari_ini = hari_ini or timezone.localdate()
    jumlah = 0
    for kabupaten_id in Kabupaten.objects.values_list("pk", flat=True):
        for jenis in BAWAAN:
            kelompok, mulai, selesai = kelompok_terlambat(kabupaten_id, jenis, hari_ini)
            for k in kelompok:
                with transaction.atomic():
                    jumlah += _ingatkan(k, jenis, mulai, selesai)
    return jumlah


def _ingatkan(kelompok: KelompokKerja, jenis: str, mulai, selesai) -> int:
    from ..models.berjenjang import nama_periode

    konteks = {
        "kelompok": kelompok,
        "jenis": Jenis(jenis).label,
        "periode": nama_periode(jenis, mulai, selesai),
        "tautan": url_absolut(kelompok.get_absolute_url()),
    }
    return sum(
        beri_tahu("laporan/email/laporan_terlambat", user, konteks, f"tenggat:{kelompok.pk}:{jenis}:{mulai}:{user.pk}")
        for user in akun_ketua(kelompok.pk)
    )


def tandai(daftar, hari_ini: datetime.date | None = None) -> list:
    """Each report of `daftar` with its deadline (`batas`) and whether it is late (`terlambat`), for the pages
    that list or show reports; one settings query per kabupaten."""
    hari_ini = hari_ini or timezone.localdate()
    hari: dict[int, dict] = {}
    for lap in daftar:
        kabupaten_id = lap.kelompok.kabupaten_id
        if kabupaten_id not in hari:
            hari[kabupaten_id] = hari_tenggat(kabupaten_id)
        lap.batas = batas_waktu(lap.jenis, lap.selesai, hari[kabupaten_id])
        lap.terlambat = terlambat(lap, lap.jenis, lap.selesai, hari[kabupaten_id], hari_ini)
    return daftar
