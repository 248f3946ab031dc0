"""How active and measurable groups are (DOMAIN.md, "What the grant wants to see"): for a set of groups (one
group, a gugus's, a kabupaten's) and a period of whole months (default the last 12), the figures per month and
per group:

- meetings held vs planned (planned = every meeting scheduled in the month, as the report's BAB II counts them);
- attendance rate: members recorded "hadir" / members recorded, over held meetings (guests left out);
- notulen distributed within 3 days: held meetings with an approved notulen whose first distribution was at most
  3 days after the meeting, of all held meetings with an approved notulen;
- monthly reports on time / late / missing (laporan/services/tenggat.py; a month whose deadline has not passed
  and has no report yet is not counted);
- In-On-In completion: steps of In-On-In programmes of the tahun ajaran the period touches that have a held
  meeting, of all such steps;
- products per month (by the date of the meeting they came from).

`hitung_aktivitas` runs a fixed number of aggregate queries (nine) whatever the number of groups and meetings.
Access is the caller's business: the views pass only groups the user may see (laporan/akses.py).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from gugus.models import KelompokKerja
from kegiatan.models import Kehadiran, LangkahProgram, Notulen, Pertemuan, Produk
from kegiatan.services.kas import awal_bulan, bulan_berikut
from kegiatan.services.program import tahun_ajaran_kini

from ..models import Laporan, TenggatLaporan
from .tenggat import BAWAAN, batas_waktu, terlambat

BATAS_DISTRIBUSI = datetime.timedelta(days=3)
JUMLAH_BULAN = 12
Terlaksana = Pertemuan.Status.TERLAKSANA
Bulanan = Laporan.Jenis.BULANAN


def periode_bawaan(hari_ini: datetime.date | None = None, bulan: int = JUMLAH_BULAN) -> list[datetime.date]:
    """The first days of the last `bulan` months, this month included, oldest first."""
    awal = awal_bulan(hari_ini or timezone.localdate())
    hasil = [awal]
    for _i in range(bulan - 1):
        hasil.insert(0, awal_bulan(hasil[0] - datetime.timedelta(days=1)))
    return hasil


def persen(bagian: int, seluruh: int) -> int | None:
    return round(100 * bagian / seluruh) if seluruh else None


@dataclass
class Angka:
    """The counts behind the figures, for one month or one group or the whole set; they add up."""

    direncanakan: int = 0
    terlaksana: int = 0
    hadir: int = 0
    tercatat: int = 0
    notulen: int = 0  # held meetings with an approved notulen
    notulen_tepat: int = 0  # … of which distributed within 3 days
    laporan_tepat: int = 0
    laporan_terlambat: int = 0
    laporan_tidak_ada: int = 0
    langkah: int = 0
    langkah_selesai: int = 0
    produk: int = 0

    def tambah(self, lain: "Angka") -> None:
        for nama in self.__dataclass_fields__:
            setattr(self, nama, getattr(self, nama) + getattr(lain, nama))

    @property
    def persen_hadir(self) -> int | None:
        return persen(self.hadir, self.tercatat)

    @property
    def persen_notulen(self) -> int | None:
        return persen(self.notulen_tepat, self.notulen)

    @property
    def laporan_jatuh_tempo(self) -> int:
        return self.laporan_tepat + self.laporan_terlambat + self.laporan_tidak_ada

    @property
    def persen_laporan(self) -> int | None:
        return persen(self.laporan_tepat, self.laporan_jatuh_tempo)

    @property
    def persen_in_on_in(self) -> int | None:
        return persen(self.langkah_selesai, self.langkah)


@dataclass
class BarisKelompok:
    kelompok: KelompokKerja
    angka: Angka = field(default_factory=Angka)

    @property
    def perhatian(self) -> list[str]:
        """Why the group needs attention, worst first (an empty list: nothing to flag)."""
        a, alasan = self.angka, []
        if a.laporan_tidak_ada:
            alasan.append(_("%(n)d laporan bulanan tidak masuk") % {"n": a.laporan_tidak_ada})
        if not a.terlaksana:
            alasan.append(_("belum ada pertemuan terlaksana"))
        elif a.terlaksana < a.direncanakan / 2:
            alasan.append(_("kurang dari separuh pertemuan terlaksana"))
        if a.laporan_terlambat:
            alasan.append(_("%(n)d laporan terlambat") % {"n": a.laporan_terlambat})
        if a.persen_hadir is not None and a.persen_hadir < 60:
            alasan.append(_("kehadiran di bawah 60%"))
        if a.persen_notulen is not None and a.persen_notulen < 50:
            alasan.append(_("notulen jarang didistribusikan dalam 3 hari"))
        return alasan


@dataclass
class Aktivitas:
    bulan: list[datetime.date]
    per_bulan: dict[datetime.date, Angka]
    per_kelompok: list[BarisKelompok]
    total: Angka

    @property
    def mulai(self) -> datetime.date:
        return self.bulan[0]

    @property
    def selesai(self) -> datetime.date:
        return bulan_berikut(self.bulan[-1]) - datetime.timedelta(days=1)

    def baris_bulan(self) -> list[tuple[datetime.date, Angka]]:
        return [(b, self.per_bulan[b]) for b in self.bulan]

    def urut_perhatian(self) -> list[BarisKelompok]:
        """Most reasons first, then fewest meetings held, then by name."""
        return sorted(self.per_kelompok, key=lambda b: (-len(b.perhatian), b.angka.terlaksana, b.kelompok.nama))


def _tahun_ajaran(bulan: list[datetime.date]) -> set[str]:
    return {tahun_ajaran_kini(b)[0] for b in bulan}


def hitung_aktivitas(
    kelompok: QuerySet[KelompokKerja], bulan: list[datetime.date] | None = None, hari_ini: datetime.date | None = None
) -> Aktivitas:
    """The figures of `kelompok` over the months `bulan` (first days, oldest first; default the last 12)."""
    hari_ini = hari_ini or timezone.localdate()
    bulan = bulan or periode_bawaan(hari_ini)
    mulai, selesai = bulan[0], bulan_berikut(bulan[-1]) - datetime.timedelta(days=1)
    daftar = list(kelompok.order_by("nama", "pk"))  # 1
    ids = [k.pk for k in daftar]
    sel: dict[tuple[int, datetime.date], Angka] = defaultdict(Angka)
    dalam = {"kelompok_id__in": ids, "tanggal__range": (mulai, selesai)}

    rapat = (
        Pertemuan.objects.filter(**dalam)
        .values("kelompok_id", b=TruncMonth("tanggal"))
        .annotate(n=Count("pk"), t=Count("pk", filter=Q(status=Terlaksana)))
    )
    for r in rapat:  # 2
        a = sel[r["kelompok_id"], r["b"]]
        a.direncanakan, a.terlaksana = r["n"], r["t"]

    hadir = (
        Kehadiran.objects.filter(
            pertemuan__kelompok_id__in=ids,
            pertemuan__tanggal__range=(mulai, selesai),
            pertemuan__status=Terlaksana,
            guru__isnull=False,
        )
        .values(k=F("pertemuan__kelompok_id"), b=TruncMonth("pertemuan__tanggal"))
        .annotate(n=Count("pk"), h=Count("pk", filter=Q(status=Kehadiran.Status.HADIR)))
    )
    for r in hadir:  # 3
        a = sel[r["k"], r["b"]]
        a.tercatat, a.hadir = r["n"], r["h"]

    # The filter before the annotation keeps the join: only distributions of approved versions count.
    notulen = (
        Pertemuan.objects.filter(**dalam, status=Terlaksana, notulen__status=Notulen.Status.DISETUJUI)
        .values("pk", "kelompok_id", "tanggal")
        .annotate(pertama=Min("notulen__distribusi__dibuat"))
    )
    for r in notulen:  # 4
        a = sel[r["kelompok_id"], awal_bulan(r["tanggal"])]
        a.notulen += 1
        if r["pertama"] and timezone.localdate(r["pertama"]) <= r["tanggal"] + BATAS_DISTRIBUSI:
            a.notulen_tepat += 1

    produk = (
        Produk.objects.filter(kelompok_id__in=ids, pertemuan__tanggal__range=(mulai, selesai))
        .values("kelompok_id", b=TruncMonth("pertemuan__tanggal"))
        .annotate(n=Count("pk"))
    )
    for r in produk:  # 5
        sel[r["kelompok_id"], r["b"]].produk = r["n"]

    _laporan(daftar, bulan, hari_ini, sel)  # 6, 7
    langkah = _langkah(ids, bulan)  # 8

    per_bulan = {b: Angka() for b in bulan}
    per_kelompok = {k.pk: BarisKelompok(k) for k in daftar}
    for (kelompok_id, b), a in sel.items():
        per_bulan[b].tambah(a)
        per_kelompok[kelompok_id].angka.tambah(a)
    for kelompok_id, (total, selesai_) in langkah.items():
        per_kelompok[kelompok_id].angka.langkah = total
        per_kelompok[kelompok_id].angka.langkah_selesai = selesai_
    total = Angka()
    for baris in per_kelompok.values():
        total.tambah(baris.angka)
    return Aktivitas(bulan=bulan, per_bulan=per_bulan, per_kelompok=list(per_kelompok.values()), total=total)


def _laporan(daftar: list[KelompokKerja], bulan: list[datetime.date], hari_ini, sel) -> None:
    """Each group's monthly report of each month: on time, late, or missing once its deadline has passed."""
    ids = [k.pk for k in daftar]
    hari = defaultdict(lambda: dict(BAWAAN))
    for kabupaten_id, jenis, n in TenggatLaporan.objects.filter(
        kabupaten_id__in={k.kabupaten_id for k in daftar}
    ).values_list("kabupaten_id", "jenis", "hari"):
        hari[kabupaten_id][jenis] = n
    ada = {
        (lap.kelompok_id, lap.mulai): lap
        for lap in Laporan.objects.filter(kelompok_id__in=ids, jenis=Bulanan, mulai__in=bulan).only(
            "kelompok_id", "mulai", "pertama_diajukan"
        )
    }
    for k in daftar:
        for b in bulan:
            akhir = bulan_berikut(b) - datetime.timedelta(days=1)
            lap = ada.get((k.pk, b))
            diajukan = lap is not None and lap.pertama_diajukan is not None
            if not diajukan and hari_ini <= batas_waktu(Bulanan, akhir, hari[k.kabupaten_id]):
                continue  # not due yet
            a = sel[k.pk, b]
            if not diajukan:
                a.laporan_tidak_ada += 1
            elif terlambat(lap, Bulanan, akhir, hari[k.kabupaten_id], hari_ini):
                a.laporan_terlambat += 1
            else:
                a.laporan_tepat += 1


def _langkah(ids: list[int], bulan: list[datetime.date]) -> dict[int, tuple[int, int]]:
    """Group → (In-On-In steps, steps with a held meeting) of the programmes of the period's tahun ajaran."""
    terlaksana = Pertemuan.objects.filter(langkah=OuterRef("pk"), status=Terlaksana)
    baris = LangkahProgram.objects.filter(
        program__kelompok_id__in=ids, program__in_on_in=True, program__tahun_ajaran__in=_tahun_ajaran(bulan)
    ).values_list("program__kelompok_id", Exists(terlaksana))
    hasil: dict[int, tuple[int, int]] = {}
    for kelompok_id, selesai in baris:
        total, sudah = hasil.get(kelompok_id, (0, 0))
        hasil[kelompok_id] = (total + 1, sudah + bool(selesai))
    return hasil
