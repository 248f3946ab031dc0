"""Checks shared by the outbox tests of every kind of e-mail (kkg/surel): after an action taken while the broker
was down, its messages wait; once the broker is back the sweep sends each exactly once; links are absolute."""

import re

from kkg.surel.layanan import sapu_surel
from kkg.surel.models import Surel

SITUS = "https://kkg.contoh.id"  # set as settings.ALAMAT_SITUS, so that a link made from the request shows


def menunggu_sweep(jumlah: int) -> list[Surel]:
    """The outbox holds `jumlah` messages, all waiting and marked as never enqueued (the sweep takes them first)."""
    semua = list(Surel.objects.order_by("pk"))
    assert [(s.status, s.diantrekan_pada) for s in semua] == [(Surel.Status.MENUNGGU, None)] * jumlah
    return semua


def disapu_tepat_sekali(capture, smtp, jumlah: int) -> list:
    """The broker is back (tasks inline): one sweep sends each of the `jumlah` waiting messages once over SMTP, with
    its row's Message-ID; a second sweep sends nothing. Returns the messages the SMTP server received."""
    menunggu = list(Surel.objects.filter(status=Surel.Status.MENUNGGU))
    sebelum = len(smtp.diterima())
    with capture(execute=True):
        assert sapu_surel() == jumlah == len(menunggu)
    pesan = smtp.diterima()[sebelum:]
    assert sorted(m["Message-ID"] for m in pesan) == sorted(s.message_id for s in menunggu)
    assert set(Surel.objects.values_list("status", flat=True)) == {Surel.Status.TERKIRIM}
    with capture(execute=True):
        assert sapu_surel(basi_detik=0) == 0
    assert len(smtp.diterima()) == sebelum + jumlah
    return pesan


def isi(pesan) -> str:
    return pesan.get_body(preferencelist=("plain",)).get_content()


def tautan_mutlak(teks: str) -> list[str]:
    """Every link of a message's text, each on the site's address (SITUS); at least one."""
    tautan = re.findall(r"https?://\S+", teks)
    assert tautan and all(t.startswith(SITUS + "/") for t in tautan), tautan
    return tautan
