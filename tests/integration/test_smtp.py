"""E-mail leaves a real celery worker over real SMTP (an aiosmtpd server on loopback), and a mail server
that refuses for a moment does not lose the message: the outbox's task tries again."""

import time

import pytest

from kkg.surel.models import Surel
from kkg.surel.tasks import kirim_surel

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def celery_worker_env(smtp_sink):
    # The first retry after 1 s, so that the test does not wait the default 10 s.
    return {"EMAIL_URL": smtp_sink.email_url, "PENGIRIMAN_JEDA_ULANG": "1,1"}


def _tunggu_terkirim(surel: Surel, timeout: float = 30.0) -> Surel:
    batas = time.monotonic() + timeout
    while (surel := Surel.objects.get(pk=surel.pk)).status != Surel.Status.TERKIRIM:
        assert time.monotonic() < batas, f"{surel.status} after {surel.percobaan} attempts: {surel.alasan_gagal}"
        time.sleep(0.2)
    return surel


def test_worker_mengirim_lewat_smtp(celery_worker_proc, smtp_sink):
    surel = Surel.objects.create(kepada="anggota@example.org", subjek="Uji SMTP", isi="Isi uji SMTP.")
    kirim_surel.delay(surel.pk)

    [pesan] = smtp_sink.tunggu(1)
    assert pesan["Subject"] == "Uji SMTP" and pesan["To"] == "anggota@example.org"
    assert pesan["Message-ID"] == surel.message_id
    assert pesan.get_body(preferencelist=("plain",)).get_content().strip() == "Isi uji SMTP."
    assert _tunggu_terkirim(surel).percobaan == 1


def test_penolakan_sementara_dicoba_lagi(celery_worker_proc, smtp_sink):
    smtp_sink.menolak(1)
    surel = Surel.objects.create(kepada="anggota@example.org", subjek="Uji ulang", isi="Isi.")
    kirim_surel.delay(surel.pk)

    celery_worker_proc.wait_for_log(r"Task kkg\.surel\.tasks\.kirim_surel\[[0-9a-f-]+\] retry", timeout=20)
    [pesan] = smtp_sink.tunggu(1, timeout=30)
    assert smtp_sink.ditolak == 1 and pesan["Subject"] == "Uji ulang"
    surel = _tunggu_terkirim(surel)
    assert surel.percobaan == 2 and "451" not in surel.alasan_gagal
