"""The month grid of the meeting calendar: weeks from Monday, each day with its meetings."""

import calendar
import datetime
from dataclasses import dataclass, field

from django.utils import timezone


@dataclass
class Hari:
    tanggal: datetime.date
    di_bulan_ini: bool
    pertemuan: list = field(default_factory=list)


def bulan_dari(teks: str | None) -> datetime.date:
    """The first day of the month named by "2025-02"; this month when missing or malformed."""
    try:
        tahun, bulan = (int(b) for b in (teks or "").split("-"))
        return datetime.date(tahun, bulan, 1)
    except ValueError:
        return timezone.localdate().replace(day=1)


def geser_bulan(awal: datetime.date, langkah: int) -> datetime.date:
    """The first day of the month `langkah` months from `awal` (negative goes back)."""
    indeks = awal.year * 12 + awal.month - 1 + langkah
    return datetime.date(indeks // 12, indeks % 12 + 1, 1)


def rentang_grid(awal: datetime.date) -> tuple[datetime.date, datetime.date]:
    """First and last day shown by the grid of `awal`'s month (whole weeks, Monday first)."""
    minggu = calendar.Calendar(firstweekday=0).monthdatescalendar(awal.year, awal.month)
    return minggu[0][0], minggu[-1][-1]


def grid_bulan(awal: datetime.date, pertemuan) -> list[list[Hari]]:
    """Weeks of `Hari`; each meeting of `pertemuan` (an iterable ordered by time) sits on its date."""
    minggu = calendar.Calendar(firstweekday=0).monthdatescalendar(awal.year, awal.month)
    hari = {t: Hari(t, t.month == awal.month) for pekan in minggu for t in pekan}
    for p in pertemuan:
        if p.tanggal in hari:
            hari[p.tanggal].pertemuan.append(p)
    return [[hari[t] for t in pekan] for pekan in minggu]
