"""The cash book's rules: amounts typed the Indonesian way, immutable entries, reversals, the running number,
grants, expenses and the dues arrears."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Sum

from kegiatan.forms.kas import baca_rupiah
from kegiatan.models import EntriKas
from kegiatan.services import kas as layanan
from tests.factories import KeanggotaanFactory
from tests.factories_kegiatan import PertemuanFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def bukti_pdf(nama="nota.pdf"):
    return SimpleUploadedFile(nama, PDF, content_type="application/pdf")


def saldo(kelompok):
    entri = EntriKas.objects.filter(kelompok=kelompok)
    masuk = entri.filter(arah="masuk").aggregate(s=Sum("jumlah"))["s"] or 0
    return masuk - (entri.filter(arah="keluar").aggregate(s=Sum("jumlah"))["s"] or 0)


@pytest.fixture
def bendahara(pengguna):
    return pengguna["bendahara"]


@pytest.mark.parametrize(
    "teks, nilai",
    [("1.250.000", 1_250_000), ("1250000", 1_250_000), ("Rp 1.250.000", 1_250_000), ("Rp1.250.000,-", 1_250_000),
     (" 50.000 ", 50_000)],
)  # fmt: skip
def test_jumlah_diketik_seperti_biasa(teks, nilai):
    assert baca_rupiah(teks) == nilai


@pytest.mark.parametrize(
    "teks, pesan",
    [("1.250,50", "tanpa sen"), ("1,5", "tanpa sen"), ("1.25", "tanpa sen"), ("dua ribu", "tanpa sen"),
     ("0", "lebih dari nol"), ("-5.000", "lebih dari nol"), ("Rp 0", "lebih dari nol")],
)  # fmt: skip
def test_jumlah_salah_ditolak_dengan_pesan(teks, pesan):
    with pytest.raises(ValidationError) as e:
        baca_rupiah(teks)
    assert pesan in e.value.messages[0]


def test_nomor_berurutan_per_kelompok(dunia, bendahara, pengguna):
    nomor = [
        layanan.catat_penerimaan(dunia.kelompok_a, oleh=bendahara, jumlah=10_000, uraian=f"Kas {i}").nomor
        for i in range(3)
    ]
    assert nomor == [1, 2, 3]
    lain = layanan.catat_penerimaan(dunia.kelompok_b, oleh=pengguna["admin"], jumlah=5_000, uraian="Kas B")
    assert lain.nomor == 1


def test_entri_tidak_dapat_diubah_atau_dihapus(dunia, bendahara):
    entri = layanan.catat_penerimaan(dunia.kelompok_a, oleh=bendahara, jumlah=10_000, uraian="Sumbangan")
    entri.jumlah = 1
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        entri.save()
    with pytest.raises(ValidationError, match="tidak dapat dihapus"):
        entri.delete()
    assert EntriKas.objects.get(pk=entri.pk).jumlah == 10_000


@pytest.mark.parametrize("peran", ["ketua", "sekretaris", "pengawas", "dinas", "anggota", "guru_lain"])
def test_hanya_bendahara_yang_mencatat(dunia, pengguna, peran):
    with pytest.raises(PermissionDenied):
        layanan.catat_penerimaan(dunia.kelompok_a, oleh=pengguna[peran], jumlah=10_000, uraian="x")
    assert not EntriKas.objects.exists()


def test_koreksi_mengembalikan_saldo_dan_hanya_sekali(dunia, bendahara):
    layanan.catat_penerimaan(dunia.kelompok_a, oleh=bendahara, jumlah=500_000, uraian="Saldo awal")
    salah = layanan.catat_penerimaan(dunia.kelompok_a, oleh=bendahara, jumlah=75_000, uraian="Salah ketik")
    balik = layanan.koreksi(salah, alasan="Jumlah salah ketik", oleh=bendahara)
    assert (balik.arah, balik.jumlah, balik.kategori, balik.membalik) == ("keluar", 75_000, "koreksi", salah)
    assert saldo(dunia.kelompok_a) == 500_000
    with pytest.raises(ValidationError, match="sudah dikoreksi"):
        layanan.koreksi(salah, alasan="lagi", oleh=bendahara)
    with pytest.raises(ValidationError, match="adalah koreksi"):
        layanan.koreksi(balik, alasan="lagi", oleh=bendahara)


def test_koreksi_butuh_alasan(dunia, bendahara):
    entri = layanan.catat_penerimaan(dunia.kelompok_a, oleh=bendahara, jumlah=75_000, uraian="x")
    with pytest.raises(ValidationError) as e:
        layanan.koreksi(entri, alasan="  ", oleh=bendahara)
    assert e.value.message_dict["alasan"] == ["Tuliskan alasan koreksi."]
    assert EntriKas.objects.count() == 1


def test_hibah_butuh_sumber_dana_dan_referensi(dunia, bendahara):
    with pytest.raises(ValidationError) as e:
        layanan.catat_penerimaan(dunia.kelompok_a, oleh=bendahara, jumlah=5_000_000, uraian="Bantuan", kategori="hibah")
    assert set(e.value.message_dict) == {"sumber_dana", "referensi"}
    hibah = layanan.catat_penerimaan(
        dunia.kelompok_a, oleh=bendahara, jumlah=5_000_000, uraian="Bantuan KKG", kategori="hibah",
        sumber_dana="kemenag", referensi="B-123/Kw.01/2025",
    )  # fmt: skip
    assert hibah.get_sumber_dana_display().startswith("Kemenag")


def test_pengeluaran_untuk_pertemuan_kelompok_lain_ditolak(dunia, bendahara, pertemuan_b):
    with pytest.raises(ValidationError) as e:
        layanan.catat_pengeluaran(
            dunia.kelompok_a,
            oleh=bendahara,
            jumlah=100_000,
            uraian="Konsumsi",
            bukti=bukti_pdf(),
            pertemuan=pertemuan_b,
        )
    assert "pertemuan" in e.value.message_dict


def test_pengeluaran_butuh_bukti_yang_isinya_benar(dunia, bendahara, pertemuan_a):
    palsu = SimpleUploadedFile("nota.jpg", b"ini teks biasa, bukan foto", content_type="image/jpeg")
    with pytest.raises(ValidationError) as e:
        layanan.catat_pengeluaran(dunia.kelompok_a, oleh=bendahara, jumlah=100_000, uraian="Konsumsi", bukti=palsu)
    assert "Isi berkas bukan jenis yang diizinkan" in e.value.message_dict["bukti"][0]
    entri = layanan.catat_pengeluaran(
        dunia.kelompok_a, oleh=bendahara, jumlah=100_000, uraian="Konsumsi", bukti=bukti_pdf(), pertemuan=pertemuan_a
    )
    assert entri.bukti.name.startswith("bukti/") and entri.pertemuan == pertemuan_a


# --- iuran ------------------------------------------------------------------------------------------------------


def bulan(tahun, b):
    return datetime.date(tahun, b, 1)


def test_iuran_beberapa_bulan_dan_anggota_sekaligus_lalu_ganda_ditolak(dunia, bendahara):
    layanan.atur_tarif(dunia.kelompok_a, oleh=bendahara, nominal=10_000, berlaku_mulai=bulan(2025, 1))
    ketua = dunia.ketua
    entri = layanan.catat_iuran(
        dunia.kelompok_a, oleh=bendahara, anggota=[dunia.anggota, ketua], bulan=[bulan(2025, 1), bulan(2025, 2)]
    )
    assert len(entri) == 4 and {e.jumlah for e in entri} == {10_000}
    with pytest.raises(ValidationError, match=r"Anggota KKG A \(02/2025\)"):
        layanan.catat_iuran(dunia.kelompok_a, oleh=bendahara, anggota=[dunia.anggota], bulan=[bulan(2025, 2)])
    # Reversed, the month is open again.
    februari = next(e for e in entri if e.anggota == dunia.anggota and e.periode_iuran == bulan(2025, 2))
    layanan.koreksi(februari, alasan="Salah anggota", oleh=bendahara)
    layanan.catat_iuran(dunia.kelompok_a, oleh=bendahara, anggota=[dunia.anggota], bulan=[bulan(2025, 2)])


def test_iuran_bukan_anggota_ditolak(dunia, bendahara):
    with pytest.raises(ValidationError, match="Bukan anggota"):
        layanan.catat_iuran(
            dunia.kelompok_a, oleh=bendahara, anggota=[dunia.guru_lain], bulan=[bulan(2025, 1)], nominal=10_000
        )


def test_iuran_tanpa_tarif_butuh_nominal(dunia, bendahara):
    with pytest.raises(ValidationError) as e:
        layanan.catat_iuran(dunia.kelompok_a, oleh=bendahara, anggota=[dunia.anggota], bulan=[bulan(2025, 1)])
    assert "Belum ada tarif iuran untuk 01/2025" in e.value.message_dict["nominal"][0]


def test_tunggakan_melintasi_perubahan_tarif_dan_anggota_baru(dunia, bendahara):
    k = dunia.kelompok_a
    # Only the plain member and a newcomer count here: the board's memberships are taken out of the picture.
    k.keanggotaan.exclude(guru=dunia.anggota).delete()
    baru = KeanggotaanFactory(kelompok=k, mulai=datetime.date(2025, 4, 15)).guru
    layanan.atur_tarif(k, oleh=bendahara, nominal=10_000, berlaku_mulai=datetime.date(2025, 1, 20))
    layanan.atur_tarif(k, oleh=bendahara, nominal=15_000, berlaku_mulai=bulan(2025, 4))
    layanan.catat_iuran(k, oleh=bendahara, anggota=[dunia.anggota], bulan=[bulan(2025, 1), bulan(2025, 4)])
    layanan.catat_iuran(k, oleh=bendahara, anggota=[baru], bulan=[bulan(2025, 4)], nominal=5_000)  # part of it

    hasil = {t.guru: t for t in layanan.tunggakan_iuran(k, sampai=datetime.date(2025, 6, 30))}
    lama = hasil[dunia.anggota]  # member since 2024: owes from the first tariff (Jan 2025) on
    assert lama.lunas == [bulan(2025, 1), bulan(2025, 4)]
    assert lama.terutang == [(bulan(2025, 2), 10_000), (bulan(2025, 3), 10_000), (bulan(2025, 5), 15_000),
                             (bulan(2025, 6), 15_000)]  # fmt: skip
    assert lama.jumlah == 50_000
    # Joined mid-April: April (10.000 still short), May, June at 15.000.
    assert hasil[baru].terutang == [(bulan(2025, 4), 10_000), (bulan(2025, 5), 15_000), (bulan(2025, 6), 15_000)]
    assert hasil[baru].jumlah == 40_000


def test_tarif_bulan_sama_diganti(dunia, bendahara):
    layanan.atur_tarif(dunia.kelompok_a, oleh=bendahara, nominal=10_000, berlaku_mulai=datetime.date(2025, 7, 9))
    tarif = layanan.atur_tarif(dunia.kelompok_a, oleh=bendahara, nominal=12_000, berlaku_mulai=bulan(2025, 7))
    assert dunia.kelompok_a.tarif_iuran.get() == tarif and tarif.nominal == 12_000


def test_pertemuan_kelompok_sendiri_boleh(dunia, bendahara):
    lain = PertemuanFactory(kelompok=dunia.kelompok_a)
    entri = layanan.catat_pengeluaran(
        dunia.kelompok_a, oleh=bendahara, jumlah=1, uraian="x", bukti=SimpleUploadedFile("a.png", PNG), pertemuan=lain
    )
    assert entri.nomor == 1
