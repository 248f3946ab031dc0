"""QR self check-in: a signed token valid only on the meeting's day; one line per member however often scanned."""

import datetime

import pytest
from django.core import signing
from django.urls import reverse

from kegiatan import qr
from kegiatan.models import Kehadiran
from tests.factories import KepengurusanFactory
from tests.factories_kegiatan import KehadiranFactory, PertemuanFactory

HARI = datetime.timedelta(days=1)


@pytest.fixture
def rapat(dunia):
    return PertemuanFactory(kelompok=dunia.kelompok_a, tanggal=qr.hari_ini(), topik="Praktik baik literasi")


def url_pindai(pertemuan, tanggal=None):
    return reverse("kegiatan:kehadiran-pindai", args=[qr.buat_token(pertemuan.pk, tanggal or pertemuan.tanggal)])


def test_token_membawa_pertemuan_dan_tanggal():
    token = qr.buat_token(7, datetime.date(2025, 8, 14))
    assert qr.baca_token(token) == (7, datetime.date(2025, 8, 14))
    with pytest.raises(signing.BadSignature):
        qr.baca_token(token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1])
    with pytest.raises(signing.BadSignature):
        qr.baca_token(signing.dumps([7, "2025-08-14"], salt="garam-lain"))


def test_halaman_qr_menampilkan_svg_dengan_url_absolut(client, pengguna, rapat):
    client.force_login(pengguna["sekretaris"])
    respons = client.get(reverse("kegiatan:kehadiran-qr", args=[rapat.pk]))
    html = respons.content.decode()
    assert "<svg" in html and 'class="segno"' in html
    assert "http://testserver" + url_pindai(rapat) in html


def test_halaman_qr_pertemuan_lain_hari_memberi_tahu_tanggalnya(client, dunia, pengguna):
    besok = PertemuanFactory(kelompok=dunia.kelompok_a, tanggal=qr.hari_ini() + HARI)
    client.force_login(pengguna["sekretaris"])
    assert (
        "Kode QR ini hanya berlaku pada"
        in client.get(reverse("kegiatan:kehadiran-qr", args=[besok.pk])).content.decode()
    )


def test_anggota_check_in_pada_hari_pertemuan(client, dunia, pengguna, rapat):
    client.force_login(pengguna["anggota"])
    url = url_pindai(rapat)
    respons = client.get(url)
    assert respons.status_code == 200 and "Saya hadir" in respons.content.decode()
    assert not Kehadiran.objects.exists()  # GET does not mark
    respons = client.post(url, follow=True)
    baris = Kehadiran.objects.get(pertemuan=rapat, guru=dunia.anggota)
    assert (baris.status, baris.cara) == ("hadir", "qr")
    jam = baris.waktu.astimezone(qr.WIB).strftime("%H.%M")
    assert f"Anda sudah tercatat hadir pukul {jam}" in respons.content.decode()


def test_pindai_kedua_tidak_menggandakan(client, dunia, pengguna, rapat):
    client.force_login(pengguna["anggota"])
    url = url_pindai(rapat)
    client.post(url)
    pertama = Kehadiran.objects.get(guru=dunia.anggota)
    respons = client.post(url, follow=True)
    assert Kehadiran.objects.filter(pertemuan=rapat, guru=dunia.anggota).count() == 1
    assert Kehadiran.objects.get(guru=dunia.anggota).waktu == pertama.waktu
    assert "Anda sudah tercatat hadir pukul" in respons.content.decode()


def test_yang_ditandai_alpa_lalu_datang_menjadi_hadir(client, dunia, pengguna, rapat):
    KehadiranFactory(pertemuan=rapat, guru=dunia.anggota, status="alpa")
    client.force_login(pengguna["anggota"])
    client.post(url_pindai(rapat))
    baris = Kehadiran.objects.get(pertemuan=rapat, guru=dunia.anggota)
    assert (baris.status, baris.cara) == ("hadir", "qr")


@pytest.mark.parametrize("geser, kode", [(-HARI, 410), (HARI, 400)])
def test_kode_ditolak_di_luar_hari_pertemuan(client, dunia, pengguna, geser, kode):
    lain_hari = PertemuanFactory(kelompok=dunia.kelompok_a, tanggal=qr.hari_ini() + geser)
    client.force_login(pengguna["anggota"])
    respons = client.post(url_pindai(lain_hari))
    assert respons.status_code == kode
    assert "Kode QR ini hanya berlaku pada" in respons.content.decode()
    assert not Kehadiran.objects.exists()


def test_kode_lama_setelah_jadwal_diubah_ditolak(client, pengguna, rapat):
    client.force_login(pengguna["anggota"])
    respons = client.get(url_pindai(rapat, tanggal=rapat.tanggal - HARI))
    assert respons.status_code == 410 and "minta kode QR yang baru" in respons.content.decode()


def test_token_palsu_404(client, pengguna, rapat):
    client.force_login(pengguna["anggota"])
    token = qr.buat_token(rapat.pk, rapat.tanggal)
    assert client.get(reverse("kegiatan:kehadiran-pindai", args=[token + "x"])).status_code == 404
    palsu = signing.dumps([rapat.pk, rapat.tanggal.isoformat()], salt="bukan-garam-qr")
    assert client.get(reverse("kegiatan:kehadiran-pindai", args=[palsu])).status_code == 404


def test_tanpa_login_diarahkan_lalu_kembali(client, rapat):
    url = url_pindai(rapat)
    respons = client.get(url)
    assert respons.status_code == 302 and respons.url.startswith(reverse("login"))
    assert "next=" + url.replace(":", "%3A") in respons.url or "next=" + url in respons.url


@pytest.mark.parametrize("peran", ["pengawas", "dinas"])
def test_bukan_anggota_ditolak_dengan_pesan(client, pengguna, rapat, peran):
    client.force_login(pengguna[peran])
    respons = client.post(url_pindai(rapat))
    assert respons.status_code == 403
    assert "Check-in hanya untuk anggota" in respons.content.decode()
    assert not Kehadiran.objects.exists()


def test_guru_kelompok_lain_tidak_menemukan_pertemuan(client, pengguna, rapat):
    client.force_login(pengguna["guru_lain"])
    assert client.post(url_pindai(rapat)).status_code == 404


def test_mantan_anggota_ditolak(client, dunia, pengguna, rapat):
    """Seeing the meeting is not enough: the membership must cover the day. A koordinator whose membership
    ended yesterday still sees the group through the board, but may not check in."""
    dunia.keanggotaan_anggota.selesai = rapat.tanggal - HARI
    dunia.keanggotaan_anggota.save()
    KepengurusanFactory(
        kelompok=dunia.kelompok_a, guru=dunia.anggota, jabatan="koordinator", bidang="PJOK", jadi_anggota=False
    )
    client.force_login(pengguna["anggota"])
    respons = client.post(url_pindai(rapat))
    assert respons.status_code == 403
    assert "Check-in hanya untuk anggota" in respons.content.decode()
    assert not Kehadiran.objects.exists()


def test_pertemuan_dibatalkan_tidak_menerima_check_in(client, pengguna, rapat):
    rapat.status, rapat.alasan_batal = "dibatalkan", "Hujan deras"
    rapat.save()
    client.force_login(pengguna["anggota"])
    respons = client.post(url_pindai(rapat))
    assert respons.status_code == 400 and "dibatalkan" in respons.content.decode()
    assert not Kehadiran.objects.exists()
