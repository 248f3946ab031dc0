"""One term's work of a KKG board in the browser (issue 4, "Everywhere").

The ketua plans BATIK → the sekretaris, on a phone, schedules a meeting for today, takes attendance with one
tap per member (htmx, no reload), writes and submits the notulen → the ketua approves → the anggota checks in
by QR and uploads a product, and sees the action item on the dashboard → the bendahara records an expense for
the meeting with a receipt photo. Each person has their own browser context; each step leaves a full-page
screenshot in tmp_path.
"""

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from gugus.models import Kepengurusan
from kegiatan.models import EntriKas, Kehadiran, Notulen, Pertemuan, Produk, ProgramKerja
from kegiatan.qr import hari_ini
from tests.browser.halaman import foto, tanpa_luapan
from tests.factories_kegiatan import EntriKasFactory

pytestmark = pytest.mark.django_db(transaction=True)

SANDI = "sandi-Perjalanan-2026"
TOPIK = "Analisis CP Fase A"
TINDAK_LANJUT = "Mengunggah TP kelas 2 ke bank produk"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_kecil(path):
    from PIL import Image

    Image.new("RGB", (40, 30), (200, 60, 40)).save(path, "PNG")
    return path


def test_program_pertemuan_kehadiran_notulen_qr_produk_kas(dunia, masuk_sebagai, live_server, tmp_path):
    d = dunia
    sekretaris = d.pengurus[Kepengurusan.Jabatan.SEKRETARIS].guru
    bendahara = d.pengurus[Kepengurusan.Jabatan.BENDAHARA].guru
    koordinator = d.pengurus[Kepengurusan.Jabatan.KOORDINATOR].guru
    for guru in (d.ketua, sekretaris, bendahara, d.anggota):
        guru.user.set_password(SANDI)
        guru.user.save(update_fields=["password"])
    # The book already holds a receipt, so the expense leaves a positive balance.
    EntriKasFactory(kelompok=d.kelompok_a, jumlah=1_000_000, uraian="Saldo awal semester")
    hari = hari_ini()

    # 1. The ketua plans the programme (desktop).
    ketua = masuk_sebagai(d.ketua.user, SANDI, ponsel=False)
    ketua.get_by_role("link", name="Program", exact=True).click()
    ketua.get_by_role("link", name="Tambah").click()
    ketua.get_by_label("Nama program").fill("BATIK")
    ketua.get_by_label("Kepanjangan").fill("Belajar Asyik Tanpa Ilusi Kurikulum")
    ketua.get_by_label("b. Berbagi pengalaman").check()
    ketua.get_by_label("g. Meningkatkan kompetensi guru").check()
    ketua.get_by_label("Rencana jumlah pertemuan").fill("4")
    ketua.get_by_label("Anggaran (Rp)").fill("2000000")
    ketua.get_by_role("button", name="Simpan").click()
    expect(ketua.get_by_role("heading", level=1)).to_contain_text("BATIK")
    expect(ketua.get_by_text("0 dari 4 terlaksana")).to_be_visible()
    expect(ketua.get_by_text("Rp 2.000.000")).to_be_visible()
    program = ProgramKerja.objects.get(kelompok=d.kelompok_a, nama="BATIK")
    assert (program.rencana_pertemuan, program.anggaran, sorted(program.tujuan)) == (4, 2_000_000, ["b", "g"])
    foto(ketua, tmp_path, "1-program")

    # 2. The sekretaris, on a phone, schedules today's meeting and takes attendance.
    hp = masuk_sebagai(sekretaris.user, SANDI)
    hp.get_by_role("button", name="Menu").click()
    hp.get_by_role("link", name="Pertemuan", exact=True).click()
    hp.get_by_role("link", name="Tambah").click()
    hp.get_by_label("Tanggal").fill(hari.isoformat())
    hp.get_by_label("Topik").fill(TOPIK)
    hp.locator("#id_program").select_option(label=str(program))
    hp.get_by_label("Sekolah tuan rumah").select_option(label=d.sekolah_a1.nama)
    hp.get_by_role("button", name="Simpan").click()
    expect(hp.get_by_role("heading", name=TOPIK, level=1)).to_be_visible()
    expect(hp.get_by_text("Direncanakan", exact=True)).to_be_visible()
    pertemuan = Pertemuan.objects.get(kelompok=d.kelompok_a, topik=TOPIK)
    assert (pertemuan.tanggal, pertemuan.program_id, pertemuan.tuan_rumah_id) == (hari, program.pk, d.sekolah_a1.pk)
    url_pertemuan = hp.url

    hp.get_by_role("link", name="Isi daftar hadir").click()
    expect(hp.get_by_role("heading", name="Daftar hadir")).to_be_visible()
    penghitung = hp.locator("#penghitung")
    expect(penghitung).to_contain_text("Hadir 0 dari 5 anggota")
    hp.evaluate("window.__penanda = 1")
    baris_ketua = hp.locator(f"#baris-{d.ketua.pk}")
    baris_ketua.get_by_role("button", name="Hadir").tap()
    expect(baris_ketua.get_by_role("button", name="Hadir")).to_have_attribute("aria-pressed", "true")
    expect(baris_ketua.locator(".badge")).to_contain_text("Hadir")
    expect(penghitung).to_contain_text("Hadir 1 dari 5 anggota")
    baris_koordinator = hp.locator(f"#baris-{koordinator.pk}")
    baris_koordinator.get_by_role("button", name="Izin").tap()
    expect(baris_koordinator.locator(".badge")).to_contain_text("Izin")
    expect(penghitung).to_contain_text("Izin 1")
    assert hp.evaluate("window.__penanda") == 1, "the tap reloaded the page"
    tercatat = dict(Kehadiran.objects.filter(pertemuan=pertemuan).values_list("guru_id", "status"))
    assert tercatat == {d.ketua.pk: "hadir", koordinator.pk: "izin"}
    tanpa_luapan(hp, foto(hp, tmp_path, "2-daftar-hadir"))

    # The meeting took place: the sekretaris records it.
    hp.goto(url_pertemuan)
    hp.get_by_role("button", name="Tandai terlaksana").click()
    expect(hp.get_by_text("Pertemuan ditandai terlaksana.")).to_be_visible()
    expect(hp.get_by_text("Terlaksana", exact=True)).to_be_visible()

    # 3. The sekretaris writes the notulen, saves the draft and submits it.
    hp.get_by_role("link", name="Tulis notulen").click()
    hp.get_by_label("Pembukaan").fill("Pertemuan dibuka oleh ketua pukul 08.00 dengan doa bersama.")
    hp.get_by_label("Pembahasan").fill("- Membaca CP Fase A\n- Memetakan elemen CP ke TP kelas 2\n- Tanya jawab")
    hp.get_by_label("Kesimpulan / keputusan").fill("TP kelas 2 disepakati.")
    hp.locator("#id_tl-0-uraian").fill(TINDAK_LANJUT)
    hp.locator("#id_tl-0-penanggung_jawab").select_option(label=d.anggota.nama)
    hp.locator("#id_tl-0-batas_waktu").fill((hari + datetime.timedelta(days=14)).isoformat())
    hp.get_by_role("button", name="Simpan draf").click()
    expect(hp.get_by_text("Draf notulen telah disimpan.")).to_be_visible()
    expect(hp.get_by_role("listitem").filter(has_text="Memetakan elemen CP ke TP kelas 2")).to_be_visible()
    expect(hp.get_by_role("cell", name=TINDAK_LANJUT)).to_be_visible()
    hp.get_by_role("link", name="Ajukan ke ketua").click()
    hp.get_by_role("button", name="Ya, ajukan").click()
    expect(hp.get_by_text("Notulen telah diajukan ke ketua.")).to_be_visible()
    expect(hp.get_by_text("Diajukan ke ketua", exact=True)).to_be_visible()
    assert Notulen.objects.get(pertemuan=pertemuan).status == Notulen.Status.DIAJUKAN
    foto(hp, tmp_path, "3-notulen-diajukan")

    # 4. The ketua finds the notulen on the dashboard and approves it.
    ketua.goto(live_server.url + "/")
    ketua.get_by_role("link", name=f'Notulen "{TOPIK}" menunggu persetujuan Anda.').click()
    ketua.get_by_role("link", name="Setujui").click()
    ketua.get_by_role("button", name="Ya, setujui").click()
    expect(ketua.get_by_text("Notulen telah disetujui.")).to_be_visible()
    expect(ketua.get_by_text("Disetujui", exact=True)).to_be_visible()
    assert Notulen.objects.get(pertemuan=pertemuan).status == Notulen.Status.DISETUJUI
    foto(ketua, tmp_path, "4-notulen-disetujui")

    # 5. The sekretaris shows the QR; the anggota scans it, checks in (once) and uploads a product.
    hp.goto(url_pertemuan)
    hp.get_by_role("link", name="Tampilkan QR").click()
    expect(hp.get_by_role("heading", name="Pindai untuk check-in")).to_be_visible()
    url_pindai = hp.locator("p.text-break").inner_text().strip()
    assert url_pindai.startswith(live_server.url + "/"), url_pindai
    tanpa_luapan(hp, foto(hp, tmp_path, "5-qr"))

    anggota = masuk_sebagai(d.anggota.user, SANDI)
    anggota.goto(url_pindai)
    expect(anggota.get_by_role("heading", name=TOPIK)).to_be_visible()
    anggota.get_by_role("button", name="Saya hadir").tap()
    expect(anggota.get_by_text("Terima kasih, kehadiran Anda telah tercatat.")).to_be_visible()
    expect(anggota.get_by_text("Anda sudah tercatat hadir pukul")).to_be_visible()
    anggota.goto(url_pindai)
    expect(anggota.get_by_text("Anda sudah tercatat hadir pukul")).to_be_visible()
    expect(anggota.get_by_role("button", name="Saya hadir")).to_have_count(0)
    baris = Kehadiran.objects.filter(pertemuan=pertemuan, guru=d.anggota)
    assert list(baris.values_list("status", "cara")) == [("hadir", "qr")]

    anggota.get_by_role("link", name="Lihat pertemuan").click()
    expect(anggota.get_by_text("Anda tercatat: Hadir")).to_be_visible()
    anggota.get_by_role("link", name="Unggah produk").click()
    anggota.get_by_label("Judul").fill("TP Bahasa Indonesia Kelas 2")
    anggota.get_by_label("Jenis").select_option(label="TP/ATP")
    berkas = tmp_path / "tp-kelas-2.pdf"
    berkas.write_bytes(PDF)
    anggota.get_by_label("Berkas").set_input_files(berkas)
    anggota.get_by_role("button", name="Unggah produk").click()
    expect(anggota.get_by_text('Produk "TP Bahasa Indonesia Kelas 2" berhasil diunggah.')).to_be_visible()
    produk = Produk.objects.get(pertemuan=pertemuan)
    assert (produk.nama_berkas, produk.tipe_berkas, produk.ukuran) == ("tp-kelas-2.pdf", "application/pdf", len(PDF))
    assert list(produk.penulis.all()) == [d.anggota]

    anggota.goto(url_pertemuan)
    expect(anggota.locator("#produk").get_by_role("link", name="TP Bahasa Indonesia Kelas 2")).to_be_visible()
    anggota.get_by_role("button", name="Menu").click()
    anggota.get_by_role("link", name="Bank produk").click()
    expect(anggota.get_by_role("link", name="TP Bahasa Indonesia Kelas 2")).to_be_visible()
    anggota.goto(live_server.url + "/")
    expect(anggota.get_by_role("heading", name="Tindak lanjut Anda")).to_be_visible()
    expect(anggota.get_by_role("link", name=re.compile(TINDAK_LANJUT))).to_be_visible()
    tanpa_luapan(anggota, foto(anggota, tmp_path, "5-beranda-anggota"))

    # 6. The bendahara records the meeting's expense with a receipt photo.
    bendahara_hp = masuk_sebagai(bendahara.user, SANDI)
    bendahara_hp.goto(url_pertemuan)
    bendahara_hp.get_by_role("link", name="Catat pengeluaran").click()
    expect(bendahara_hp.get_by_label("Untuk pertemuan")).to_have_value(str(pertemuan.pk))
    bendahara_hp.get_by_label("Jumlah (Rp)").fill("350.000")
    bendahara_hp.get_by_label("Uraian").fill("Konsumsi peserta Analisis CP Fase A")
    bendahara_hp.get_by_label("Nomor nota/kuitansi").fill("NOTA-017")
    bendahara_hp.get_by_label("Bukti (foto atau PDF)").set_input_files(png_kecil(tmp_path / "nota.png"))
    bendahara_hp.get_by_role("button", name="Catat pengeluaran").click()
    expect(bendahara_hp.get_by_text(re.compile(r"Pengeluaran #\d+ tercatat\."))).to_be_visible()
    kas = bendahara_hp.locator("#kas")
    expect(kas).to_contain_text("Konsumsi peserta Analisis CP Fase A")
    expect(kas).to_contain_text("Rp 350.000")
    entri = EntriKas.objects.get(pertemuan=pertemuan)
    assert (entri.arah, entri.jumlah, entri.program_id) == ("keluar", 350_000, program.pk)
    assert entri.bukti.name
    foto(bendahara_hp, tmp_path, "6-pengeluaran")

    bendahara_hp.goto(live_server.url + reverse("kegiatan:kas-buku", args=[d.kelompok_a.pk]))
    ringkasan = bendahara_hp.locator(".card-body").filter(has_text="Saldo").last
    expect(ringkasan).to_contain_text("Rp 650.000")
    tanpa_luapan(bendahara_hp, foto(bendahara_hp, tmp_path, "6-buku-kas"))

    # The programme now shows what happened.
    ketua.goto(live_server.url + program.get_absolute_url())
    expect(ketua.get_by_text("1 dari 4 terlaksana")).to_be_visible()
    expect(ketua.get_by_text("1 produk dihasilkan")).to_be_visible()
    expect(ketua.get_by_text("Terpakai Rp 350.000")).to_be_visible()
    foto(ketua, tmp_path, "7-program-akhir")
