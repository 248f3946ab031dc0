"""Surel: one e-mail of the outbox, rendered when the action wrote it, sent at most once by `kirim_surel`."""

import secrets
from urllib.parse import urlsplit

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kkg.lib.situs import alamat_situs


def token_baru() -> str:
    """32 hex characters (128 random bits): the left part of the message's Message-ID."""
    return secrets.token_hex(16)


class Surel(models.Model):
    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu")
        TERKIRIM = "terkirim", _("Terkirim")
        GAGAL = "gagal", _("Gagal")

    kepada = models.EmailField(_("kepada"))
    nama = models.CharField(_("nama penerima"), max_length=150, blank=True)
    subjek = models.CharField(_("subjek"), max_length=998)  # one header line (RFC 5322)
    isi = models.TextField(_("isi"))
    html = models.TextField(_("isi HTML"), blank=True)
    # References resolved when the message is sent, e.g. [{"jenis": "notulen", "id": 7}] (kkg/surel/lampiran.py).
    lampiran = models.JSONField(_("lampiran"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.MENUNGGU)
    percobaan = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    alasan_gagal = models.TextField(_("alasan gagal"), blank=True)
    token = models.CharField(max_length=32, unique=True, default=token_baru, editable=False)
    # An idempotency key ("notulen:<id>:<address>"): writing the same logical message twice makes one row.
    kunci = models.CharField(_("kunci"), max_length=300, null=True, blank=True, unique=True, editable=False)
    # When the row was handed to the broker; empty when the broker refused (the sweep takes those first).
    diantrekan_pada = models.DateTimeField(_("diantrekan pada"), null=True, blank=True)
    dikirim_pada = models.DateTimeField(_("dikirim pada"), null=True, blank=True)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("surel")
        verbose_name_plural = _("kotak keluar")
        ordering = ["-dibuat", "-pk"]
        indexes = [
            # The beat sweep (layanan.sapu_surel) looks only at waiting rows.
            models.Index(fields=["diantrekan_pada"], condition=Q(status="menunggu"), name="surel_menunggu"),
        ]

    def __str__(self):
        return f"{self.subjek} → {self.kepada} ({self.get_status_display()})"

    @property
    def message_id(self) -> str:
        """The same for every attempt at this row, so that a receiver can drop the duplicate of the one
        window where a message may go twice (SMTP accepted it, the process died before COMMIT)."""
        return f"<{self.token}@{urlsplit(alamat_situs()).hostname or 'kkg.localhost'}>"
