"""Versions of the minutes: a change after approval is a new version; versions are kept and compared."""

import datetime

import pytest
from django.urls import reverse

from kegiatan.models import Notulen, Pertemuan
from kegiatan.services import notulen as layanan
from tests.factories_kegiatan import NotulenFactory, TindakLanjutFactory


@pytest.fixture
def disetujui(pertemuan_a, dunia):
    Pertemuan.objects.filter(pk=pertemuan_a.pk).update(
        tanggal=datetime.date.today() - datetime.timedelta(days=2), status=Pertemuan.Status.TERLAKSANA
    )
    pertemuan_a.refresh_from_db()
    notulen = NotulenFactory(
        pertemuan=pertemuan_a, status=Notulen.Status.DISETUJUI, kesimpulan="TP kelas dua disepakati bersama."
    )
    TindakLanjutFactory(notulen=notulen, uraian="Unggah TP", penanggung_jawab=dunia.anggota)
    TindakLanjutFactory(
        notulen=notulen, uraian="Cetak modul", selesai_pada=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    )
    return notulen


def _url(nama, pertemuan, query=""):
    return reverse(f"kegiatan:{nama}", args=[pertemuan.pk]) + query


def test_revisi_membuat_versi_dua_dan_versi_satu_tetap(client, pengguna, disetujui):
    client.force_login(pengguna["sekretaris"])
    r = client.post(_url("notulen-revisi", disetujui.pertemuan), {"alasan": "Salah nama narasumber"})
    assert r.status_code == 302
    v2 = Notulen.objects.get(pertemuan=disetujui.pertemuan, versi=2)
    assert (v2.status, v2.alasan_perubahan, v2.kesimpulan) == ("draft", "Salah nama narasumber", disetujui.kesimpulan)
    salinan = {t.uraian: t.selesai_pada for t in v2.tindak_lanjut.all()}
    assert salinan["Unggah TP"] is None and salinan["Cetak modul"] is not None
    v1 = Notulen.objects.get(pk=disetujui.pk)
    assert v1.status == "disetujui" and v1.tindak_lanjut.count() == 2


def test_revisi_butuh_alasan(client, pengguna, disetujui):
    client.force_login(pengguna["sekretaris"])
    r = client.post(_url("notulen-revisi", disetujui.pertemuan), {"alasan": ""})
    assert r.status_code == 200 and r.context["form"].errors["alasan"]
    assert Notulen.objects.count() == 1


def test_teks_berlaku_tetap_versi_satu_sampai_versi_dua_disetujui(client, pengguna, disetujui):
    pertemuan = disetujui.pertemuan
    v2 = layanan.revisi_notulen(pertemuan, oleh=pengguna["sekretaris"], alasan="Ralat")
    layanan.simpan_notulen(
        pertemuan, oleh=pengguna["sekretaris"], pembukaan=v2.pembukaan, pembahasan=v2.pembahasan,
        kesimpulan="TP kelas dua direvisi bersama.", tindak_lanjut=[],
    )  # fmt: skip
    client.force_login(pengguna["anggota"])
    isi = client.get(_url("notulen-detail", pertemuan)).content.decode()
    assert "disepakati bersama" in isi and "direvisi" not in isi
    assert layanan.versi_berlaku(pertemuan) == disetujui

    layanan.ajukan_notulen(v2, oleh=pengguna["sekretaris"])
    layanan.setujui_notulen(v2, oleh=pengguna["ketua"])
    assert layanan.versi_berlaku(pertemuan).versi == 2
    isi = client.get(_url("notulen-detail", pertemuan)).content.decode()
    assert "direvisi" in isi
    assert "disepakati bersama" in client.get(_url("notulen-detail", pertemuan, "?versi=1")).content.decode()


def test_revisi_ditolak_selama_ada_versi_terbuka(pengguna, disetujui):
    layanan.revisi_notulen(disetujui.pertemuan, oleh=pengguna["sekretaris"], alasan="Ralat")
    with pytest.raises(Exception, match="sedang dikerjakan"):
        layanan.revisi_notulen(disetujui.pertemuan, oleh=pengguna["sekretaris"], alasan="Lagi")


def test_anggota_tidak_bisa_merevisi(client, pengguna, disetujui):
    client.force_login(pengguna["anggota"])
    assert client.post(_url("notulen-revisi", disetujui.pertemuan), {"alasan": "x"}).status_code == 403
    assert Notulen.objects.count() == 1


def test_perbandingan_menampilkan_kata_yang_berubah(client, pengguna, disetujui):
    pertemuan = disetujui.pertemuan
    layanan.revisi_notulen(pertemuan, oleh=pengguna["sekretaris"], alasan="Ralat")
    layanan.simpan_notulen(
        pertemuan, oleh=pengguna["sekretaris"], pembukaan=disetujui.pembukaan, pembahasan=disetujui.pembahasan,
        kesimpulan="TP kelas dua <b>dirombak</b> & <i>bersama.</i>",
        tindak_lanjut=[{"uraian": "Susun ATP", "penanggung_jawab": None, "batas_waktu": None}],
    )  # fmt: skip
    client.force_login(pengguna["sekretaris"])
    r = client.get(_url("notulen-banding", pertemuan, "?a=1&b=2"))
    assert r.status_code == 200
    isi = r.content.decode()
    assert '<del class="text-danger bg-danger-subtle">disepakati</del>' in isi
    assert '<ins class="text-success bg-success-subtle">dirombak &amp;</ins>' in isi
    assert "<b>dirombak" not in isi
    jenis = {t.uraian: j for j, t in r.context["tindak_lanjut"]}
    assert jenis == {"Susun ATP": "tambah", "Unggah TP": "hapus", "Cetak modul": "hapus"}


def test_perbandingan_draf_tertutup_untuk_anggota(client, pengguna, disetujui):
    layanan.revisi_notulen(disetujui.pertemuan, oleh=pengguna["sekretaris"], alasan="Ralat")
    client.force_login(pengguna["anggota"])
    assert client.get(_url("notulen-banding", disetujui.pertemuan, "?a=1&b=2")).status_code == 404


def test_banding_teks_per_kata():
    potongan = layanan.banding_teks("satu dua tiga", "satu empat tiga")
    assert [(p.jenis, p.teks) for p in potongan] == [
        ("sama", "satu "),
        ("hapus", "dua"),
        ("tambah", "empat"),
        ("sama", " tiga"),
    ]
