"""Surat undangan: letter numbers in the group's format, one letter per member school, the PDF itself, the
e-mail to each kepala sekolah after the day-before reminder (once), and the board's page."""

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kegiatan.models import Pertemuan
from kegiatan.services import pertemuan as layanan_pertemuan
from kegiatan.sinyal import pengingat_dikirim
from kkg.surel.models import Surel
from kkg.surel.tasks import kirim_surel
from laporan.models import NomorSurat, SuratUndangan
from laporan.services import surat
from laporan.tasks import undang_kepala_sekolah
from tests import kotak_keluar
from tests.factories import GuruFactory, KelompokKerjaFactory, SekolahFactory
from tests.factories_kegiatan import PertemuanFactory
from tests.laporan.conftest import teks_pdf

pytestmark = pytest.mark.django_db

HARI_INI = timezone.localdate()
BESOK = HARI_INI + datetime.timedelta(days=1)


@pytest.fixture
def besok(dunia):
    return PertemuanFactory(kelompok=dunia.kelompok_a, tanggal=BESOK, topik="Menyusun modul ajar")


def _nomor(n: int, tanggal=HARI_INI) -> str:
    return surat.format_nomor(n, "KKG-CND", tanggal)


def _isi(berkas) -> bytes:
    with berkas.open("rb") as f:
        return f.read()


# --- Numbers ---------------------------------------------------------------------------------------------------


def test_kode_kelompok_dari_inisial_gugus(dunia):
    assert surat.kode_kelompok(dunia.kelompok_a) == "KKG-CND"
    assert surat.kode_kelompok(dunia.kelompok_b) == "KKG-LM"
    assert surat.inisial("Gugus 3 Teuku Umar") == "TU"


def test_kode_kelompok_tanpa_kata_gugus_memakai_nama_gugusnya(dunia):
    kelompok = KelompokKerjaFactory(nama="KKG Kelas 5", kelas=5, gugus=dunia.gugus_a)
    assert surat.kode_kelompok(kelompok) == "KKG-CND"


def test_kode_sama_di_kelompok_lain_dibedakan_dengan_id(dunia):
    kelas_3 = KelompokKerjaFactory(nama="KKG Kelas 3 Gugus Cut Nyak Dien", kelas=3, gugus=dunia.gugus_a)
    assert surat.kode_surat(dunia.kelompok_a) == "KKG-CND"  # the older group keeps the plain code
    assert surat.kode_surat(kelas_3) == f"KKG-CND-{kelas_3.pk}"


def test_format_nomor_dengan_bulan_romawi():
    assert surat.format_nomor(5, "KKG-CND", datetime.date(2025, 2, 14)) == "005/KKG-CND/II/2025"
    assert surat.format_nomor(123, "KKG-CND", datetime.date(2025, 12, 1)) == "123/KKG-CND/XII/2025"


def test_nomor_mulai_lagi_tiap_tahun(dunia):
    with transaction.atomic():
        desember = [surat.nomor_surat_baru(dunia.kelompok_a, datetime.date(2025, 12, 30)) for _ in range(2)]
        januari = surat.nomor_surat_baru(dunia.kelompok_a, datetime.date(2026, 1, 2))
    assert desember == ["001/KKG-CND/XII/2025", "002/KKG-CND/XII/2025"]
    assert januari == "001/KKG-CND/I/2026"
    assert dict(NomorSurat.objects.values_list("tahun", "terakhir")) == {2025: 2, 2026: 1}


def test_nomor_per_kelompok(dunia):
    with transaction.atomic():
        surat.nomor_surat_baru(dunia.kelompok_a, HARI_INI)
        assert surat.nomor_surat_baru(dunia.kelompok_b, HARI_INI) == surat.format_nomor(1, "KKG-LM", HARI_INI)


@pytest.mark.django_db(transaction=True)  # a plain test runs inside a transaction already
def test_nomor_harus_dalam_transaksi(dunia):
    with pytest.raises(RuntimeError):
        surat.nomor_surat_baru(dunia.kelompok_a, HARI_INI)


def test_nomor_berurutan_lintas_pertemuan(dunia, kepala, besok, render_terhitung):
    pertama = surat.siapkan_undangan(besok)
    kedua = surat.siapkan_undangan(PertemuanFactory(kelompok=dunia.kelompok_a))
    assert [s.nomor for s in pertama] == [_nomor(1), _nomor(2)]
    assert [s.nomor for s in kedua] == [_nomor(3), _nomor(4)]
    assert [s.sekolah for s in pertama] == [dunia.sekolah_a1, dunia.sekolah_a2]  # by school name
    assert all(s.tanggal == HARI_INI for s in pertama + kedua)


