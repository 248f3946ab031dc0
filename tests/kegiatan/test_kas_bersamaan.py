"""Two entries saved at the same moment still get different numbers (the group row is locked). PostgreSQL
only: SQLite serialises every write anyway and has no row locks."""

import threading

import pytest
from django.db import connection, connections

from kegiatan.models import EntriKas
from kegiatan.services import kas as layanan
from tests.conftest import require


@pytest.mark.django_db(transaction=True)
def test_nomor_tidak_ganda_saat_bersamaan(dunia, pengguna):
    require(connection.vendor == "postgresql", "row locks need PostgreSQL (set DATABASE_URL)")
    bendahara, mulai, galat = pengguna["bendahara"], threading.Barrier(4), []

    def catat(i):
        try:
            mulai.wait()
            layanan.catat_penerimaan(dunia.kelompok_a, oleh=bendahara, jumlah=1_000 + i, uraian=f"Bersamaan {i}")
        except Exception as e:  # noqa: BLE001 - reported below
            galat.append(e)
        finally:
            connections.close_all()

    utas = [threading.Thread(target=catat, args=(i,)) for i in range(4)]
    for t in utas:
        t.start()
    for t in utas:
        t.join()
    assert not galat
    assert sorted(EntriKas.objects.values_list("nomor", flat=True)) == [1, 2, 3, 4]
