"""A ketua signs in on a phone and lands on the dashboard (Playwright, headless Chromium, live_server)."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import KepengurusanFactory

pytestmark = pytest.mark.django_db(transaction=True)

SANDI = "sandi-Ketua-2026"


def buat_ketua() -> User:
    """The user `ketua`, ketua of a kelompok kerja."""
    pengurus = KepengurusanFactory(jabatan="ketua")
    user = User.objects.create_user(username="ketua", email="ketua@example.org", password=SANDI)
    pengurus.guru.user = user
    pengurus.guru.save(update_fields=["user"])
    return pengurus


def test_ketua_masuk_dari_ponsel_dan_melihat_beranda(live_server, phone_page, tmp_path):
    pengurus = buat_ketua()
    page = phone_page

    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", "ketua")
    page.fill("#id_password", SANDI)
    page.locator("form:has(#id_password) [type=submit]").click()

    expect(page.get_by_role("heading", name="Beranda", exact=True)).to_be_visible()
    expect(page.get_by_text("Kelompok yang Anda urus")).to_be_visible()
    expect(page.get_by_role("link", name=pengurus.kelompok.nama, exact=True)).to_be_visible()
    gambar = tmp_path / "beranda-ponsel.png"
    page.screenshot(path=gambar, full_page=True)
    lebar_isi, lebar_layar = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert lebar_isi <= lebar_layar, f"horizontal overflow on a 390 px phone; see {gambar}"
