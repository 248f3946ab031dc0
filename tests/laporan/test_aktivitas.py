"""Activity dashboards (laporan/services/aktivitas.py, laporan/views/aktivitas.py): the figures on a known data
set, who sees which page, the query caps and the SVG charts."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gugus.models import KelompokKerja
from kegiatan.models import Kehadiran, Notulen, Pertemuan, Produk
from laporan.models import Distribusi, Laporan
from laporan.services.aktivitas import hitung_aktivitas, periode_bawaan
from tests.factories import KelompokKerjaFactory
from tests.factories_kegiatan import (
    KehadiranFactory,
    LangkahProgramFactory,
    NotulenFactory,
    PertemuanFactory,
    ProgramKerjaFactory,
)

S = Pertemuan.Status
DES, JAN, FEB = datetime.date(2024, 12, 1), datetime.date(2025, 1, 1), datetime.date(2025, 2, 1)
HARI_INI = datetime.date(2025, 3, 31)


def _jakarta(tanggal: datetime.date, jam: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(tanggal, datetime.time(jam)))


def _distribusikan(pertemuan, oleh, tanggal):
    notulen = NotulenFactory(
        pertemuan=pertemuan, status=Notulen.Status.DISETUJUI, disetujui_oleh=oleh, disetujui_pada=_jakarta(tanggal)
    )
    d = Distribusi.objects.create(notulen=notulen, dibuat_oleh=oleh)
    Distribusi.objects.filter(pk=d.pk).update(dibuat=_jakarta(tanggal))


def _produk(pertemuan, judul="TP kelas 2"):
    return Produk.objects.create(
        pertemuan=pertemuan, kelompok=pertemuan.kelompok, judul=judul, jenis=Produk.Jenis.values[0],
        berkas=SimpleUploadedFile("tp.pdf", b"%PDF-1.4"), nama_berkas="tp.pdf", tipe_berkas="application/pdf",
        ukuran=8,
    )  # fmt: skip


def _laporan(kelompok, mulai, diajukan=None):
    selesai = (mulai + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    return Laporan.objects.create(
        kelompok=kelompok, jenis=Laporan.Jenis.BULANAN, mulai=mulai, selesai=selesai, versi=1 if diajukan else 0,
        status=Laporan.Status.DIAJUKAN if diajukan else Laporan.Status.DRAF,
        pertama_diajukan=_jakarta(diajukan) if diajukan else None,
    )  # fmt: skip


@pytest.fixture
def kegiatan_a(dunia, pengguna):
    """KKG A in February 2025: 4 meetings planned, 3 held; attendance 2 of 3 members on the first; notulen of the
    first distributed the next day, of the second after 5 days; 2 products; an In-On-In programme of 5 steps, 2
    with a held meeting. Reports: December on time, January late, February missing."""
    k = dunia.kelompok_a
    program = ProgramKerjaFactory(kelompok=k, tahun_ajaran="2024/2025", in_on_in=True, rencana_pertemuan=5)
    langkah = [LangkahProgramFactory(program=program, urutan=i) for i in range(1, 6)]
    rapat = [
        PertemuanFactory(kelompok=k, tanggal=datetime.date(2025, 2, d), status=s, program=program, langkah=lk)
        for d, s, lk in ((3, S.TERLAKSANA, langkah[0]), (10, S.TERLAKSANA, langkah[1]), (17, S.TERLAKSANA, None),
                         (24, S.DIRENCANAKAN, langkah[2]))
    ]  # fmt: skip
    for guru, status in ((dunia.anggota, "hadir"), (dunia.ketua, "hadir"), (dunia.guru_calon, "alpa")):
        KehadiranFactory(pertemuan=rapat[0], guru=guru, status=status)
    KehadiranFactory(pertemuan=rapat[0], nama_tamu="Tamu", status=Kehadiran.Status.HADIR)  # guests do not count
    _distribusikan(rapat[0], pengguna["ketua"], datetime.date(2025, 2, 4))
    _distribusikan(rapat[1], pengguna["ketua"], datetime.date(2025, 2, 15))
    _produk(rapat[0])
    _produk(rapat[0], "Modul ajar")
    _laporan(k, DES, diajukan=datetime.date(2025, 1, 5))
    _laporan(k, JAN, diajukan=datetime.date(2025, 2, 20))
    _laporan(k, FEB)  # a draft, never submitted
    return rapat


def test_angka_keaktifan_pada_data_yang_diketahui(dunia, kegiatan_a):
    hasil = hitung_aktivitas(KelompokKerja.objects.filter(pk=dunia.kelompok_a.pk), [DES, JAN, FEB], HARI_INI)
    t = hasil.total
    assert (t.terlaksana, t.direncanakan) == (3, 4)
    assert (t.hadir, t.tercatat, t.persen_hadir) == (2, 3, 67)
    assert (t.notulen_tepat, t.notulen, t.persen_notulen) == (1, 2, 50)
    assert (t.laporan_tepat, t.laporan_terlambat, t.laporan_tidak_ada) == (1, 1, 1)
    assert (t.langkah_selesai, t.langkah, t.persen_in_on_in) == (2, 5, 40)
    assert t.produk == 2
    assert hasil.per_bulan[FEB].terlaksana == 3 and hasil.per_bulan[JAN].terlaksana == 0
    assert hasil.per_bulan[FEB].produk == 2
    assert hasil.per_bulan[JAN].laporan_terlambat == 1


def test_laporan_belum_jatuh_tempo_tidak_dihitung(dunia, kegiatan_a):
    hasil = hitung_aktivitas(KelompokKerja.objects.filter(pk=dunia.kelompok_a.pk), [FEB], FEB)
    assert hasil.total.laporan_jatuh_tempo == 0


def test_kelompok_tanpa_laporan_perlu_perhatian_lebih_dulu(dunia, kegiatan_a):
    kelompok = KelompokKerja.objects.filter(pk__in=[dunia.kelompok_a.pk, dunia.kelompok_b.pk])
    urut = hitung_aktivitas(kelompok, [DES, JAN, FEB], HARI_INI).urut_perhatian()
    assert urut[0].kelompok == dunia.kelompok_b
    assert "belum ada pertemuan terlaksana" in urut[0].perhatian


def test_periode_bawaan_dua_belas_bulan_terakhir():
    bulan = periode_bawaan(datetime.date(2026, 3, 15))
    assert (len(bulan), bulan[0], bulan[-1]) == (12, datetime.date(2025, 4, 1), datetime.date(2026, 3, 1))


def _isi_kelompok(dunia, n):
    """n groups in gugus A, each with a held meeting this month, attendance, a distributed notulen, a product, a
    report and an In-On-In step."""
    hari_ini = timezone.localdate()
    for _i in range(n):
        k = KelompokKerjaFactory(gugus=dunia.gugus_a)
        program = ProgramKerjaFactory(kelompok=k, in_on_in=True)
        p = PertemuanFactory(
            kelompok=k, tanggal=hari_ini, status=S.TERLAKSANA, program=program,
            langkah=LangkahProgramFactory(program=program),
        )  # fmt: skip
        KehadiranFactory(pertemuan=p, guru=dunia.anggota)
        _distribusikan(p, dunia.admin, hari_ini)
        _produk(p)
        _laporan(k, periode_bawaan()[0], diajukan=hari_ini)


@pytest.mark.parametrize("n", [2, 20])
def test_jumlah_kueri_tetap_berapa_pun_kelompoknya(dunia, django_assert_max_num_queries, n):
    _isi_kelompok(dunia, n)
    kelompok = KelompokKerja.objects.filter(gugus=dunia.gugus_a)
    with django_assert_max_num_queries(8):
        hasil = hitung_aktivitas(kelompok)
    assert hasil.total.terlaksana == n and hasil.total.produk == n and hasil.total.langkah_selesai == n


@pytest.mark.parametrize("n", [2, 20])
def test_halaman_kabupaten_jumlah_kueri_tetap(client, dunia, pengguna, django_assert_max_num_queries, n):
    _isi_kelompok(dunia, n)
    client.force_login(pengguna["dinas"])
    # session, user, the role (3), the kabupaten, the figures (8), the navbar's count of reports waiting (1)
    with django_assert_max_num_queries(15):
        r = client.get(reverse("laporan:aktivitas-kabupaten"))
    assert r.status_code == 200
    assert len(r.context["page_obj"].object_list) == n + 1  # and KKG A


def _url(nama, dunia):
    args = {"kelompok": [dunia.kelompok_a.pk], "gugus": [dunia.gugus_a.pk], "kabupaten": []}[nama]
    return reverse(f"laporan:aktivitas-{nama}", args=args)


@pytest.mark.parametrize(
    "halaman, peran, kode",
    [
        ("kelompok", "ketua", 200), ("kelompok", "bendahara", 200), ("kelompok", "pengawas", 200),
        ("kelompok", "dinas", 200), ("kelompok", "admin", 200), ("kelompok", "anggota", 403),
        ("kelompok", "guru_lain", 404), ("kelompok", "dinas_lain", 404), ("kelompok", "tamu", 302),
        ("gugus", "dinas", 200), ("gugus", "admin", 200), ("gugus", "pengawas", 200), ("gugus", "ketua", 403),
        ("gugus", "anggota", 403), ("gugus", "dinas_lain", 404), ("gugus", "guru_lain", 404),
        ("kabupaten", "dinas", 200), ("kabupaten", "admin", 200), ("kabupaten", "dinas_lain", 200),
        ("kabupaten", "pengawas", 403), ("kabupaten", "ketua", 403), ("kabupaten", "tamu", 302),
    ],
)  # fmt: skip
def test_akses_halaman_keaktifan(client, dunia, pengguna, halaman, peran, kode):
    if pengguna[peran] is not None:
        client.force_login(pengguna[peran])
    assert client.get(_url(halaman, dunia)).status_code == kode


def test_dinas_lain_melihat_kabupatennya_sendiri(client, dunia, pengguna):
    client.force_login(pengguna["dinas_lain"])
    r = client.get(reverse("laporan:aktivitas-kabupaten"))
    assert r.context["subjek"] == dunia.kabupaten_b
    assert [b.kelompok for b in r.context["page_obj"].object_list] == [dunia.kelompok_b]


def test_admin_memilih_kabupaten(client, dunia, pengguna):
    client.force_login(pengguna["admin"])
    r = client.get(reverse("laporan:aktivitas-kabupaten"), {"kabupaten": dunia.kabupaten_b.pk})
    assert r.context["subjek"] == dunia.kabupaten_b
    assert r.context["pilihan_kabupaten"]


def test_pengawas_melihat_hanya_kelompok_dampingannya_di_gugus(client, dunia, pengguna):
    KelompokKerjaFactory(gugus=dunia.gugus_a)  # not accompanied by this pengawas
    client.force_login(pengguna["pengawas"])
    r = client.get(_url("gugus", dunia))
    assert [b.kelompok for b in r.context["page_obj"].object_list] == [dunia.kelompok_a]


def test_grafik_svg_valid_dan_berjudul(client, dunia, pengguna, kegiatan_a):
    client.force_login(pengguna["ketua"])
    html = client.get(_url("kelompok", dunia)).content.decode()
    svg = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(svg) == 3
    ns = {"s": "http://www.w3.org/2000/svg"}
    for teks in svg:
        akar = ET.fromstring(teks)
        assert akar.get("role") == "img" and akar.get("width") == "100%" and akar.get("viewBox")
        assert akar.find("s:title", ns).text and akar.find("s:desc", ns).text
        for el in list(akar.iter())[1:]:  # coordinates are numbers, not localized ("204,5")
            for nama in ("x", "y", "width", "height", "y1"):
                if nama in el.attrib:
                    float(el.attrib[nama])
    assert "Angka per bulan" in html  # the same numbers as a table


def test_tabel_per_kelompok_dapat_diurutkan_dan_dipaginasi(client, dunia, pengguna):
    for _i in range(3):
        KelompokKerjaFactory(gugus=dunia.gugus_a)
    client.force_login(pengguna["dinas"])
    from laporan.views.aktivitas import AktivitasGugus

    AktivitasGugus.per_halaman, asli = 2, AktivitasGugus.per_halaman
    try:
        r = client.get(_url("gugus", dunia), {"urut": "nama", "page": 2})
    finally:
        AktivitasGugus.per_halaman = asli
    page = r.context["page_obj"]
    assert page.paginator.count == 4 and page.number == 2
    nama = [b.kelompok.nama for b in page.paginator.object_list]
    assert nama == sorted(nama)
