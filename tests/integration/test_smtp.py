"""E-mail leaves a real celery worker over real SMTP (an aiosmtpd server on loopback), and a mail server
that refuses for a moment does not lose the message: the task is retried."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def celery_worker_env(smtp_sink):
    return {"EMAIL_URL": smtp_sink.email_url}


def test_worker_mengirim_lewat_smtp(celery_worker_proc, smtp_sink):
    from gugus.tasks import kirim_email

    kirim_email.delay("Uji SMTP", "Isi uji SMTP.", ["anggota@example.org"])

    [pesan] = smtp_sink.tunggu(1)
    assert pesan["Subject"] == "Uji SMTP" and pesan["To"] == "anggota@example.org"
    assert pesan.get_body(preferencelist=("plain",)).get_content().strip() == "Isi uji SMTP."


def test_penolakan_sementara_dicoba_lagi(celery_worker_proc, smtp_sink):
    from gugus.tasks import kirim_email

    smtp_sink.menolak(1)
    kirim_email.apply_async(("Uji ulang", "Isi.", ["anggota@example.org"]))

    celery_worker_proc.wait_for_log(r"Task gugus\.tasks\.kirim_email\[[0-9a-f-]+\] retry", timeout=20)
    [pesan] = smtp_sink.tunggu(1, timeout=90)  # the first retry waits up to retry_backoff (30 s)
    assert smtp_sink.ditolak == 1 and pesan["Subject"] == "Uji ulang"
