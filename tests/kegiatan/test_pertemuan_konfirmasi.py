"""Members answer in advance whether they will come, in place with htmx; the board sees who."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kegiatan.models import KonfirmasiKehadiran
from tests.factories_kegiatan import PertemuanFactory

pytestmark = pytest.mark.django_db


def _url(pertemuan):
    return reverse("kegiatan:pertemuan-konfirmasi", args=[pertemuan.pk])


def test_anggota_menjawab_dengan_htmx_tanpa_muat_ulang(client, dunia, pengguna, pertemuan_a):
    client.force_login(pengguna["anggota"])

    respons = client.post(
        _url(pertemuan_a), {"jawaban": "hadir", "catatan": "Datang agak siang"}, HTTP_HX_REQUEST="true"
    )

    html = respons.content.decode()
    assert respons.status_code == 200 and 'id="konfirmasi"' in html and "<html" not in html
    # Five members on that date: the four board members and the anggota.
    assert "<strong>1</strong> akan hadir" in html and "<strong>4</strong> belum menjawab, dari 5 anggota" in html
    k = KonfirmasiKehadiran.objects.get(pertemuan=pertemuan_a, guru=dunia.anggota)
    assert (k.jawaban, k.catatan) == ("hadir", "Datang agak siang")


def test_jawaban_kedua_menggantikan_yang_pertama_tanpa_js(client, dunia, pengguna, pertemuan_a):
    client.force_login(pengguna["anggota"])
    client.post(_url(pertemuan_a), {"jawaban": "hadir"})

    respons = client.post(_url(pertemuan_a), {"jawaban": "tidak"})

    assert respons.status_code == 302 and respons.url.endswith("#konfirmasi")
    assert list(KonfirmasiKehadiran.objects.values_list("guru", "jawaban")) == [(dunia.anggota.pk, "tidak")]


def test_pertemuan_yang_sudah_lewat_tidak_dapat_dikonfirmasi(client, dunia, pengguna):
    lalu = PertemuanFactory(kelompok=dunia.kelompok_a, tanggal=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(pengguna["anggota"])

    respons = client.post(_url(lalu), {"jawaban": "hadir"}, HTTP_HX_REQUEST="true")

    assert "belum lewat" in respons.content.decode()
    assert not KonfirmasiKehadiran.objects.exists()


def test_jawaban_tak_dikenal_ditolak(client, pengguna, pertemuan_a):
    client.force_login(pengguna["anggota"])

    respons = client.post(_url(pertemuan_a), {"jawaban": "mungkin"}, HTTP_HX_REQUEST="true")

    assert "Pilih akan hadir atau tidak dapat hadir." in respons.content.decode()
    assert not KonfirmasiKehadiran.objects.exists()


def test_anggota_kelompok_lain_tidak_menemukan_pertemuan(client, pengguna, pertemuan_a):
    client.force_login(pengguna["guru_lain"])

    assert client.post(_url(pertemuan_a), {"jawaban": "hadir"}).status_code == 404
    assert not KonfirmasiKehadiran.objects.exists()


def test_pengurus_melihat_nama_anggota_hanya_jumlah(client, dunia, pengguna, pertemuan_a):
    KonfirmasiKehadiran.objects.create(pertemuan=pertemuan_a, guru=dunia.anggota, jawaban="tidak", catatan="Sakit")

    client.force_login(pengguna["sekretaris"])
    untuk_pengurus = client.get(pertemuan_a.get_absolute_url()).content.decode()
    client.force_login(pengguna["koordinator"])
    untuk_koordinator = client.get(pertemuan_a.get_absolute_url()).content.decode()
    client.force_login(pengguna["anggota"])
    untuk_anggota = client.get(pertemuan_a.get_absolute_url()).content.decode()

    assert "Anggota KKG A – Tidak dapat hadir" in untuk_pengurus and "(Sakit)" in untuk_pengurus
    assert "Anggota KKG A – Tidak dapat hadir" in untuk_koordinator
    assert "<strong>1</strong> tidak dapat hadir" in untuk_anggota
    assert "(Sakit)" not in untuk_anggota and "Ketua KKG A – belum menjawab" not in untuk_anggota
    assert "Jawaban Anda: <strong>Tidak dapat hadir</strong>" in untuk_anggota


def test_pengawas_melihat_jumlah_tanpa_tombol(client, pengguna, pertemuan_a):
    client.force_login(pengguna["pengawas"])

    html = client.get(pertemuan_a.get_absolute_url()).content.decode()

    assert "dari 5 anggota" in html and 'name="jawaban"' not in html
