"""The report's journey (laporan/services/berjenjang.py): who may take which step from which state, the frozen
snapshot, the timeline, the notices in the outbox and the PDF rendered in parts."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kegiatan.models import Kehadiran, Pertemuan
from kkg.surel.models import Surel
from laporan.models import Dokumen, Laporan, RiwayatLaporan
from laporan.services import berjenjang as layanan
from tests.factories_kegiatan import PertemuanFactory

Status = Laporan.Status


@pytest.fixture
def bulan_lalu():
    mulai, _selesai = layanan.periode_sebelumnya(Laporan.Jenis.BULANAN, timezone.localdate())
    return mulai


@pytest.fixture
def pertemuan_bulan_lalu(dunia, bulan_lalu):
    p = PertemuanFactory(
        kelompok=dunia.kelompok_a, tanggal=bulan_lalu + datetime.timedelta(days=3), status=Pertemuan.Status.TERLAKSANA
    )
    Kehadiran.objects.create(pertemuan=p, guru=dunia.anggota, status=Kehadiran.Status.HADIR)
    Kehadiran.objects.create(pertemuan=p, guru=dunia.ketua, status=Kehadiran.Status.IZIN)
    return p


@pytest.fixture
def draf(dunia, pengguna, bulan_lalu, pertemuan_bulan_lalu):
    return layanan.buat_laporan(dunia.kelompok_a, oleh=pengguna["ketua"], jenis="bulanan", tanggal=bulan_lalu)


def test_ketua_membuat_laporan_bulanan_untuk_periode_sebulan(draf, bulan_lalu):
    assert (draf.mulai, draf.status) == (bulan_lalu, Status.DRAF)
    assert draf.selesai.month == bulan_lalu.month and (draf.selesai + datetime.timedelta(days=1)).day == 1
    assert draf.riwayat.get().aksi == RiwayatLaporan.Aksi.BUAT


@pytest.mark.parametrize("peran", ["sekretaris", "anggota", "pengawas", "dinas", "guru_lain"])
def test_hanya_ketua_yang_membuat_laporan(dunia, pengguna, peran):
    with pytest.raises(PermissionDenied):
        layanan.buat_laporan(dunia.kelompok_a, oleh=pengguna[peran], jenis="bulanan")


def test_satu_laporan_per_periode(draf, dunia, pengguna, bulan_lalu):
    with pytest.raises(ValidationError, match="sudah ada"):
        layanan.buat_laporan(dunia.kelompok_a, oleh=pengguna["ketua"], jenis="bulanan", tanggal=bulan_lalu)


def test_pengajuan_membekukan_isi_dan_memberi_tahu_pengawas(draf, pengguna, pertemuan_bulan_lalu):
    laporan = layanan.ajukan_laporan(draf, oleh=pengguna["ketua"])
    versi = laporan.daftar_versi.get()
    assert (laporan.status, laporan.versi, versi.nomor) == (Status.DIAJUKAN, 1, 1)
    baris = versi.isi["pertemuan"][0]
    assert (baris["topik"], baris["hadir"], baris["tercatat"], baris["persen_hadir"]) == (
        pertemuan_bulan_lalu.topik,
        1,
        2,
        50,
    )
    # Later edits of the meeting do not change what was submitted.
    Pertemuan.objects.filter(pk=pertemuan_bulan_lalu.pk).update(topik="Diubah sesudah diajukan")
    versi.refresh_from_db()
    assert versi.isi["pertemuan"][0]["topik"] == pertemuan_bulan_lalu.topik
    surel = Surel.objects.get(kepada=pengguna["pengawas"].email.lower())
    assert draf.judul in surel.subjek and f"/laporan/{draf.pk}/" in surel.isi


def test_kelompok_tanpa_pengawas_tidak_dapat_mengajukan(draf, dunia, pengguna):
    dunia.pendampingan_a.delete()
    with pytest.raises(ValidationError, match="pengawas"):
        layanan.ajukan_laporan(draf, oleh=pengguna["ketua"])
    draf.refresh_from_db()
    assert draf.status == Status.DRAF


def test_perjalanan_lengkap_dengan_pengembalian(draf, pengguna):
    ketua, pengawas, dinas = pengguna["ketua"], pengguna["pengawas"], pengguna["dinas"]
    layanan.ajukan_laporan(draf, oleh=ketua)
    with pytest.raises(ValidationError):
        layanan.kembalikan_laporan(draf, oleh=pengawas, catatan="  ")  # a return needs a note
    layanan.kembalikan_laporan(draf, oleh=pengawas, catatan="Lengkapi dampak bagi murid.")
    layanan.ubah_narasi(draf, oleh=ketua, capaian="", kendala="", tindak_lanjut="", dampak="Nilai membaca naik.")
    layanan.ajukan_laporan(draf, oleh=ketua)
    layanan.setujui_laporan(draf, oleh=pengawas, catatan="Baik.")
    laporan = layanan.terima_laporan(draf, oleh=dinas)
    assert laporan.status == Status.DITERIMA and laporan.versi == 2
    assert list(laporan.riwayat.values_list("aksi", "nama_oleh")) == [
        ("buat", "Ketua KKG A"),
        ("ajukan", "Ketua KKG A"),
        ("kembalikan", pengawas.get_full_name() or pengawas.get_username()),
        ("ajukan", "Ketua KKG A"),
        ("setujui", pengawas.get_full_name() or pengawas.get_username()),
        ("teruskan", pengawas.get_full_name() or pengawas.get_username()),
        ("terima", dinas.get_full_name() or dinas.get_username()),
    ]
    # Old versions stay readable; the second carries the revised narrative.
    assert [v.isi["narasi"]["dampak"] for v in laporan.daftar_versi.order_by("nomor")] == ["", "Nilai membaca naik."]


@pytest.mark.parametrize(
    "langkah, peran",
    [
        ("ajukan", "sekretaris"),
        ("ajukan", "pengawas"),
        ("setujui", "ketua"),
        ("setujui", "dinas"),
        ("setujui", "dinas_lain"),
        ("terima", "pengawas"),
        ("terima", "dinas_lain"),
    ],
)
def test_peran_yang_salah_ditolak_di_setiap_langkah(draf, pengguna, langkah, peran):
    if langkah in ("setujui", "terima"):
        layanan.ajukan_laporan(draf, oleh=pengguna["ketua"])
    if langkah == "terima":
        layanan.setujui_laporan(draf, oleh=pengguna["pengawas"])
    fungsi = {"ajukan": layanan.ajukan_laporan, "setujui": layanan.setujui_laporan, "terima": layanan.terima_laporan}
    sebelum = Laporan.objects.get(pk=draf.pk).status
    with pytest.raises(PermissionDenied):
        fungsi[langkah](draf, oleh=pengguna[peran])
    assert Laporan.objects.get(pk=draf.pk).status == sebelum


def test_langkah_dari_status_yang_salah_ditolak_dengan_pesan(draf, pengguna):
    with pytest.raises(ValidationError, match="sedang diajukan"):
        layanan.setujui_laporan(draf, oleh=pengguna["pengawas"])
    with pytest.raises(ValidationError, match="diteruskan ke Dinas"):
        layanan.terima_laporan(draf, oleh=pengguna["dinas"])


def test_aksi_tersedia_per_peran(draf, pengguna):
    assert layanan.aksi_tersedia(pengguna["ketua"], draf) == ["ajukan"]
    assert layanan.aksi_tersedia(pengguna["pengawas"], draf) == []
    diajukan = layanan.ajukan_laporan(draf, oleh=pengguna["ketua"])
    assert layanan.aksi_tersedia(pengguna["pengawas"], diajukan) == ["kembalikan", "setujui"]
    assert layanan.aksi_tersedia(pengguna["ketua"], diajukan) == []


def test_pdf_laporan_dirender_bertahap_dan_digabung(
    draf, pengguna, render_terhitung, django_capture_on_commit_callbacks
):
    from pypdf import PdfReader

    with django_capture_on_commit_callbacks(execute=True):
        layanan.ajukan_laporan(draf, oleh=pengguna["ketua"])
    versi = draf.daftar_versi.get()
    dokumen = Dokumen.objects.get(pk=versi.dokumen_id)  # eager: rendered in parts and joined at once
    assert dokumen.status == Dokumen.Status.BERLAKU and not dokumen.bagian.exists()
    with dokumen.berkas.open("rb") as f:
        pdf = PdfReader(f)
        teks = "\n".join(h.extract_text() for h in pdf.pages)
        jumlah = len(pdf.pages)
    for judul in ("LEMBAR PENGESAHAN", "PENDAHULUAN", "PELAKSANAAN", "HASIL DAN DAMPAK", "PENUTUP", "Daftar Hadir"):
        assert judul.lower() in teks.lower()
    assert f"Halaman {jumlah} dari {jumlah}" in teks and "Halaman 1 dari" in teks
    assert render_terhitung.jumlah >= 3  # the parts, and the page-number overlay


@pytest.mark.parametrize(
    "langkah, peran, sebelumnya",
    [
        ("ajukan", "ketua", []),
        ("kembalikan", "pengawas", ["ajukan"]),
        ("setujui", "pengawas", ["ajukan"]),
        ("teruskan", "pengawas", ["ajukan", "setujui_saja"]),
        ("terima", "dinas", ["ajukan", "setujui"]),
    ],
)
def test_halaman_konfirmasi_setiap_langkah_terbuka_bagi_yang_berhak(client, draf, pengguna, langkah, peran, sebelumnya):
    for s in sebelumnya:
        if s == "ajukan":
            layanan.ajukan_laporan(draf, oleh=pengguna["ketua"])
        else:
            layanan.setujui_laporan(draf, oleh=pengguna["pengawas"], teruskan=s == "setujui")
    client.force_login(pengguna[peran])
    respons = client.get(f"/laporan/{draf.pk}/{langkah}/")
    assert respons.status_code == 200
    client.force_login(pengguna["anggota"])
    assert client.get(f"/laporan/{draf.pk}/{langkah}/").status_code in (403, 404)


def test_bendahara_menyusun_lpj_tetapi_bukan_laporan_bulanan(dunia, pengguna, django_capture_on_commit_callbacks):
    from kegiatan.models import EntriKas

    bendahara = pengguna["bendahara"]
    hibah = EntriKas.objects.create(
        kelompok=dunia.kelompok_a, nomor=1, arah="masuk", kategori="hibah", jumlah=5_000_000,
        uraian="Bantuan kelompok kerja", sumber_dana="kemenag", referensi="B-12/2026", tanggal=timezone.localdate(),
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        layanan.buat_laporan(dunia.kelompok_a, oleh=bendahara, jenis="bulanan")
    lpj = layanan.buat_laporan(dunia.kelompok_a, oleh=bendahara, jenis="lpj", hibah=hibah)
    with django_capture_on_commit_callbacks(execute=True):
        pratinjau = layanan.minta_pratinjau(lpj, oleh=bendahara)
    pratinjau.refresh_from_db()
    assert pratinjau.status == Dokumen.Status.BERLAKU
    with pytest.raises(PermissionDenied):  # the ketua submits it
        layanan.ajukan_laporan(lpj, oleh=bendahara)


def test_verifikasi_pratinjau_bukan_dokumen_resmi_dan_versi_menyebut_laporan(
    client, draf, pengguna, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pratinjau = layanan.minta_pratinjau(draf, oleh=pengguna["ketua"])
        layanan.ajukan_laporan(draf, oleh=pengguna["ketua"])
    assert "bukan dokumen resmi" in client.get(pratinjau.get_verifikasi_url()).content.decode()
    dokumen = draf.daftar_versi.get().dokumen
    halaman = client.get(dokumen.get_verifikasi_url()).content.decode()
    assert "asli dan berlaku" in halaman and draf.judul in halaman and "Diajukan ke pengawas" in halaman


def test_ketua_kelompok_yang_terlambat_diingatkan_sekali_per_periode(dunia, pengguna):
    from laporan.services.tenggat import ingatkan_terlambat

    hari_ini = datetime.date(2026, 11, 30)  # October's monthly report was due on 10 November
    assert ingatkan_terlambat(hari_ini) == 3  # KKG A's ketua: the monthly, semester and yearly reports
    surel = Surel.objects.get(kunci__startswith=f"tenggat:{dunia.kelompok_a.pk}:bulanan:2026-10-01")
    assert surel.kepada == pengguna["ketua"].guru.alamat_email and "Oktober 2026" in surel.subjek
    ingatkan_terlambat(hari_ini)  # the next morning: the outbox key keeps it to one e-mail per period
    assert Surel.objects.filter(kunci__startswith="tenggat:").count() == 3


def test_kelompok_yang_sudah_mengajukan_tidak_diingatkan(dunia, pengguna):
    from laporan.services.tenggat import ingatkan_terlambat

    Laporan.objects.create(
        kelompok=dunia.kelompok_a, jenis="bulanan", status="diajukan", versi=1,
        mulai=datetime.date(2026, 10, 1), selesai=datetime.date(2026, 10, 31),
    )  # fmt: skip
    ingatkan_terlambat(datetime.date(2026, 11, 30))
    assert not Surel.objects.filter(kunci__contains=":bulanan:").exists()
    assert Surel.objects.filter(kunci__contains=":semester:").exists()
