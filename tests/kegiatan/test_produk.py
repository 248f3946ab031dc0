"""Products of a meeting: upload checked by content, download only for those who see the meeting, edit, delete,
curation."""

import io
import zipfile
from pathlib import PurePath

import factory
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from factory.django import DjangoModelFactory
from PIL import Image

from kegiatan.models import Pertemuan, Produk
from kegiatan.services import produk as layanan
from kkg.lib.berkas import penyimpanan_privat
from tests.factories_kegiatan import PertemuanFactory

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def png(ukuran=(8, 8)) -> bytes:
    keluaran = io.BytesIO()
    Image.new("RGB", ukuran, "green").save(keluaran, "PNG")
    return keluaran.getvalue()


def docx() -> bytes:
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return keluaran.getvalue()


class ProdukFactory(DjangoModelFactory):
    class Meta:
        model = Produk

    pertemuan = factory.SubFactory(PertemuanFactory)
    kelompok = factory.LazyAttribute(lambda o: o.pertemuan.kelompok)
    judul = factory.Sequence(lambda n: f"Modul ajar {n}")
    jenis = Produk.Jenis.MODUL_AJAR
    fase = "A"
    mata_pelajaran = "Bahasa Indonesia"
    berkas = factory.django.FileField(data=PDF, filename="modul.pdf")
    nama_berkas = "modul.pdf"
    tipe_berkas = "application/pdf"
    ukuran = len(PDF)


def data_unggah(dunia, berkas, **lain):
    return {
        "judul": "Modul ajar membaca permulaan",
        "jenis": Produk.Jenis.MODUL_AJAR,
        "fase": "A",
        "mata_pelajaran": "Bahasa Indonesia",
        "deskripsi": "Untuk kelas 2",
        "penulis": [dunia.anggota.pk],
        "berkas": berkas,
        **lain,
    }


def unggah(client, pertemuan, data):
    return client.post(reverse("kegiatan:produk-unggah", args=[pertemuan.pk]), data)


# --- upload --------------------------------------------------------------------------------------------------


def test_anggota_mengunggah_produk_tersimpan_dengan_nama_acak(client, dunia, pengguna, pertemuan_a):
    client.force_login(pengguna["anggota"])
    berkas = SimpleUploadedFile("Modul Membaca Kelas 2.pdf", PDF, content_type="application/pdf")
    respons = unggah(client, pertemuan_a, data_unggah(dunia, berkas))
    produk = Produk.objects.get()
    assert respons.status_code == 302 and respons["Location"] == produk.get_absolute_url()
    assert produk.kelompok == dunia.kelompok_a and produk.pertemuan == pertemuan_a
    assert produk.nama_berkas == "Modul Membaca Kelas 2.pdf"
    assert produk.tipe_berkas == "application/pdf" and produk.ukuran == len(PDF)
    assert list(produk.penulis.all()) == [dunia.anggota]
    assert produk.diunggah_oleh == pengguna["anggota"]
    assert "Modul" not in produk.berkas.name and PurePath(produk.berkas.name).suffix == ".pdf"
    assert len(PurePath(produk.berkas.name).stem) == 32
    with penyimpanan_privat.open(produk.berkas.name) as f:
        assert f.read() == PDF


def test_formulir_unggah_berisi_bawaan_kelompok_dan_pengunggah(client, dunia, pengguna, pertemuan_a):
    dunia.kelompok_a.fase, dunia.kelompok_a.mata_pelajaran = "A", "Tematik"
    dunia.kelompok_a.save()
    client.force_login(pengguna["anggota"])
    form = client.get(reverse("kegiatan:produk-unggah", args=[pertemuan_a.pk])).context["form"]
    assert form["fase"].initial == "A" and form["mata_pelajaran"].initial == "Tematik"
    assert form["penulis"].initial == [dunia.anggota.pk]
    assert dunia.guru_lain not in form.fields["penulis"].queryset
    assert dunia.ketua in form.fields["penulis"].queryset


