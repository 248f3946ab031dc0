"""Distribution on a real celery worker over real SMTP (aiosmtpd), through the outbox (kkg/surel): 50 recipients,
the worker killed mid-way and started again, every address gets exactly one e-mail; a mail server that keeps
refusing ends in "gagal"."""

# ruff: noqa: F811 (the fixtures imported from tests/laporan/conftest.py are parameters here)
import asyncio
import os
import signal
import threading
import time
from collections import Counter

import pytest

from kkg.surel.layanan import sapu_surel
from kkg.surel.models import Surel
from laporan.models import Pengiriman
from laporan.services import distribusi as layanan
from tests.laporan.conftest import disetujui, pertemuan, teks_pdf  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)

Status = Pengiriman.Status


@pytest.fixture
def celery_worker_env(smtp_sink):
    # Retries 1 s apart, so the failure test does not wait minutes.
    return {"EMAIL_URL": smtp_sink.email_url, "PENGIRIMAN_JEDA_ULANG": "1,1"}


def _tunggu_status(n: int, timeout: float = 120.0) -> None:
    batas = time.monotonic() + timeout
    while True:
        sisa = Counter(Pengiriman.objects.values_list("surel__status", flat=True))
        if sisa[Status.TERKIRIM] >= n:
            return
        if time.monotonic() > batas:
            raise AssertionError(f"not all sent within {timeout:.0f} s: {dict(sisa)}")
        time.sleep(0.2)


def _tahan_setelah(smtp_sink, jumlah: int):
    """From the (jumlah+1)-th message on, the server holds the DATA command unanswered until released: a worker
    killed then dies before the "250", i.e. before the message counts as delivered."""
    asli = smtp_sink.controller.handler.handle_DATA
    ditahan, dilepas = threading.Event(), threading.Event()

    async def handle_DATA(server, session, envelope):
        if len(smtp_sink.diterima()) >= jumlah and not dilepas.is_set():
            ditahan.set()
            while not dilepas.is_set():
                await asyncio.sleep(0.05)
            return "451 4.3.0 Coba lagi nanti (uji)"
        return await asli(server, session, envelope)

    smtp_sink.controller.handler.handle_DATA = handle_DATA
    return ditahan, dilepas


def test_lima_puluh_penerima_worker_dibunuh_tetap_tepat_sekali(
    celery_worker_proc,
    _celery_workers,
    celery_worker_env,
    smtp_sink,
    pengguna,
    disetujui,
    settings,
):
    alamat = [f"penerima{i:02d}@contoh.sch.id" for i in range(50)]
    penerima = [layanan.Penerima(f"Penerima {i:02d}", a) for i, a in enumerate(alamat)]
    ditahan, dilepas = _tahan_setelah(smtp_sink, 10)

    mulai = time.monotonic()
    layanan.distribusikan(disetujui, penerima, oleh=pengguna["sekretaris"])  # 50 outbox rows → 50 tasks on Redis
    assert ditahan.wait(120), "the worker never reached the 11th e-mail"
    os.killpg(celery_worker_proc.proc.pid, signal.SIGKILL)  # mid-SMTP-conversation, holding the row lock
    celery_worker_proc.proc.wait()
    dilepas.set()
    assert len(smtp_sink.diterima()) == 10

    _celery_workers.get(celery_worker_env)  # a dead worker is started again
    # The killed worker's unacked message would come back only after Redis' visibility_timeout (1 h): the
    # sweep re-enqueues every row still waiting. Rows already queued get a second message — harmless.
    assert sapu_surel(basi_detik=0) >= 1
    _tunggu_status(50)
    time.sleep(1)  # any stray duplicate delivery would have arrived by now

    per_alamat = Counter(a.addr_spec for m in smtp_sink.diterima() for a in m["To"].addresses)
    assert per_alamat == Counter({a: 1 for a in alamat})
    assert Pengiriman.objects.filter(surel__status=Status.TERKIRIM).count() == 50
    # Each message carries its outbox row's Message-ID (the same on a resend of the row).
    assert {m["Message-ID"] for m in smtp_sink.diterima()} == {s.message_id for s in Surel.objects.all()}
    print(f"\n50 recipients, worker killed and restarted: {time.monotonic() - mulai:.1f} s")

    pesan = smtp_sink.diterima()[0]
    assert "Analisis CP Fase A" in pesan["Subject"]
    [lampiran] = list(pesan.iter_attachments())
    teks = teks_pdf(lampiran.get_content())
    assert "Analisis CP Fase A" in teks and "Halaman 1 dari" in teks


def test_smtp_menolak_terus_gagal_dengan_alasan(celery_worker_proc, smtp_sink, pengguna, disetujui):
    smtp_sink.menolak(3)  # the first try and both retries
    [p] = layanan.distribusikan(
        disetujui, [layanan.Penerima("Bu Rina", "rina@contoh.sch.id")], oleh=pengguna["sekretaris"]
    )
    batas = time.monotonic() + 60
    while (p := Pengiriman.objects.select_related("surel").get(pk=p.pk)).status == Status.MENUNGGU:
        assert time.monotonic() < batas, f"still waiting after {p.surel.percobaan} attempts: {p.surel.alasan_gagal}"
        time.sleep(0.2)
    assert p.status == Status.GAGAL and p.surel.percobaan == 3
    assert "451" in p.surel.alasan_gagal and smtp_sink.ditolak == 3 and smtp_sink.diterima() == []
