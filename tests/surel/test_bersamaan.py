"""Two sends of one outbox row at once (a sweep and an acks_late re-delivery): the row lock is held while the
e-mail goes, so the second waits, sees "terkirim" and sends nothing. PostgreSQL only (SQLite has no row locks)."""

import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection

from kkg.surel import layanan
from kkg.surel.models import Surel
from tests.conftest import require
from tests.laporan.test_surat_bersamaan import _bersamaan


@pytest.mark.django_db(transaction=True)
def test_dua_pengiriman_bersamaan_satu_email(monkeypatch):
    require(connection.vendor == "postgresql", "row locks need PostgreSQL (set DATABASE_URL)")
    surel = Surel.objects.create(kepada="k1@contoh.sch.id", subjek="Uji", isi="Isi uji.")
    kirim_asli = EmailBackend.send_messages

    def kirim_lambat(self, pesan):
        time.sleep(0.3)  # a slow SMTP conversation: the other run arrives meanwhile
        return kirim_asli(self, pesan)

    monkeypatch.setattr(EmailBackend, "send_messages", kirim_lambat)

    assert not _bersamaan(2, lambda i: layanan.kirim(surel.pk))

    assert [m.to for m in mail.outbox] == [["k1@contoh.sch.id"]]
    surel.refresh_from_db()
    assert surel.status == Surel.Status.TERKIRIM and surel.percobaan == 1  # the second never tried
