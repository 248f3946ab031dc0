"""The outbox (kkg/surel): messages from templates by name, one row per key, a deterministic Message-ID, sending at
most once with retries then "gagal", attachments read at send time, the sweep, a broker that is down, the admin.
Each kind of e-mail has its own broker-outage test beside its action's tests."""

import datetime
import logging

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kkg.surel import lampiran
from kkg.surel.layanan import kirim_ulang, render_surel, sapu_surel, surel_dari_templat, tulis_surel
from kkg.surel.models import Surel
from kkg.surel.tasks import kirim_surel
from tests import kotak_keluar

pytestmark = pytest.mark.django_db

Status = Surel.Status


@pytest.fixture
def templat(settings, tmp_path):
    """A message's three templates, found by the name "uji/sapa" (the HTML one is optional)."""
    folder = tmp_path / "templat" / "uji"
    folder.mkdir(parents=True)
    (folder / "sapa_subjek.txt").write_text("Salam untuk\n  {{ nama }}\n")
    (folder / "sapa.txt").write_text("Halo {{ nama }}, buka {{ tautan }}\n")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path / "templat"]}]
    return folder


def _surel(**kwargs) -> Surel:
    return Surel.objects.create(**{"kepada": "rina@contoh.sch.id", "subjek": "Uji", "isi": "Isi uji.", **kwargs})


# --- writing ----------------------------------------------------------------------------------------------------


def test_subjek_isi_dan_html_dari_templat_menurut_nama(templat):
    assert render_surel("uji/sapa", {"nama": "Bu Rina", "tautan": "https://x"}) == (
        "Salam untuk Bu Rina",  # one header line
        "Halo Bu Rina, buka https://x\n",
        "",  # no uji/sapa.html
    )
    for nama, isi in (("salam_subjek.txt", "Salam"), ("salam.txt", "Halo"), ("salam.html", "<p>Halo {{ nama }}</p>")):
        (templat / nama).write_text(isi)
    assert render_surel("uji/salam", {"nama": "<Rina>"}) == ("Salam", "Halo", "<p>Halo &lt;Rina&gt;</p>")


def test_kunci_sama_satu_baris(templat):
    pertama = tulis_surel("uji/sapa", {"nama": "A"}, "a@contoh.id", kunci="uji:1:a@contoh.id")
    kedua = tulis_surel("uji/sapa", {"nama": "B"}, "a@contoh.id", kunci="uji:1:a@contoh.id")
    assert kedua.pk == pertama.pk and Surel.objects.count() == 1 and kedua.subjek == "Salam untuk A"
    assert tulis_surel("uji/sapa", {"nama": "C"}, "a@contoh.id").pk != pertama.pk  # no key: a new message


def test_tanpa_alamat_ditolak(templat):
    with pytest.raises(ValueError):
        tulis_surel("uji/sapa", {}, "  ")


def test_lampiran_jenis_tak_dikenal_ditolak_saat_ditulis(templat):
    with pytest.raises(ValueError):
        tulis_surel("uji/sapa", {}, "a@contoh.id", lampiran=[("tidak_ada", 1)])


def test_tanpa_broker_langsung_terkirim(templat, django_capture_on_commit_callbacks):
    """The embedded default: the task runs inline right after the commit."""
    with django_capture_on_commit_callbacks(execute=True):
        surel = surel_dari_templat("uji/sapa", {"nama": "Rina"}, "rina@contoh.sch.id")
    surel.refresh_from_db()
    assert surel.status == Status.TERKIRIM and surel.percobaan == 1 and surel.dikirim_pada
    [pesan] = mail.outbox
    assert pesan.subject == "Salam untuk Rina" and pesan.to == ["rina@contoh.sch.id"]


# --- sending ----------------------------------------------------------------------------------------------------


def test_message_id_tetap_untuk_baris_yang_sama(settings, smtp_nyata):
    """A message sent again from the same row (the duplicate window: SMTP accepted, the process died before
    COMMIT) carries the same Message-ID, so the receiver can drop it."""
    settings.ALAMAT_SITUS = kotak_keluar.SITUS
    surel = _surel()
    kirim_surel.apply(args=[surel.pk])
    Surel.objects.filter(pk=surel.pk).update(status=Status.MENUNGGU)  # as if the COMMIT had been lost
    kirim_surel.apply(args=[surel.pk])
    pertama, kedua = smtp_nyata.diterima()
    assert pertama["Message-ID"] == kedua["Message-ID"] == f"<{surel.token}@kkg.contoh.id>" == surel.message_id
    assert _surel().message_id != surel.message_id


def test_tugas_dua_kali_satu_email(smtp_nyata):
    surel = _surel(nama="Bu Rina")
    kirim_surel.apply(args=[surel.pk])
    kirim_surel.apply(args=[surel.pk])
    [pesan] = smtp_nyata.diterima()
    assert pesan["To"] == "Bu Rina <rina@contoh.sch.id>"
    assert kirim_surel.apply(args=[999999]).successful()  # a row gone: nothing to do


