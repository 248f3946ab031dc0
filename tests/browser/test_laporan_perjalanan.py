"""A report's whole journey in the browser with the demo accounts (issue 11).

seed_demo loads the demo; the ketua (phone) finds last month's draft on the dashboard, writes the narrative,
previews the PDF and submits → the pengawas (own context) finds it in their dashboard section and returns it with
a note → the ketua reads the note, revises and re-submits → the pengawas approves and forwards → the Dinas accepts;
the timeline shows every step in order. Each person sees only their own queue: the ketua of another group cannot
open the report (404), and a step taken by the wrong role is refused (403, or the Dinas before forwarding gets the
service's refusal).
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from gugus.demo import KATA_SANDI
from laporan.demo import KKG2
from laporan.models import Laporan
from tests.browser.halaman import foto, tanpa_luapan

pytestmark = pytest.mark.django_db(transaction=True)

User = get_user_model()
CATATAN = "Capaian belum menyebut produk BATIK 2; lengkapi."
LANGKAH = [
    "Dibuat",
    "Diajukan ke pengawas",
    "Dikembalikan dengan catatan",
    "Diajukan ke pengawas",
    "Disetujui pengawas",
    "Diteruskan ke Dinas",
    "Diterima Dinas",
]


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", force=True, stdout=open("/dev/null", "w"))
    return {u: User.objects.get(username=u) for u in ("ketua", "pengawas", "dinas", "ketua_kelas5")}


def status_halaman(page, url: str) -> int:
    return page.goto(url).status


def test_ketua_pengawas_dinas_menjalankan_laporan(demo, masuk_sebagai, live_server, tmp_path):
    laporan = Laporan.objects.get(kelompok__nama=KKG2, status=Laporan.Status.DRAF)
    url = live_server.url + laporan.get_absolute_url()

    # 1. The ketua, on a phone, finds last month's draft on the dashboard and writes the narrative.
    ketua = masuk_sebagai(demo["ketua"], KATA_SANDI)
    bagian = ketua.locator("#laporan-ketua")
    tanpa_luapan(ketua, foto(ketua, tmp_path, "1-beranda-ketua"))
    bagian.get_by_role("link", name=laporan.judul).click()
    expect(ketua.get_by_role("heading", level=1)).to_have_text(laporan.judul)
    ketua.get_by_role("link", name="Tulis narasi").click()
    ketua.get_by_label("Capaian").fill("Empat pertemuan terlaksana; TP Matematika Fase A tersusun.")
    ketua.get_by_label("Kendala").fill("Jarak antarsekolah.")
    ketua.get_by_role("button", name="Simpan narasi").click()
    expect(ketua.get_by_text("Narasi laporan disimpan.")).to_be_visible()

    # The preview: the progress page, then the download link.
    ketua.get_by_role("button", name="Pratinjau PDF").click()
    expect(ketua.get_by_role("link", name="Unduh PDF")).to_be_visible(timeout=60_000)
    ketua.get_by_role("link", name="Kembali ke laporan").click()

    assert status_halaman(ketua, url.replace(f"/{laporan.pk}/", f"/{laporan.pk}/setujui/")) == 403
    ketua.goto(url)
    ketua.get_by_role("link", name="Ajukan ke pengawas").click()
    foto(ketua, tmp_path, "2-konfirmasi-ajukan")
    ketua.get_by_role("button", name="Ajukan", exact=True).click()
    expect(ketua.get_by_text("Laporan diajukan ke pengawas.")).to_be_visible()
    tanpa_luapan(ketua, foto(ketua, tmp_path, "2-diajukan"))

    # The ketua of another group cannot open it.
    lain = masuk_sebagai(demo["ketua_kelas5"], KATA_SANDI)
    assert status_halaman(lain, url) == 404

    # 2. The pengawas finds it in their section and returns it with a note.
    pengawas = masuk_sebagai(demo["pengawas"], KATA_SANDI)
    expect(pengawas.locator("#laporan-ketua")).to_have_count(0)
    assert status_halaman(pengawas, url + "ajukan/") == 403
    pengawas.goto(live_server.url + "/")
    pengawas.locator("#laporan-pengawas").get_by_role("link").filter(has_text=laporan.judul).filter(
        has_text=KKG2
    ).click()
    expect(pengawas.get_by_role("heading", level=1)).to_have_text(laporan.judul)
    # One step on the report page, beside its PDF: a return without a note is refused, the note is required.
    pengawas.get_by_role("button", name="Kembalikan dengan catatan").click()
    expect(pengawas.get_by_text("Tuliskan catatan")).to_be_visible()
    pengawas.get_by_label("Catatan").fill(CATATAN)
    pengawas.get_by_role("button", name="Kembalikan dengan catatan").click()
    expect(pengawas.get_by_text("Laporan dikembalikan ke ketua dengan catatan Anda.")).to_be_visible()
    foto(pengawas, tmp_path, "3-dikembalikan")

    # 3. The ketua reads the note (dashboard and report), revises and re-submits.
    ketua.goto(live_server.url + "/")
    expect(ketua.locator("#laporan-ketua")).to_contain_text(CATATAN)
    ketua.goto(url)
    expect(ketua.get_by_text(CATATAN)).to_be_visible()
    ketua.get_by_role("link", name="Tulis narasi").click()
    ketua.get_by_label("Capaian").fill("Empat pertemuan; produk BATIK 2: daftar bacaan pojok literasi.")
    ketua.get_by_role("button", name="Simpan narasi").click()
    ketua.get_by_role("link", name="Ajukan ke pengawas").click()
    ketua.get_by_role("button", name="Ajukan", exact=True).click()
    expect(ketua.get_by_text("Laporan diajukan ke pengawas.")).to_be_visible()

    # The Dinas cannot accept before the pengawas forwards it.
    dinas = masuk_sebagai(demo["dinas"], KATA_SANDI)
    dinas.goto(url + "terima/")
    dinas.get_by_role("button", name="Terima", exact=True).click()
    expect(dinas.get_by_text("Hanya laporan yang sudah diteruskan ke Dinas yang dapat diterima.")).to_be_visible()
    laporan.refresh_from_db()
    assert laporan.status == Laporan.Status.DIAJUKAN and laporan.versi == 2

    # 4. The pengawas approves and forwards in one step from the report page.
    pengawas.goto(url)
    pengawas.get_by_label("Catatan").fill("Sudah lengkap.")
    pengawas.get_by_role("button", name="Setujui dan teruskan ke Dinas").click()
    expect(pengawas.get_by_text("Laporan disetujui dan diteruskan ke Dinas Pendidikan.")).to_be_visible()

    # 5. The Dinas finds it in their section and accepts it.
    dinas.goto(live_server.url + "/")
    dinas.locator("#laporan-dinas").get_by_role("link").filter(has_text=laporan.judul).filter(has_text=KKG2).click()
    dinas.get_by_role("button", name="Terima laporan").click()
    expect(dinas.get_by_text("Laporan diterima. Ketua kelompok diberi tahu.")).to_be_visible()
    tanpa_luapan(dinas, foto(dinas, tmp_path, "5-diterima"))

    # The timeline shows every step in order; the other group's ketua still gets a 404.
    ketua.goto(url)
    langkah = ketua.locator("ol.timeline > li > div.fw-semibold")
    expect(langkah).to_have_count(len(LANGKAH))
    assert [t.split(" v")[0].strip() for t in langkah.all_inner_texts()] == LANGKAH
    assert status_halaman(lain, url) == 404
    laporan.refresh_from_db()
    assert laporan.status == Laporan.Status.DITERIMA
