"""Photos of a meeting: several at once, checked by content and by decoding, served inline only to those who see
the meeting, deleted with their thumbnail."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from kegiatan.models import Dokumentasi, Pertemuan
from kegiatan.services import produk as layanan
from kkg.lib.berkas import penyimpanan_privat
from tests.factories_kegiatan import DokumentasiFactory, jpeg
from tests.kegiatan.test_produk import PDF, png


def url_unggah(pertemuan):
    return reverse("kegiatan:dokumentasi-unggah", args=[pertemuan.pk])


def test_anggota_mengunggah_beberapa_foto_sekaligus(client, pengguna, pertemuan_a):
    client.force_login(pengguna["anggota"])
    foto = [SimpleUploadedFile("IMG_0001.jpg", jpeg()), SimpleUploadedFile("IMG_0002.png", png())]
    respons = client.post(url_unggah(pertemuan_a), {"foto": foto, "keterangan": "Praktik membaca"})
    assert respons.status_code == 302 and respons["Location"].endswith("#dokumentasi")
    semua = list(Dokumentasi.objects.order_by("pk"))
    assert [d.tipe_berkas for d in semua] == ["image/jpeg", "image/png"]
    assert all(d.keterangan == "Praktik membaca" and d.pertemuan == pertemuan_a for d in semua)
    assert all("IMG" not in d.foto.name and penyimpanan_privat.exists(d.foto.name) for d in semua)


@pytest.mark.parametrize(
    "nama, isi, pesan",
    [
        ("dokumen.jpg", PDF, "Isi berkas bukan jenis yang diizinkan"),
        ("rusak.jpg", jpeg()[:300], "Gambar rusak"),  # a JPEG header with the picture cut off
    ],
    ids=["pdf", "terpotong"],
)
def test_foto_palsu_atau_rusak_ditolak_semuanya(client, pengguna, pertemuan_a, nama, isi, pesan):
    client.force_login(pengguna["anggota"])
    foto = [SimpleUploadedFile("baik.png", png()), SimpleUploadedFile(nama, isi)]
    respons = client.post(url_unggah(pertemuan_a), {"foto": foto, "keterangan": "Keterangan saya"})
    assert respons.status_code == 200 and not Dokumentasi.objects.exists()
    galat = " ".join(respons.context["form"].errors["foto"])
    assert pesan in galat and nama in galat
    assert "Keterangan saya" in respons.content.decode()


def test_tanpa_foto_diberi_pesan(client, pengguna, pertemuan_a):
    client.force_login(pengguna["anggota"])
    respons = client.post(url_unggah(pertemuan_a), {"keterangan": "x"})
    assert respons.status_code == 200 and respons.context["form"].errors["foto"]


def test_terlalu_banyak_foto_ditolak(client, pengguna, pertemuan_a):
    client.force_login(pengguna["anggota"])
    foto = [SimpleUploadedFile(f"{i}.png", png()) for i in range(layanan.MAKS_FOTO + 1)]
    respons = client.post(url_unggah(pertemuan_a), {"foto": foto})
    assert "Paling banyak" in respons.context["form"].errors["foto"][0] and not Dokumentasi.objects.exists()


@pytest.mark.parametrize("peran, kode", [("sekretaris", 200), ("pengawas", 403), ("guru_lain", 404)])
def test_akses_unggah_foto(client, pengguna, pertemuan_a, peran, kode):
    client.force_login(pengguna[peran])
    assert client.get(url_unggah(pertemuan_a)).status_code == kode


def test_foto_tidak_untuk_pertemuan_dibatalkan(client, pengguna, pertemuan_a):
    Pertemuan.objects.filter(pk=pertemuan_a.pk).update(status=Pertemuan.Status.DIBATALKAN, alasan_batal="Hujan")
    client.force_login(pengguna["anggota"])
    respons = client.post(url_unggah(pertemuan_a), {"foto": [SimpleUploadedFile("a.png", png())]})
    assert respons.status_code == 200 and "dibatalkan" in respons.content.decode()
    assert not Dokumentasi.objects.exists()


def test_foto_disajikan_inline_kepada_yang_melihat_pertemuan(client, pengguna, pertemuan_a):
    dok = DokumentasiFactory(pertemuan=pertemuan_a)
    url = reverse("kegiatan:dokumentasi-foto", args=[dok.pk])
    client.force_login(pengguna["pengawas"])
    respons = client.get(url)
    assert respons.status_code == 200 and respons["Content-Type"] == "image/jpeg"
    assert respons["Content-Disposition"].startswith("inline") and respons["X-Content-Type-Options"] == "nosniff"
    kecil = client.get(url, {"kecil": "1"})
    gambar = Image.open(io.BytesIO(b"".join(kecil.streaming_content)))
    assert gambar.format == "JPEG" and gambar.width == layanan.LEBAR_KECIL
    client.force_login(pengguna["guru_lain"])
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_bagian_pertemuan_menampilkan_foto_kecil(client, pengguna, pertemuan_a):
    dok = DokumentasiFactory(pertemuan=pertemuan_a, keterangan="Presentasi kelompok 3")
    client.force_login(pengguna["anggota"])
    html = client.get(pertemuan_a.get_absolute_url()).content.decode()
    assert "Presentasi kelompok 3" in html
    assert reverse("kegiatan:dokumentasi-foto", args=[dok.pk]) + "?kecil=1" in html


def test_hapus_foto_menghapus_berkas_dan_foto_kecilnya(
    client, pengguna, pertemuan_a, django_capture_on_commit_callbacks
):
    dok = DokumentasiFactory(pertemuan=pertemuan_a, diunggah_oleh=pengguna["anggota"])
    kecil = layanan.gambar_kecil(dok)
    nama = dok.foto.name
    url = reverse("kegiatan:dokumentasi-delete", args=[dok.pk])
    client.force_login(pengguna["koordinator"])  # neither the uploader nor the board that manages meetings
    assert client.post(url).status_code == 403
    client.force_login(pengguna["anggota"])
    assert "Hapus foto ini?" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        respons = client.post(url)
    assert respons.status_code == 302 and not Dokumentasi.objects.exists()
    assert not penyimpanan_privat.exists(nama) and not penyimpanan_privat.exists(kecil)