def test_smtp_menolak_dicoba_ulang_lalu_gagal_dengan_alasan(settings, smtp_nyata, django_capture_on_commit_callbacks):
    settings.PENGIRIMAN_JEDA_ULANG = [0, 0]  # two retries
    smtp_nyata.menolak(3)  # a real mail server refusing (451) the first try and both retries
    surel = _surel()

    kirim_surel.apply(args=[surel.pk])  # eager: the attempts follow one another at once

    surel.refresh_from_db()
    assert surel.status == Status.GAGAL and surel.percobaan == 3 and "451" in surel.alasan_gagal
    assert smtp_nyata.ditolak == 3 and smtp_nyata.diterima() == []

    # The server is fixed; "kirim ulang" sends it once and clears the reason.
    with django_capture_on_commit_callbacks(execute=True):
        assert kirim_ulang(surel)
    surel.refresh_from_db()
    assert surel.status == Status.TERKIRIM and surel.percobaan == 1 and surel.alasan_gagal == ""
    assert len(smtp_nyata.diterima()) == 1
    assert not kirim_ulang(surel)  # only a "gagal" row goes again


def test_sekali_ditolak_lalu_terkirim(settings, smtp_nyata):
    settings.PENGIRIMAN_JEDA_ULANG = [0, 0]
    smtp_nyata.menolak(1)
    surel = _surel()
    kirim_surel.apply(args=[surel.pk])
    surel.refresh_from_db()
    assert surel.status == Status.TERKIRIM and surel.percobaan == 2 and len(smtp_nyata.diterima()) == 1


def test_lampiran_dibaca_saat_dikirim(monkeypatch, smtp_nyata):
    monkeypatch.setitem(lampiran._pembaca, "uji", lambda pk: (f"uji-{pk}.pdf", b"%PDF-uji", "application/pdf"))
    surel = _surel(lampiran=lampiran.referensi([("uji", 7)]))
    kirim_surel.apply(args=[surel.pk])
    [pesan] = smtp_nyata.diterima()
    [berkas] = list(pesan.iter_attachments())
    assert berkas.get_filename() == "uji-7.pdf" and berkas.get_content() == b"%PDF-uji"


def test_lampiran_hilang_gagal_tanpa_dicoba_ulang(monkeypatch, smtp_nyata):
    def hilang(pk):
        raise lampiran.LampiranHilang(f"uji {pk} sudah dihapus")

    monkeypatch.setitem(lampiran._pembaca, "uji", hilang)
    surel = _surel(lampiran=[{"jenis": "uji", "id": 7}])
    kirim_surel.apply(args=[surel.pk])
    surel.refresh_from_db()
    assert surel.status == Status.GAGAL and surel.percobaan == 1 and "uji 7 sudah dihapus" in surel.alasan_gagal
    assert smtp_nyata.diterima() == []


# --- the sweep, a broker that is down ---------------------------------------------------------------------------


def test_sapu_hanya_baris_menunggu_yang_basi_atau_belum_diantrekan():
    sekarang = timezone.now()
    baru = _surel(diantrekan_pada=sekarang)  # in the queue a moment ago: left alone
    basi = _surel(diantrekan_pada=sekarang - datetime.timedelta(hours=1))
    belum = _surel(diantrekan_pada=None)  # the broker refused it
    _surel(diantrekan_pada=None, status=Status.TERKIRIM)
    _surel(diantrekan_pada=None, status=Status.GAGAL)

    assert sapu_surel(basi_detik=900) == 2  # not committed (test transaction): nothing runs
    assert Surel.objects.get(pk=baru.pk).diantrekan_pada == sekarang
    assert all(Surel.objects.get(pk=s.pk).diantrekan_pada > sekarang for s in (basi, belum))


def test_broker_mati_antrean_berhenti_pada_penolakan_pertama(
    templat, caplog, broker_mati, smtp_nyata, django_capture_on_commit_callbacks
):
    """Three messages written in one action, the broker down: one failed publish (not three), logged once; all
    three wait for the sweep, which sends each once."""
    from kkg.surel.layanan import antrekan

    with broker_mati(), django_capture_on_commit_callbacks(execute=True), caplog.at_level(logging.WARNING):
        antrekan([tulis_surel("uji/sapa", {"nama": n}, f"{n}@contoh.id") for n in ("a", "b", "c")])
    [catatan] = [r for r in caplog.records if r.name == "kkg.lib.antrean"]
    assert "3 of 3 left for the sweep" in catatan.getMessage()
    kotak_keluar.menunggu_sweep(3)
    kotak_keluar.disapu_tepat_sekali(django_capture_on_commit_callbacks, smtp_nyata, 3)


def test_jadwal_beat_menyapu_tiap_lima_menit(settings):
    jadwal = settings.CELERY_BEAT_SCHEDULE["sapu-surel"]
    assert jadwal["task"] == "kkg.surel.tasks.sapu_surel" and jadwal["schedule"] == 300


# --- the admin --------------------------------------------------------------------------------------------------


def test_admin_hanya_membaca_dan_mengirim_ulang_yang_gagal(admin_client, django_capture_on_commit_callbacks):
    gagal, terkirim = _surel(status=Status.GAGAL, alasan_gagal="451"), _surel(status=Status.TERKIRIM)
    url = reverse("admin:surel_surel_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(reverse("admin:surel_surel_change", args=[gagal.pk])).status_code == 200
    assert admin_client.get(reverse("admin:surel_surel_add")).status_code == 403

    with django_capture_on_commit_callbacks(execute=True):
        r = admin_client.post(url, {"action": "kirim_ulang", "_selected_action": [gagal.pk, terkirim.pk]})
    assert r.status_code == 302
    gagal.refresh_from_db()
    assert gagal.status == Status.TERKIRIM and [m.to for m in mail.outbox] == [["rina@contoh.sch.id"]]
