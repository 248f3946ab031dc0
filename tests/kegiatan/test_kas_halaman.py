"""The cash book pages: who may see and write what, the forms, the running balance and bounded queries."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from kegiatan.models import EntriKas
from kegiatan.services import kas as layanan
from tests.factories import KeanggotaanFactory, KelompokKerjaFactory
from tests.factories_kegiatan import EntriKasFactory

from .test_kas_layanan import PDF, bukti_pdf

BACA = {"bendahara", "ketua", "sekretaris", "koordinator", "pengawas", "dinas", "admin"}
TULIS = {"bendahara", "admin"}
SEMUA = ["bendahara", "ketua", "sekretaris", "koordinator", "pengawas", "dinas", "admin", "anggota", "guru_lain",
         "dinas_lain", "tamu"]  # fmt: skip


def harapan(peran, boleh):
    """200 for the allowed; 404 for people outside KKG A's kabupaten; 403 for the others; login for anonymous."""
    if peran == "tamu":
        return 302
    if peran in boleh:
        return 200
    return 404 if peran in ("guru_lain", "dinas_lain") else 403


@pytest.fixture
def entri(dunia, pengguna, pertemuan_a):
    return layanan.catat_pengeluaran(
        dunia.kelompok_a, oleh=pengguna["bendahara"], jumlah=150_000, uraian="Konsumsi rapat", bukti=bukti_pdf(),
        pertemuan=pertemuan_a,
    )  # fmt: skip


def buka(client, user, url, **kw):
    if user is not None:
        client.force_login(user)
    return client.get(url, **kw)


URL_BACA = {
    "kas-buku": lambda d, e: reverse("kegiatan:kas-buku", args=[d.kelompok_a.pk]),
    "kas-iuran": lambda d, e: reverse("kegiatan:kas-iuran", args=[d.kelompok_a.pk]),
    "kas-detail": lambda d, e: reverse("kegiatan:kas-detail", args=[e.pk]),
}
URL_TULIS = {
    "kas-tambah": lambda d, e: reverse("kegiatan:kas-tambah", args=[d.kelompok_a.pk]) + "?jenis=pengeluaran",
    "kas-tambah-iuran": lambda d, e: reverse("kegiatan:kas-tambah", args=[d.kelompok_a.pk]) + "?jenis=iuran",
    "kas-tarif": lambda d, e: reverse("kegiatan:kas-tarif", args=[d.kelompok_a.pk]),
    "kas-koreksi": lambda d, e: reverse("kegiatan:kas-koreksi", args=[e.pk]),
}


@pytest.mark.parametrize("peran", SEMUA)
@pytest.mark.parametrize("nama", URL_BACA)
def test_akses_baca(client, dunia, pengguna, entri, peran, nama):
    r = buka(client, pengguna[peran], URL_BACA[nama](dunia, entri))
    assert r.status_code == harapan(peran, BACA)
    if peran == "tamu":
        assert "/login" in r["Location"] or "masuk" in r["Location"]


@pytest.mark.parametrize("peran", SEMUA)
@pytest.mark.parametrize("nama", URL_TULIS)
def test_akses_tulis(client, dunia, pengguna, entri, peran, nama):
    r = buka(client, pengguna[peran], URL_TULIS[nama](dunia, entri))
    assert r.status_code == harapan(peran, TULIS)


@pytest.mark.parametrize("peran", SEMUA)
def test_unduh_bukti(client, dunia, pengguna, entri, peran):
    r = buka(client, pengguna[peran], reverse("kegiatan:kas-bukti", args=[entri.pk]))
    if peran == "tamu":
        assert r.status_code == 302
    elif peran in BACA:
        assert r.status_code == 200
        assert b"".join(r.streaming_content) == PDF
        assert r["Content-Type"] == "application/pdf" and r["X-Content-Type-Options"] == "nosniff"
    else:
        assert r.status_code == 404  # those who may not see the book do not learn the receipt exists


