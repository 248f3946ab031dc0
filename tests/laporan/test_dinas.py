"""The Dinas's pages (laporan/views/dinas.py): the matrix of groups × periods, and the deadlines."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from gugus.models import KelompokKerja
from laporan.models import Laporan, TenggatLaporan
from laporan.services.berjenjang import periode_sebelumnya
from tests.factories import GugusFactory, KelompokKerjaFactory
from tests.laporan.tinjauan_data import laporan_dengan_status

Status = Laporan.Status


@pytest.fixture
def dinas(client, pengguna):
    client.force_login(pengguna["dinas"])
    return client


def _matriks(client, **param):
    return client.get(reverse("laporan:matriks"), param).context


def _baris(konteks, kelompok):
    return next(k for k in konteks["object_list"] if k.pk == kelompok.pk)


def test_matriks_hanya_kelompok_aktif_kabupatennya(dinas, dunia):
    KelompokKerjaFactory(gugus=dunia.gugus_a, aktif=False)
    konteks = _matriks(dinas)
    assert [k.pk for k in konteks["object_list"]] == [dunia.kelompok_a.pk]
    assert len(konteks["kolom"]) == 6


def test_sel_menunjukkan_status_dan_terlambat(dinas, dunia):
    hari_ini = timezone.localdate()
    terakhir, _s = periode_sebelumnya("bulanan", hari_ini)
    sebelumnya, _s = periode_sebelumnya("bulanan", terakhir)
    # the last month's report came in on time; the month before was submitted months late
    laporan_dengan_status(dunia.kelompok_a, Status.DITERIMA, mulai=terakhir)
    laporan_dengan_status(dunia.kelompok_a, Status.DIAJUKAN, mulai=sebelumnya)
    Laporan.objects.filter(mulai=terakhir).update(pertama_diajukan=timezone.now() - datetime.timedelta(days=1))
    konteks = _matriks(dinas)
    sel = _baris(konteks, dunia.kelompok_a).sel
    assert (sel[0].laporan.status, sel[1].laporan.status, sel[2].laporan) == (Status.DITERIMA, Status.DIAJUKAN, None)
    assert sel[1].terlambat is True  # submitted "now", long after its deadline
    assert sel[2].terlambat is True  # missing, deadline long past
    kolom = konteks["kolom"]
    assert kolom[1].total["diajukan"] == 1 and kolom[1].total["terlambat"] == 1
    assert kolom[0].total["diterima"] == 1
    assert kolom[2].total == {
        "diajukan": 0,
        "terlambat": 1,
        "dikembalikan": 0,
        "disetujui": 0,
        "diterima": 0,
        "belum": 1,
    }


def test_sel_tertaut_ke_laporan(dinas, dunia):
    lap = laporan_dengan_status(dunia.kelompok_a, Status.DITERUSKAN)
    html = dinas.get(reverse("laporan:matriks")).content.decode()
    assert lap.get_absolute_url() in html
    assert dinas.get(lap.get_absolute_url()).status_code == 200


def test_matriks_semester_dan_saringan(dinas, dunia):
    lain = KelompokKerjaFactory(gugus=GugusFactory(kecamatan__kabupaten=dunia.kabupaten_a), jenis="MGMP")
    assert [v for v, _l in _matriks(dinas)["filter"].form.fields["laporan"].choices] == [
        "bulanan",
        "semester",
        "tahunan",
    ]  # no empty choice: bulanan by default
    konteks = _matriks(dinas, laporan="semester")
    assert len(konteks["kolom"]) == 4 and konteks["jenis_laporan"] == "semester"
    assert {k.pk for k in _matriks(dinas, kecamatan=lain.kecamatan_id)["object_list"]} == {lain.pk}
    assert {k.pk for k in _matriks(dinas, gugus=dunia.gugus_a.pk)["object_list"]} == {dunia.kelompok_a.pk}
    assert {k.pk for k in _matriks(dinas, jenis="MGMP")["object_list"]} == {lain.pk}
    assert len(_matriks(dinas, laporan="tahunan")["kolom"]) == 3


def test_total_meliputi_seluruh_saringan_bukan_satu_halaman(dinas, dunia):
    terakhir = periode_sebelumnya("bulanan", timezone.localdate())[0]
    for _i in range(26):
        k = KelompokKerjaFactory(gugus=dunia.gugus_a)
        laporan_dengan_status(k, Status.DIAJUKAN, mulai=terakhir)
    konteks = _matriks(dinas)
    assert len(konteks["object_list"]) == 25
    assert konteks["kolom"][0].total["diajukan"] == 26


def test_admin_memilih_kabupaten(client, pengguna, dunia):
    client.force_login(pengguna["admin"])
    konteks = _matriks(client, kabupaten=dunia.kabupaten_b.pk)
    assert [k.pk for k in konteks["object_list"]] == [dunia.kelompok_b.pk]


def test_dinas_tidak_dapat_memilih_kabupaten_lain(dinas, dunia):
    konteks = _matriks(dinas, kabupaten=dunia.kabupaten_b.pk)
    assert [k.pk for k in konteks["object_list"]] == [dunia.kelompok_a.pk]


def test_matriks_jumlah_query_tetap(dinas, dunia, django_assert_max_num_queries):
    terakhir = periode_sebelumnya("bulanan", timezone.localdate())[0]

    def isi(n):
        for _i in range(n):
            k = KelompokKerjaFactory(gugus=dunia.gugus_a)
            laporan_dengan_status(k, Status.DIAJUKAN, mulai=terakhir)

    isi(2)  # 3 groups with KKG A
    with django_assert_max_num_queries(25) as sedikit:
        dinas.get(reverse("laporan:matriks"))
    isi(27)  # 30
    with django_assert_max_num_queries(25) as banyak:
        dinas.get(reverse("laporan:matriks"))
    assert KelompokKerja.objects.filter(kabupaten=dunia.kabupaten_a).count() == 30
    assert len(sedikit.captured_queries) == len(banyak.captured_queries)


# --- Deadlines -------------------------------------------------------------------------------------------------


def test_dinas_mengatur_tenggat(dinas, dunia):
    jawab = dinas.post(reverse("laporan:tenggat"), {"bulanan": 7, "semester": 20, "tahunan": 45})
    assert jawab.status_code == 302
    assert dict(TenggatLaporan.objects.filter(kabupaten=dunia.kabupaten_a).values_list("jenis", "hari")) == {
        "bulanan": 7,
        "semester": 20,
        "tahunan": 45,
    }


@pytest.mark.parametrize("hari, pesan", [(0, "Paling sedikit 1 hari"), (121, "Paling lama 120 hari"), ("", "Isi")])
def test_tenggat_divalidasi(dinas, dunia, hari, pesan):
    jawab = dinas.post(reverse("laporan:tenggat"), {"bulanan": hari, "semester": 14, "tahunan": 30})
    assert jawab.status_code == 200 and pesan in jawab.content.decode()
    assert not TenggatLaporan.objects.exists()


def test_halaman_tenggat_menampilkan_kelompok_terlambat(dinas, dunia):
    konteks = dinas.get(reverse("laporan:tenggat")).context
    bulanan = konteks["terlambat"][0]
    hari_ini = timezone.localdate()
    if hari_ini.day > 10:  # the default deadline: the 10th of the next month
        assert dunia.kelompok_a in bulanan[2]


def test_jadwal_beat_mengingatkan_tenggat():
    jadwal = {v["task"]: v["schedule"] for v in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "laporan.tasks.ingatkan_tenggat" in jadwal
    assert jadwal["laporan.tasks.ingatkan_tenggat"].hour == {7}