def test_docx_diterima(client, dunia, pengguna, pertemuan_a):
    client.force_login(pengguna["sekretaris"])
    berkas = SimpleUploadedFile("tp.docx", docx())
    unggah(client, pertemuan_a, data_unggah(dunia, berkas, jenis=Produk.Jenis.TP_ATP))
    assert Produk.objects.get().tipe_berkas.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    "isi", [b"MZ\x90\x00\x03" + b"\x00" * 200, b"<!doctype html><script>alert(1)</script>"], ids=["exe", "html"]
)
def test_isi_palsu_berakhiran_pdf_ditolak_dan_isian_tetap(client, dunia, pengguna, pertemuan_a, isi):
    client.force_login(pengguna["anggota"])
    respons = unggah(client, pertemuan_a, data_unggah(dunia, SimpleUploadedFile("rapor.pdf", isi)))
    assert respons.status_code == 200 and not Produk.objects.exists()
    assert "Isi berkas bukan jenis yang diizinkan" in respons.context["form"].errors["berkas"][0]
    isi_halaman = respons.content.decode()
    assert "Modul ajar membaca permulaan" in isi_halaman and "Untuk kelas 2" in isi_halaman
    assert "pilih berkasnya lagi" in isi_halaman


def test_berkas_terlalu_besar_ditolak(client, dunia, pengguna, pertemuan_a, settings):
    settings.BATAS_UNGGAH_MB = 1
    client.force_login(pengguna["anggota"])
    besar = SimpleUploadedFile("besar.pdf", PDF + b"0" * (1024 * 1024 + 10))
    respons = unggah(client, pertemuan_a, data_unggah(dunia, besar))
    assert "Berkas terlalu besar" in respons.context["form"].errors["berkas"][0]
    assert not Produk.objects.exists()


def test_penulis_di_luar_kelompok_tidak_dapat_dipilih(client, dunia, pengguna, pertemuan_a):
    client.force_login(pengguna["anggota"])
    data = data_unggah(dunia, SimpleUploadedFile("m.pdf", PDF), penulis=[dunia.guru_lain.pk])
    respons = unggah(client, pertemuan_a, data)
    assert "penulis" in respons.context["form"].errors and not Produk.objects.exists()
    with pytest.raises(ValidationError, match="anggota kelompok"):
        layanan.unggah_produk(
            pertemuan_a,
            oleh=pengguna["anggota"],
            berkas=SimpleUploadedFile("m.pdf", PDF),
            judul="X",
            jenis=Produk.Jenis.SOAL,
            penulis=[dunia.guru_lain],
        )


def test_pertemuan_dibatalkan_tidak_menerima_produk(client, dunia, pengguna, pertemuan_a):
    Pertemuan.objects.filter(pk=pertemuan_a.pk).update(status=Pertemuan.Status.DIBATALKAN, alasan_batal="Banjir")
    pertemuan_a.refresh_from_db()
    with pytest.raises(ValidationError, match="dibatalkan"):
        layanan.unggah_produk(
            pertemuan_a, oleh=pengguna["anggota"], berkas=SimpleUploadedFile("m.pdf", PDF), judul="X", jenis="soal"
        )
    client.force_login(pengguna["anggota"])
    respons = client.get(reverse("kegiatan:produk-unggah", args=[pertemuan_a.pk]))
    assert respons.status_code == 302 and respons["Location"] == pertemuan_a.get_absolute_url()


@pytest.mark.parametrize(
    "peran, kode",
    [("anggota", 200), ("ketua", 200), ("koordinator", 200), ("pengawas", 403), ("dinas", 403), ("guru_lain", 404)],
)
def test_akses_halaman_unggah(client, pengguna, pertemuan_a, peran, kode):
    client.force_login(pengguna[peran])
    assert client.get(reverse("kegiatan:produk-unggah", args=[pertemuan_a.pk])).status_code == kode


def test_tamu_diarahkan_ke_login_saat_unggah(client, pertemuan_a):
    respons = client.get(reverse("kegiatan:produk-unggah", args=[pertemuan_a.pk]))
    assert respons.status_code == 302 and reverse("login") in respons["Location"]


def test_pengawas_tidak_dapat_mengunggah_lewat_post(client, dunia, pengguna, pertemuan_a):
    client.force_login(pengguna["pengawas"])
    respons = unggah(client, pertemuan_a, data_unggah(dunia, SimpleUploadedFile("m.pdf", PDF)))
    assert respons.status_code == 403 and not Produk.objects.exists()


