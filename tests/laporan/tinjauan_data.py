"""Reports in a given state, written directly (the journey itself is tested in test_berjenjang.py)."""

import datetime

from django.utils import timezone

from gugus.models import Pendampingan
from laporan.models import Laporan, VersiLaporan
from laporan.services.berjenjang import periode, periode_sebelumnya
from tests.factories import KelompokKerjaFactory


def laporan_dengan_status(kelompok, status, *, mulai=None, jenis="bulanan", diajukan=None) -> Laporan:
    """A report of `kelompok` in `status`; submitted ones have a frozen version and `diajukan` (default: now)."""
    mulai = mulai or periode_sebelumnya(jenis, timezone.localdate())[0]
    selesai = periode(jenis, mulai)[1]
    dikirim = status != Laporan.Status.DRAF
    waktu = diajukan or timezone.now()
    lap = Laporan.objects.create(
        kelompok=kelompok,
        jenis=jenis,
        mulai=mulai,
        selesai=selesai,
        status=status,
        versi=1 if dikirim else 0,
        diajukan_pada=waktu if dikirim else None,
        pertama_diajukan=waktu if dikirim else None,
    )
    if dikirim:
        VersiLaporan.objects.create(laporan=lap, nomor=1, isi={"narasi": {}})
    return lap


def kelompok_didampingi(dunia, n: int) -> list:
    """`n` more groups in kabupaten A, accompanied by KKG A's pengawas."""
    hasil = []
    for _i in range(n):
        k = KelompokKerjaFactory(gugus=dunia.gugus_a)
        Pendampingan.objects.create(pengawas=dunia.pendampingan_a.pengawas, kelompok=k, mulai=datetime.date(2020, 1, 1))
        hasil.append(k)
    return hasil
