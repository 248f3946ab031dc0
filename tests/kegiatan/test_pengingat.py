"""The day-before reminder (celery beat, 15:00): one e-mail per member, once, only for planned meetings."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from gugus.models import Keanggotaan
from kegiatan import tasks
from kegiatan.models import Pertemuan
from tests import kotak_keluar
from tests.factories import GuruFactory
from tests.factories_kegiatan import PertemuanFactory

pytestmark = pytest.mark.django_db

BESOK = timezone.localdate() + datetime.timedelta(days=1)


@pytest.fixture
def besok_a(dunia):
    return PertemuanFactory(
        kelompok=dunia.kelompok_a, tanggal=BESOK, topik="Menyusun modul ajar", agenda="1. Pembukaan\n2. Praktik"
    )


def _alamat_anggota_a(dunia):
    """Members of KKG A: four board members and the anggota, each reached at their account's address."""
    return sorted(g.user.email for g in (*(k.guru for k in dunia.pengurus.values()), dunia.anggota))


def _kirim(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return tasks.kirim_pengingat_besok()


def test_setiap_anggota_menerima_tepat_satu_email(dunia, besok_a, django_capture_on_commit_callbacks):
    dunia.guru_calon.email = "calon@contoh.sch.id"  # not a member: gets nothing
    dunia.guru_calon.save()

    jumlah = _kirim(django_capture_on_commit_callbacks)

    penerima = sorted(a for m in mail.outbox for a in m.to)
    assert jumlah == 5 and penerima == _alamat_anggota_a(dunia)
    assert all(len(m.to) == 1 for m in mail.outbox)  # members do not see each other's addresses
    assert dunia.guru_lain.user.email not in penerima
    besok_a.refresh_from_db()
    assert besok_a.pengingat_dikirim is not None


def test_isi_email_pengingat(dunia, besok_a, django_capture_on_commit_callbacks):
    _kirim(django_capture_on_commit_callbacks)

    pesan = mail.outbox[0]
    assert "Menyusun modul ajar" in pesan.subject
    assert BESOK.strftime("%Y") in pesan.subject
    for teks in ("08.00–11.30", "SD Negeri 1 Lampeuneurut", "2. Praktik", besok_a.get_absolute_url(),
                 reverse("kegiatan:pertemuan-konfirmasi", args=[besok_a.pk])):  # fmt: skip
        assert teks in pesan.body
    assert "&amp;" not in pesan.body and "&#x27;" not in pesan.body


def test_email_guru_diutamakan_dan_tanpa_alamat_dilewati(dunia, besok_a, django_capture_on_commit_callbacks):
    dunia.anggota.email = "pribadi@contoh.id"
    dunia.anggota.save()
    tanpa_email = GuruFactory(sekolah=dunia.sekolah_a1, email="")
    Keanggotaan.objects.create(kelompok=dunia.kelompok_a, guru=tanpa_email, mulai=datetime.date(2024, 7, 1))

    _kirim(django_capture_on_commit_callbacks)

    penerima = [a for m in mail.outbox for a in m.to]
    assert "pribadi@contoh.id" in penerima and dunia.anggota.user.email not in penerima
    assert len(penerima) == 5


def test_dijalankan_dua_kali_tidak_mengirim_ulang(dunia, besok_a, django_capture_on_commit_callbacks):
    _kirim(django_capture_on_commit_callbacks)
    pertama = len(mail.outbox)

    assert _kirim(django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == pertama == 5


def test_pertemuan_batal_lusa_atau_kelompok_lain_tanpa_anggota_a(dunia, django_capture_on_commit_callbacks):
    PertemuanFactory(kelompok=dunia.kelompok_a, tanggal=BESOK, status="dibatalkan", alasan_batal="Libur")
    PertemuanFactory(kelompok=dunia.kelompok_a, tanggal=BESOK + datetime.timedelta(days=1))
    PertemuanFactory(kelompok=dunia.kelompok_a, tanggal=timezone.localdate())
    b = PertemuanFactory(kelompok=dunia.kelompok_b, tanggal=BESOK)

    _kirim(django_capture_on_commit_callbacks)

    assert [m.to for m in mail.outbox] == [[dunia.guru_lain.user.email]]
    assert Pertemuan.objects.filter(pengingat_dikirim__isnull=False).get() == b


def test_anggota_yang_keluar_sebelum_pertemuan_tidak_diingatkan(dunia, besok_a, django_capture_on_commit_callbacks):
    Keanggotaan.objects.filter(guru=dunia.anggota).update(mulai=datetime.date(2024, 7, 1), selesai=timezone.localdate())

    _kirim(django_capture_on_commit_callbacks)

    assert dunia.anggota.user.email not in [a for m in mail.outbox for a in m.to]
    assert len(mail.outbox) == 4


def test_broker_mati_pengingat_diklaim_lalu_disapu_sekali(
    settings, dunia, besok_a, broker_mati, smtp_nyata, django_capture_on_commit_callbacks
):
    """The reminders are written in the transaction that claims the meeting: the broker being down neither fails
    the beat run nor loses them; the sweep sends each once, with absolute links."""
    settings.ALAMAT_SITUS = kotak_keluar.SITUS
    with broker_mati(), django_capture_on_commit_callbacks(execute=True):
        assert tasks.kirim_pengingat_besok() == 5
    besok_a.refresh_from_db()
    assert besok_a.pengingat_dikirim is not None
    assert sorted(s.kepada for s in kotak_keluar.menunggu_sweep(5)) == _alamat_anggota_a(dunia)

    pesan = kotak_keluar.disapu_tepat_sekali(django_capture_on_commit_callbacks, smtp_nyata, 5)
    assert sorted(m["To"] for m in pesan) == _alamat_anggota_a(dunia)
    assert kotak_keluar.tautan_mutlak(kotak_keluar.isi(pesan[0])) == [
        kotak_keluar.SITUS + besok_a.get_absolute_url(),
        kotak_keluar.SITUS + reverse("kegiatan:pertemuan-konfirmasi", args=[besok_a.pk]),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.kirim_pengingat_besok() == 0  # claimed once: no second reminder
    assert len(smtp_nyata.diterima()) == 5
