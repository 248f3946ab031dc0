"""The reports section of the dashboard: the ketua's reports to write or revise and the periods past their
deadline; the pengawas's reports waiting for review; the Dinas's reports waiting to be accepted and the number of
overdue groups. At most three queries per role (peran() is cached on the user), whatever the number of reports."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, Subquery, Window
from django.utils import timezone

from gugus.akses import peran
from gugus.models import KelompokKerja, Kepengurusan

from .models import Laporan, RiwayatLaporan, TenggatLaporan
from .models.berjenjang import nama_periode
from .services.berjenjang import periode_sebelumnya
from .services.tenggat import BAWAAN, batas_waktu, kelompok_terlambat

BANYAK = 5  # reports per list; the full list is the group's report page (or the inbox)
Status = Laporan.Status


@dataclass
class Tunggakan:
    """A period whose deadline passed with no report started (a late draft is flagged on the draft)."""

    kelompok: KelompokKerja
    jenis: str
    nama_periode: str
    batas: datetime.date

    @property
    def jenis_label(self) -> str:
        return Laporan.Jenis(self.jenis).label


def _catatan_terakhir():
    """The pengawas's note of the latest return, for a report that was sent back."""
    kembali = RiwayatLaporan.objects.filter(laporan=OuterRef("pk"), aksi=RiwayatLaporan.Aksi.KEMBALIKAN)
    return Subquery(kembali.order_by("-pada", "-pk").values("catatan")[:1])


def _ketua(kelompok_ids: set[int], hari_ini: datetime.date) -> dict:
    """Reports to write or revise, and overdue periods: three queries."""
    kelompok = {k.pk: k for k in KelompokKerja.objects.filter(pk__in=kelompok_ids, aktif=True)}
    hari: dict[int, dict[str, int]] = {k.kabupaten_id: dict(BAWAAN) for k in kelompok.values()}
    for kabupaten_id, jenis, n in TenggatLaporan.objects.filter(kabupaten_id__in=hari).values_list(
        "kabupaten_id", "jenis", "hari"
    ):
        hari[kabupaten_id][jenis] = n
    jatuh = {jenis: periode_sebelumnya(jenis, hari_ini) for jenis in BAWAAN}
    jatuh_tempo = Q()
    for jenis, (mulai, _selesai) in jatuh.items():
        jatuh_tempo |= Q(jenis=jenis, mulai=mulai)
    laporan = list(
        Laporan.objects.filter(kelompok_id__in=kelompok)
        .filter(Q(status__in=[Status.DRAF, Status.DIKEMBALIKAN]) | jatuh_tempo)
        .annotate(catatan_kembali=_catatan_terakhir())
        .order_by("mulai", "pk")
    )
    for lap in laporan:
        lap.kelompok = kelompok[lap.kelompok_id]
    tunggakan = []
    for k in kelompok.values():
        for jenis, (mulai, selesai) in jatuh.items():
            batas = batas_waktu(jenis, selesai, hari[k.kabupaten_id])
            if batas is None or hari_ini <= batas:
                continue
            ada = next((x for x in laporan if (x.kelompok_id, x.jenis, x.mulai) == (k.pk, jenis, mulai)), None)
            if ada is None:
                tunggakan.append(Tunggakan(k, jenis, nama_periode(jenis, mulai, selesai), batas))
            elif ada.versi == 0:
                ada.terlambat = True  # the draft is listed below, with its badge
    ditulis = [lap for lap in laporan if lap.status in (Status.DRAF, Status.DIKEMBALIKAN)]
    # Returned reports first (someone is waiting for them), then the oldest period.
    ditulis.sort(key=lambda lap: (lap.status != Status.DIKEMBALIKAN, lap.mulai))
    return {"ditulis": ditulis[:BANYAK], "jumlah_ditulis": len(ditulis), "tunggakan": tunggakan}


def _menunggu(qs) -> tuple[list[Laporan], int]:
    """The oldest waiting reports and how many there are, in one query (a window count)."""
    daftar = list(
        qs.select_related("kelompok").annotate(jumlah=Window(Count("pk"))).order_by(F("diajukan_pada").asc())[:BANYAK]
    )
    return daftar, (daftar[0].jumlah if daftar else 0)


def bagian_beranda(user):
    p = peran(user)
    ketua = {k for k in p.jabatan if p.punya_jabatan(k, Kepengurusan.Jabatan.KETUA)}
    if not (ketua or p.didampingi or p.is_dinas):
        return None
    hari_ini = timezone.localdate()
    data: dict = {"hari_ini": hari_ini}
    if ketua:
        data["ketua"] = _ketua(ketua, hari_ini)
    if p.didampingi:
        daftar, jumlah = _menunggu(Laporan.objects.filter(kelompok_id__in=p.didampingi, status=Status.DIAJUKAN))
        data["pengawas"] = {"menunggu": daftar, "jumlah": jumlah}
    if p.is_dinas:
        daftar, jumlah = _menunggu(
            Laporan.objects.filter(kelompok__kabupaten_id=p.kabupaten_dinas, status=Status.DITERUSKAN)
        )
        data["dinas"] = {"menunggu": daftar, "jumlah": jumlah, "terlambat": _kelompok_terlambat(p.kabupaten_dinas)}
    return "laporan/_beranda.html", data


def _kelompok_terlambat(kabupaten_id: int) -> int:
    """Active groups of the kabupaten missing last month's report past its deadline (two queries)."""
    kelompok, _mulai, _selesai = kelompok_terlambat(kabupaten_id, Laporan.Jenis.BULANAN, timezone.localdate())
    return kelompok.count()
