"""The bank of products: what each user sees, search and filters, the koordinator's default, bounded queries."""

import pytest
from django.urls import reverse

from kegiatan.models import Produk
from tests.factories_kegiatan import PertemuanFactory
from tests.kegiatan.test_produk import ProdukFactory

URL = reverse("kegiatan:produk-list")


def judul_di(respons) -> set[str]:
    return {p.judul for p in respons.context["object_list"]}


@pytest.fixture
def bank(dunia, pertemuan_a, pertemuan_b):
    """Three products of KKG A over two meetings, and one of KKG B."""
    lain_a = PertemuanFactory(kelompok=dunia.kelompok_a, topik="Pertemuan kedua")
    tp = ProdukFactory(pertemuan=pertemuan_a, judul="TP Fase A", jenis=Produk.Jenis.TP_ATP, fase="A",
                       mata_pelajaran="Matematika")  # fmt: skip
    soal = ProdukFactory(pertemuan=lain_a, judul="Soal pecahan", jenis=Produk.Jenis.SOAL, fase="B",
                         mata_pelajaran="Matematika", deskripsi="Soal cerita HOTS", dikurasi=True)  # fmt: skip
    media = ProdukFactory(pertemuan=lain_a, judul="Kartu huruf", jenis=Produk.Jenis.MEDIA, fase="A",
                          mata_pelajaran="Bahasa Indonesia")  # fmt: skip
    media.penulis.set([dunia.anggota])
    ProdukFactory(pertemuan=pertemuan_b, judul="Produk KKG B")
    return {"tp": tp, "soal": soal, "media": media}


@pytest.mark.parametrize(
    "peran, terlihat",
    [
        ("anggota", {"TP Fase A", "Soal pecahan", "Kartu huruf"}),
        ("pengawas", {"TP Fase A", "Soal pecahan", "Kartu huruf"}),
        ("guru_lain", {"Produk KKG B"}),
        ("dinas_lain", {"Produk KKG B"}),
    ],
)
def test_bank_hanya_berisi_produk_kelompok_yang_terlihat(client, pengguna, bank, peran, terlihat):
    client.force_login(pengguna[peran])
    assert judul_di(client.get(URL)) == terlihat


def test_tamu_diarahkan_ke_login(client):
    respons = client.get(URL)
    assert respons.status_code == 302 and reverse("login") in respons["Location"]


@pytest.mark.parametrize(
    "saring, hasil",
    [
        ({"jenis": "soal"}, {"Soal pecahan"}),
        ({"fase": "A"}, {"TP Fase A", "Kartu huruf"}),
        ({"mapel": "Matematika"}, {"TP Fase A", "Soal pecahan"}),
        ({"q": "huruf"}, {"Kartu huruf"}),
        ({"q": "hots"}, {"Soal pecahan"}),  # deskripsi
        ({"q": "Anggota KKG"}, {"Kartu huruf"}),  # penulis name
        ({"dikurasi": "on"}, {"Soal pecahan"}),
        ({"fase": "A", "jenis": "media"}, {"Kartu huruf"}),
    ],
)
def test_saringan_dan_pencarian_bank(client, pengguna, bank, saring, hasil):
    client.force_login(pengguna["anggota"])
    assert judul_di(client.get(URL, saring)) == hasil


def test_saringan_kelompok_hanya_menawarkan_kelompok_yang_terlihat(client, dunia, pengguna, bank):
    client.force_login(pengguna["anggota"])
    respons = client.get(URL, {"kelompok": dunia.kelompok_b.pk})
    assert "kelompok" in respons.context["filter"].form.errors
    assert judul_di(client.get(URL, {"kelompok": dunia.kelompok_a.pk})) == {"TP Fase A", "Soal pecahan", "Kartu huruf"}


def test_koordinator_mulai_dari_bidangnya_dan_dapat_melihat_semua(client, pengguna, bank):
    client.force_login(pengguna["koordinator"])  # bidang Matematika
    respons = client.get(URL)
    assert judul_di(respons) == {"TP Fase A", "Soal pecahan"}
    assert "Disaring menurut bidang Anda" in respons.content.decode()
    assert judul_di(client.get(URL, {"mapel": ""})) == {"TP Fase A", "Soal pecahan", "Kartu huruf"}


def test_kartu_produk_di_bank(client, pengguna, bank):
    client.force_login(pengguna["koordinator"])
    html = client.get(URL).content.decode()
    soal = bank["soal"]
    assert "Pilihan koordinator" in html and "Pertemuan kedua" in html
    assert reverse("kegiatan:produk-berkas", args=[soal.pk]) in html
    assert reverse("kegiatan:produk-kurasi", args=[soal.pk]) in html  # the koordinator may curate here
    client.force_login(pengguna["anggota"])
    assert reverse("kegiatan:produk-kurasi", args=[soal.pk]) not in client.get(URL).content.decode()


def test_bank_kosong(client, pengguna, dunia):
    client.force_login(pengguna["anggota"])
    assert "Belum ada produk" in client.get(URL).content.decode()


@pytest.mark.parametrize("peran", ["koordinator", "pengawas"])
def test_jumlah_query_bank_tetap(client, dunia, pengguna, pertemuan_a, django_assert_max_num_queries, peran):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(pengguna[peran])
    jumlah = []
    for n in (3, 27):  # 3 and then 30 products
        for _ in range(n):
            pertemuan = PertemuanFactory(kelompok=dunia.kelompok_a)
            ProdukFactory(pertemuan=pertemuan, mata_pelajaran="Matematika").penulis.set([dunia.anggota, dunia.ketua])
        with CaptureQueriesContext(connection) as q:
            assert client.get(URL).status_code == 200
        jumlah.append(len(q))
    assert jumlah[0] == jumlah[1], jumlah
    with django_assert_max_num_queries(14):
        client.get(URL)
