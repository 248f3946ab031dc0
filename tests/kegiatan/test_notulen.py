"""Notulen: writing the draft, submitting, approving, returning; sanitising; access per role."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kegiatan.models import Notulen, Pertemuan, TindakLanjut
from tests import kotak_keluar
from tests.factories_kegiatan import NotulenFactory, PertemuanFactory, TindakLanjutFactory

KEMARIN = datetime.date.today() - datetime.timedelta(days=1)


@pytest.fixture
def pertemuan(pertemuan_a):
    """KKG A's meeting, held yesterday."""
    pertemuan_a.tanggal = KEMARIN
    pertemuan_a.status = Pertemuan.Status.TERLAKSANA
    pertemuan_a.save()
    return pertemuan_a


def isian(tindak_lanjut=(), awal=0, **bagian):
    """POST data of the writing page: the sections and the action-item rows (prefix "tl")."""
    data = {"pembukaan": "Dibuka ketua.", "pembahasan": "- Analisis CP", "kesimpulan": "- TP disepakati", **bagian}
    data |= {"tl-TOTAL_FORMS": str(len(tindak_lanjut)), "tl-INITIAL_FORMS": str(awal)}
    data |= {"tl-MIN_NUM_FORMS": "0", "tl-MAX_NUM_FORMS": "1000"}
    for i, baris in enumerate(tindak_lanjut):
        data |= {f"tl-{i}-{k}": v for k, v in baris.items()}
    return data


def url(nama, pertemuan, **query):
    alamat = reverse(f"kegiatan:{nama}", args=[pertemuan.pk])
    return alamat + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def masuk(client, pengguna, peran):
    if pengguna[peran]:
        client.force_login(pengguna[peran])
    return client


# --- writing ----------------------------------------------------------------------------------------------


def test_sekretaris_menulis_draf_dengan_tindak_lanjut(client, pengguna, dunia, pertemuan):
    masuk(client, pengguna, "sekretaris")
    baris = [{"uraian": "Unggah TP ke bank produk", "penanggung_jawab": dunia.anggota.pk, "batas_waktu": "2030-01-31"}]
    r = client.post(url("notulen-tulis", pertemuan), isian(baris))
    assert r.status_code == 302
    notulen = Notulen.objects.get(pertemuan=pertemuan)
    assert (notulen.versi, notulen.status, notulen.ditulis_oleh) == (1, "draft", pengguna["sekretaris"])
    t = notulen.tindak_lanjut.get()
    assert (t.uraian, t.penanggung_jawab, t.batas_waktu) == (
        "Unggah TP ke bank produk",
        dunia.anggota,
        datetime.date(2030, 1, 31),
    )


def test_mengubah_draf_menghapus_baris_dan_menyimpan_yang_lain(client, pengguna, dunia, pertemuan):
    notulen = NotulenFactory(pertemuan=pertemuan)
    tetap = TindakLanjutFactory(notulen=notulen, uraian="Tetap", penanggung_jawab=dunia.anggota)
    buang = TindakLanjutFactory(notulen=notulen, uraian="Buang")
    masuk(client, pengguna, "sekretaris")
    halaman = client.get(url("notulen-tulis", pertemuan))
    assert "Tetap" in halaman.content.decode()
    baris = [
        {"id": tetap.pk, "uraian": "Tetap diubah", "penanggung_jawab": dunia.anggota.pk},
        {"id": buang.pk, "uraian": "Buang", "DELETE": "on"},
        {"uraian": "Baru"},
    ]
    r = client.post(url("notulen-tulis", pertemuan), isian(baris, awal=2, pembahasan="Baru saja"))
    assert r.status_code == 302
    notulen.refresh_from_db()
    assert notulen.pembahasan == "Baru saja"
    assert sorted(notulen.tindak_lanjut.values_list("uraian", flat=True)) == ["Baru", "Tetap diubah"]


def test_html_dibuang_sebelum_disimpan_dan_tidak_pernah_tampil(client, pengguna, pertemuan):
    masuk(client, pengguna, "sekretaris")
    jahat = "Nilai < 70 & <b>tebal</b><script>alert('x')</script>\n- &lt;script&gt;satu"
    client.post(
        url("notulen-tulis", pertemuan), isian([{"uraian": "<img src=x onerror=alert(1)>Cetak"}], pembahasan=jahat)
    )
    notulen = Notulen.objects.get(pertemuan=pertemuan)
    assert "<script" not in notulen.pembahasan and "<b>" not in notulen.pembahasan
    assert notulen.pembahasan.startswith("Nilai < 70 & tebal")
    assert notulen.tindak_lanjut.get().uraian == "Cetak"
    isi = client.get(url("notulen-detail", pertemuan)).content.decode()
    assert "<script>alert" not in isi and "&lt;script" not in isi
    assert "Nilai &lt; 70 &amp; tebal" in isi


