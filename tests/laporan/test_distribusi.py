"""Distribution of the approved notulen: recipients, the page, exactly-once rows, failures, broker down, the
sweep, the inbox and the tracked link. Tasks run eagerly here (mail.outbox); tests/integration/
test_distribusi.py runs them on a real worker over real SMTP. The outbox itself is tested in tests/surel/."""

import datetime
import smtplib
from urllib.parse import unquote

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from kkg.surel.layanan import sapu_surel
from kkg.surel.models import Surel
from laporan.models import Distribusi, Pengiriman
from laporan.services import distribusi as layanan
from tests import kotak_keluar
from tests.factories import GuruFactory, KeanggotaanFactory, UserFactory

Status = Pengiriman.Status


@pytest.fixture
def kepala(dunia):
    """The kepala sekolah of SD Negeri 1, with an e-mail of their own (no account)."""
    guru = GuruFactory(nama="Kepala SD Negeri 1", sekolah=dunia.sekolah_a1, email="Kepsek1@Contoh.sch.id")
    dunia.sekolah_a1.kepala_sekolah = guru
    dunia.sekolah_a1.save()
    return guru


def _url(notulen):
    return reverse("laporan:distribusi", args=[notulen.pertemuan_id])


def _semua(notulen):
    return [p.email for p in layanan.penerima_bawaan(notulen).penerima]


def _kirim(client, notulen, pilih=None, tambahan="", capture=None):
    if pilih is None:
        pilih = _semua(notulen)
    data = {"pilih": pilih, "tambahan": tambahan}
    if capture is None:
        return client.post(_url(notulen), data)
    with capture(execute=True):
        return client.post(_url(notulen), data)


# --- recipients ---------------------------------------------------------------------------------------------


def test_penerima_bawaan_anggota_kepala_sekolah_dan_pengawas(dunia, pengguna, disetujui, kepala):
    daftar = layanan.penerima_bawaan(disetujui)
    peran = {p.email: p.peran for p in daftar.penerima}
    for r in ("ketua", "sekretaris", "bendahara", "koordinator", "anggota"):
        assert peran[pengguna[r].email.lower()] == Pengiriman.Peran.ANGGOTA
    assert peran["kepsek1@contoh.sch.id"] == Pengiriman.Peran.KEPALA_SEKOLAH  # lower-cased
    assert peran[pengguna["pengawas"].email] == Pengiriman.Peran.PENGAWAS
    assert pengguna["guru_lain"].email not in peran  # KKG B
    assert len(peran) == 7


def test_anggota_setelah_tanggal_pertemuan_tidak_termasuk(dunia, disetujui):
    baru = KeanggotaanFactory(kelompok=dunia.kelompok_a, mulai=datetime.date(2025, 3, 1))
    baru.guru.email = "baru@contoh.sch.id"
    baru.guru.save()
    assert "baru@contoh.sch.id" not in _semua(disetujui)


def test_alamat_ganda_satu_penerima_dan_tanpa_email_dicatat(dunia, pengguna, disetujui, kepala):
    kepala.email = pengguna["anggota"].email.upper()  # the kepala sekolah shares the member's address
    kepala.save()
    KeanggotaanFactory(kelompok=dunia.kelompok_a, guru=GuruFactory(nama="Guru Tanpa Surel", sekolah=dunia.sekolah_a2))
    daftar = layanan.penerima_bawaan(disetujui)
    alamat = [p.email for p in daftar.penerima]
    assert len(alamat) == len(set(alamat)) == 6
    assert [p.nama for p in daftar.tanpa_email] == ["Guru Tanpa Surel"]


def test_urai_tambahan():
    hasil = layanan.urai_tambahan("Bu Rina <Rina@Contoh.id>\n\nPak Ali, ali@contoh.id\nsaja@contoh.id\n")
    assert [(p.nama, p.email) for p in hasil] == [
        ("Bu Rina", "rina@contoh.id"),
        ("Pak Ali", "ali@contoh.id"),
        ("saja@contoh.id", "saja@contoh.id"),
    ]
    with pytest.raises(Exception, match="Baris 2"):
        layanan.urai_tambahan("a@contoh.id\nbukan alamat")


# --- the page -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "peran, kode",
    [("sekretaris", 200), ("ketua", 200), ("admin", 200), ("anggota", 403), ("pengawas", 403), ("guru_lain", 404),
     ("tamu", 302)],
)  # fmt: skip
def test_akses_halaman_distribusi(client, pengguna, disetujui, render_terhitung, peran, kode):
    if pengguna[peran]:
        client.force_login(pengguna[peran])
    assert client.get(_url(disetujui)).status_code == kode
    r = client.post(_url(disetujui), {"pilih": [pengguna["anggota"].email]})
    assert r.status_code == (302 if kode == 200 else kode)
    if kode == 302:
        assert "login" in r["Location"] or "/akun/" in r["Location"]
        assert not Pengiriman.objects.exists()


