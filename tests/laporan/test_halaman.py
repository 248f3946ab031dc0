"""The PDF pages and the public verification page: who gets what."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kegiatan.models import Notulen
from kegiatan.services import notulen as layanan_notulen
from laporan.models import Dokumen
from laporan.services import dokumen as services
from laporan.tasks import render_dokumen
from tests.factories_kegiatan import NotulenFactory


def _url_pdf(pertemuan, query=""):
    return reverse("laporan:notulen-pdf", args=[pertemuan.pk]) + query


def _masuk(client, user):
    if user is not None:
        client.force_login(user)


@pytest.mark.parametrize(
    "peran, kode",
    [
        ("ketua", 200), ("sekretaris", 200), ("bendahara", 200), ("koordinator", 200), ("anggota", 200),
        ("pengawas", 200), ("dinas", 200), ("admin", 200), ("guru_lain", 404), ("dinas_lain", 404), ("tamu", 302),
    ],
)  # fmt: skip
def test_akses_pdf_notulen(client, pengguna, disetujui, render_terhitung, peran, kode):
    services.siapkan_pdf_notulen(disetujui)  # rendered on approval
    _masuk(client, pengguna[peran])
    r = client.get(_url_pdf(disetujui.pertemuan))
    assert r.status_code == kode
    if kode == 200:
        assert r["Content-Type"] == "application/pdf"
        assert r["Content-Disposition"].startswith("inline")
        assert b"".join(r.streaming_content).startswith(b"%PDF")
    if kode == 302:
        assert "/akun/" in r["Location"] or "login" in r["Location"]


@pytest.mark.parametrize(
    "peran, kode",
    [
        ("ketua", 200), ("sekretaris", 200), ("admin", 200), ("bendahara", 403), ("anggota", 403),
        ("pengawas", 403), ("guru_lain", 404), ("tamu", 302),
    ],
)  # fmt: skip
def test_akses_daftar_hadir_pdf(client, pengguna, pertemuan, render_terhitung, peran, kode):
    _masuk(client, pengguna[peran])
    r = client.get(reverse("laporan:daftar-hadir-pdf", args=[pertemuan.pk]))
    assert r.status_code == kode


@pytest.mark.parametrize("peran", ["sekretaris", "anggota"])
def test_versi_draf_tidak_punya_pdf(client, pengguna, pertemuan, render_terhitung, peran):
    NotulenFactory(pertemuan=pertemuan)
    client.force_login(pengguna[peran])
    assert client.get(_url_pdf(pertemuan)).status_code == 404
    assert client.get(_url_pdf(pertemuan, "?versi=1")).status_code == 404
    assert client.get(_url_pdf(pertemuan, "?versi=x")).status_code == 404
    assert render_terhitung.jumlah == 0


def test_pdf_belum_siap_menampilkan_halaman_tunggu_dan_mengantre_sekali(
    client, pengguna, disetujui, render_terhitung, monkeypatch, django_capture_on_commit_callbacks
):
    antre = []
    monkeypatch.setattr(render_dokumen, "delay", antre.append)  # a broker that nobody consumes yet
    client.force_login(pengguna["anggota"])
    for _i in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            r = client.get(_url_pdf(disetujui.pertemuan))
        dokumen = Dokumen.objects.get(notulen=disetujui)
        assert r.status_code == 302 and r["Location"] == reverse("laporan:dokumen", args=[dokumen.pk])
    assert antre == [dokumen.pk] and dokumen.status == Dokumen.Status.DIPROSES
    isi = client.get(r["Location"]).content.decode()
    assert "sedang disiapkan" in isi and 'hx-trigger="every 2s"' in isi
    services.siapkan_pdf_notulen(disetujui)  # the worker gets to it
    assert client.get(_url_pdf(disetujui.pertemuan))["Content-Type"] == "application/pdf"


def test_tombol_pdf_hanya_untuk_versi_disetujui(client, pengguna, disetujui):
    client.force_login(pengguna["anggota"])
    r = client.get(reverse("kegiatan:notulen-detail", args=[disetujui.pertemuan_id]))
    assert _url_pdf(disetujui.pertemuan, "?versi=1") in r.content.decode()
    client.force_login(pengguna["sekretaris"])
    draf = layanan_notulen.revisi_notulen(disetujui.pertemuan, oleh=pengguna["sekretaris"], alasan="Ralat")
    r = client.get(reverse("kegiatan:notulen-detail", args=[disetujui.pertemuan_id]) + f"?versi={draf.versi}")
    assert "Unduh PDF" not in r.content.decode()


def test_tombol_cetak_daftar_hadir_untuk_pengurus(client, pengguna, pertemuan):
    client.force_login(pengguna["sekretaris"])
    r = client.get(reverse("kegiatan:kehadiran", args=[pertemuan.pk]))
    assert reverse("laporan:daftar-hadir-pdf", args=[pertemuan.pk]) in r.content.decode()


# --- verification -------------------------------------------------------------------------------------------


def _setujui_versi_baru(pertemuan, pengguna):
    sekretaris, ketua = pengguna["sekretaris"], pengguna["ketua"]
    baru = layanan_notulen.revisi_notulen(pertemuan, oleh=sekretaris, alasan="Ralat nama narasumber")
    baru = layanan_notulen.ajukan_notulen(baru, oleh=sekretaris)
    return layanan_notulen.setujui_notulen(baru, oleh=ketua)


def test_verifikasi_publik_menyebut_versi_berlaku_lalu_digantikan(client, pengguna, disetujui, render_terhitung):
    dokumen = services.siapkan_pdf_notulen(disetujui)
    url = reverse("laporan:verifikasi", args=[dokumen.kode])
    isi = client.get(url).content.decode()  # anonymous
    assert "versi yang berlaku" in isi and dokumen.sha256 in isi
    assert "Analisis CP Fase A" in isi and "KKG Kelas 2 Gugus Cut Nyak Dien" in isi and "Ketua KKG A" in isi
    assert "Pertemuan dibuka oleh ketua" not in isi  # the text itself is not public

    _setujui_versi_baru(disetujui.pertemuan, pengguna)
    isi = client.get(url).content.decode()
    assert "sudah digantikan oleh versi 2" in isi
    baru = services.siapkan_pdf_notulen(Notulen.objects.get(pertemuan=disetujui.pertemuan, versi=2))
    assert "versi yang berlaku" in client.get(reverse("laporan:verifikasi", args=[baru.kode])).content.decode()


def test_verifikasi_kode_tak_dikenal_404(client, db):
    assert client.get(reverse("laporan:verifikasi", args=["bukan-kode-yang-ada-sama-sekali"])).status_code == 404


def test_verifikasi_mencocokkan_berkas_unggahan(client, disetujui, render_terhitung):
    dokumen = services.siapkan_pdf_notulen(disetujui)
    url = reverse("laporan:verifikasi", args=[dokumen.kode])
    with dokumen.berkas.open("rb") as f:
        asli = f.read()
    r = client.post(url, {"berkas": SimpleUploadedFile("n.pdf", asli, "application/pdf")})
    assert "sama persis" in r.content.decode()
    r = client.post(url, {"berkas": SimpleUploadedFile("n.pdf", asli + b"x", "application/pdf")})
    assert "TIDAK sama" in r.content.decode()