def test_tidak_ada_url_ubah_atau_hapus():
    for nama in ("kas-update", "kas-delete", "kas-ubah", "kas-hapus"):
        with pytest.raises(NoReverseMatch):
            reverse(f"kegiatan:{nama}", args=[1])


def test_daftar_kas_hanya_kelompok_yang_boleh(client, dunia, pengguna, entri):
    r = buka(client, pengguna["guru_lain"], reverse("kegiatan:kas-list"))
    assert r.status_code == 200 and dunia.kelompok_a.nama not in r.content.decode()
    r = buka(client, pengguna["pengawas"], reverse("kegiatan:kas-list"))
    html = r.content.decode()
    assert dunia.kelompok_a.nama in html and "−Rp 150.000" in html and dunia.kelompok_b.nama not in html
    client.logout()
    assert buka(client, None, reverse("kegiatan:kas-list")).status_code == 302


def test_catat_penerimaan_lewat_form(client, dunia, pengguna):
    client.force_login(pengguna["bendahara"])
    url = reverse("kegiatan:kas-tambah", args=[dunia.kelompok_a.pk]) + "?jenis=penerimaan"
    r = client.get(url)
    assert f'value="{datetime.date.today():%Y-%m-%d}"' in r.content.decode()  # today by default
    r = client.post(url, {"tanggal": "2025-08-01", "jumlah": "Rp 1.250.000", "uraian": "Sumbangan alumni"})
    assert r.status_code == 302
    assert EntriKas.objects.get().jumlah == 1_250_000


def test_jumlah_salah_menampilkan_kembali_isian(client, dunia, pengguna):
    client.force_login(pengguna["bendahara"])
    url = reverse("kegiatan:kas-tambah", args=[dunia.kelompok_a.pk]) + "?jenis=penerimaan"
    r = client.post(url, {"tanggal": "2025-08-01", "jumlah": "1.250,50", "uraian": "Sumbangan alumni"})
    html = r.content.decode()
    assert r.status_code == 200 and "tanpa sen" in html
    assert 'value="Sumbangan alumni"' in html and 'value="1.250,50"' in html
    assert not EntriKas.objects.exists()


def test_hibah_tanpa_sumber_dana_ditolak_di_form(client, dunia, pengguna):
    client.force_login(pengguna["bendahara"])
    url = reverse("kegiatan:kas-tambah", args=[dunia.kelompok_a.pk]) + "?jenis=hibah"
    r = client.post(url, {"tanggal": "2025-08-01", "jumlah": "5.000.000", "uraian": "Bantuan", "referensi": "B-1"})
    assert r.status_code == 200 and "sumber_dana" in r.context["form"].errors
    assert not EntriKas.objects.exists()


def test_bukti_palsu_ditolak_dan_isian_tetap(client, dunia, pengguna, pertemuan_a):
    client.force_login(pengguna["bendahara"])
    url = reverse("kegiatan:kas-tambah", args=[dunia.kelompok_a.pk]) + "?jenis=pengeluaran"
    palsu = SimpleUploadedFile("nota.jpg", b"bukan gambar sama sekali", content_type="image/jpeg")
    data = {"tanggal": "2025-08-01", "jumlah": "150.000", "kategori": "belanja", "uraian": "Snack peserta",
            "pertemuan": pertemuan_a.pk, "bukti": palsu}  # fmt: skip
    r = client.post(url, data)
    html = r.content.decode()
    assert r.status_code == 200 and "Isi berkas bukan jenis yang diizinkan" in html
    assert 'value="Snack peserta"' in html and 'value="150.000"' in html
    assert r.context["form"]["pertemuan"].value() == str(pertemuan_a.pk)
    assert not EntriKas.objects.exists()


