"""Action items: the responsible member's list and dashboard, marking done and reopening."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kegiatan.models import Notulen, TindakLanjut
from kegiatan.services import notulen as layanan
from tests.factories_kegiatan import NotulenFactory, PertemuanFactory, TindakLanjutFactory

DAFTAR = reverse("kegiatan:tindak-lanjut-list")


def _selesai(t):
    return reverse("kegiatan:tindak-lanjut-selesai", args=[t.pk])


@pytest.fixture
def butir(dunia, pertemuan_a):
    notulen = NotulenFactory(pertemuan=pertemuan_a, status=Notulen.Status.DISETUJUI)
    return TindakLanjutFactory(notulen=notulen, uraian="Unggah TP ke bank produk", penanggung_jawab=dunia.anggota)


def _buat_butir(dunia, n):
    for i in range(n):
        notulen = NotulenFactory(pertemuan=PertemuanFactory(kelompok=dunia.kelompok_a), status=Notulen.Status.DISETUJUI)
        TindakLanjutFactory(notulen=notulen, penanggung_jawab=dunia.anggota, uraian=f"Butir {i}")
        TindakLanjutFactory(
            notulen=notulen, penanggung_jawab=dunia.anggota, uraian=f"Selesai {i}", selesai_pada=timezone.now()
        )


@pytest.mark.parametrize("jumlah", [3, 30])
def test_daftar_tindak_lanjut_jumlah_kueri_tetap(client, pengguna, dunia, jumlah, django_assert_max_num_queries):
    _buat_butir(dunia, jumlah)
    client.force_login(pengguna["anggota"])
    # session, user, 5 for the roles (gugus.akses.peran), open items, their count, the recently done ones
    with django_assert_max_num_queries(10):
        r = client.get(DAFTAR)
    assert r.status_code == 200
    assert len(r.context["object_list"]) == min(jumlah, 25)
    assert len(r.context["selesai"]) == min(jumlah, 10)


def test_daftar_hanya_butir_saya_dari_notulen_disetujui(client, pengguna, dunia, butir):
    TindakLanjutFactory(notulen=butir.notulen, uraian="Milik ketua", penanggung_jawab=dunia.ketua)
    draf = NotulenFactory(pertemuan=PertemuanFactory(kelompok=dunia.kelompok_a))
    TindakLanjutFactory(notulen=draf, uraian="Masih draf", penanggung_jawab=dunia.anggota)
    client.force_login(pengguna["anggota"])
    isi = client.get(DAFTAR).content.decode()
    assert "Unggah TP ke bank produk" in isi
    assert "Milik ketua" not in isi and "Masih draf" not in isi


def test_daftar_kosong_untuk_pengguna_tanpa_guru(client, pengguna):
    client.force_login(pengguna["dinas"])
    r = client.get(DAFTAR)
    assert r.status_code == 200 and "Tidak ada tindak lanjut" in r.content.decode()


def test_tamu_diarahkan_ke_halaman_masuk(client, butir):
    assert client.get(DAFTAR).status_code == 302
    r = client.post(_selesai(butir))
    assert r.status_code == 302 and "next=" in r.url
    butir.refresh_from_db()
    assert butir.selesai_pada is None


def test_tampil_di_beranda_sampai_ditandai_selesai(client, pengguna, butir):
    client.force_login(pengguna["anggota"])
    assert "Unggah TP ke bank produk" in client.get("/").content.decode()
    r = client.post(_selesai(butir), {"selesai": "1"}, follow=True)  # follow: the flash message names the item
    assert "ditandai selesai" in r.content.decode()
    butir.refresh_from_db()
    assert butir.selesai_pada is not None
    assert "Unggah TP ke bank produk" not in client.get("/").content.decode()
    client.post(_selesai(butir), {"selesai": "0"})
    butir.refresh_from_db()
    assert butir.selesai_pada is None


@pytest.mark.parametrize(
    "peran, kode", [("anggota", 302), ("sekretaris", 302), ("ketua", 302), ("bendahara", 403), ("guru_lain", 404)]
)
def test_siapa_boleh_menandai_selesai(client, pengguna, butir, peran, kode):
    client.force_login(pengguna[peran])
    assert client.post(_selesai(butir), {"selesai": "1"}).status_code == kode
    butir.refresh_from_db()
    assert (butir.selesai_pada is not None) == (kode == 302)


def test_tandai_hanya_dengan_post(client, pengguna, butir):
    client.force_login(pengguna["anggota"])
    assert client.get(_selesai(butir)).status_code == 405


def test_next_ke_situs_lain_diabaikan(client, pengguna, butir):
    client.force_login(pengguna["anggota"])
    r = client.post(_selesai(butir), {"next": "https://jahat.example/"})
    assert r.url == DAFTAR


def test_tanda_selesai_ikut_ke_versi_terbuka(pengguna, dunia, butir):
    """Marking an item done on the current text also marks its copy in a draft revision, so it does not
    come back on the dashboard when that revision is approved."""
    butir.notulen.pertemuan.tanggal = datetime.date.today() - datetime.timedelta(days=1)
    butir.notulen.pertemuan.save()
    v2 = layanan.revisi_notulen(butir.notulen.pertemuan, oleh=pengguna["sekretaris"], alasan="Ralat")
    layanan.tandai_tindak_lanjut(butir, oleh=pengguna["anggota"])
    assert TindakLanjut.objects.get(notulen=v2).selesai_pada is not None
