"""Letters issued at the same moment still get different numbers (the group's yearly counter row is locked).
PostgreSQL only: SQLite serialises every write anyway and has no row locks. (Two sends of one e-mail at once:
tests/surel/test_bersamaan.py.)"""

import threading

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from laporan.models import NomorSurat, SuratUndangan
from laporan.services import surat
from tests.conftest import require
from tests.factories import GuruFactory
from tests.factories_kegiatan import PertemuanFactory


def _bersamaan(n: int, kerja) -> list[Exception]:
    """Runs kerja(i) in n threads released at once; returns what they raised."""
    mulai, galat = threading.Barrier(n), []

    def jalan(i):
        try:
            mulai.wait()
            kerja(i)
        except Exception as e:  # noqa: BLE001 - reported by the caller
            galat.append(e)
        finally:
            connections.close_all()

    utas = [threading.Thread(target=jalan, args=(i,)) for i in range(n)]
    for t in utas:
        t.start()
    for t in utas:
        t.join()
    return galat


@pytest.mark.django_db(transaction=True)
def test_nomor_tidak_ganda_saat_bersamaan(dunia):
    """The counter row does not exist yet: all four create it at once (get_or_create), then queue on its lock."""
    require(connection.vendor == "postgresql", "row locks need PostgreSQL (set DATABASE_URL)")
    hari_ini, nomor = timezone.localdate(), []

    def terbitkan(i):
        with transaction.atomic():
            nomor.append(surat.nomor_surat_baru(dunia.kelompok_a, hari_ini))

    assert not _bersamaan(4, terbitkan)
    assert sorted(nomor) == [surat.format_nomor(i, "KKG-CND", hari_ini) for i in (1, 2, 3, 4)]
    assert NomorSurat.objects.get().terakhir == 4


@pytest.mark.django_db(transaction=True)
def test_undangan_empat_pertemuan_bersamaan(dunia, render_terhitung):
    require(connection.vendor == "postgresql", "row locks need PostgreSQL (set DATABASE_URL)")
    for sekolah in (dunia.sekolah_a1, dunia.sekolah_a2):
        sekolah.kepala_sekolah = GuruFactory(sekolah=sekolah, email=f"kepsek{sekolah.pk}@contoh.sch.id")
        sekolah.save()
    pertemuan = [PertemuanFactory(kelompok=dunia.kelompok_a) for _ in range(4)]

    assert not _bersamaan(4, lambda i: surat.siapkan_undangan(pertemuan[i]))

    nomor = sorted(SuratUndangan.objects.values_list("nomor", flat=True))
    assert nomor == [surat.format_nomor(i, "KKG-CND", timezone.localdate()) for i in range(1, 9)]


@pytest.mark.django_db(transaction=True)
def test_satu_pertemuan_dua_kali_bersamaan_tetap_satu_surat_per_sekolah(dunia, render_terhitung):
    """The page and the reminder's task at once: the meeting row lock makes the second find the letters."""
    require(connection.vendor == "postgresql", "row locks need PostgreSQL (set DATABASE_URL)")
    dunia.sekolah_a1.kepala_sekolah = GuruFactory(sekolah=dunia.sekolah_a1, email="k1@contoh.sch.id")
    dunia.sekolah_a1.save()
    besok = PertemuanFactory(kelompok=dunia.kelompok_a)
    baru = []

    assert not _bersamaan(2, lambda i: baru.append(len(surat.siapkan_undangan(besok))))

    assert sorted(baru) == [0, 1]
    assert SuratUndangan.objects.count() == 1 and NomorSurat.objects.get().terakhir == 1
