"""Dinas gives a teacher a login; the teacher sets the password from the e-mailed link."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests import kotak_keluar

pytestmark = pytest.mark.django_db

User = get_user_model()


def _url(guru):
    return reverse("gugus:guru-akun", args=[guru.pk])


def test_dinas_membuat_akun_dan_guru_menerima_tautan_kata_sandi(
    client, settings, dunia, pengguna, django_capture_on_commit_callbacks
):
    guru = dunia.guru_calon
    guru.email = "calon@example.sch.id"
    guru.save()
    client.force_login(pengguna["dinas"])

    with django_capture_on_commit_callbacks(execute=True):
        respons = client.post(_url(guru), {"username": "guru.calon"})

    assert respons.status_code == 302
    guru.refresh_from_db()
    assert guru.user.username == "guru.calon"
    assert not guru.user.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["calon@example.sch.id"]
    # The link is on the site's own address (settings.ALAMAT_SITUS), not the request's host.
    tautan = re.search(re.escape(settings.ALAMAT_SITUS) + r"(/akun/reset/\S+/)", mail.outbox[0].body).group(1)

    atur = client.get(tautan, follow=True)
    assert atur.context["validlink"]
    client.post(atur.redirect_chain[-1][0], {"new_password1": "Kapur-Tulis-2025", "new_password2": "Kapur-Tulis-2025"})
    assert User.objects.get(username="guru.calon").check_password("Kapur-Tulis-2025")


def test_nama_pengguna_yang_sudah_dipakai_ditolak_dan_isian_tetap(client, dunia, pengguna):
    guru = dunia.guru_calon
    guru.email = "calon@example.sch.id"
    guru.save()
    client.force_login(pengguna["dinas"])

    respons = client.post(_url(guru), {"username": pengguna["ketua"].username})

    assert respons.status_code == 200
    assert "sudah dipakai" in respons.content.decode()
    assert respons.context["form"]["username"].value() == pengguna["ketua"].username
    guru.refresh_from_db()
    assert guru.user is None


def test_guru_tanpa_email_tidak_dapat_dibuatkan_akun(client, dunia, pengguna):
    guru = dunia.guru_calon
    guru.email = ""
    guru.save()
    client.force_login(pengguna["dinas"])

    respons = client.post(_url(guru), {"username": "guru.calon"})

    assert "Isi dahulu e-mail" in respons.content.decode()
    assert not User.objects.filter(username="guru.calon").exists()


@pytest.mark.parametrize("peran, kode", [("ketua", 403), ("anggota", 403), ("dinas_lain", 404), ("guru_lain", 404)])
def test_hanya_dinas_wilayahnya_yang_membuat_akun(client, dunia, pengguna, peran, kode):
    client.force_login(pengguna[peran])

    assert client.post(_url(dunia.guru_calon), {"username": "x.y"}).status_code == kode
    assert not User.objects.filter(username="x.y").exists()


def test_broker_mati_akun_tetap_dibuat_dan_email_disapu_sekali(
    client, settings, dunia, pengguna, broker_mati, smtp_nyata, django_capture_on_commit_callbacks
):
    settings.ALAMAT_SITUS = kotak_keluar.SITUS
    guru = dunia.guru_calon
    guru.email = "Calon@Example.sch.id "
    guru.save()
    client.force_login(pengguna["dinas"])

    with broker_mati(), django_capture_on_commit_callbacks(execute=True):
        respons = client.post(_url(guru), {"username": "guru.calon"})

    assert respons.status_code == 302 and User.objects.filter(username="guru.calon").exists()
    [surel] = kotak_keluar.menunggu_sweep(1)
    assert surel.kepada == "calon@example.sch.id"  # Guru.alamat_email: stripped, lower-case
    [pesan] = kotak_keluar.disapu_tepat_sekali(django_capture_on_commit_callbacks, smtp_nyata, 1)
    [tautan] = kotak_keluar.tautan_mutlak(kotak_keluar.isi(pesan))
    atur = client.get(tautan.removeprefix(kotak_keluar.SITUS), follow=True)
    assert atur.context["validlink"]