# --- Issuing ---------------------------------------------------------------------------------------------------


def test_siapkan_undangan_idempoten(dunia, kepala, besok, render_terhitung):
    pertama = surat.siapkan_undangan(besok)
    berkas = {s.pk: (s.nomor, s.berkas.name, s.dokumen.sha256) for s in pertama}

    assert surat.siapkan_undangan(besok) == []

    assert {s.pk: (s.nomor, s.berkas.name, s.dokumen.sha256) for s in SuratUndangan.objects.all()} == berkas
    assert render_terhitung.jumlah == 2
    assert NomorSurat.objects.get().terakhir == 2


def test_hanya_sekolah_yang_belum_diterbitkan(dunia, kepala, besok, render_terhitung):
    kepala_a2 = dunia.sekolah_a2.kepala_sekolah
    dunia.sekolah_a2.kepala_sekolah = None
    dunia.sekolah_a2.save()
    assert [s.sekolah for s in surat.siapkan_undangan(besok)] == [dunia.sekolah_a1]

    dunia.sekolah_a2.kepala_sekolah = kepala_a2
    dunia.sekolah_a2.save()
    baru = surat.siapkan_undangan(besok)
    assert [(s.sekolah, s.nomor) for s in baru] == [(dunia.sekolah_a2, _nomor(2))]


def test_sekolah_tanpa_anggota_atau_di_luar_wilayah_tidak_diundang(dunia, kepala, besok, render_terhitung):
    tanpa_anggota = SekolahFactory(nama="SD Negeri 3 Lampeuneurut", gugus=dunia.gugus_a)
    tanpa_anggota.kepala_sekolah = GuruFactory(sekolah=tanpa_anggota, email="k3@contoh.sch.id")
    tanpa_anggota.save()
    luar = dunia.sekolah_a_lain
    luar.kepala_sekolah = dunia.guru_luar
    luar.save()

    surat.siapkan_undangan(besok)

    assert set(SuratUndangan.objects.values_list("sekolah", flat=True)) == {dunia.sekolah_a1.pk, dunia.sekolah_a2.pk}


def test_pertemuan_batal_tidak_diberi_undangan(dunia, kepala, render_terhitung):
    batal = PertemuanFactory(kelompok=dunia.kelompok_a, status=Pertemuan.Status.DIBATALKAN, alasan_batal="Banjir")
    with pytest.raises(ValidationError):
        surat.siapkan_undangan(batal)
    assert not NomorSurat.objects.exists()


def test_anggota_tidak_boleh_menerbitkan(pengguna, kepala, besok, render_terhitung):
    with pytest.raises(PermissionDenied):
        surat.siapkan_undangan(besok, oleh=pengguna["anggota"])
    assert surat.siapkan_undangan(besok, oleh=pengguna["sekretaris"])


def test_render_gagal_tidak_memakai_nomor(dunia, kepala, besok, monkeypatch):
    from laporan import pdf

    def rusak(naskah, *args, **kwargs):
        raise OSError("pango")

    monkeypatch.setattr(pdf, "ke_pdf", rusak)
    with pytest.raises(OSError):
        surat.siapkan_undangan(besok)
    assert not SuratUndangan.objects.exists() and not NomorSurat.objects.filter(terakhir__gt=0).exists()


# --- The PDF (real WeasyPrint) ---------------------------------------------------------------------------------


def test_pdf_surat_undangan(dunia, kepala, pertemuan):
    pertemuan.status = Pertemuan.Status.DIRENCANAKAN
    pertemuan.agenda = "1. Pembukaan\n2. Praktik penyusunan TP\n3. Penutup"
    pertemuan.save()
    surat_a1, surat_a2 = surat.siapkan_undangan(pertemuan)
    isi = _isi(surat_a1.berkas)
    teks = teks_pdf(isi)

    for bagian in (
        "KKG KELAS 2 GUGUS CUT NYAK DIEN",
        f"Nomor : {_nomor(1)}",
        "Perihal : Undangan",
        "Kepada Yth. Kepala SD Negeri 1 Lampeuneurut",
        "Ketua KKG A",  # members from SD 1 on the meeting's date
        "Sekretaris KKG A",
        "Anggota KKG A",
        "menugaskan dan memberikan izin",
        "Senin, 17 Februari 2025",
        "08.00–11.30 WIB",
        "Analisis CP Fase A",
        "Praktik penyusunan TP",
        f"Ketua KKG Kelas 2 Gugus Cut Nyak Dien {dunia.ketua.nama} NIP. {dunia.ketua.nip}",
        "Halaman 1 dari 1",
    ):
        assert bagian in teks, bagian
    assert "Bendahara KKG A" not in teks  # a member from SD 2: in the other letter
    assert "Bendahara KKG A" in teks_pdf(_isi(surat_a2.berkas))
    assert PdfReader(io.BytesIO(isi)).metadata.title == f"Surat undangan {_nomor(1)}"


