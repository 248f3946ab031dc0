"""Forgotten password: the reset e-mail goes through the outbox like every e-mail, with a link on the site's own
address, and survives a broker that is down."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from kkg.surel.models import Surel
from tests import kotak_keluar

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def ketua(settings):
    settings.ALAMAT_SITUS = kotak_keluar.SITUS
    return User.objects.create_user(username="ketua", email="ketua@example.org", password="sandi-Lama-2026")


def _tautan(teks: str) -> str:
    [tautan] = kotak_keluar.tautan_mutlak(teks)
    return tautan.removeprefix(kotak_keluar.SITUS)


def test_email_reset_lewat_kotak_keluar_dan_tautannya_berlaku(client, ketua, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        respons = client.post(reverse("password_reset"), {"email": "ketua@example.org"})

    assert respons.status_code == 302
    surel = Surel.objects.get()
    assert surel.kepada == "ketua@example.org" and surel.status == Surel.Status.TERKIRIM  # no broker: inline
    [pesan] = mail.outbox
    assert pesan.subject == "Atur ulang kata sandi Administrasi KKG" and "ketua" in pesan.body
    halaman = client.get(_tautan(pesan.body))
    assert halaman.status_code == 302 and halaman.url.endswith("/set-password/")


def test_alamat_tak_dikenal_tanpa_email(client, ketua):
    assert client.post(reverse("password_reset"), {"email": "orang@lain.id"}).status_code == 302
    assert not Surel.objects.exists() and mail.outbox == []


def test_broker_mati_halaman_tetap_berhasil_lalu_disapu_sekali(
    client, ketua, broker_mati, smtp_nyata, django_capture_on_commit_callbacks
):
    with broker_mati(), django_capture_on_commit_callbacks(execute=True):
        respons = client.post(reverse("password_reset"), {"email": "ketua@example.org"})

    assert respons.status_code == 302
    kotak_keluar.menunggu_sweep(1)
    [pesan] = kotak_keluar.disapu_tepat_sekali(django_capture_on_commit_callbacks, smtp_nyata, 1)
    assert client.get(_tautan(kotak_keluar.isi(pesan))).url.endswith("/set-password/")
