"""manage.py seed_demo: realistic demo data and one account per role, loadable again without duplicates."""

import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from gugus.akses import kelompok_untuk
from gugus.demo import AKUN, KATA_SANDI, pisah_nama
from gugus.models import Guru, Keanggotaan, KelompokKerja, Kepengurusan, Pendampingan, Sekolah

pytestmark = pytest.mark.django_db

User = get_user_model()
KKG_KELAS_2 = "KKG Kelas 2 Gugus Cut Nyak Dien"
# A day within the demo board's periode (2024-07-15 – 2027-07-14), so the tests do not expire with it.
DALAM_PERIODE = datetime.date(2025, 1, 15)


@pytest.fixture(autouse=True)
def hash_cepat(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed_demo() -> str:
    # pytest-django runs with DEBUG off, so the command needs --force here.
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out)
    return out.getvalue()


def jumlah_baris() -> dict[str, int]:
    """Rows per model of the gugus app, history tables included, and users."""
    return {m._meta.label: m._default_manager.count() for m in [*apps.get_app_config("gugus").get_models(), User]}


def masuk(username: str, password: str):
    # The axes backend refuses to authenticate without a request.
    return authenticate(RequestFactory().post("/"), username=username, password=password)


def test_dijalankan_dua_kali_tidak_mengubah_apa_pun():
    seed_demo()
    pertama = jumlah_baris()

    keluaran = seed_demo()

    assert jumlah_baris() == pertama
    assert pertama["gugus.Guru"] > 50 and pertama["gugus.Keanggotaan"] > 0
    assert "0 baris baru, 0 baris diperbarui" in keluaran


def test_mencetak_akun_demo_dan_alamatnya():
    keluaran = seed_demo()

    for username in AKUN:
        assert username in keluaran
    assert KATA_SANDI in keluaran
    assert "http://127.0.0.1:8000/" in keluaran


def test_setiap_akun_demo_bisa_masuk_dengan_kata_sandi_demo():
    seed_demo()

    for username in AKUN:
        assert masuk(username, KATA_SANDI) == User.objects.get(username=username), username


def test_kata_sandi_yang_diganti_dipulihkan_tanpa_akun_ganda():
    seed_demo()
    ketua = User.objects.get(username="ketua")
    ketua.set_password("sandi-lain-123")
    ketua.save()

    seed_demo()

    assert masuk("ketua", KATA_SANDI) == ketua
    assert User.objects.filter(username="ketua").count() == 1


def test_ketua_adalah_ketua_aktif_kkg_kelas_2():
    seed_demo()

    ketua = Kepengurusan.objects.menjabat(DALAM_PERIODE).get(
        kelompok__nama=KKG_KELAS_2, jabatan=Kepengurusan.Jabatan.KETUA
    )

    assert ketua.guru.user.username == "ketua"
    assert ketua.nomor_sk == "421.2/123/SK/KKG-CND/VII/2024"


def test_pengurus_kkg_kelas_2_lengkap_dan_terhubung_ke_akun():
    seed_demo()

    pengurus = Kepengurusan.objects.menjabat(DALAM_PERIODE).filter(kelompok__nama=KKG_KELAS_2)

    assert sorted(pengurus.values_list("jabatan", "bidang")) == [
        ("bendahara", ""),
        ("ketua", ""),
        ("koordinator", "Bahasa Indonesia"),
        ("koordinator", "Matematika"),
        ("sekretaris", ""),
        ("wakil_ketua", ""),
    ]
    for username, jabatan in [("sekretaris", "sekretaris"), ("bendahara", "bendahara"), ("koordinator", "koordinator")]:
        assert pengurus.filter(jabatan=jabatan, guru__user__username=username).exists(), username


def test_anggota_adalah_anggota_biasa_kkg_kelas_2():
    seed_demo()
    guru = Guru.objects.get(user__username="anggota")

    assert Keanggotaan.objects.berlaku(DALAM_PERIODE).filter(guru=guru, kelompok__nama=KKG_KELAS_2).exists()
    assert not guru.kepengurusan.exists()


def test_dinas_hanya_melihat_oku_timur():
    seed_demo()
    dinas = User.objects.get(username="dinas")

    assert dinas.staf_dinas.kabupaten.nama == "OKU Timur"
    assert {k.kabupaten.nama for k in kelompok_untuk(dinas)} == {"OKU Timur"}
    assert set(kelompok_untuk(dinas)) == set(KelompokKerja.objects.filter(kabupaten__nama="OKU Timur"))


def test_pengawas_mendampingi_tiga_kelompok_oku_timur():
    seed_demo()
    pengawas = User.objects.get(username="pengawas").pengawas

    didampingi = Pendampingan.objects.berlaku(DALAM_PERIODE).filter(pengawas=pengawas)

    assert pengawas.kabupaten.nama == "OKU Timur"
    assert didampingi.count() == 3
    assert {p.kelompok.kabupaten_id for p in didampingi} == {pengawas.kabupaten_id}


def test_semua_sekolah_dan_guru_lolos_full_clean():
    seed_demo()

    for sekolah in Sekolah.objects.all():
        sekolah.full_clean()
        assert sekolah.kepala_sekolah is not None, sekolah
    for guru in Guru.objects.all():
        guru.full_clean()
        if guru.nip:
            assert guru.nip[14] == {"L": "1", "P": "2"}[guru.jenis_kelamin], guru


def test_ada_guru_honorer_tanpa_nip_dan_nuptk():
    seed_demo()

    assert Guru.objects.filter(nip__isnull=True, nuptk__isnull=True).exists()
    assert Guru.objects.filter(nip__isnull=True, nuptk__isnull=False).exists()


def test_menolak_berjalan_tanpa_force_bila_debug_mati(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=StringIO())

    assert not Sekolah.objects.exists()


@pytest.mark.parametrize(
    "nama, depan, belakang",
    [
        ("Drs. Bambang Suharto, M.Pd", "Drs. Bambang", "Suharto, M.Pd"),
        ("Sri Wahyuni, S.Pd", "Sri", "Wahyuni, S.Pd"),
        ("Hj. Siti Maryam, S.Pd", "Hj. Siti", "Maryam, S.Pd"),
        ("Sugiyono, S.Pd", "Sugiyono, S.Pd", ""),
        ("Admin Aplikasi", "Admin", "Aplikasi"),
    ],
)
def test_pisah_nama_menjaga_nama_lengkap(nama, depan, belakang):
    assert pisah_nama(nama) == (depan, belakang)
    assert User(first_name=depan, last_name=belakang).get_full_name() == nama
