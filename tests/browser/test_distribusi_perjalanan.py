"""The approved notulen reaches everyone, in the browser (issue 5, "Done means").

The sekretaris, on a phone, opens the approved minutes, presses "Distribusikan", leaves one member out, adds
one address and sends: every recipient turns "Terkirim" (tasks run eagerly inside the live server's request),
each chosen address gets exactly one e-mail with the PDF, and the WhatsApp link carries the verification URL.
The anggota finds the minutes in "Kotak masuk" and opens them (→ "dibaca"). A visitor without an account opens
the verification URL, sees the document is the version in force with its SHA-256, and uploads the printed
copy's PDF (matches) and another PDF (does not).
"""

import datetime
import re
from email.utils import parseaddr
from urllib.parse import unquote

import pytest
from django.core import mail
from playwright.sync_api import expect

from gugus.models import Kepengurusan
from kegiatan.models import Kehadiran, Notulen, Pertemuan
from laporan.models import Dokumen, Pengiriman
from tests.browser.halaman import foto, tanpa_luapan
from tests.factories import GuruFactory
from tests.factories_kegiatan import KehadiranFactory, NotulenFactory, PertemuanFactory

pytestmark = pytest.mark.django_db(transaction=True)

SANDI = "sandi-Distribusi-2026"
TOPIK = "Analisis CP Fase A"
TAMBAHAN = "tamu@dinas.go.id"
PDF_LAIN = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def notulen_disetujui(dunia):
    """KKG A's meeting of Monday 17 February 2025, held, with minutes approved by the ketua; the kepala
    sekolah of SD Negeri 1 has an e-mail address (no account)."""
    d = dunia
    kepala = GuruFactory(nama="Kepala SD Negeri 1", sekolah=d.sekolah_a1, email="kepsek1@contoh.sch.id")
    d.sekolah_a1.kepala_sekolah = kepala
    d.sekolah_a1.save()
    pertemuan = PertemuanFactory(
        kelompok=d.kelompok_a,
        topik=TOPIK,
        tanggal=datetime.date(2025, 2, 17),
        status=Pertemuan.Status.TERLAKSANA,
    )
    KehadiranFactory(pertemuan=pertemuan, guru=d.anggota, status=Kehadiran.Status.HADIR)
    return NotulenFactory(
        pertemuan=pertemuan,
        status=Notulen.Status.DISETUJUI,
        pembahasan="- Analisis CP fase A\n- Penyusunan TP bersama",
        disetujui_oleh=d.ketua.user,
        disetujui_pada=datetime.datetime(2025, 2, 18, 3, 0, tzinfo=datetime.UTC),
    )