def test_isian_salah_menampilkan_kembali_semua_yang_diketik(client, pengguna, pertemuan):
    masuk(client, pengguna, "sekretaris")
    baris = [{"uraian": "Menyusun ATP", "batas_waktu": "bukan-tanggal"}, {"uraian": "Baris kedua"}]
    r = client.post(url("notulen-tulis", pertemuan), isian(baris, pembahasan="Pembahasan panjang"))
    assert r.status_code == 200
    isi = r.content.decode()
    assert "Pembahasan panjang" in isi and "Menyusun ATP" in isi and "Baris kedua" in isi
    assert "bukan-tanggal" in isi
    assert not Notulen.objects.exists()


def test_penanggung_jawab_dari_kelompok_lain_ditolak(client, pengguna, dunia, pertemuan):
    masuk(client, pengguna, "sekretaris")
    r = client.post(
        url("notulen-tulis", pertemuan), isian([{"uraian": "Curang", "penanggung_jawab": dunia.guru_lain.pk}])
    )
    assert r.status_code == 200
    assert r.context["formset"].forms[0].errors["penanggung_jawab"]
    assert not TindakLanjut.objects.exists()


def test_penanggung_jawab_hanya_anggota_pada_tanggal_pertemuan(client, pengguna, dunia, pertemuan):
    masuk(client, pengguna, "sekretaris")
    pilihan = client.get(url("notulen-tulis", pertemuan)).context["formset"].forms[0].fields["penanggung_jawab"]
    anggota = set(pilihan.queryset)
    assert dunia.anggota in anggota and dunia.ketua in anggota
    assert dunia.guru_calon not in anggota and dunia.guru_lain not in anggota


@pytest.mark.parametrize(
    "perubahan, pesan",
    [
        ({"status": Pertemuan.Status.DIBATALKAN, "alasan_batal": "Banjir"}, "dibatalkan"),
        (
            {"status": Pertemuan.Status.DIRENCANAKAN, "tanggal": datetime.date.today() + datetime.timedelta(days=3)},
            "baru akan",
        ),
    ],
    ids=["batal", "belum-berlangsung"],
)
def test_pertemuan_batal_atau_mendatang_tidak_bisa_dinotulen(client, pengguna, pertemuan, perubahan, pesan):
    Pertemuan.objects.filter(pk=pertemuan.pk).update(**perubahan)
    masuk(client, pengguna, "sekretaris")
    r = client.post(url("notulen-tulis", pertemuan), isian(), follow=True)
    assert pesan in r.content.decode()
    assert not Notulen.objects.exists()


def test_rapat_direncanakan_yang_sudah_lewat_boleh_dinotulen(client, pengguna, pertemuan):
    Pertemuan.objects.filter(pk=pertemuan.pk).update(status=Pertemuan.Status.DIRENCANAKAN)
    masuk(client, pengguna, "sekretaris")
    assert client.post(url("notulen-tulis", pertemuan), isian()).status_code == 302
    assert Notulen.objects.filter(pertemuan=pertemuan).exists()


# --- workflow -----------------------------------------------------------------------------------------------