# --- download ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("peran", ["anggota", "pengawas", "dinas"])
def test_yang_melihat_pertemuan_dapat_mengunduh(client, pengguna, pertemuan_a, peran):
    produk = ProdukFactory(pertemuan=pertemuan_a, nama_berkas="Modul Kelas 2.pdf")
    client.force_login(pengguna[peran])
    respons = client.get(reverse("kegiatan:produk-berkas", args=[produk.pk]))
    assert respons.status_code == 200
    assert b"".join(respons.streaming_content) == PDF
    assert (
        respons["Content-Disposition"].startswith("attachment")
        and "Modul Kelas 2.pdf" in respons["Content-Disposition"]
    )
    assert respons["X-Content-Type-Options"] == "nosniff" and respons["Content-Type"] == "application/pdf"


def test_anggota_kkg_lain_tidak_dapat_mengunduh(client, pengguna, pertemuan_a):
    produk = ProdukFactory(pertemuan=pertemuan_a)
    client.force_login(pengguna["guru_lain"])
    assert client.get(reverse("kegiatan:produk-berkas", args=[produk.pk])).status_code == 404
    assert client.get(produk.get_absolute_url()).status_code == 404


def test_tamu_diarahkan_ke_login_saat_mengunduh(client, pertemuan_a):
    produk = ProdukFactory(pertemuan=pertemuan_a)
    respons = client.get(reverse("kegiatan:produk-berkas", args=[produk.pk]))
    assert respons.status_code == 302 and reverse("login") in respons["Location"]


def test_nama_berkas_dibersihkan_untuk_tampilan():
    assert layanan.nama_tampilan("C:\\Users\\guru\\laporan\u202egpj.pdf", "application/pdf") == "laporangpj.pdf"
    assert layanan.nama_tampilan("foto.pdf", "image/png") == "foto.pdf.png"
    assert layanan.nama_tampilan("FOTO.JPEG", "image/jpeg") == "FOTO.JPEG"


# --- detail, edit, delete ------------------------------------------------------------------------------------


def test_halaman_produk_menampilkan_rincian(client, dunia, pengguna, pertemuan_a):
    produk = ProdukFactory(pertemuan=pertemuan_a, judul="TP Bahasa Indonesia", deskripsi="- satu\n- dua")
    produk.penulis.set([dunia.anggota])
    client.force_login(pengguna["anggota"])
    respons = client.get(produk.get_absolute_url())
    assert respons.status_code == 200
    for teks in ("TP Bahasa Indonesia", "Anggota KKG A", pertemuan_a.topik, "<li>satu</li>"):
        assert teks in respons.content.decode()
    assert reverse("kegiatan:produk-berkas", args=[produk.pk]) in respons.content.decode()


def test_pengunggah_mengubah_keterangan_produk(client, dunia, pengguna, pertemuan_a):
    produk = ProdukFactory(pertemuan=pertemuan_a, diunggah_oleh=pengguna["anggota"])
    berkas_semula = produk.berkas.name
    client.force_login(pengguna["anggota"])
    data = {"judul": "Judul baru", "jenis": "soal", "fase": "A", "mata_pelajaran": "", "penulis": [dunia.ketua.pk]}
    respons = client.post(reverse("kegiatan:produk-update", args=[produk.pk]), data)
    assert respons.status_code == 302
    produk.refresh_from_db()
    assert produk.judul == "Judul baru" and produk.jenis == "soal" and produk.berkas.name == berkas_semula
    assert list(produk.penulis.all()) == [dunia.ketua]


@pytest.mark.parametrize("peran, kode", [("anggota", 200), ("sekretaris", 200), ("koordinator", 403)])
def test_yang_boleh_mengubah_produk(client, pengguna, pertemuan_a, peran, kode):
    produk = ProdukFactory(pertemuan=pertemuan_a, diunggah_oleh=pengguna["anggota"])
    client.force_login(pengguna[peran])
    assert client.get(reverse("kegiatan:produk-update", args=[produk.pk])).status_code == kode


def test_hapus_produk_menghapus_berkasnya(client, pengguna, pertemuan_a, django_capture_on_commit_callbacks):
    produk = ProdukFactory(pertemuan=pertemuan_a, diunggah_oleh=pengguna["anggota"])
    nama = produk.berkas.name
    client.force_login(pengguna["anggota"])
    url = reverse("kegiatan:produk-delete", args=[produk.pk])
    assert "Hapus" in client.get(url).content.decode()  # a confirmation first
    with django_capture_on_commit_callbacks(execute=True):
        respons = client.post(url)
    assert respons.status_code == 302 and respons["Location"].startswith(pertemuan_a.get_absolute_url())
    assert not Produk.objects.exists() and not penyimpanan_privat.exists(nama)


