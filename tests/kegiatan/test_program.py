"""Program kerja: the In-On-In pattern, progress figures, the forms and who may see and change what."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gugus.models import KelompokKerja
from kegiatan.models import EntriKas, LangkahProgram, Pertemuan, Produk, ProgramKerja
from kegiatan.services import program as layanan
from tests.factories_kegiatan import EntriKasFactory, LangkahProgramFactory, PertemuanFactory, ProgramKerjaFactory

TERLAKSANA = Pertemuan.Status.TERLAKSANA


def _produk(pertemuan, judul="TP Fase A"):
    return Produk.objects.create(
        pertemuan=pertemuan,
        kelompok=pertemuan.kelompok,
        judul=judul,
        jenis=Produk.Jenis.TP_ATP,
        berkas="produk/2025/x.pdf",
        nama_berkas="tp.pdf",
        tipe_berkas="application/pdf",
        ukuran=1000,
    )


# --- services -------------------------------------------------------------------------------------------------


def test_pola_in_on_in_kelompok_guru_lima_langkah(pengguna, program_a):
    langkah = layanan.buat_langkah_in_on_in(program_a, oleh=pengguna["ketua"])

    assert [lk.tahap for lk in langkah] == ["in1", "on", "in2", "on", "in2"]
    assert [lk.urutan for lk in program_a.langkah.all()] == [1, 2, 3, 4, 5]
    program_a.refresh_from_db()
    assert program_a.in_on_in and program_a.rencana_pertemuan == 5


@pytest.mark.parametrize("jenis", [KelompokKerja.Jenis.KKM, KelompokKerja.Jenis.POKJAWAS])
def test_pola_in_on_in_kkm_dan_pokjawas_tujuh_langkah(dunia, pengguna, program_a, jenis):
    KelompokKerja.objects.filter(pk=dunia.kelompok_a.pk).update(jenis=jenis)

    layanan.buat_langkah_in_on_in(program_a, oleh=pengguna["ketua"])

    tahap = list(program_a.langkah.values_list("tahap", flat=True))
    assert tahap == ["in1", "in1", "on", "in2", "on", "in2", "in2"]
    program_a.refresh_from_db()
    assert program_a.rencana_pertemuan == 7


def test_pola_in_on_in_ditolak_bila_sudah_ada_langkah(pengguna, program_a):
    LangkahProgramFactory(program=program_a, urutan=1)

    with pytest.raises(ValidationError, match="sudah punya langkah"):
        layanan.buat_langkah_in_on_in(program_a, oleh=pengguna["ketua"])
    assert program_a.langkah.count() == 1


def test_sekretaris_tidak_boleh_membuat_pola(pengguna, program_a):
    with pytest.raises(PermissionDenied):
        layanan.buat_langkah_in_on_in(program_a, oleh=pengguna["sekretaris"])


def test_urutan_langkah_tidak_boleh_ganda(pengguna, program_a):
    LangkahProgramFactory(program=program_a, urutan=1)

    with pytest.raises(ValidationError) as e:
        layanan.simpan_langkah(program_a, oleh=pengguna["ketua"], urutan=1, judul="Lagi")
    assert "Urutan 1 sudah dipakai" in e.value.message_dict["urutan"][0]


def test_langkah_berpertemuan_tidak_dapat_dihapus(pengguna, program_a, pertemuan_a):
    langkah = LangkahProgramFactory(program=program_a, urutan=1)
    Pertemuan.objects.filter(pk=pertemuan_a.pk).update(langkah=langkah)

    with pytest.raises(ValidationError, match="sudah ada pertemuan"):
        layanan.hapus_langkah(langkah, oleh=pengguna["ketua"])


def test_program_berpertemuan_tidak_dapat_dihapus(pengguna, program_a, pertemuan_a):
    with pytest.raises(ValidationError, match="masih ada 1 pertemuan"):
        layanan.hapus_program(program_a, oleh=pengguna["ketua"])
    assert ProgramKerja.objects.filter(pk=program_a.pk).exists()


def test_program_dengan_entri_kas_tidak_dapat_dihapus(dunia, pengguna, program_a):
    EntriKasFactory(kelompok=dunia.kelompok_a, program=program_a)

    with pytest.raises(ValidationError, match="entri kas"):
        layanan.hapus_program(program_a, oleh=pengguna["ketua"])


def test_program_kosong_dihapus_beserta_langkahnya(pengguna, program_a):
    LangkahProgramFactory(program=program_a, urutan=1)

    layanan.hapus_program(program_a, oleh=pengguna["ketua"])

    assert not ProgramKerja.objects.filter(pk=program_a.pk).exists()
    assert not LangkahProgram.objects.exists()


@pytest.mark.parametrize(
    "tanggal, harapan",
    [
        (datetime.date(2025, 7, 1), ("2025/2026", "ganjil")),
        (datetime.date(2025, 12, 31), ("2025/2026", "ganjil")),
        (datetime.date(2026, 1, 1), ("2025/2026", "genap")),
        (datetime.date(2026, 6, 30), ("2025/2026", "genap")),
    ],
)
def test_tahun_ajaran_kini_juli_sampai_juni(tanggal, harapan):
    assert layanan.tahun_ajaran_kini(tanggal) == harapan


# --- progress -------------------------------------------------------------------------------------------------


@pytest.fixture
def program_berjalan(dunia, program_a):
    """BATIK: 4 planned, 2 held (one for step 1), 1 planned, 1 cancelled; 3 products; spending with a reversal."""
    k = dunia.kelompok_a
    langkah1 = LangkahProgramFactory(program=program_a, urutan=1, tahap="in1", judul="Teori")
    LangkahProgramFactory(program=program_a, urutan=2, tahap="on", judul="Praktik")
    held1 = PertemuanFactory(kelompok=k, program=program_a, langkah=langkah1, status=TERLAKSANA)
    held2 = PertemuanFactory(kelompok=k, program=program_a, status=TERLAKSANA)
    PertemuanFactory(kelompok=k, program=program_a)
    PertemuanFactory(kelompok=k, program=program_a, status=Pertemuan.Status.DIBATALKAN, alasan_batal="Banjir")
    _produk(held1), _produk(held1, "ATP"), _produk(held2, "Soal")
    keluar = {"arah": EntriKas.Arah.KELUAR, "kategori": EntriKas.Kategori.BELANJA}
    EntriKasFactory(kelompok=k, program=program_a, jumlah=300_000, **keluar)
    salah = EntriKasFactory(kelompok=k, pertemuan=held2, jumlah=200_000, **keluar)
    EntriKasFactory(
        kelompok=k,
        arah=EntriKas.Arah.MASUK,
        kategori=EntriKas.Kategori.KOREKSI,
        jumlah=200_000,
        membalik=salah,
        alasan_koreksi="Salah catat",
    )
    EntriKasFactory(kelompok=k, jumlah=999_000, **keluar)  # not the programme's
    return program_a


def test_kemajuan_program(program_berjalan):
    k = layanan.kemajuan_program(program_berjalan, dengan_kas=True)

    assert k["jumlah_terlaksana"] == 2
    assert k["persen"] == 50
    assert [lk.selesai for lk in k["langkah"]] == [True, False]
    assert k["langkah_selesai"] == 1
    assert k["jumlah_produk"] == 3
    assert k["belanja"] == 300_000
    assert k["persen_belanja"] == 20  # of Rp 1.500.000


def test_halaman_program_menampilkan_kemajuan(client, pengguna, program_berjalan):
    client.force_login(pengguna["ketua"])
    r = client.get(reverse("kegiatan:program-detail", args=[program_berjalan.pk]))

    assert r.status_code == 200
    assert "2 dari 4 terlaksana" in r.text
    assert "3 produk dihasilkan" in r.text
    assert "Terpakai Rp 300.000" in r.text
    assert "1 dari 2 langkah selesai" in r.text


def test_anggota_tidak_melihat_belanja(client, pengguna, program_berjalan):
    client.force_login(pengguna["anggota"])
    r = client.get(reverse("kegiatan:program-detail", args=[program_berjalan.pk]))

    assert r.status_code == 200
    assert "Terpakai" not in r.text
    assert "Rp 1.500.000" in r.text


def test_daftar_menampilkan_terlaksana_dari_rencana(client, pengguna, program_berjalan):
    client.force_login(pengguna["anggota"])
    r = client.get(reverse("kegiatan:program-list"))

    assert "2 dari 4 pertemuan terlaksana" in r.text


def _jumlah_query(client, url):
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


@pytest.mark.parametrize("banyak", [3, 30])
def test_daftar_program_query_terbatas(client, dunia, pengguna, banyak, django_assert_max_num_queries):
    for _ in range(banyak):
        p = ProgramKerjaFactory(kelompok=dunia.kelompok_a)
        PertemuanFactory(kelompok=dunia.kelompok_a, program=p, status=TERLAKSANA)
    client.force_login(pengguna["ketua"])
    with django_assert_max_num_queries(15):
        r = client.get(reverse("kegiatan:program-list"))
    assert r.text.count("1 dari 4 pertemuan terlaksana") == min(banyak, 25)


def test_daftar_dan_rincian_program_query_sama_pada_3_dan_30(client, dunia, pengguna, program_a):
    client.force_login(pengguna["ketua"])
    hitung = []
    for banyak in (3, 27):
        for _ in range(banyak):
            p = ProgramKerjaFactory(kelompok=dunia.kelompok_a)
            m = PertemuanFactory(kelompok=dunia.kelompok_a, program=program_a, status=TERLAKSANA)
            PertemuanFactory(kelompok=dunia.kelompok_a, program=p)
            _produk(m)
            LangkahProgramFactory(program=program_a)
        hitung.append(
            (
                _jumlah_query(client, reverse("kegiatan:program-list")),
                _jumlah_query(client, reverse("kegiatan:program-detail", args=[program_a.pk])),
            )
        )
    assert hitung[0] == hitung[1]


# --- forms ----------------------------------------------------------------------------------------------------


def _data_program(kelompok, **lain):
    return {
        "kelompok": kelompok.pk,
        "nama": "BERKARYA",
        "kepanjangan": "Bersama Menghasilkan Karya",
        "tahun_ajaran": "2025/2026",
        "semester": "genap",
        "tujuan": ["a", "f"],
        "rencana_pertemuan": 4,
        "anggaran": 2_000_000,
        **lain,
    }


def test_ketua_membuat_program(client, dunia, pengguna):
    client.force_login(pengguna["ketua"])
    r = client.post(reverse("kegiatan:program-create"), _data_program(dunia.kelompok_a))

    program = ProgramKerja.objects.get(nama="BERKARYA")
    assert r.status_code == 302 and r.url == program.get_absolute_url()
    assert program.tujuan == ["a", "f"] and program.kelompok == dunia.kelompok_a and program.anggaran == 2_000_000


def test_tahun_ajaran_tidak_berurutan_ditolak_dan_isian_tetap(client, dunia, pengguna):
    client.force_login(pengguna["ketua"])
    r = client.post(reverse("kegiatan:program-create"), _data_program(dunia.kelompok_a, tahun_ajaran="2024/2026"))

    assert r.status_code == 200
    assert "Tulis tahun ajaran sebagai dua tahun berurutan" in r.text
    assert 'value="2024/2026"' in r.text and 'value="BERKARYA"' in r.text
    assert not ProgramKerja.objects.exists()


def test_nama_ganda_dalam_periode_ditolak(client, dunia, pengguna, program_a):
    client.force_login(pengguna["ketua"])
    data = _data_program(dunia.kelompok_a, nama=program_a.nama, semester=program_a.semester)
    r = client.post(reverse("kegiatan:program-create"), data)

    assert r.status_code == 200
    assert ProgramKerja.objects.count() == 1


def test_post_ke_kelompok_lain_ditolak(client, dunia, pengguna):
    client.force_login(pengguna["ketua"])
    r = client.post(reverse("kegiatan:program-create"), _data_program(dunia.kelompok_b))

    assert r.status_code == 200
    assert "kelompok" in r.context["form"].errors
    assert not ProgramKerja.objects.exists()


def test_formulir_baru_berisi_tahun_ajaran_kini_dan_kelompok(client, dunia, pengguna):
    client.force_login(pengguna["ketua"])
    form = client.get(reverse("kegiatan:program-create")).context["form"]

    assert (form.initial["tahun_ajaran"], form.initial["semester"]) == layanan.tahun_ajaran_kini()
    assert form.initial["kelompok"] == dunia.kelompok_a.pk
    assert list(form.fields["kelompok"].queryset) == [dunia.kelompok_a]


def test_kelompok_program_tidak_dapat_dipindah(client, dunia, pengguna, program_a):
    client.force_login(pengguna["ketua"])
    data = _data_program(dunia.kelompok_b, nama="BATIK")
    r = client.post(reverse("kegiatan:program-update", args=[program_a.pk]), data)

    assert r.status_code == 302
    program_a.refresh_from_db()
    assert program_a.kelompok == dunia.kelompok_a and program_a.semester == "genap"


def test_hapus_program_berpertemuan_lewat_halaman_ditolak_dengan_pesan(client, pengguna, program_a, pertemuan_a):
    client.force_login(pengguna["ketua"])
    url = reverse("kegiatan:program-delete", args=[program_a.pk])
    assert client.get(url).status_code == 200  # confirmation first

    r = client.post(url, follow=True)

    assert "masih ada 1 pertemuan" in r.text
    assert ProgramKerja.objects.filter(pk=program_a.pk).exists()


def test_tambah_ubah_hapus_langkah_lewat_halaman(client, pengguna, program_a):
    client.force_login(pengguna["ketua"])
    r = client.post(
        reverse("kegiatan:langkah-create", args=[program_a.pk]),
        {"urutan": 1, "tahap": "in1", "judul": "Analisis CP", "rencana_tanggal": "2025-08-02"},
    )
    langkah = program_a.langkah.get()
    assert r.status_code == 302 and langkah.judul == "Analisis CP"

    r = client.post(
        reverse("kegiatan:langkah-update", args=[program_a.pk, langkah.pk]),
        {"urutan": 1, "tahap": "in1", "judul": "Analisis CP dan TP", "rencana_tanggal": ""},
    )
    langkah.refresh_from_db()
    assert langkah.judul == "Analisis CP dan TP" and langkah.rencana_tanggal is None

    client.post(reverse("kegiatan:langkah-delete", args=[program_a.pk, langkah.pk]))
    assert not program_a.langkah.exists()


def test_formulir_langkah_mengusulkan_urutan_berikut_dan_menolak_ganda(client, pengguna, program_a):
    LangkahProgramFactory(program=program_a, urutan=1)
    client.force_login(pengguna["ketua"])
    url = reverse("kegiatan:langkah-create", args=[program_a.pk])

    assert client.get(url).context["form"].initial["urutan"] == 2
    r = client.post(url, {"urutan": 1, "tahap": "", "judul": "Ganda"})
    assert r.status_code == 200 and "Urutan 1 sudah dipakai" in r.text and 'value="Ganda"' in r.text


def test_tombol_in_on_in_membuat_langkah(client, pengguna, program_a):
    client.force_login(pengguna["ketua"])
    assert "Buat langkah In-On-In" in client.get(program_a.get_absolute_url()).text

    r = client.post(reverse("kegiatan:program-in-on-in", args=[program_a.pk]), follow=True)

    assert program_a.langkah.count() == 5
    assert "5 langkah In-On-In telah dibuat" in r.text
    assert "Buat langkah In-On-In" not in r.text


# --- access ---------------------------------------------------------------------------------------------------

LIHAT = {"ketua", "sekretaris", "bendahara", "koordinator", "anggota", "pengawas", "dinas", "admin"}
KELOLA = {"ketua", "admin"}
LUAR = {"guru_lain", "dinas_lain"}


def _harapan(peran, boleh, terlihat=LIHAT):
    if peran == "tamu":
        return 302
    if peran in boleh:
        return 200
    return 403 if peran in terlihat else 404


@pytest.mark.parametrize("peran", ["ketua", "sekretaris", "anggota", "pengawas", "dinas", "admin", "guru_lain", "tamu"])
@pytest.mark.parametrize(
    "nama, boleh",
    [
        ("program-detail", LIHAT),
        ("program-update", KELOLA),
        ("program-delete", KELOLA),
        ("langkah-create", KELOLA),
    ],
)
def test_akses_halaman_program(client, pengguna, program_a, peran, nama, boleh):
    if pengguna[peran]:
        client.force_login(pengguna[peran])
    r = client.get(reverse(f"kegiatan:{nama}", args=[program_a.pk]))
    assert r.status_code == _harapan(peran, boleh)
    if peran == "tamu":
        assert r.url.startswith(reverse("login"))


@pytest.mark.parametrize("peran", ["ketua", "sekretaris", "bendahara", "anggota", "pengawas", "dinas", "guru_lain"])
def test_akses_tambah_program(client, pengguna, peran):
    client.force_login(pengguna[peran])
    r = client.get(reverse("kegiatan:program-create"))
    assert r.status_code == (200 if peran == "ketua" else 403)


def test_sekretaris_melihat_tapi_tidak_diberi_tombol(client, pengguna, program_a):
    client.force_login(pengguna["sekretaris"])
    daftar = client.get(reverse("kegiatan:program-list"))
    rincian = client.get(program_a.get_absolute_url())

    assert daftar.status_code == rincian.status_code == 200
    assert "BATIK" in daftar.text
    assert not daftar.context["bisa_tambah"] and not rincian.context["bisa_ubah"]
    assert "Buat langkah In-On-In" not in rincian.text


def test_anggota_kkg_b_tidak_melihat_program_kkg_a(client, pengguna, program_a):
    ProgramKerjaFactory(kelompok=program_a.kelompok.__class__.objects.exclude(pk=program_a.kelompok_id).first())
    client.force_login(pengguna["guru_lain"])
    r = client.get(reverse("kegiatan:program-list"))

    assert r.status_code == 200 and "BATIK" not in r.text
    assert client.get(program_a.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("peran, kode", [("sekretaris", 403), ("guru_lain", 404)])
def test_pola_in_on_in_ditolak_untuk_selain_ketua(client, pengguna, program_a, peran, kode):
    client.force_login(pengguna[peran])
    r = client.post(reverse("kegiatan:program-in-on-in", args=[program_a.pk]))
    assert r.status_code == kode and not program_a.langkah.exists()


def test_tamu_diarahkan_ke_login(client):
    r = client.get(reverse("kegiatan:program-list"))
    assert r.status_code == 302 and r.url.startswith(reverse("login"))
