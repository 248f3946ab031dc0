"""The reviewers' pages (laporan/views/tinjauan.py, laporan/views/dinas.py): who may open which page, the inbox of
each role, the one-step review from the report page, and the navbar's entry."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from laporan.models import Laporan
from tests.laporan.tinjauan_data import kelompok_didampingi, laporan_dengan_status

Status = Laporan.Status


@pytest.fixture
def diajukan(dunia):
    return laporan_dengan_status(dunia.kelompok_a, Status.DIAJUKAN)


HALAMAN = ["kotak-laporan", "pendampingan", "laporan-pengawas", "matriks", "tenggat", "kunjungan-buat"]


@pytest.mark.parametrize(
    "peran, kode",
    [
        ("ketua", {"kotak-laporan": 200}),
        ("sekretaris", {"kotak-laporan": 200}),
        ("pengawas", {"kotak-laporan": 200, "pendampingan": 200, "laporan-pengawas": 200, "kunjungan-buat": 200}),
        ("dinas", {"kotak-laporan": 200, "matriks": 200, "tenggat": 200}),
        ("dinas_lain", {"kotak-laporan": 200, "matriks": 200, "tenggat": 200, "kunjungan-buat": 404}),
        ("admin", {"kotak-laporan": 200, "matriks": 200, "tenggat": 200}),
        ("anggota", {}),
        ("guru_lain", {"kunjungan-buat": 404}),
        ("tamu", {}),
    ],
)
def test_halaman_peninjau_per_peran(client, dunia, pengguna, peran, kode):
    """Unlisted pages answer 403 (302 to the login page for a visitor); a group out of scope is 404."""
    user = pengguna[peran]
    if user:
        client.force_login(user)
    for nama in HALAMAN:
        args = [dunia.kelompok_a.pk] if nama == "kunjungan-buat" else []
        jawab = client.get(reverse(f"laporan:{nama}", args=args))
        harap = 302 if user is None else kode.get(nama, 403)
        if peran == "admin" and nama == "kunjungan-buat":
            harap = 200  # a superuser passes every rule; saving is refused (no Pengawas row), tested below
        assert jawab.status_code == harap, (peran, nama)
        if harap == 302:
            assert "/login/" in jawab["Location"] or "masuk" in jawab["Location"]


def test_kotak_pengawas_hanya_antreannya_yang_terlama_di_atas(client, dunia, pengguna):
    lain = kelompok_didampingi(dunia, 1)[0]
    baru = laporan_dengan_status(dunia.kelompok_a, Status.DIAJUKAN)
    lama = laporan_dengan_status(lain, Status.DIAJUKAN, diajukan=timezone.now() - datetime.timedelta(days=5))
    laporan_dengan_status(dunia.kelompok_a, Status.DITERUSKAN, mulai=datetime.date(2025, 1, 1))
    laporan_dengan_status(dunia.kelompok_b, Status.DIAJUKAN)  # not accompanied by this pengawas
    client.force_login(pengguna["pengawas"])
    jawab = client.get(reverse("laporan:kotak-laporan"))
    assert list(jawab.context["object_list"]) == [lama, baru]


def test_kotak_dinas_berisi_laporan_diteruskan_kabupatennya(client, dunia, pengguna):
    a = laporan_dengan_status(dunia.kelompok_a, Status.DITERUSKAN)
    laporan_dengan_status(dunia.kelompok_b, Status.DITERUSKAN)
    laporan_dengan_status(dunia.kelompok_a, Status.DIAJUKAN, mulai=datetime.date(2025, 1, 1))
    client.force_login(pengguna["dinas"])
    assert list(client.get(reverse("laporan:kotak-laporan")).context["object_list"]) == [a]


def test_kotak_ketua_berisi_draf_dan_yang_dikembalikan(client, dunia, pengguna):
    draf = laporan_dengan_status(dunia.kelompok_a, Status.DRAF)
    kembali = laporan_dengan_status(dunia.kelompok_a, Status.DIKEMBALIKAN, mulai=datetime.date(2025, 1, 1))
    laporan_dengan_status(dunia.kelompok_a, Status.DIAJUKAN, mulai=datetime.date(2025, 2, 1))
    client.force_login(pengguna["ketua"])
    assert set(client.get(reverse("laporan:kotak-laporan")).context["object_list"]) == {draf, kembali}


def test_kotak_kosong_mengatakannya(client, pengguna):
    client.force_login(pengguna["pengawas"])
    assert "Tidak ada laporan yang menunggu Anda" in client.get(reverse("laporan:kotak-laporan")).content.decode()


def test_kotak_pengawas_jumlah_query_tetap(client, dunia, pengguna, django_assert_max_num_queries):
    client.force_login(pengguna["pengawas"])

    def isi(n):
        for k in kelompok_didampingi(dunia, n):
            laporan_dengan_status(k, Status.DIAJUKAN)

    isi(3)
    with django_assert_max_num_queries(20) as sedikit:
        client.get(reverse("laporan:kotak-laporan"))
    isi(27)
    with django_assert_max_num_queries(20) as banyak:
        jawab = client.get(reverse("laporan:kotak-laporan"))
    assert len(jawab.context["object_list"]) == 20  # paginated
    assert len(sedikit.captured_queries) == len(banyak.captured_queries)


def test_tab_sudah_ditinjau(client, dunia, pengguna, diajukan):
    from laporan.services import berjenjang

    berjenjang.kembalikan_laporan(diajukan, oleh=pengguna["pengawas"], catatan="Lengkapi foto.")
    client.force_login(pengguna["pengawas"])
    jawab = client.get(reverse("laporan:kotak-laporan") + "?tab=riwayat")
    assert [r.laporan for r in jawab.context["object_list"]] == [diajukan]
    assert "Lengkapi foto." in jawab.content.decode()


# --- One step from the report page ---------------------------------------------------------------------------


def test_halaman_laporan_menampilkan_pdf_dan_formulir_tinjau(client, pengguna, diajukan):
    client.force_login(pengguna["pengawas"])
    html = client.get(diajukan.get_absolute_url()).content.decode()
    assert "Setujui dan teruskan ke Dinas" in html and "Kembalikan dengan catatan" in html
    assert reverse("laporan:laporan-tinjau", args=[diajukan.pk]) in html


def test_ketua_tidak_melihat_formulir_tinjau(client, pengguna, diajukan):
    client.force_login(pengguna["ketua"])
    assert "Setujui dan teruskan ke Dinas" not in client.get(diajukan.get_absolute_url()).content.decode()


def test_pengawas_menyetujui_dan_meneruskan_dalam_satu_langkah(client, pengguna, diajukan):
    client.force_login(pengguna["pengawas"])
    url = reverse("laporan:laporan-tinjau", args=[diajukan.pk])
    jawab = client.post(url, {"keputusan": "setujui", "catatan": "Baik."})
    assert jawab.status_code == 302
    diajukan.refresh_from_db()
    assert diajukan.status == Status.DITERUSKAN


def test_pengembalian_tanpa_catatan_ditolak_dan_teks_tetap(client, pengguna, diajukan):
    client.force_login(pengguna["pengawas"])
    url = reverse("laporan:laporan-tinjau", args=[diajukan.pk])
    jawab = client.post(url, {"keputusan": "kembalikan", "catatan": "   "})
    assert jawab.status_code == 200
    assert "Tuliskan catatan" in jawab.content.decode()
    diajukan.refresh_from_db()
    assert diajukan.status == Status.DIAJUKAN
    # the typed text stays when the service refuses it too (only markup, cleaned to nothing)
    jawab = client.post(url, {"keputusan": "kembalikan", "catatan": "<b></b>"})
    assert "&lt;b&gt;&lt;/b&gt;" in jawab.content.decode()
    jawab = client.post(url, {"keputusan": "kembalikan", "catatan": "Tambahkan daftar hadir."})
    diajukan.refresh_from_db()
    assert diajukan.status == Status.DIKEMBALIKAN
    assert diajukan.riwayat.last().catatan == "Tambahkan daftar hadir."


def test_dinas_menerima_dari_halaman_laporan(client, dunia, pengguna):
    lap = laporan_dengan_status(dunia.kelompok_a, Status.DITERUSKAN)
    client.force_login(pengguna["dinas"])
    assert "Terima laporan" in client.get(lap.get_absolute_url()).content.decode()
    client.post(reverse("laporan:laporan-tinjau", args=[lap.pk]), {"keputusan": "terima", "catatan": ""})
    lap.refresh_from_db()
    assert lap.status == Status.DITERIMA


@pytest.mark.parametrize("peran, kode", [("ketua", 403), ("dinas", 403), ("anggota", 404), ("dinas_lain", 404)])
def test_peran_lain_tidak_dapat_meninjau(client, pengguna, diajukan, peran, kode):
    client.force_login(pengguna[peran])
    jawab = client.post(reverse("laporan:laporan-tinjau", args=[diajukan.pk]), {"keputusan": "setujui"})
    assert jawab.status_code == kode
    diajukan.refresh_from_db()
    assert diajukan.status == Status.DIAJUKAN


def test_status_yang_salah_diberi_pesan(client, dunia, pengguna):
    """The form was on screen while someone else already approved it: a message, not an error page."""
    from gugus.models import Pendampingan

    lap = laporan_dengan_status(dunia.kelompok_a, Status.DISETUJUI)
    client.force_login(pengguna["pengawas"])
    assert Pendampingan.objects.filter(kelompok=dunia.kelompok_a).exists()
    jawab = client.post(reverse("laporan:laporan-tinjau", args=[lap.pk]), {"keputusan": "setujui"}, follow=True)
    assert "Hanya laporan yang sedang diajukan" in jawab.content.decode()


def test_halaman_konfirmasi_lama_tetap_bekerja(client, pengguna, diajukan):
    client.force_login(pengguna["pengawas"])
    assert client.get(reverse("laporan:laporan-kembalikan", args=[diajukan.pk])).status_code == 200


# --- The navbar --------------------------------------------------------------------------------------------------


def test_menu_laporan_dengan_jumlah_menunggu(client, dunia, pengguna, diajukan):
    client.force_login(pengguna["pengawas"])
    html = client.get(reverse("gugus:beranda")).content.decode()
    assert reverse("laporan:kotak-laporan") in html
    assert "1 laporan menunggu Anda" in html


def test_anggota_tidak_melihat_menu_laporan(client, pengguna):
    client.force_login(pengguna["anggota"])
    assert reverse("laporan:kotak-laporan") not in client.get(reverse("gugus:beranda")).content.decode()


def test_pdf_versi_terbaru_di_samping_data(client, dunia, pengguna, diajukan):
    """Still rendering: the progress partial, which polls the report page itself; once stored: an inline frame."""
    from django.core.files.base import ContentFile

    from laporan.models import Dokumen

    dokumen = Dokumen.objects.create(jenis=Dokumen.Jenis.LAPORAN, kelompok=dunia.kelompok_a, laporan=diajukan)
    diajukan.daftar_versi.update(dokumen=dokumen)
    client.force_login(pengguna["pengawas"])
    assert "sedang disiapkan" in client.get(diajukan.get_absolute_url()).content.decode()
    assert "sedang disiapkan" in client.get(diajukan.get_absolute_url() + "?bagian=progres").content.decode()
    dokumen.berkas.save("laporan.pdf", ContentFile(b"%PDF-1.7"), save=False)
    dokumen.status = Dokumen.Status.BERLAKU
    dokumen.save()
    html = client.get(diajukan.get_absolute_url()).content.decode()
    assert f'<iframe src="{reverse("laporan:dokumen-unduh", args=[dokumen.pk])}"' in html