def test_pengurus_yang_mengelola_pertemuan_boleh_menghapus(pengguna, pertemuan_a):
    produk = ProdukFactory(pertemuan=pertemuan_a, diunggah_oleh=pengguna["anggota"])
    with pytest.raises(PermissionDenied):
        layanan.hapus_produk(produk, oleh=pengguna["koordinator"])
    layanan.hapus_produk(produk, oleh=pengguna["sekretaris"])
    assert not Produk.objects.exists()


# --- curation ------------------------------------------------------------------------------------------------


def test_koordinator_memilih_produk_untuk_bank(client, pengguna, pertemuan_a):
    produk = ProdukFactory(pertemuan=pertemuan_a, mata_pelajaran="Bahasa Indonesia")  # not the koordinator's bidang
    client.force_login(pengguna["koordinator"])
    respons = client.post(
        reverse("kegiatan:produk-kurasi", args=[produk.pk]), {"dikurasi": "1"}, HTTP_HX_REQUEST="true"
    )
    assert respons.status_code == 200 and "Pilihan koordinator" in respons.content.decode()
    produk.refresh_from_db()
    assert produk.dikurasi and produk.dikurasi_oleh == pengguna["koordinator"]
    client.post(reverse("kegiatan:produk-kurasi", args=[produk.pk]), {"dikurasi": "0"})
    produk.refresh_from_db()
    assert not produk.dikurasi and produk.dikurasi_oleh is None


@pytest.mark.parametrize("peran, kode", [("ketua", 302), ("anggota", 403), ("sekretaris", 403), ("guru_lain", 404)])
def test_siapa_boleh_kurasi(client, pengguna, pertemuan_a, peran, kode):
    produk = ProdukFactory(pertemuan=pertemuan_a)
    client.force_login(pengguna[peran])
    assert client.post(reverse("kegiatan:produk-kurasi", args=[produk.pk]), {"dikurasi": "1"}).status_code == kode
    produk.refresh_from_db()
    assert produk.dikurasi == (kode == 302)


def test_kurasi_hanya_post(client, pengguna, pertemuan_a):
    produk = ProdukFactory(pertemuan=pertemuan_a)
    client.force_login(pengguna["ketua"])
    assert client.get(reverse("kegiatan:produk-kurasi", args=[produk.pk])).status_code == 405


# --- the meeting page's section -----------------------------------------------------------------------------


def _bagian(user, pertemuan):
    request = RequestFactory().get("/")
    request.user = user
    templat = Template('{% include "kegiatan/pertemuan/_bagian_produk.html" %}')
    return templat.render(Context({"pertemuan": pertemuan, "request": request, "user": user}))


def test_bagian_pertemuan_menampilkan_produk_dan_tombol_unggah(dunia, pengguna, pertemuan_a):
    produk = ProdukFactory(pertemuan=pertemuan_a, judul="Kartu kata bergambar")
    produk.penulis.set([dunia.anggota])
    html = _bagian(pengguna["anggota"], pertemuan_a)
    assert "Kartu kata bergambar" in html and "Anggota KKG A" in html
    assert reverse("kegiatan:produk-unggah", args=[pertemuan_a.pk]) in html
    assert reverse("kegiatan:dokumentasi-unggah", args=[pertemuan_a.pk]) in html
    assert "Belum ada foto" in html


def test_bagian_pertemuan_tanpa_tombol_unggah_untuk_pengawas(pengguna, pertemuan_a):
    html = _bagian(pengguna["pengawas"], pertemuan_a)
    assert "Belum ada produk" in html and reverse("kegiatan:produk-unggah", args=[pertemuan_a.pk]) not in html


def test_halaman_pertemuan_memuat_bagian_produk(client, pengguna, pertemuan_a):
    ProdukFactory(pertemuan=pertemuan_a, judul="Soal asesmen membaca")
    client.force_login(pengguna["anggota"])
    assert "Soal asesmen membaca" in client.get(pertemuan_a.get_absolute_url()).content.decode()
