"""Preparing documents: idempotent, approved versions only, the daftar hadir kept up to date, the signal."""

import pytest
from django.core.exceptions import ValidationError

from kegiatan.models import Kehadiran, Notulen
from kegiatan.services import notulen as layanan_notulen
from laporan.models import Dokumen
from laporan.services import dokumen as services
from laporan.tasks import render_daftar_hadir, render_pdf_notulen
from tests.factories_kegiatan import KehadiranFactory, NotulenFactory


def test_render_dua_kali_satu_baris_berkas_dan_hash_sama(disetujui, render_terhitung):
    pertama = services.siapkan_pdf_notulen(disetujui)
    kedua = services.siapkan_pdf_notulen(disetujui)
    render_pdf_notulen.delay(disetujui.pk)  # a redelivered task
    assert Dokumen.objects.count() == 1
    assert (kedua.pk, kedua.berkas.name, kedua.sha256, kedua.kode) == (
        pertama.pk, pertama.berkas.name, pertama.sha256, pertama.kode,
    )  # fmt: skip
    assert render_terhitung.jumlah == 1
    assert len(pertama.kode) >= 22 and len(pertama.sha256) == 64
    assert pertama.berkas.name.startswith("pdf/") and "notulen" not in pertama.berkas.name


def test_draf_ditolak(pertemuan, render_terhitung):
    draf = NotulenFactory(pertemuan=pertemuan)
    with pytest.raises(ValidationError):
        services.siapkan_pdf_notulen(draf)
    render_pdf_notulen.delay(draf.pk)  # a stale message for a version no longer approved: ignored
    assert not Dokumen.objects.exists() and render_terhitung.jumlah == 0


def test_daftar_hadir_dirender_ulang_hanya_bila_datanya_berubah(
    pertemuan, dunia, render_terhitung, django_capture_on_commit_callbacks
):
    awal = services.siapkan_daftar_hadir(pertemuan)
    lagi = services.siapkan_daftar_hadir(pertemuan)
    assert render_terhitung.jumlah == 1 and lagi.sha256 == awal.sha256
    KehadiranFactory(pertemuan=pertemuan, guru=dunia.ketua, status=Kehadiran.Status.HADIR)
    with django_capture_on_commit_callbacks(execute=True):
        render_daftar_hadir.delay(pertemuan.pk)
    baru = Dokumen.objects.get()
    assert render_terhitung.jumlah == 2
    assert (baru.pk, baru.kode) == (awal.pk, awal.kode) and baru.sha256 != awal.sha256
    assert not awal.berkas.storage.exists(awal.berkas.name)  # the replaced file is gone
    assert baru.berkas.storage.exists(baru.berkas.name)


def test_persetujuan_merender_pdf_di_latar_belakang(
    pertemuan, pengguna, render_terhitung, django_capture_on_commit_callbacks
):
    diajukan = NotulenFactory(pertemuan=pertemuan, status=Notulen.Status.DIAJUKAN)
    with django_capture_on_commit_callbacks(execute=False) as antrean:
        layanan_notulen.setujui_notulen(diajukan, oleh=pengguna["ketua"])
    assert not Dokumen.objects.exists()  # nothing before the approval commits
    with django_capture_on_commit_callbacks(execute=True):
        for panggil in antrean:
            panggil()
    assert render_terhitung.jumlah == 1
    dokumen = Dokumen.objects.get()
    assert dokumen.notulen_id == diajukan.pk and dokumen.siap


def test_simpan_lain_tanpa_persetujuan_tidak_mengantre(pertemuan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as antrean:
        draf = NotulenFactory(pertemuan=pertemuan)
        draf.pembukaan = "Diubah"
        draf.save(update_fields=["pembukaan"])
    assert antrean == []