def test_sekretaris_distribusikan_anggota_membaca_tamu_memverifikasi(
    dunia, notulen_disetujui, masuk_sebagai, live_server, browser, mailoutbox, settings, tmp_path
):
    d = dunia
    settings.ALAMAT_SITUS = live_server.url  # links in e-mails and WhatsApp lead to this server
    notulen = notulen_disetujui
    sekretaris = d.pengurus[Kepengurusan.Jabatan.SEKRETARIS].guru
    bendahara = d.pengurus[Kepengurusan.Jabatan.BENDAHARA].guru
    for guru in (sekretaris, d.anggota):
        guru.user.set_password(SANDI)
        guru.user.save(update_fields=["password"])
    assert d.anggota.user.email and not d.anggota.email  # the member is reached through the account's address
    dikecualikan = bendahara.user.email.lower()

    # 1. The sekretaris, on a phone, opens the approved minutes and presses "Distribusikan".
    hp = masuk_sebagai(sekretaris.user, SANDI)
    hp.goto(live_server.url + notulen.get_absolute_url())
    expect(hp.get_by_text("Disetujui", exact=True)).to_be_visible()
    expect(hp.get_by_role("link", name="Unduh PDF")).to_be_visible()
    hp.get_by_role("link", name="Distribusikan").click()
    expect(hp.get_by_role("heading", level=1)).to_contain_text(f"Distribusikan notulen: {TOPIK}")
    expect(hp.get_by_text("Notulen ini belum didistribusikan.")).to_be_visible()

    # Members (5), the kepala sekolah and the pengawas: all checked.
    kotak = hp.locator('input[type=checkbox][name="pilih"]')
    expect(kotak).to_have_count(7)
    for i in range(7):
        expect(kotak.nth(i)).to_be_checked()
    dipilih = [kotak.nth(i).get_attribute("value") for i in range(7)]
    assert {"kepsek1@contoh.sch.id", d.anggota.user.email.lower(), dikecualikan} <= set(dipilih)
    tanpa_luapan(hp, foto(hp, tmp_path, "1-penerima"))

    hp.locator("label.list-group-item").filter(has_text=dikecualikan).get_by_role("checkbox").uncheck()
    expect(hp.locator(f'input[name="pilih"][value="{dikecualikan}"]')).not_to_be_checked()
    hp.get_by_label("Penerima tambahan").fill(f"Tamu Dinas <{TAMBAHAN}>")
    hp.get_by_role("button", name="Kirim").click()

    # 2. Every chosen recipient turns "Terkirim" (the table polls with htmx while any row is "menunggu").
    expect(hp.get_by_text("Notulen sedang dikirim ke 7 penerima.")).to_be_visible()
    status = hp.locator("#status-pengiriman")
    baris = status.locator("tbody tr")
    expect(baris).to_have_count(7)
    expect(baris.filter(has_text="Terkirim")).to_have_count(7, timeout=20_000)
    expect(status.get_by_text("Menunggu")).to_have_count(0)
    expect(baris.filter(has_text=TAMBAHAN)).to_contain_text("Tamu Dinas")
    expect(baris.filter(has_text=dikecualikan)).to_have_count(0)
    expect(status).not_to_have_attribute("hx-trigger", "every 3s")  # nothing left to wait for: polling stops
    # The recipients already served are shown as such; only the unchecked one may still be sent to.
    expect(hp.locator('input[type=checkbox][name="pilih"]')).to_have_count(1)
    expect(hp.locator('input[name="pilih"]')).to_have_value(dikecualikan)
    tanpa_luapan(hp, foto(hp, tmp_path, "2-terkirim"))

    terpilih = (set(dipilih) - {dikecualikan}) | {TAMBAHAN}
    alamat = sorted(parseaddr(a)[1].lower() for m in mailoutbox for a in m.to)
    assert alamat == sorted(terpilih)  # one e-mail per chosen address, none to the unchecked one
    for pesan in mailoutbox:
        assert TOPIK in pesan.subject
        [(nama, isi, jenis)] = pesan.attachments
        assert jenis == "application/pdf" and isi.startswith(b"%PDF") and nama.endswith(".pdf")
    assert set(Pengiriman.objects.filter(notulen=notulen).values_list("surel__status", flat=True)) == {"terkirim"}

    dokumen = Dokumen.objects.get(jenis=Dokumen.Jenis.NOTULEN, notulen=notulen)
    url_verifikasi = live_server.url + dokumen.get_verifikasi_url()
    wa = hp.get_by_role("link", name="Bagikan ke WhatsApp")
    expect(wa).to_have_attribute("href", re.compile(r"^https://wa\.me/\?text="))
    teks_wa = unquote(wa.get_attribute("href").removeprefix("https://wa.me/?text="))
    assert TOPIK in teks_wa and url_verifikasi in teks_wa, teks_wa

    # 3. The anggota, on a phone, finds the minutes in "Kotak masuk" and opens them.
    anggota = masuk_sebagai(d.anggota.user, SANDI)
    anggota.get_by_role("button", name="Menu").click()
    expect(anggota.locator("#menu")).to_have_class(re.compile(r"\bshow\b"))  # the collapse has finished opening
    anggota.get_by_role("link", name="Kotak masuk").click()
    expect(anggota.get_by_role("heading", name="Kotak masuk")).to_be_visible()
    entri = anggota.get_by_role("link", name=f"Notulen: {TOPIK}")
    expect(entri).to_have_count(1)
    expect(entri).to_contain_text("Baru")
    tanpa_luapan(anggota, foto(anggota, tmp_path, "3-kotak-masuk"))
    entri.click()
    expect(anggota.get_by_role("heading", level=1)).to_contain_text(f"Notulen: {TOPIK}")
    assert anggota.url == live_server.url + notulen.get_absolute_url()
    kiriman = Pengiriman.objects.get(notulen=notulen, user=d.anggota.user)
    assert kiriman.status == Pengiriman.Status.DIBACA and kiriman.dibaca_pada
    anggota.go_back()
    anggota.reload()
    expect(anggota.get_by_role("link", name=f"Notulen: {TOPIK}")).to_contain_text("Dibaca")

    # The sekretaris sees it too.
    hp.reload()
    expect(baris.filter(has_text=d.anggota.user.email.lower())).to_contain_text("Dibaca")

    # 4. A visitor without an account checks a printed copy on the verification page (the QR's URL).
    berkas_asli = tmp_path / "notulen-cetak.pdf"
    with dokumen.berkas.open("rb") as f:
        berkas_asli.write_bytes(f.read())
    berkas_lain = tmp_path / "notulen-palsu.pdf"
    berkas_lain.write_bytes(PDF_LAIN)

    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="id-ID"
    )
    context.set_default_timeout(10_000)
    try:
        tamu = context.new_page()
        tamu.goto(url_verifikasi)
        expect(tamu.get_by_role("heading", name="Verifikasi dokumen")).to_be_visible()
        expect(tamu.get_by_text("Dokumen ini asli dan merupakan versi yang berlaku.")).to_be_visible()
        expect(tamu.locator("dd code")).to_have_text(dokumen.sha256)
        expect(tamu.get_by_text(TOPIK, exact=True)).to_be_visible()
        expect(tamu.get_by_text("Pembahasan")).to_have_count(0)  # no text of the minutes for the public
        tanpa_luapan(tamu, foto(tamu, tmp_path, "4-verifikasi"))

        tamu.get_by_label("Berkas PDF yang ingin dicocokkan").set_input_files(berkas_asli)
        tamu.get_by_role("button", name="Cocokkan", exact=True).click()
        expect(tamu.get_by_text("Berkas yang Anda unggah sama persis dengan dokumen ini.")).to_be_visible()

        tamu.get_by_label("Berkas PDF yang ingin dicocokkan").set_input_files(berkas_lain)
        tamu.get_by_role("button", name="Cocokkan", exact=True).click()
        expect(tamu.get_by_text("Berkas yang Anda unggah TIDAK sama dengan dokumen ini", exact=False)).to_be_visible()
        expect(tamu.get_by_text("Berkas yang Anda unggah sama persis")).to_have_count(0)
        foto(tamu, tmp_path, "4-verifikasi-berbeda")
    finally:
        context.close()

    assert len(mail.outbox) == len(terpilih)  # reading and verifying sent nothing more
