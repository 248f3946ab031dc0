"""Migration laporan 0004: the sending state of existing deliveries and letters moves into outbox rows, and a
delivery that was still waiting is sent by the sweep afterwards, with its old Message-ID."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from kkg.surel.layanan import sapu_surel
from kkg.surel.models import Surel
from laporan.models import Pengiriman, SuratUndangan
from tests.factories import GuruFactory
from tests.migrasi import migrasi_ke

SEBELUM = [("laporan", "0003_surat_dikirim_pada")]
SESUDAH = None  # the newest state of every app: the test then reads with the current models


@pytest.mark.django_db(transaction=True)  # the schema changes back and forth
def test_status_lama_pindah_ke_surel_dan_yang_menunggu_disapu(dunia, disetujui, render_terhitung):
    kepala = GuruFactory(sekolah=dunia.sekolah_a1, email="Kepsek1@contoh.sch.id")
    dunia.sekolah_a1.kepala_sekolah = kepala
    dunia.sekolah_a1.save()
    waktu = timezone.now() - datetime.timedelta(days=1)
    lama = migrasi_ke(SEBELUM)
    try:
        distribusi = lama.get_model("laporan", "Distribusi").objects.create(notulen_id=disetujui.pk)
        buat = lama.get_model("laporan", "Pengiriman").objects.create
        umum = {"distribusi": distribusi, "notulen_id": disetujui.pk}
        buat(**umum, email="a@contoh.id", nama="A", status="dibaca", percobaan=1, dikirim_pada=waktu,
             dibaca_pada=waktu, token="tok-a")  # fmt: skip
        buat(**umum, email="b@contoh.id", nama="B", status="menunggu", token="tok-b")
        buat(**umum, email="c@contoh.id", nama="C", status="gagal", percobaan=3, alasan_gagal="451 nanti", token="c")
        lama.get_model("laporan", "SuratUndangan").objects.create(
            pertemuan_id=disetujui.pertemuan_id, sekolah_id=dunia.sekolah_a1.pk, nomor="001/KKG-CND/II/2025",
            tanggal=datetime.date(2025, 2, 14), dikirim_pada=waktu,
        )  # fmt: skip
    finally:
        migrasi_ke(SESUDAH)

    p = {p.email: p for p in Pengiriman.objects.select_related("surel")}
    assert (p["a@contoh.id"].status, p["a@contoh.id"].surel.dikirim_pada) == ("dibaca", waktu)
    assert (p["c@contoh.id"].status, p["c@contoh.id"].surel.percobaan) == ("gagal", 3)
    assert p["c@contoh.id"].surel.alasan_gagal == "451 nanti"
    b = p["b@contoh.id"].surel
    assert (b.status, b.kunci, b.lampiran) == ("menunggu", f"notulen:{disetujui.pk}:b@contoh.id", [
        {"jenis": "notulen", "id": disetujui.pk}
    ])  # fmt: skip
    assert "Analisis CP Fase A" in b.subjek and "/baca/tok-b/" in b.isi
    surat = SuratUndangan.objects.select_related("surel").get()
    assert surat.dikirim_pada == waktu and surat.surel.kepada == "kepsek1@contoh.sch.id"
    assert "001/KKG-CND/II/2025" in surat.surel.subjek

    assert sapu_surel() == 1  # autocommit: sent inline at once
    [pesan] = mail.outbox
    assert pesan.to == ["B <b@contoh.id>"] and pesan.extra_headers["Message-ID"].startswith("<notulen-tok-b@")
    assert Surel.objects.get(pk=b.pk).status == "terkirim"
