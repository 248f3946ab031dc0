"""kkg/lib/antrean.py: the after-commit enqueue never fails the action, neither when the broker is down nor when
a task run inline (no broker) fails."""

import logging

import pytest

from kkg.lib.antrean import antre, antre_semua
from kkg.surel import layanan
from kkg.surel.tasks import kirim_surel

pytestmark = pytest.mark.django_db


def test_broker_mati_dicatat_tanpa_galat(broker_mati, caplog, django_capture_on_commit_callbacks):
    """on_commit(robust=True) logs a failure through `func.__qualname__`, which a functools.partial lacks: the
    AttributeError escaped the commit. The callback now catches and logs the failure itself."""
    with broker_mati(), django_capture_on_commit_callbacks(execute=True), caplog.at_level(logging.WARNING):
        antre(kirim_surel, 1)
    assert "could not enqueue kkg.surel.tasks.kirim_surel: 1 of 1 left for the sweep" in caplog.text


def test_tugas_inline_yang_gagal_dicatat_dan_lainnya_tetap_jalan(
    monkeypatch, caplog, django_capture_on_commit_callbacks
):
    dijalankan = []

    def kirim(pk):
        dijalankan.append(pk)
        if pk == 1:
            raise RuntimeError("rusak")

    monkeypatch.setattr(layanan, "kirim", kirim)
    with django_capture_on_commit_callbacks(execute=True):
        antre_semua(kirim_surel, [(1,), (2,)])
    assert dijalankan == [1, 2] and "RuntimeError: rusak" in caplog.text
