"""seed_demo gives every kegiatan page something to show: a term of KKG Kelas 2 CND's meetings."""

import datetime

import pytest
from django.apps import apps
from django.db.models import Sum
from django.utils import timezone

from gugus.models import KelompokKerja
from kegiatan.berkas import PRODUK, periksa_berkas
from kegiatan.models import EntriKas, Kehadiran, Notulen, Pertemuan, Produk, ProgramKerja
from tests.gugus.test_seed_demo import hash_cepat, seed_demo  # noqa: F401 (hash_cepat: an autouse fixture)

pytestmark = pytest.mark.django_db


def jumlah_baris() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_app_config("kegiatan").get_models()}


def test_kegiatan_demo_dimuat_sekali_saja():
    seed_demo()
    pertama = jumlah_baris()

    keluaran = seed_demo()

    assert jumlah_baris() == pertama
    assert "0 baris baru, 0 baris diperbarui" in keluaran
    kosong = [label for label, n in pertama.items() if n == 0 and not label.startswith("kegiatan.Historical")]
    assert kosong == []


def test_satu_semester_pertemuan_yang_realistis():
    seed_demo()
    kk = KelompokKerja.objects.get(nama="KKG Kelas 2 Gugus Cut Nyak Dien")
    hari_ini = timezone.localdate()

    assert set(ProgramKerja.objects.filter(kelompok=kk).values_list("nama", flat=True)) >= {"BATIK", "BERKARYA"}
    rapat = Pertemuan.objects.filter(kelompok=kk)
    assert rapat.filter(status="terlaksana", tanggal__lt=hari_ini).count() >= 6
    assert rapat.filter(status="direncanakan", tanggal=hari_ini + datetime.timedelta(days=1)).exists()
    assert rapat.filter(status="dibatalkan").exclude(alasan_batal="").exists()
    # Every held meeting has a full daftar hadir; most have approved minutes; one waits for the ketua.
    for p in rapat.filter(status="terlaksana"):
        assert Kehadiran.objects.filter(pertemuan=p).count() == kk.keanggotaan.berlaku(p.tanggal).count()
    assert Notulen.objects.filter(pertemuan__kelompok=kk, status="disetujui").count() >= 5
    assert Notulen.objects.filter(pertemuan__kelompok=kk, status="diajukan").count() == 1
    # Products carry real files of the type they claim, as the upload check reads them.
    for produk in Produk.objects.filter(kelompok=kk):
        with produk.berkas.open("rb"):
            assert periksa_berkas(produk.berkas, PRODUK) == produk.tipe_berkas


def test_buku_kas_demo_seimbang_dan_koreksi_membalik():
    seed_demo()
    kk = KelompokKerja.objects.get(nama="KKG Kelas 2 Gugus Cut Nyak Dien")
    kas = EntriKas.objects.filter(kelompok=kk)

    masuk = kas.filter(arah="masuk").aggregate(s=Sum("jumlah"))["s"]
    keluar = kas.filter(arah="keluar").aggregate(s=Sum("jumlah"))["s"]
    assert masuk - keluar > 0
    koreksi = kas.get(kategori="koreksi")
    assert koreksi.membalik.jumlah == koreksi.jumlah and koreksi.membalik.arah != koreksi.arah
    assert sorted(kas.values_list("nomor", flat=True)) == list(range(1, kas.count() + 1))