def test_tanpa_versi_disetujui_404(client, pengguna, pertemuan):
    client.force_login(pengguna["sekretaris"])
    assert client.get(reverse("laporan:distribusi", args=[pertemuan.pk])).status_code == 404


def test_halaman_menampilkan_penerima_tercentang_dan_tautan_whatsapp(
    client, pengguna, disetujui, kepala, render_terhitung
):
    from laporan.services.dokumen import siapkan_pdf_notulen

    dokumen = siapkan_pdf_notulen(disetujui)
    client.force_login(pengguna["sekretaris"])
    html = client.get(_url(disetujui)).content.decode()
    assert html.count('name="pilih"') == 7 and 'value="kepsek1@contoh.sch.id" checked' in html
    [wa] = [b.split('"')[0] for b in html.split('href="https://wa.me/?text=')[1:]]
    teks = unquote(wa.replace("&amp;", "&"))
    assert "Analisis CP Fase A" in teks and "http://" in teks and dokumen.get_verifikasi_url() in teks


def test_tombol_distribusikan_di_rincian_notulen(client, pengguna, disetujui):
    url_rincian = disetujui.get_absolute_url()
    client.force_login(pengguna["sekretaris"])
    assert _url(disetujui) in client.get(url_rincian).content.decode()
    client.force_login(pengguna["anggota"])
    assert _url(disetujui) not in client.get(url_rincian).content.decode()


def test_kirim_membuat_baris_dan_email_dengan_lampiran(
    client, pengguna, disetujui, kepala, render_terhitung, django_capture_on_commit_callbacks
):
    client.force_login(pengguna["sekretaris"])
    semua = _semua(disetujui)
    pilih = [a for a in semua if a != pengguna["bendahara"].email]  # unchecked
    r = _kirim(client, disetujui, pilih, "Tamu Dinas <tamu@dinas.go.id>", django_capture_on_commit_callbacks)
    assert r.status_code == 302
    rows = {p.email: p for p in Pengiriman.objects.select_related("surel")}
    assert set(rows) == set(pilih) | {"tamu@dinas.go.id"}
    assert all(p.status == Status.TERKIRIM and p.surel.dikirim_pada and p.surel.percobaan == 1 for p in rows.values())
    assert rows[pengguna["anggota"].email].user == pengguna["anggota"]
    assert Distribusi.objects.get().dibuat_oleh == pengguna["sekretaris"]
    assert len(mail.outbox) == 7
    pesan = next(m for m in mail.outbox if "tamu@dinas.go.id" in m.to[0])
    assert "Analisis CP Fase A" in pesan.subject
    p = rows["tamu@dinas.go.id"]
    assert reverse("laporan:baca", args=[p.token]) in pesan.body and "/v/" in pesan.body
    assert pesan.extra_headers["Message-ID"] == p.surel.message_id
    [(nama, isi, jenis)] = pesan.attachments
    assert jenis == "application/pdf" and isi.startswith(b"%PDF") and nama.endswith("-v1.pdf")


def test_tambahan_tidak_valid_ditolak_tanpa_kirim(client, pengguna, disetujui):
    client.force_login(pengguna["sekretaris"])
    r = client.post(_url(disetujui), {"pilih": [], "tambahan": "bukan-alamat"})
    assert r.status_code == 400 and "Baris 1" in r.content.decode()
    assert not Pengiriman.objects.exists()


def test_distribusi_kedua_tidak_mengirim_ulang(
    client, pengguna, disetujui, render_terhitung, django_capture_on_commit_callbacks
):
    client.force_login(pengguna["sekretaris"])
    _kirim(client, disetujui, capture=django_capture_on_commit_callbacks)
    n = len(mail.outbox)
    mail.outbox.clear()
    _kirim(client, disetujui, tambahan=pengguna["anggota"].email.upper(), capture=django_capture_on_commit_callbacks)
    assert mail.outbox == [] and Pengiriman.objects.count() == n and Distribusi.objects.count() == 1
    _kirim(client, disetujui, tambahan="baru@contoh.id", capture=django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["baru@contoh.id"]]


