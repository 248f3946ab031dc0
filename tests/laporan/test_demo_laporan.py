"""seed_demo's reports (laporan/demo.py): every state, real timelines, each role's queue filled, run twice
without change."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from laporan.akses import laporan_untuk
from laporan.demo import KKG2, KKG5, KKG_PAI
from laporan.models import KunjunganPendampingan, Laporan, RiwayatLaporan, TenggatLaporan
from laporan.services.tenggat import kelompok_terlambat

pytestmark = pytest.mark.django_db

User = get_user_model()
Status = Laporan.Status


@pytest.fixture(autouse=True)
def hash_cepat(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed_demo() -> str:
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out)
    return out.getvalue()


def jumlah_baris() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_app_config("laporan").get_models()}


def test_dijalankan_dua_kali_tidak_mengubah_laporan():
    seed_demo()
    pertama = jumlah_baris()

    keluaran = seed_demo()

    assert jumlah_baris() == pertama
    assert pertama["laporan.Laporan"] >= 10 and pertama["laporan.RiwayatLaporan"] > 30
    assert "0 baris baru, 0 baris diperbarui" in keluaran


def test_kkg_kelas_2_punya_laporan_di_setiap_status():
    seed_demo()

    status = set(Laporan.objects.filter(kelompok__nama=KKG2).values_list("status", flat=True))

    assert status == {Status.DITERIMA, Status.DITERUSKAN, Status.DIAJUKAN, Status.DIKEMBALIKAN, Status.DRAF}
    jenis = set(Laporan.objects.filter(kelompok__nama=KKG2).values_list("jenis", flat=True))
    assert {"bulanan", "semester", "lpj"} <= jenis


def test_laporan_diterima_punya_riwayat_lengkap_dengan_pengembalian():
    seed_demo()
    lap = Laporan.objects.get(kelompok__nama=KKG2, status=Status.DITERIMA, versi=2)

    riwayat = list(lap.riwayat.order_by("pada", "pk"))

    assert [r.aksi for r in riwayat] == ["buat", "ajukan", "kembalikan", "ajukan", "setujui", "teruskan", "terima"]
    assert [r.pada for r in riwayat] == sorted(r.pada for r in riwayat)
    assert riwayat[2].catatan and riwayat[2].nama_oleh == "Drs. Bambang Suharto, M.Pd"
    assert riwayat[-1].nama_oleh == "Hendri Kurniawan, S.E"
    assert lap.daftar_versi.count() == 2
    assert lap.pertama_diajukan == riwayat[1].pada  # the first submission decides lateness


def test_riwayat_tersebar_di_bulan_bulan_lalu():
    seed_demo()

    tanggal = {r.pada.date() for r in RiwayatLaporan.objects.all()}

    assert len({(t.year, t.month) for t in tanggal}) >= 5


def test_setiap_peran_menemukan_antreannya():
    seed_demo()
    ketua, pengawas, dinas = (User.objects.get(username=u) for u in ("ketua", "pengawas", "dinas"))

    assert laporan_untuk(ketua).filter(kelompok__nama=KKG2, status__in=[Status.DRAF, Status.DIKEMBALIKAN]).count() == 2
    assert laporan_untuk(pengawas).filter(status=Status.DIAJUKAN).count() >= 2
    assert laporan_untuk(dinas).filter(status=Status.DITERUSKAN).exists()
    assert not laporan_untuk(pengawas).filter(status=Status.DRAF).exists()  # drafts stay the ketua's


def test_dinas_melihat_kelompok_terlambat_dan_laporan_disetujui():
    seed_demo()
    dinas = User.objects.get(username="dinas")
    kabupaten_id = dinas.staf_dinas.kabupaten_id
    terlambat, _mulai, _selesai = kelompok_terlambat(kabupaten_id, "bulanan", timezone.localdate())

    # KKG PAI has no report at all; KKG Kelas 2's is last month's draft (late once the 10th has passed).
    assert KKG_PAI in {k.nama for k in terlambat} and KKG5 not in {k.nama for k in terlambat}
    assert laporan_untuk(dinas).filter(status=Status.DISETUJUI).exists()
    assert TenggatLaporan.objects.filter(kabupaten_id=kabupaten_id).count() == 3


def test_dua_kunjungan_pengawas_demo():
    seed_demo()

    kunjungan = KunjunganPendampingan.objects.filter(pengawas__user__username="pengawas")

    assert kunjungan.count() == 2
    assert kunjungan.filter(pertemuan__isnull=False).exists()


def test_ketua_kelompok_lain_tidak_melihat_draf_kkg_kelas_2():
    seed_demo()
    lain = User.objects.get(username="ketua_kelas5")

    assert not laporan_untuk(lain).filter(kelompok__nama=KKG2).exists()
    assert laporan_untuk(lain).exclude(kelompok__nama=KKG2).exists()


def test_laporan_yang_sudah_dilanjutkan_di_aplikasi_tidak_dikembalikan():
    from laporan.services.berjenjang import ajukan_laporan

    seed_demo()
    draf = Laporan.objects.get(kelompok__nama=KKG2, status=Status.DRAF)
    ajukan_laporan(draf, oleh=User.objects.get(username="ketua"))

    seed_demo()

    draf.refresh_from_db()
    assert draf.status == Status.DIAJUKAN