def test_pengeluaran_untuk_pertemuan_kelompok_lain_ditolak_di_form(client, dunia, pengguna, pertemuan_b):
    client.force_login(pengguna["bendahara"])
    url = reverse("kegiatan:kas-tambah", args=[dunia.kelompok_a.pk]) + "?jenis=pengeluaran"
    data = {"tanggal": "2025-08-01", "jumlah": "150.000", "kategori": "belanja", "uraian": "Snack",
            "pertemuan": pertemuan_b.pk, "bukti": bukti_pdf()}  # fmt: skip
    r = client.post(url, data)
    assert r.status_code == 200 and "pertemuan" in r.context["form"].errors
    assert not EntriKas.objects.exists()


def test_pengeluaran_dari_halaman_pertemuan(client, dunia, pengguna, pertemuan_a):
    client.force_login(pengguna["bendahara"])
    url = reverse("kegiatan:kas-tambah", args=[dunia.kelompok_a.pk])
    r = client.get(url, {"jenis": "pengeluaran", "pertemuan": pertemuan_a.pk})
    assert r.context["form"]["pertemuan"].value() == pertemuan_a.pk


def test_iuran_lewat_form(client, dunia, pengguna):
    client.force_login(pengguna["bendahara"])
    layanan.atur_tarif(
        dunia.kelompok_a, oleh=pengguna["bendahara"], nominal=10_000, berlaku_mulai=datetime.date(2025, 1, 1)
    )
    url = reverse("kegiatan:kas-tambah", args=[dunia.kelompok_a.pk]) + "?jenis=iuran"
    data = {"anggota": [dunia.anggota.pk], "bulan_mulai": "2025-11", "banyak_bulan": 3, "tanggal": "2025-11-05"}
    assert client.post(url, data).status_code == 302
    assert [e.periode_iuran.month for e in EntriKas.objects.order_by("nomor")] == [11, 12, 1]
    r = client.post(url, data)
    assert r.status_code == 200 and "sudah tercatat" in r.content.decode()


def test_tarif_lewat_form(client, dunia, pengguna):
    client.force_login(pengguna["bendahara"])
    r = client.post(
        reverse("kegiatan:kas-tarif", args=[dunia.kelompok_a.pk]), {"nominal": "Rp 20.000", "berlaku_mulai": "07/2025"}
    )
    assert r.status_code == 302
    assert dunia.kelompok_a.tarif_iuran.get().nominal == 20_000


def test_koreksi_lewat_halaman(client, dunia, pengguna, entri):
    client.force_login(pengguna["bendahara"])
    url = reverse("kegiatan:kas-koreksi", args=[entri.pk])
    r = client.post(url, {"alasan": ""})
    assert r.status_code == 200 and r.context["form"].errors["alasan"]
    assert client.post(url, {"alasan": "Nota ganda"}).status_code == 302
    balik = EntriKas.objects.get(membalik=entri)
    r = client.get(reverse("kegiatan:kas-buku", args=[dunia.kelompok_a.pk]))
    html = r.content.decode()
    assert "<s>Konsumsi rapat</s>" in html and f"dibalik oleh #{balik.nomor}" in html
    assert r.context["total"] == {"saldo": 0, "penerimaan": 0, "pengeluaran": 0}
    # The page of a reversed entry offers no second reversal; posting anyway is refused with a message.
    assert "kas-koreksi" not in client.get(reverse("kegiatan:kas-detail", args=[entri.pk])).content.decode()
    r = client.post(url, {"alasan": "lagi"})
    assert "sudah dikoreksi" in r.content.decode()


