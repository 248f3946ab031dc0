"""The pengawas's pages (laporan/views/tinjauan.py): activity of their groups, visits, and their own report as a
PDF through the document pipeline."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kegiatan.models import Kehadiran, Pertemuan
from laporan.models import Dokumen, KunjunganPendampingan
from tests.factories_kegiatan import PertemuanFactory
from tests.laporan.conftest import teks_pdf
from tests.laporan.tinjauan_data import kelompok_didampingi


@pytest.fixture
def pengawas(client, pengguna):
    client.force_login(pengguna["pengawas"])
    return client


def _kunjungan(client, kelompok, **data):
    isi = {"tanggal": timezone.localdate().isoformat(), "catatan": "Mengamati diskusi CP.", "tindak_lanjut": ""}
    return client.post(reverse("laporan:kunjungan-buat", args=[kelompok.pk]), isi | data)


def test_pengawas_mencatat_kunjungan(pengawas, dunia):
    p = PertemuanFactory(kelompok=dunia.kelompok_a, tanggal=timezone.localdate())
    jawab = _kunjungan(pengawas, dunia.kelompok_a, pertemuan=p.pk, tindak_lanjut="Kunjungi lagi bulan depan.")
    assert jawab.status_code == 302
    k = KunjunganPendampingan.objects.get()
    assert (k.kelompok, k.pertemuan, k.pengawas) == (dunia.kelompok_a, p, dunia.pendampingan_a.pengawas)
    html = pengawas.get(reverse("laporan:laporan-kelompok", args=[dunia.kelompok_a.pk])).content.decode()
    assert "Mengamati diskusi CP." in html


def test_tanggal_di_masa_depan_ditolak(pengawas, dunia):
    besok = timezone.localdate() + datetime.timedelta(days=1)
    jawab = _kunjungan(pengawas, dunia.kelompok_a, tanggal=besok.isoformat())
    assert jawab.status_code == 200 and "tidak boleh di masa depan" in jawab.content.decode()
    assert not KunjunganPendampingan.objects.exists()


def test_pertemuan_kelompok_lain_ditolak(pengawas, dunia):
    p = PertemuanFactory(kelompok=dunia.kelompok_b, tanggal=timezone.localdate())
    jawab = _kunjungan(pengawas, dunia.kelompok_a, pertemuan=p.pk)
    assert jawab.status_code == 200 and "Pilih pertemuan kelompok ini" in jawab.content.decode()
    assert not KunjunganPendampingan.objects.exists()


def test_catatan_wajib(pengawas, dunia):
    jawab = _kunjungan(pengawas, dunia.kelompok_a, catatan="")
    assert jawab.status_code == 200 and not KunjunganPendampingan.objects.exists()


def test_admin_tanpa_data_pengawas_tidak_dapat_mencatat(client, pengguna, dunia):
    client.force_login(pengguna["admin"])
    assert _kunjungan(client, dunia.kelompok_a).status_code == 403


def test_pengawas_mengubah_kunjungannya(pengawas, pengguna, client, dunia):
    _kunjungan(pengawas, dunia.kelompok_a)
    k = KunjunganPendampingan.objects.get()
    url = reverse("laporan:kunjungan-ubah", args=[k.pk])
    pengawas.post(url, {"tanggal": k.tanggal.isoformat(), "catatan": "Diperbaiki.", "tindak_lanjut": ""})
    k.refresh_from_db()
    assert k.catatan == "Diperbaiki."
    client.force_login(pengguna["ketua"])  # sees it on the group's page, may not edit it
    assert client.get(url).status_code == 403
    client.force_login(pengguna["guru_lain"])
    assert client.get(url).status_code == 404


def test_aktivitas_menandai_kelompok_yang_perlu_dikunjungi(pengawas, dunia):
    hari_ini = timezone.localdate()
    tanggal = hari_ini  # this semester whatever the day
    p = PertemuanFactory(kelompok=dunia.kelompok_a, tanggal=tanggal, status=Pertemuan.Status.TERLAKSANA)
    Kehadiran.objects.create(pertemuan=p, guru=dunia.anggota, status=Kehadiran.Status.HADIR)
    Kehadiran.objects.create(pertemuan=p, guru=dunia.ketua, status=Kehadiran.Status.HADIR)
    PertemuanFactory(kelompok=dunia.kelompok_a, tanggal=tanggal, status=Pertemuan.Status.DIRENCANAKAN)
    KunjunganPendampingan.objects.create(
        pengawas=dunia.pendampingan_a.pengawas, kelompok=dunia.kelompok_a, tanggal=hari_ini, catatan="x"
    )
    sepi = kelompok_didampingi(dunia, 1)[0]  # never visited
    baris = {k.pk: k for k in pengawas.get(reverse("laporan:pendampingan")).context["object_list"]}
    a = baris[dunia.kelompok_a.pk]
    assert (a.terlaksana, a.direncanakan, a.persen_hadir, a.kunjungan_terakhir) == (1, 2, 100, hari_ini)
    assert a.perlu_dikunjungi is False
    assert baris[sepi.pk].perlu_dikunjungi is True


def test_aktivitas_jumlah_query_tetap(pengawas, dunia, django_assert_max_num_queries):
    kelompok_didampingi(dunia, 2)
    with django_assert_max_num_queries(25) as sedikit:
        pengawas.get(reverse("laporan:pendampingan"))
    kelompok_didampingi(dunia, 20)
    with django_assert_max_num_queries(25) as banyak:
        pengawas.get(reverse("laporan:pendampingan"))
    assert len(sedikit.captured_queries) == len(banyak.captured_queries)


def test_laporan_pengawas_sebagai_pdf(pengawas, dunia, django_capture_on_commit_callbacks):
    hari_ini = timezone.localdate()
    KunjunganPendampingan.objects.create(
        pengawas=dunia.pendampingan_a.pengawas,
        kelompok=dunia.kelompok_a,
        tanggal=hari_ini,
        catatan="Diskusi analisis CP berjalan baik.",
    )
    mulai, selesai = hari_ini - datetime.timedelta(days=30), hari_ini
    url = reverse("laporan:laporan-pengawas")
    halaman = pengawas.get(url, {"mulai": mulai.isoformat(), "selesai": selesai.isoformat()})
    assert "Diskusi analisis CP berjalan baik." in halaman.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        jawab = pengawas.post(url, {"mulai": mulai.isoformat(), "selesai": selesai.isoformat()})
    dokumen = Dokumen.objects.get(jenis=Dokumen.Jenis.LAPORAN_PENGAWAS)
    assert jawab["Location"] == dokumen.get_absolute_url()
    dokumen.refresh_from_db()
    assert dokumen.status == Dokumen.Status.BERLAKU, dokumen.galat
    teks = teks_pdf(dokumen.berkas.read())
    assert "Diskusi analisis CP berjalan baik." in teks and dunia.kelompok_a.nama in teks
    # private to the pengawas who asked
    assert pengawas.get(reverse("laporan:dokumen-unduh", args=[dokumen.pk])).status_code == 200


def test_laporan_pengawas_sampai_ke_dinas_kabupatennya_saja(
    client, pengguna, dunia, django_capture_on_commit_callbacks
):
    from laporan.services.pendampingan import minta_laporan_pengawas

    with django_capture_on_commit_callbacks(execute=True):
        d = minta_laporan_pengawas(
            oleh=pengguna["pengawas"], mulai=datetime.date(2025, 1, 1), selesai=timezone.localdate()
        )
    for peran in ("ketua", "dinas_lain", "guru_lain"):
        client.force_login(pengguna[peran])
        assert client.get(reverse("laporan:dokumen", args=[d.pk])).status_code == 404
    client.force_login(pengguna["dinas"])  # a pengawas reports upward: the Dinas of their kabupaten reads it
    assert client.get(reverse("laporan:dokumen", args=[d.pk])).status_code == 200
    assert d.judul in client.get(reverse("laporan:kotak-laporan")).content.decode()
