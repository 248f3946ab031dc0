"""The board plans, edits, holds, cancels and deletes meetings; crafted choices from another group are refused."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kegiatan.models import Dokumentasi, Pertemuan
from kegiatan.services import pertemuan as layanan
from tests.factories_kegiatan import DokumentasiFactory, KehadiranFactory, PertemuanFactory, ProgramKerjaFactory

pytestmark = pytest.mark.django_db

HARI_INI = timezone.localdate()


def _isian(dunia, **ubah):
    data = {
        "kelompok": dunia.kelompok_a.pk,
        "tanggal": (HARI_INI + datetime.timedelta(days=10)).isoformat(),
        "jam_mulai": "08:00",
        "jam_selesai": "11:30",
        "jenis": Pertemuan.Jenis.LOKAKARYA,
        "topik": "Menyusun TP Fase A",
        "tuan_rumah": dunia.sekolah_a2.pk,
        "agenda": "1. Pembukaan\n2. Kerja kelompok",
    }
    data.update(ubah)
    return {k: v for k, v in data.items() if v is not None}


def test_sekretaris_menjadwalkan_pertemuan(client, dunia, pengguna, program_a):
    client.force_login(pengguna["sekretaris"])

    respons = client.post(
        reverse("kegiatan:pertemuan-create"),
        _isian(dunia, program=program_a.pk, narasumber_guru=dunia.ketua.pk),
    )

    pertemuan = Pertemuan.objects.get(topik="Menyusun TP Fase A")
    assert respons.status_code == 302 and respons.url == pertemuan.get_absolute_url()
    assert pertemuan.kelompok == dunia.kelompok_a and pertemuan.tuan_rumah == dunia.sekolah_a2
    assert pertemuan.status == Pertemuan.Status.DIRENCANAKAN
    assert pertemuan.narasumber == str(dunia.ketua)


def test_formulir_tambah_memilih_satu_satunya_kelompok(client, dunia, pengguna):
    client.force_login(pengguna["sekretaris"])

    form = client.get(reverse("kegiatan:pertemuan-create")).context["form"]

    assert form["kelompok"].value() == dunia.kelompok_a.pk
    assert list(form.fields["kelompok"].queryset) == [dunia.kelompok_a]
    assert set(form.fields["tuan_rumah"].queryset) == {dunia.sekolah_a1, dunia.sekolah_a2}


@pytest.mark.parametrize(
    "ubah, kolom",
    [
        ({"tuan_rumah": "sekolah_b"}, "tuan_rumah"),
        ({"tuan_rumah": "sekolah_a_lain"}, "tuan_rumah"),
        ({"narasumber_guru": "guru_lain"}, "narasumber_guru"),
        ({"narasumber_guru": "guru_calon"}, "narasumber_guru"),
    ],
)
def test_pilihan_dari_luar_kelompok_ditolak(client, dunia, pengguna, ubah, kolom):
    client.force_login(pengguna["sekretaris"])
    data = _isian(dunia, **{k: getattr(dunia, v).pk for k, v in ubah.items()})

    respons = client.post(reverse("kegiatan:pertemuan-create"), data)

    assert respons.status_code == 200
    assert respons.context["form"].errors[kolom]
    assert respons.context["form"]["topik"].value() == "Menyusun TP Fase A"  # what was typed stays
    assert not Pertemuan.objects.filter(topik="Menyusun TP Fase A").exists()


def test_program_kelompok_lain_ditolak(client, dunia, pengguna):
    program_b = ProgramKerjaFactory(kelompok=dunia.kelompok_b)
    client.force_login(pengguna["ketua"])

    respons = client.post(reverse("kegiatan:pertemuan-create"), _isian(dunia, program=program_b.pk))

    assert respons.context["form"].errors["program"]
    assert not Pertemuan.objects.filter(program=program_b).exists()


def test_kelompok_lain_tidak_dapat_dipilih(client, dunia, pengguna):
    client.force_login(pengguna["sekretaris"])

    respons = client.post(
        reverse("kegiatan:pertemuan-create"), _isian(dunia, kelompok=dunia.kelompok_b.pk, tuan_rumah=dunia.sekolah_b.pk)
    )

    assert respons.context["form"].errors["kelompok"]
    assert not Pertemuan.objects.filter(kelompok=dunia.kelompok_b).exists()


@pytest.mark.parametrize(
    "ubah, kolom, pesan",
    [
        ({"jam_selesai": "07:00"}, "jam_selesai", "Jam selesai harus sesudah jam mulai."),
        ({"tuan_rumah": None}, "tempat", "Pilih sekolah tuan rumah atau tulis tempatnya."),
        ({"narasumber_instansi": "LPMP"}, "narasumber_nama", "Tulis nama narasumber dari luar."),
    ],
)
def test_isian_salah_diberi_pesan_yang_jelas(client, dunia, pengguna, ubah, kolom, pesan):
    client.force_login(pengguna["sekretaris"])

    respons = client.post(reverse("kegiatan:pertemuan-create"), _isian(dunia, **ubah))

    assert pesan in respons.context["form"].errors[kolom]
    assert pesan in respons.content.decode()


def test_anggota_tidak_dapat_menyimpan_pertemuan(dunia, pengguna):
    with pytest.raises(PermissionDenied):
        layanan.simpan_pertemuan(PertemuanFactory.build(kelompok=dunia.kelompok_a), oleh=pengguna["anggota"])
    assert not Pertemuan.objects.exists()


def test_tanggal_baru_menyiapkan_pengingat_lagi(client, dunia, pengguna, pertemuan_a):
    pertemuan_a.pengingat_dikirim = timezone.now()
    pertemuan_a.save()
    client.force_login(pengguna["ketua"])
    baru = (pertemuan_a.tanggal + datetime.timedelta(days=3)).isoformat()

    client.post(reverse("kegiatan:pertemuan-update", args=[pertemuan_a.pk]), _isian(dunia, tanggal=baru))

    pertemuan_a.refresh_from_db()
    assert pertemuan_a.tanggal.isoformat() == baru and pertemuan_a.pengingat_dikirim is None
    assert pertemuan_a.kelompok == dunia.kelompok_a


def test_tandai_terlaksana_dan_riwayatnya(client, dunia, pengguna):
    pertemuan = PertemuanFactory(kelompok=dunia.kelompok_a, tanggal=HARI_INI)
    client.force_login(pengguna["sekretaris"])

    respons = client.post(reverse("kegiatan:pertemuan-terlaksana", args=[pertemuan.pk]))

    pertemuan.refresh_from_db()
    assert respons.status_code == 302
    assert pertemuan.status == Pertemuan.Status.TERLAKSANA
    assert [h.status for h in pertemuan.history.all()] == ["terlaksana", "direncanakan"]
    assert pertemuan.history.first().history_user == pengguna["sekretaris"]


def test_pertemuan_yang_belum_berlangsung_tidak_dapat_ditandai_terlaksana(client, pengguna, pertemuan_a):
    client.force_login(pengguna["ketua"])

    respons = client.post(reverse("kegiatan:pertemuan-terlaksana", args=[pertemuan_a.pk]), follow=True)

    assert "belum berlangsung" in respons.content.decode()
    pertemuan_a.refresh_from_db()
    assert pertemuan_a.status == Pertemuan.Status.DIRENCANAKAN


def test_anggota_tidak_dapat_menandai_terlaksana(client, pengguna, pertemuan_a):
    client.force_login(pengguna["anggota"])

    assert client.post(reverse("kegiatan:pertemuan-terlaksana", args=[pertemuan_a.pk])).status_code == 403


def test_pembatalan_meminta_alasan(client, pengguna, pertemuan_a):
    client.force_login(pengguna["ketua"])
    url = reverse("kegiatan:pertemuan-batal", args=[pertemuan_a.pk])

    tanpa_alasan = client.post(url, {"alasan": "  "})
    assert "Tuliskan alasan pembatalan." in tanpa_alasan.content.decode()

    client.post(url, {"alasan": "Bentrok dengan rapat dinas."})
    pertemuan_a.refresh_from_db()
    assert pertemuan_a.status == Pertemuan.Status.DIBATALKAN
    assert pertemuan_a.alasan_batal == "Bentrok dengan rapat dinas."
    assert pertemuan_a.history.first().history_change_reason == "Bentrok dengan rapat dinas."


def test_pertemuan_terlaksana_tidak_dapat_dibatalkan(pengguna, dunia):
    pertemuan = PertemuanFactory(kelompok=dunia.kelompok_a, status=Pertemuan.Status.TERLAKSANA)

    with pytest.raises(Exception, match="Hanya pertemuan yang direncanakan"):
        layanan.batalkan_pertemuan(pertemuan, alasan="Salah", oleh=pengguna["ketua"])


def test_hapus_pertemuan_rencana(client, pengguna, pertemuan_a):
    client.force_login(pengguna["sekretaris"])

    respons = client.post(reverse("kegiatan:pertemuan-delete", args=[pertemuan_a.pk]))

    assert respons.url == reverse("kegiatan:pertemuan-list")
    assert not Pertemuan.objects.filter(pk=pertemuan_a.pk).exists()


def test_pertemuan_berdaftar_hadir_tidak_dapat_dihapus(client, dunia, pengguna, pertemuan_a):
    KehadiranFactory(pertemuan=pertemuan_a, guru=dunia.anggota)
    client.force_login(pengguna["sekretaris"])

    respons = client.post(reverse("kegiatan:pertemuan-delete", args=[pertemuan_a.pk]), follow=True)

    assert "sudah mempunyai daftar hadir, notulen atau foto" in respons.content.decode()
    assert Pertemuan.objects.filter(pk=pertemuan_a.pk).exists()


def test_pertemuan_berfoto_tidak_dapat_dihapus_agar_berkasnya_tidak_tertinggal(client, dunia, pengguna, pertemuan_a):
    foto = DokumentasiFactory(pertemuan=pertemuan_a)
    client.force_login(pengguna["sekretaris"])

    respons = client.post(reverse("kegiatan:pertemuan-delete", args=[pertemuan_a.pk]), follow=True)

    assert "sudah mempunyai daftar hadir, notulen atau foto" in respons.content.decode()
    assert Dokumentasi.objects.filter(pk=foto.pk).exists() and foto.foto.storage.exists(foto.foto.name)


def test_halaman_pertemuan_menampilkan_identitasnya(client, dunia, pengguna):
    pertemuan = PertemuanFactory(
        kelompok=dunia.kelompok_a,
        tanggal=datetime.date(2025, 2, 17),
        narasumber_nama="Dra. Siti Aminah",
        narasumber_instansi="BBGP Aceh",
        agenda="- Pembukaan\n- <script>alert(1)</script>",
    )
    client.force_login(pengguna["anggota"])

    html = client.get(pertemuan.get_absolute_url()).content.decode()

    assert "Senin, 17 Februari 2025" in html
    assert "08.00–11.30" in html
    assert "SD Negeri 1 Lampeuneurut" in html
    assert "Dra. Siti Aminah (BBGP Aceh)" in html
    assert "<li>Pembukaan</li>" in html and "<script>alert(1)" not in html
    assert reverse("kegiatan:pertemuan-list") in html  # the way back
    assert "Tandai terlaksana" not in html and "Batalkan" not in html  # not for a member


def test_pengurus_melihat_tombol_status(client, pengguna, pertemuan_a):
    client.force_login(pengguna["sekretaris"])

    html = client.get(pertemuan_a.get_absolute_url()).content.decode()

    assert reverse("kegiatan:pertemuan-batal", args=[pertemuan_a.pk]) in html
    assert reverse("kegiatan:pertemuan-update", args=[pertemuan_a.pk]) in html


# --- the list ---------------------------------------------------------------------------------------------


def test_daftar_disaring_menurut_status_kelompok_dan_topik(client, dunia, pengguna, pertemuan_a, pertemuan_b):
    batal = PertemuanFactory(
        kelompok=dunia.kelompok_a, topik="Rapat batal", status="dibatalkan", alasan_batal="Hujan deras"
    )
    client.force_login(pengguna["admin"])
    url = reverse("kegiatan:pertemuan-list")

    def daftar(**q):
        return set(client.get(url, q).context["object_list"])

    assert daftar() == {pertemuan_a, pertemuan_b, batal}
    assert daftar(status="dibatalkan") == {batal}
    assert daftar(kelompok=dunia.kelompok_b.pk) == {pertemuan_b}
    assert daftar(q="analisis cp") == {pertemuan_a}
    assert daftar(program=pertemuan_a.program_id) == {pertemuan_a}
    besok = (HARI_INI + datetime.timedelta(days=1)).isoformat()
    assert daftar(dari=besok, sampai=besok) == set()


def test_daftar_hanya_pertemuan_kelompok_sendiri(client, pengguna, pertemuan_a, pertemuan_b):
    client.force_login(pengguna["guru_lain"])

    respons = client.get(reverse("kegiatan:pertemuan-list"))

    assert list(respons.context["object_list"]) == [pertemuan_b]
    assert "Analisis CP Fase A" not in respons.content.decode()


def _jumlah_query(client, url):
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


@pytest.mark.parametrize("url", ["kegiatan:pertemuan-list", "kegiatan:pertemuan-kalender"])
def test_jumlah_query_tidak_tumbuh_dengan_jumlah_pertemuan(client, dunia, pengguna, url, program_a):
    client.force_login(pengguna["sekretaris"])
    url = reverse(url)

    def buat(n):
        for i in range(n):
            PertemuanFactory(
                kelompok=dunia.kelompok_a, program=program_a, tanggal=HARI_INI + datetime.timedelta(i % 20)
            )

    buat(3)
    sedikit = _jumlah_query(client, url)
    buat(27)
    banyak = _jumlah_query(client, url)

    assert banyak == sedikit <= 12