def test_saldo_berjalan_benar_di_halaman_dua_dan_saat_disaring(client, dunia, pengguna):
    k = dunia.kelompok_a
    awal = datetime.date(2025, 1, 1)
    # Entered out of date order: the book sorts by date, then number.
    for i in range(60):
        arah = "keluar" if i % 3 == 2 else "masuk"
        EntriKasFactory(kelompok=k, tanggal=awal + datetime.timedelta(days=59 - i), jumlah=1_000 * (i + 1), arah=arah,
                        kategori="belanja" if arah == "keluar" else "masuk_lain")  # fmt: skip
    urut = list(EntriKas.objects.filter(kelompok=k).order_by("tanggal", "nomor"))
    berjalan, saldo = {}, 0
    for e in urut:
        saldo += e.bertanda
        berjalan[e.pk] = saldo
    client.force_login(pengguna["ketua"])
    url = reverse("kegiatan:kas-buku", args=[k.pk])
    halaman2 = client.get(url, {"page": 2}).context["object_list"]
    assert [e.pk for e in halaman2] == [e.pk for e in urut[50:]]
    assert [e.saldo_berjalan for e in halaman2] == [berjalan[e.pk] for e in urut[50:]]
    keluar = client.get(url, {"arah": "keluar"}).context["object_list"]
    assert keluar and all(e.arah == "keluar" for e in keluar)
    assert [e.saldo_berjalan for e in keluar] == [berjalan[e.pk] for e in keluar]


def test_bagian_kas_di_halaman_pertemuan(dunia, pengguna, entri, pertemuan_a):
    def tampil(peran):
        request = RequestFactory().get("/")
        request.user = pengguna[peran]
        context = {"pertemuan": pertemuan_a, "user": pengguna[peran], "request": request}
        return render_to_string("kegiatan/pertemuan/_bagian_kas.html", context)

    html = tampil("bendahara")
    assert "Konsumsi rapat" in html and "Rp 150.000" in html and "Catat pengeluaran" in html
    assert f"pertemuan={pertemuan_a.pk}" in html
    html = tampil("pengawas")
    assert "Konsumsi rapat" in html and "Catat pengeluaran" not in html
    assert "Konsumsi rapat" not in tampil("anggota")


# --- bounded queries ----------------------------------------------------------------------------------------


def _kueri_tetap(client, url, tambah, batas):
    """The page's query count with 3 rows equals the count with 30, and stays within `batas`."""
    hitungan = []
    for banyak in (3, 27):
        tambah(banyak)
        with CaptureQueriesContext(connection) as q:
            assert client.get(url).status_code == 200
        hitungan.append(len(q.captured_queries))
    assert hitungan[0] == hitungan[1] <= batas, hitungan


def test_kueri_buku_kas_terbatas(client, dunia, pengguna):
    def tambah(n):
        for i in range(n):
            EntriKasFactory(kelompok=dunia.kelompok_a, jumlah=1_000 + i, anggota=dunia.anggota, kategori="iuran",
                            periode_iuran=datetime.date(2020 + i, 1, 1))  # fmt: skip

    client.force_login(pengguna["dinas"])
    _kueri_tetap(client, reverse("kegiatan:kas-buku", args=[dunia.kelompok_a.pk]), tambah, 14)


def test_kueri_daftar_kas_terbatas(client, dunia, pengguna):
    def tambah(n):
        for i in range(n):
            EntriKasFactory(kelompok=KelompokKerjaFactory(gugus=dunia.gugus_a), jumlah=1_000 + i)

    client.force_login(pengguna["dinas"])
    _kueri_tetap(client, reverse("kegiatan:kas-list"), tambah, 8)


def test_kueri_iuran_terbatas(client, dunia, pengguna):
    k, bendahara = dunia.kelompok_a, pengguna["bendahara"]
    layanan.atur_tarif(k, oleh=bendahara, nominal=10_000, berlaku_mulai=datetime.date(2025, 1, 1))

    def tambah(n):
        anggota = [KeanggotaanFactory(kelompok=k).guru for _ in range(n)]
        layanan.catat_iuran(k, oleh=bendahara, anggota=anggota, bulan=[datetime.date(2025, 1, 1)])

    client.force_login(bendahara)
    _kueri_tetap(client, reverse("kegiatan:kas-iuran", args=[k.pk]), tambah, 12)