# --- E-mail with the reminder ----------------------------------------------------------------------------------


def _pengingat(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return layanan_pertemuan.kirim_pengingat_besok()


def _ke_kepala(kepala):
    alamat = {g.alamat_email for g in kepala.values()}
    return [m for m in mail.outbox if set(m.to) & alamat]


def test_pengingat_mengirim_surat_ke_kepala_sekolah(
    dunia, kepala, besok, render_terhitung, django_capture_on_commit_callbacks
):
    _pengingat(django_capture_on_commit_callbacks)

    pesan = {m.to[0]: m for m in _ke_kepala(kepala)}
    assert sorted(pesan) == sorted(["kepsek1@contoh.sch.id", kepala[dunia.sekolah_a2].user.email])
    assert len(_ke_kepala(kepala)) == 2
    surat_a1 = SuratUndangan.objects.get(sekolah=dunia.sekolah_a1)
    assert not SuratUndangan.objects.filter(surel__dikirim_pada__isnull=True).exists()
    kepsek1 = pesan["kepsek1@contoh.sch.id"]
    assert surat_a1.nomor in kepsek1.subject and "Menyusun modul ajar" in kepsek1.subject
    assert "Yth. Kepala SD Negeri 1 Lampeuneurut" in kepsek1.body and "&amp;" not in kepsek1.body
    [(nama, isi, jenis)] = kepsek1.attachments
    assert nama == surat.nama_unduhan(surat_a1) and nama.startswith("surat-undangan-001-KKG-CND-")
    assert jenis == "application/pdf" and isi == _isi(surat_a1.berkas)


def test_pengingat_kedua_tidak_mengirim_ulang(
    dunia, kepala, besok, render_terhitung, django_capture_on_commit_callbacks
):
    _pengingat(django_capture_on_commit_callbacks)
    assert len(_ke_kepala(kepala)) == 2

    with django_capture_on_commit_callbacks(execute=True):
        pengingat_dikirim.send(sender=Pertemuan, pertemuan=besok)  # e.g. a re-armed reminder or a repeated task

    assert len(_ke_kepala(kepala)) == 2
    assert SuratUndangan.objects.count() == 2 and NomorSurat.objects.get().terakhir == 2


def test_kepala_tanpa_alamat_dilewati(dunia, kepala, besok, render_terhitung, django_capture_on_commit_callbacks):
    kepala_a2 = kepala[dunia.sekolah_a2]
    kepala_a2.user.email = ""
    kepala_a2.user.save()

    _pengingat(django_capture_on_commit_callbacks)

    assert [m.to for m in _ke_kepala(kepala)] == [["kepsek1@contoh.sch.id"]]
    surat_a2 = SuratUndangan.objects.get(sekolah=dunia.sekolah_a2)  # issued all the same, for paper
    assert surat_a2.dikirim_pada is None  # and not marked as sent

    # The address becomes known; a later run of the reminder's task sends only that letter.
    kepala_a2.user.email = "kepsek2@contoh.sch.id"
    kepala_a2.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        pengingat_dikirim.send(sender=Pertemuan, pertemuan=besok)
    assert [m.to for m in _ke_kepala(kepala)] == [["kepsek1@contoh.sch.id"], ["kepsek2@contoh.sch.id"]]


def test_surat_yang_diterbitkan_lebih_dulu_dikirim_bersama_pengingat_sekali(
    dunia, kepala, besok, render_terhitung, django_capture_on_commit_callbacks
):
    """Letters issued early from the board's page are e-mailed with the reminder, exactly once."""
    with django_capture_on_commit_callbacks(execute=True):
        dini = surat.siapkan_undangan(besok, oleh=dunia.ketua.user)
    assert len(dini) == 2 and mail.outbox == []  # issuing from the page sends nothing
    assert not SuratUndangan.objects.filter(surel__isnull=False).exists()

    _pengingat(django_capture_on_commit_callbacks)

    pesan = _ke_kepala(kepala)
    assert sorted(m.to[0] for m in pesan) == sorted(["kepsek1@contoh.sch.id", kepala[dunia.sekolah_a2].user.email])
    assert sorted(m.attachments[0][0] for m in pesan) == sorted(surat.nama_unduhan(s) for s in dini)
    assert SuratUndangan.objects.count() == 2 and NomorSurat.objects.get().terakhir == 2  # no new letter
    terkirim = dict(SuratUndangan.objects.values_list("pk", "surel__dikirim_pada"))
    assert None not in terkirim.values()

    # A second signal and a re-run of each letter's send task send nothing more and keep the outbox row.
    with django_capture_on_commit_callbacks(execute=True):
        pengingat_dikirim.send(sender=Pertemuan, pertemuan=besok)
    for s in SuratUndangan.objects.all():
        kirim_surel.apply(args=[s.surel_id])
    assert len(_ke_kepala(kepala)) == 2
    assert dict(SuratUndangan.objects.values_list("pk", "surel__dikirim_pada")) == terkirim


def test_pengingat_mengirim_surat_dini_dan_surat_baru(
    dunia, kepala, besok, render_terhitung, django_capture_on_commit_callbacks
):
    """One letter issued early from the page, the other by the reminder's task: both go, once each."""
    kepala_a2 = dunia.sekolah_a2.kepala_sekolah
    dunia.sekolah_a2.kepala_sekolah = None
    dunia.sekolah_a2.save()
    [dini] = surat.siapkan_undangan(besok, oleh=dunia.ketua.user)
    dunia.sekolah_a2.kepala_sekolah = kepala_a2
    dunia.sekolah_a2.save()

    _pengingat(django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in _ke_kepala(kepala)) == sorted(["kepsek1@contoh.sch.id", kepala_a2.user.email])
    assert dini.sekolah == dunia.sekolah_a1
    assert not SuratUndangan.objects.filter(surel__dikirim_pada__isnull=True).exists()


def test_tugas_dijalankan_dua_kali_mengirim_sekali(dunia, kepala, besok, render_terhitung):
    """acks_late re-delivery, or two tasks queued for the same letter: the outbox row lets one through."""
    surat.siapkan_undangan(besok, kirim=True)  # not committed: the e-mails wait in the outbox
    surat_a1 = SuratUndangan.objects.get(sekolah=dunia.sekolah_a1)

    kirim_surel.apply(args=[surat_a1.surel_id])
    pertama = SuratUndangan.objects.get(pk=surat_a1.pk).dikirim_pada
    kirim_surel.apply(args=[surat_a1.surel_id])

    assert [m.to for m in mail.outbox] == [["kepsek1@contoh.sch.id"]]
    assert pertama is not None
    assert SuratUndangan.objects.get(pk=surat_a1.pk).dikirim_pada == pertama
    with transaction.atomic():  # the reminder's task again: no second outbox row for a queued letter
        surat.siapkan_undangan(besok, kirim=True)
    assert Surel.objects.count() == 2


def test_smtp_gagal_dicoba_lagi(dunia, kepala, besok, render_terhitung, smtp_nyata, settings):
    settings.PENGIRIMAN_JEDA_ULANG = [0, 0]
    surat.siapkan_undangan(besok, kirim=True)
    surat_a1 = SuratUndangan.objects.select_related("surel").get(sekolah=dunia.sekolah_a1)
    smtp_nyata.menolak(1)  # a real mail server refusing for a moment (451)

    kirim_surel.apply(args=[surat_a1.surel_id])  # eager: the retry follows at once

    [pesan] = smtp_nyata.diterima()
    assert smtp_nyata.ditolak == 1 and pesan["To"] == "kepsek1@contoh.sch.id"
    surat_a1.surel.refresh_from_db()
    assert surat_a1.surel.percobaan == 2 and surat_a1.dikirim_pada is not None
    [lampiran] = list(pesan.iter_attachments())
    assert lampiran.get_filename() == surat.nama_unduhan(surat_a1) and lampiran.get_content() == _isi(surat_a1.berkas)


# --- The board's page ------------------------------------------------------------------------------------------


def _masuk(client, user):
    if user is not None:
        client.force_login(user)


@pytest.mark.parametrize(
    "peran, kode",
    [("ketua", 200), ("sekretaris", 200), ("admin", 200), ("bendahara", 403), ("anggota", 403),
     ("pengawas", 403), ("guru_lain", 404), ("tamu", 302)],
)  # fmt: skip
def test_akses_halaman_undangan(client, pengguna, kepala, besok, render_terhitung, peran, kode):
    [surat_a1, _] = surat.siapkan_undangan(besok)
    _masuk(client, pengguna[peran])
    r = client.get(reverse("laporan:undangan", args=[besok.pk]))
    r_pdf = client.get(reverse("laporan:undangan-pdf", args=[besok.pk, surat_a1.pk]))
    assert (r.status_code, r_pdf.status_code) == (kode, kode)
    if kode == 200:
        assert surat_a1.nomor in r.content.decode() and "Drs. Kepala Satu" in r.content.decode()
        assert r_pdf["Content-Type"] == "application/pdf"
        assert b"".join(r_pdf.streaming_content).startswith(b"%PDF")
    if kode == 302:
        assert "login" in r["Location"] or "/akun/" in r["Location"]


@pytest.mark.parametrize("peran, kode", [("sekretaris", 302), ("anggota", 403), ("guru_lain", 404), ("tamu", 302)])
def test_terbitkan_dari_halaman(client, pengguna, kepala, besok, render_terhitung, peran, kode):
    _masuk(client, pengguna[peran])
    r = client.post(reverse("laporan:undangan", args=[besok.pk]))
    assert r.status_code == kode
    assert SuratUndangan.objects.filter(pertemuan=besok).count() == (2 if peran == "sekretaris" else 0)
    assert mail.outbox == []  # the page issues (to print early); e-mail goes with the reminder


def test_tombol_terbitkan_hilang_setelah_semua_terbit(client, pengguna, kepala, besok, render_terhitung):
    client.force_login(pengguna["sekretaris"])
    url = reverse("laporan:undangan", args=[besok.pk])
    assert "Terbitkan surat undangan" in client.get(url).content.decode()
    client.post(url)
    halaman = client.get(url).content.decode()
    assert "Terbitkan surat undangan" not in halaman and _nomor(2) in halaman


def test_halaman_menampilkan_status_kirim(
    client, pengguna, dunia, kepala, besok, render_terhitung, django_capture_on_commit_callbacks
):
    kepala_a2 = kepala[dunia.sekolah_a2]
    kepala_a2.user.email = ""
    kepala_a2.user.save()
    client.force_login(pengguna["sekretaris"])
    url = reverse("laporan:undangan", args=[besok.pk])
    client.post(url)
    halaman = client.get(url).content.decode()
    assert halaman.count("Belum dikirim") == 2 and "Terkirim" not in halaman
    assert "lebih dahulu untuk dicetak" not in halaman  # the old "early letters are never e-mailed"
    assert halaman.count("tidak punya alamat e-mail") == 1

    _pengingat(django_capture_on_commit_callbacks)

    surat_a1 = SuratUndangan.objects.get(sekolah=dunia.sekolah_a1)
    waktu = timezone.localtime(surat_a1.dikirim_pada).strftime("%H.%M")
    halaman = client.get(url).content.decode()
    assert halaman.count("Terkirim") == 1 and waktu in halaman
    assert halaman.count("Belum dikirim") == 1 and halaman.count("tidak punya alamat e-mail") == 1


def test_surat_pertemuan_lain_tidak_diunduh_lewat_pertemuan_ini(
    client, pengguna, dunia, kepala, besok, render_terhitung
):
    [surat_lain, _] = surat.siapkan_undangan(PertemuanFactory(kelompok=dunia.kelompok_a))
    client.force_login(pengguna["sekretaris"])
    assert client.get(reverse("laporan:undangan-pdf", args=[besok.pk, surat_lain.pk])).status_code == 404


@pytest.mark.parametrize("peran, tampil", [("sekretaris", True), ("anggota", False)])
def test_tautan_di_halaman_pertemuan(client, pengguna, besok, peran, tampil):
    client.force_login(pengguna[peran])
    halaman = client.get(besok.get_absolute_url()).content.decode()
    assert (reverse("laporan:undangan", args=[besok.pk]) in halaman) is tampil


def test_sapu_mengirim_surat_yang_tertinggal_setelah_pengingat(
    dunia, kepala, besok, render_terhitung, django_capture_on_commit_callbacks
):
    """The broker was down when the reminder ran: the letters exist (issued from the page) but were never queued.
    Once the reminder is older than the staleness threshold, the beat sweep runs the reminder's letter task
    again; each letter goes out once."""
    surat.siapkan_undangan(besok)  # issued, not queued (as if undang_kepala_sekolah had never been enqueued)
    Pertemuan.objects.filter(pk=besok.pk).update(pengingat_dikirim=timezone.now() - datetime.timedelta(hours=1))

    assert surat.sapu_undangan(basi_detik=7200) == 0  # not stale yet: the reminder's own task may still run
    with django_capture_on_commit_callbacks(execute=True):
        assert surat.sapu_undangan(basi_detik=600) == 1  # the meeting
    assert len(_ke_kepala(kepala)) == 2
    assert not SuratUndangan.objects.filter(surel__dikirim_pada__isnull=True).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert surat.sapu_undangan(basi_detik=600) == 0
    assert len(_ke_kepala(kepala)) == 2


def test_sapu_melewatkan_pertemuan_lampau_dan_kepala_tanpa_alamat(dunia, kepala, besok, render_terhitung):
    Pertemuan.objects.filter(pk=besok.pk).update(pengingat_dikirim=timezone.now() - datetime.timedelta(hours=1))
    for guru in kepala.values():
        guru.email = ""
        guru.save()
        if guru.user_id:
            guru.user.email = ""
            guru.user.save()
    assert surat.sapu_undangan(basi_detik=600) == 0  # nothing could be e-mailed
    Pertemuan.objects.filter(pk=besok.pk).update(tanggal=HARI_INI - datetime.timedelta(days=1))
    kepala[dunia.sekolah_a1].email = "kepsek1@contoh.sch.id"
    kepala[dunia.sekolah_a1].save()
    assert surat.sapu_undangan(basi_detik=600) == 0  # the meeting is past


# --- Broker down ---------------------------------------------------------------------------------------------


def _lewat_pengingat(besok):
    Pertemuan.objects.filter(pk=besok.pk).update(pengingat_dikirim=timezone.now() - datetime.timedelta(hours=1))


def test_broker_mati_saat_pengingat_surat_disapu_sekali(
    dunia, kepala, besok, render_terhitung, broker_mati, smtp_nyata, django_capture_on_commit_callbacks
):
    """The reminder ran with the broker down: the reminders wait in the outbox, and undang_kepala_sekolah was
    never enqueued (no letter). With the broker back, the two sweeps send everything once."""
    with broker_mati(), django_capture_on_commit_callbacks(execute=True):
        assert layanan_pertemuan.kirim_pengingat_besok() == 5
    assert not SuratUndangan.objects.exists()
    kotak_keluar.menunggu_sweep(5)
    _lewat_pengingat(besok)

    with django_capture_on_commit_callbacks(execute=True):
        assert surat.sapu_undangan() == 1
    assert SuratUndangan.objects.count() == 2 and len(smtp_nyata.diterima()) == 2  # the letters, inline
    with django_capture_on_commit_callbacks(execute=True):
        assert surat.sapu_undangan() == 0
    kotak_keluar.disapu_tepat_sekali(django_capture_on_commit_callbacks, smtp_nyata, 5)  # the reminders
    assert len(smtp_nyata.diterima()) == 7


def test_broker_mati_saat_surat_diantrekan_disapu_sekali(
    dunia, kepala, besok, render_terhitung, broker_mati, smtp_nyata, django_capture_on_commit_callbacks
):
    """The reminder's letter task ran (inline) but could not enqueue the e-mails: they wait in the outbox; the
    outbox's sweep sends each once, with its PDF."""
    with broker_mati(), django_capture_on_commit_callbacks(execute=True):
        undang_kepala_sekolah.apply(args=[besok.pk])
    kotak_keluar.menunggu_sweep(2)
    assert smtp_nyata.diterima() == [] and SuratUndangan.objects.filter(surel__isnull=False).count() == 2

    pesan = kotak_keluar.disapu_tepat_sekali(django_capture_on_commit_callbacks, smtp_nyata, 2)
    assert sorted(m["To"] for m in pesan) == sorted(g.alamat_email for g in kepala.values())
    assert all(list(m.iter_attachments())[0].get_content().startswith(b"%PDF") for m in pesan)
    _lewat_pengingat(besok)
    assert surat.sapu_undangan() == 0  # every letter is queued: nothing left for the meeting sweep