def test_tugas_dua_kali_satu_email(pengguna, disetujui, render_terhitung, django_capture_on_commit_callbacks):
    from kkg.surel.tasks import kirim_surel

    with django_capture_on_commit_callbacks(execute=True):
        [p] = layanan.distribusikan(disetujui, layanan.urai_tambahan("a@contoh.id"), oleh=pengguna["sekretaris"])
    kirim_surel.delay(p.surel_id)
    kirim_surel.delay(p.surel_id)
    assert len(mail.outbox) == 1


def test_status_halaman_polling_hanya_saat_menunggu(
    client, pengguna, disetujui, render_terhitung, django_capture_on_commit_callbacks
):
    # enqueued but not sent yet (no on_commit execution): menunggu → the table polls
    layanan.distribusikan(disetujui, layanan.urai_tambahan("a@contoh.id"), oleh=pengguna["sekretaris"])
    client.force_login(pengguna["sekretaris"])
    r = client.get(_url(disetujui) + "?bagian=status", HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert 'hx-trigger="every 3s"' in html and "Menunggu" in html and "<html" not in html
    with django_capture_on_commit_callbacks(execute=True):
        sapu_surel(basi_detik=0)  # eager: sends it
    html = client.get(_url(disetujui) + "?bagian=status").content.decode()
    assert "every 3s" not in html and "Terkirim" in html


def test_halaman_status_kueri_terbatas(
    client, pengguna, dunia, disetujui, render_terhitung, django_assert_max_num_queries
):
    tambahan = "\n".join(f"t{i}@contoh.id" for i in range(30))
    layanan.distribusikan(disetujui, layanan.urai_tambahan(tambahan), oleh=pengguna["sekretaris"])
    client.force_login(pengguna["sekretaris"])
    with django_assert_max_num_queries(25):
        assert client.get(_url(disetujui)).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(_url(disetujui) + "?bagian=status").status_code == 200


# --- SMTP failure, kirim ulang ------------------------------------------------------------------------------


class SmtpMenolak(BaseEmailBackend):
    """A mail server that refuses every message: what SMTP failure looks like to Django."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({"x@contoh.id": (550, b"5.1.1 Mailbox tidak ada")})


def test_smtp_gagal_dicoba_ulang_lalu_gagal_dengan_alasan(
    client, settings, pengguna, disetujui, render_terhitung, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.SmtpMenolak"
    settings.PENGIRIMAN_JEDA_ULANG = [0, 0]
    with django_capture_on_commit_callbacks(execute=True):
        [p] = layanan.distribusikan(disetujui, layanan.urai_tambahan("x@contoh.id"), oleh=pengguna["sekretaris"])
    p.surel.refresh_from_db()
    assert p.status == Status.GAGAL and p.surel.percobaan == 3 and "Mailbox tidak ada" in p.surel.alasan_gagal
    client.force_login(pengguna["sekretaris"])
    html = client.get(_url(disetujui)).content.decode()
    assert "Mailbox tidak ada" in html and reverse("laporan:kirim-ulang", args=[p.pk]) in html

    # the server is fixed; "kirim ulang" sends it once
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("laporan:kirim-ulang", args=[p.pk]))
    assert r.status_code == 302
    p.surel.refresh_from_db()
    assert p.status == Status.TERKIRIM and p.surel.alasan_gagal == "" and len(mail.outbox) == 1


@pytest.mark.parametrize("peran, kode", [("anggota", 403), ("guru_lain", 404)])
def test_kirim_ulang_hanya_sekretaris(client, settings, pengguna, disetujui, render_terhitung, peran, kode):
    [p] = layanan.distribusikan(disetujui, layanan.urai_tambahan("x@contoh.id"), oleh=pengguna["sekretaris"])
    Surel.objects.filter(pk=p.surel_id).update(status=Surel.Status.GAGAL)
    client.force_login(pengguna[peran])
    assert client.post(reverse("laporan:kirim-ulang", args=[p.pk])).status_code == kode
    p.surel.refresh_from_db()
    assert p.status == Status.GAGAL


# --- broker down, sweep -------------------------------------------------------------------------------------


def test_broker_mati_permintaan_tetap_berhasil_lalu_disapu(
    client, settings, pengguna, disetujui, render_terhitung, broker_mati, smtp_nyata,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    settings.ALAMAT_SITUS = kotak_keluar.SITUS
    client.force_login(pengguna["sekretaris"])
    with broker_mati():
        r = _kirim(client, disetujui, capture=django_capture_on_commit_callbacks)
    assert r.status_code == 302
    surel = kotak_keluar.menunggu_sweep(6)
    assert Pengiriman.objects.count() == 6 and smtp_nyata.diterima() == []
    assert {s.kunci for s in surel} == {f"notulen:{disetujui.pk}:{p.email}" for p in Pengiriman.objects.all()}

    # Redis is back: the beat sweep enqueues them (eager here), each is sent once
    pesan = kotak_keluar.disapu_tepat_sekali(django_capture_on_commit_callbacks, smtp_nyata, 6)
    assert {p.status for p in Pengiriman.objects.select_related("surel")} == {Status.TERKIRIM}
    for m in pesan:
        kotak_keluar.tautan_mutlak(kotak_keluar.isi(m))
        [lampiran] = list(m.iter_attachments())
        assert lampiran.get_content().startswith(b"%PDF")


# --- inbox, tracked link ------------------------------------------------------------------------------------


@pytest.fixture
def terkirim(pengguna, disetujui, render_terhitung, django_capture_on_commit_callbacks):
    daftar = layanan.penerima_bawaan(disetujui).penerima
    with django_capture_on_commit_callbacks(execute=True):
        layanan.distribusikan(disetujui, daftar, oleh=pengguna["sekretaris"])
    return {p.email: p for p in Pengiriman.objects.all()}


def test_kotak_masuk_dan_membuka_menandai_dibaca(client, pengguna, disetujui, terkirim):
    client.force_login(pengguna["anggota"])
    p = terkirim[pengguna["anggota"].email]
    html = client.get(reverse("laporan:kotak-masuk")).content.decode()
    assert "Analisis CP Fase A" in html and html.count(reverse("laporan:kotak-masuk-buka", args=[p.pk])) == 1
    r = client.get(reverse("laporan:kotak-masuk-buka", args=[p.pk]))
    assert r.status_code == 302 and r["Location"] == disetujui.get_absolute_url()
    p.refresh_from_db()
    assert p.status == Status.DIBACA and p.dibaca_pada


def test_kotak_masuk_orang_lain_404(client, pengguna, terkirim):
    p = terkirim[pengguna["anggota"].email]
    client.force_login(pengguna["bendahara"])
    assert client.get(reverse("laporan:kotak-masuk-buka", args=[p.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("laporan:kotak-masuk")).status_code == 302


def test_kotak_masuk_kueri_terbatas(client, dunia, pengguna, pertemuan, disetujui, render_terhitung,
                                    django_assert_max_num_queries):  # fmt: skip
    user = UserFactory()
    for i in range(25):
        layanan.distribusikan(
            disetujui, [layanan.Penerima(f"U{i}", f"u{i}@contoh.id", user_id=user.pk)], oleh=pengguna["sekretaris"]
        )
    client.force_login(user)
    with django_assert_max_num_queries(8):
        r = client.get(reverse("laporan:kotak-masuk"))
    assert len(r.context["object_list"]) == 20


def test_tautan_terlacak_menandai_dibaca(client, pengguna, disetujui, terkirim):
    from laporan.models import Dokumen

    p = terkirim[pengguna["pengawas"].email]
    r = client.get(reverse("laporan:baca", args=[p.token]))  # not logged in
    dokumen = Dokumen.objects.get(notulen=disetujui)
    assert r.status_code == 302 and r["Location"] == dokumen.get_verifikasi_url()
    p.refresh_from_db()
    assert p.status == Status.DIBACA and p.dibaca_pada
    client.force_login(pengguna["pengawas"])
    r = client.get(reverse("laporan:baca", args=[p.token]))
    assert r["Location"] == reverse("laporan:notulen-pdf", args=[disetujui.pertemuan_id]) + "?versi=1"
    assert client.get(reverse("laporan:baca", args=["tidak-ada"])).status_code == 404


def test_dibuka_sebelum_terkirim_tetap_dikirim(
    pengguna, disetujui, render_terhitung, django_capture_on_commit_callbacks
):
    [p] = layanan.distribusikan(disetujui, layanan.urai_tambahan("a@contoh.id"), oleh=pengguna["sekretaris"])
    layanan.tandai_dibaca(p)
    p.refresh_from_db()
    assert p.status == Status.MENUNGGU and p.dibaca_pada
    Surel.objects.update(diantrekan_pada=None)  # as if the broker had refused it
    with django_capture_on_commit_callbacks(execute=True):
        sapu_surel()
    p.refresh_from_db()
    assert p.status == Status.DIBACA and len(mail.outbox) == 1


def test_navbar_kotak_masuk(client, pengguna):
    client.force_login(pengguna["anggota"])
    assert reverse("laporan:kotak-masuk") in client.get(reverse("laporan:kotak-masuk")).content.decode()
