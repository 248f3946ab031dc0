"""The password-reset e-mail leaves through the outbox and a real celery worker on Redis, not from the web request.

This is the harness later integration tests reuse: `celery_worker_proc` (tests/conftest.py) is a real
`celery -A kkg worker` on the pytest-django test database, writing e-mail to a directory.
"""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse

from kkg.surel.models import Surel
from tests.conftest import plain_body

pytestmark = pytest.mark.django_db(transaction=True)  # the worker only sees committed rows


def test_worker_menjawab_dan_mengirim_email_dari_antrean(celery_worker_proc):
    from kkg.surel.tasks import kirim_surel

    assert celery_worker_proc.ping()
    kirim_surel.delay(Surel.objects.create(kepada="uji@example.org", subjek="Uji antrean", isi="Isi uji.").pk)

    pesan = celery_worker_proc.mailbox.wait_for(to="uji@example.org", timeout=20)
    assert pesan["Subject"] == "Uji antrean"
    assert plain_body(pesan).strip() == "Isi uji."


def test_email_reset_sandi_dikirim_oleh_worker(client, celery_worker_proc, mailoutbox):
    User.objects.create_user(username="ketua", email="ketua@example.org", password="sandi-Lama-2026")

    response = client.post(reverse("password_reset"), {"email": "ketua@example.org"})

    assert response.status_code == 302
    # The request only wrote the outbox row and put its task on the queue: the web process itself sent nothing.
    assert mailoutbox == [] and Surel.objects.get().kepada == "ketua@example.org"
    pesan = celery_worker_proc.mailbox.wait_for(
        to="ketua@example.org", match=lambda m: "/akun/reset/" in plain_body(m), timeout=20
    )
    celery_worker_proc.wait_for_log(r"Task kkg\.surel\.tasks\.kirim_surel\[[0-9a-f-]+\] succeeded", timeout=10)
    assert pesan["Subject"].strip()
    assert "\n" not in pesan["Subject"]
    isi = plain_body(pesan)
    assert "ketua" in isi  # Django's reset mail reminds the user of the username
    tautan = re.search(re.escape(settings.ALAMAT_SITUS) + r"(/akun/reset/\S+/)", isi)  # the site's own address
    assert tautan, isi
    # The link is genuine: its token opens the set-new-password form.
    halaman = client.get(tautan.group(1))
    assert halaman.status_code == 302
    assert halaman.url.endswith("/set-password/")