def test_alur_draf_diajukan_disetujui(client, pengguna, dunia, pertemuan, django_capture_on_commit_callbacks):
    dunia.ketua.email = "ketua@contoh.sch.id"
    dunia.ketua.save()
    masuk(client, pengguna, "sekretaris")
    client.post(url("notulen-tulis", pertemuan), isian())
    assert "Ya, ajukan" in client.get(url("notulen-ajukan", pertemuan)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(url("notulen-ajukan", pertemuan))
    assert r.status_code == 302
    notulen = Notulen.objects.get(pertemuan=pertemuan)
    assert notulen.status == "diajukan" and notulen.diajukan_pada
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ketua@contoh.sch.id"]
    assert pertemuan.topik in mail.outbox[0].subject
    assert f"/pertemuan/{pertemuan.pk}/notulen/" in mail.outbox[0].body

    assert client.post(url("notulen-setujui", pertemuan)).status_code == 403

    masuk(client, pengguna, "ketua")
    assert "Setujui" in client.get(url("notulen-detail", pertemuan)).content.decode()
    client.post(url("notulen-setujui", pertemuan))
    notulen.refresh_from_db()
    assert notulen.status == "disetujui" and notulen.terkunci
    assert notulen.disetujui_oleh == pengguna["ketua"] and notulen.disetujui_pada


def test_ajukan_tanpa_pembahasan_dan_kesimpulan_ditolak(client, pengguna, pertemuan):
    NotulenFactory(pertemuan=pertemuan, pembahasan="", kesimpulan="")
    masuk(client, pengguna, "sekretaris")
    r = client.post(url("notulen-ajukan", pertemuan), follow=True)
    assert "Lengkapi dahulu bagian pembahasan dan kesimpulan / keputusan" in r.content.decode()
    assert Notulen.objects.get().status == "draft"
    assert not mail.outbox


def test_ketua_mengembalikan_dengan_catatan(client, pengguna, pertemuan):
    notulen = NotulenFactory(pertemuan=pertemuan, status=Notulen.Status.DIAJUKAN)
    masuk(client, pengguna, "ketua")
    r = client.post(url("notulen-kembalikan", pertemuan), {"catatan": ""})
    assert r.status_code == 200 and r.context["form"].errors["catatan"]
    client.post(url("notulen-kembalikan", pertemuan), {"catatan": "Lengkapi daftar peserta."})
    notulen.refresh_from_db()
    assert (notulen.status, notulen.catatan_ketua) == ("draft", "Lengkapi daftar peserta.")
    masuk(client, pengguna, "sekretaris")
    assert "Lengkapi daftar peserta." in client.get(url("notulen-detail", pertemuan)).content.decode()


def test_notulen_diajukan_tidak_bisa_diubah(client, pengguna, pertemuan):
    notulen = NotulenFactory(pertemuan=pertemuan, status=Notulen.Status.DIAJUKAN)
    masuk(client, pengguna, "sekretaris")
    client.post(url("notulen-tulis", pertemuan), isian(pembahasan="Diubah diam-diam"))
    notulen.refresh_from_db()
    assert notulen.pembahasan != "Diubah diam-diam"


def test_notulen_disetujui_terkunci(client, pengguna, pertemuan):
    notulen = NotulenFactory(pertemuan=pertemuan, status=Notulen.Status.DISETUJUI)
    masuk(client, pengguna, "sekretaris")
    r = client.post(url("notulen-tulis", pertemuan), isian(pembahasan="Diubah diam-diam"), follow=True)
    assert "versi baru" in r.content.decode()
    notulen.refresh_from_db()
    assert notulen.pembahasan != "Diubah diam-diam"
    assert Notulen.objects.count() == 1


# --- access per role ------------------------------------------------------------------------------------------

PENULIS = {"sekretaris", "ketua", "admin"}


@pytest.mark.parametrize(
    "peran, kode",
    [
        ("sekretaris", 200), ("ketua", 200), ("admin", 200),
        ("anggota", 404), ("bendahara", 404), ("pengawas", 404), ("dinas", 404),
        ("guru_lain", 404), ("dinas_lain", 404), ("tamu", 302),
    ],
)  # fmt: skip
def test_draf_hanya_untuk_penulis_dan_ketua(client, pengguna, pertemuan, peran, kode):
    NotulenFactory(pertemuan=pertemuan)
    r = masuk(client, pengguna, peran).get(url("notulen-detail", pertemuan, versi=1))
    assert r.status_code == kode
    if peran == "tamu":
        assert "/login" in r.url or "masuk" in r.url


@pytest.mark.parametrize(
    "peran, kode",
    [("anggota", 200), ("bendahara", 200), ("pengawas", 200), ("dinas", 200), ("guru_lain", 404), ("dinas_lain", 404)],
)
def test_notulen_disetujui_dibaca_semua_yang_melihat_pertemuan(client, pengguna, pertemuan, peran, kode):
    NotulenFactory(pertemuan=pertemuan, status=Notulen.Status.DISETUJUI, pembahasan="Rahasia umum")
    r = masuk(client, pengguna, peran).get(url("notulen-detail", pertemuan))
    assert r.status_code == kode
    if kode == 200:
        assert "Rahasia umum" in r.content.decode()


def test_anggota_tidak_melihat_draf_tanpa_nomor_versi(client, pengguna, pertemuan):
    NotulenFactory(pertemuan=pertemuan, pembahasan="Isi draf")
    r = masuk(client, pengguna, "anggota").get(url("notulen-detail", pertemuan))
    assert r.status_code == 200
    assert "Isi draf" not in r.content.decode()
    assert "belum tersedia" in r.content.decode()


@pytest.mark.parametrize(
    "peran", ["sekretaris", "ketua", "admin", "anggota", "bendahara", "pengawas", "dinas", "guru_lain", "tamu"]
)
@pytest.mark.parametrize(
    "nama, status",
    [
        ("notulen-tulis", "draft"),
        ("notulen-ajukan", "draft"),
        ("notulen-setujui", "diajukan"),
        ("notulen-kembalikan", "diajukan"),
        ("notulen-revisi", "disetujui"),
    ],
)
def test_halaman_aksi_per_peran(client, pengguna, pertemuan, peran, nama, status):
    NotulenFactory(pertemuan=pertemuan, status=status)
    r = masuk(client, pengguna, peran).get(url(nama, pertemuan))
    boleh = PENULIS if nama in ("notulen-tulis", "notulen-ajukan", "notulen-revisi") else {"ketua", "admin"}
    if peran == "tamu":
        assert r.status_code == 302 and "next=" in r.url
    elif peran == "guru_lain":
        assert r.status_code == 404
    else:
        assert r.status_code == (200 if peran in boleh else 403)


def test_pertemuan_kelompok_lain_404(client, pengguna, pertemuan_b):
    NotulenFactory(pertemuan=pertemuan_b, status=Notulen.Status.DISETUJUI)
    masuk(client, pengguna, "sekretaris")
    assert client.get(url("notulen-detail", pertemuan_b)).status_code == 404
    assert client.post(url("notulen-tulis", pertemuan_b), isian()).status_code == 404


# --- the meeting page's section ---------------------------------------------------------------------------------


def _bagian(pengguna, peran, pertemuan):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = pengguna[peran]
    return render_to_string(
        "kegiatan/pertemuan/_bagian_notulen.html", {"pertemuan": pertemuan, "user": request.user}, request=request
    )


def test_bagian_pertemuan_menurut_peran(pengguna, pertemuan):
    assert "Tulis notulen" in _bagian(pengguna, "sekretaris", pertemuan)
    assert "Tulis notulen" not in _bagian(pengguna, "anggota", pertemuan)
    notulen = NotulenFactory(pertemuan=pertemuan, status=Notulen.Status.DIAJUKAN)
    assert "menunggu persetujuan Anda" in _bagian(pengguna, "ketua", pertemuan)
    assert "Baca notulen" not in _bagian(pengguna, "anggota", pertemuan)
    notulen.status = Notulen.Status.DISETUJUI
    notulen.save()
    assert "Baca notulen" in _bagian(pengguna, "anggota", pertemuan)


def test_bagian_pertemuan_mendatang_tanpa_tombol_tulis(pengguna, dunia):
    mendatang = PertemuanFactory(kelompok=dunia.kelompok_a, tanggal=timezone.localdate() + datetime.timedelta(days=5))
    assert "Tulis notulen" not in _bagian(pengguna, "sekretaris", mendatang)


def test_tanpa_alamat_ketua_tidak_ada_email(client, pengguna, dunia, pertemuan, django_capture_on_commit_callbacks):
    NotulenFactory(pertemuan=pertemuan)
    dunia.ketua.email = ""
    dunia.ketua.save()
    pengguna["ketua"].email = ""
    pengguna["ketua"].save()
    masuk(client, pengguna, "sekretaris")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("notulen-ajukan", pertemuan))
    assert Notulen.objects.get().status == "diajukan"
    assert not mail.outbox


def test_id_tindak_lanjut_notulen_lain_tidak_tersentuh(client, pengguna, dunia, pertemuan, pertemuan_b):
    NotulenFactory(pertemuan=pertemuan)
    asing = TindakLanjutFactory(notulen=NotulenFactory(pertemuan=pertemuan_b), uraian="Milik KKG B")
    masuk(client, pengguna, "sekretaris")
    client.post(url("notulen-tulis", pertemuan), isian([{"id": asing.pk, "uraian": "Dibajak"}], awal=1))
    asing.refresh_from_db()
    assert (asing.uraian, asing.notulen.pertemuan) == ("Milik KKG B", pertemuan_b)


def test_broker_mati_notulen_tetap_diajukan_dan_email_ketua_disapu_sekali(
    client, settings, pengguna, dunia, pertemuan, broker_mati, smtp_nyata, django_capture_on_commit_callbacks
):
    """The page used to fail after the commit when the broker was down; now the ketua's e-mail waits in the
    outbox and the sweep sends it once the broker is back, with an absolute link."""
    settings.ALAMAT_SITUS = kotak_keluar.SITUS
    NotulenFactory(pertemuan=pertemuan)
    masuk(client, pengguna, "sekretaris")
    with broker_mati(), django_capture_on_commit_callbacks(execute=True):
        r = client.post(url("notulen-ajukan", pertemuan))
    assert r.status_code == 302 and Notulen.objects.get().status == "diajukan"
    [surel] = kotak_keluar.menunggu_sweep(1)
    assert surel.kepada == dunia.ketua.alamat_email

    [pesan] = kotak_keluar.disapu_tepat_sekali(django_capture_on_commit_callbacks, smtp_nyata, 1)
    assert kotak_keluar.tautan_mutlak(kotak_keluar.isi(pesan)) == [
        kotak_keluar.SITUS + reverse("kegiatan:notulen-detail", args=[pertemuan.pk])
    ]
