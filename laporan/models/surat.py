"""Surat undangan: the invitation letter to a member school's kepala sekolah, numbered per group and year."""

import re
import string

from django.db import models
from django.utils.translation import gettext_lazy as _

from gugus.models import KelompokKerja, Sekolah
from kegiatan.models import Pertemuan
from kkg.surel.models import Surel

from .dokumen import Dokumen


class NomorSurat(models.Model):
    """A group's letter-number counter per year: `terakhir` is the last number issued, taken under a row lock so
    that two letters issued at once never share a number."""

    kelompok = models.ForeignKey(KelompokKerja, models.CASCADE, related_name="+", verbose_name=_("kelompok"))
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    terakhir = models.PositiveIntegerField(_("nomor terakhir"), default=0)

    class Meta:
        verbose_name = _("penomoran surat")
        verbose_name_plural = _("penomoran surat")
        constraints = [models.UniqueConstraint(fields=["kelompok", "tahun"], name="satu_penomoran_per_tahun")]

    def __str__(self):
        return f"{self.kelompok} {self.tahun}: {self.terakhir}"


class SuratUndangan(models.Model):
    """The invitation to the kepala sekolah of one member school to release their teachers for a meeting."""

    pertemuan = models.ForeignKey(Pertemuan, models.CASCADE, related_name="+", verbose_name=_("pertemuan"))
    sekolah = models.ForeignKey(Sekolah, models.PROTECT, related_name="+", verbose_name=_("sekolah"))
    nomor = models.CharField(_("nomor surat"), max_length=60, unique=True)
    tanggal = models.DateField(_("tanggal surat"))
    # The issued PDF, its hash, its verification code and its status (cancelled with the meeting).
    # RESTRICT: a document goes only together with its letter (the meeting deleted).
    dokumen = models.OneToOneField(Dokumen, models.RESTRICT, related_name="surat_undangan", verbose_name=_("dokumen"))
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    # The letter's e-mail in the outbox, written when it is queued for sending (laporan/services/surat.py): empty
    # means not queued yet, whoever issued the letter.
    surel = models.OneToOneField(
        Surel, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("surel")
    )

    class Meta:
        verbose_name = _("surat undangan")
        verbose_name_plural = _("surat undangan")
        ordering = ["pertemuan", "sekolah__nama"]
        constraints = [models.UniqueConstraint(fields=["pertemuan", "sekolah"], name="satu_undangan_per_sekolah")]

    def __str__(self):
        return f"{self.nomor} – {self.sekolah}"

    @property
    def dikirim_pada(self):
        """When the letter's e-mail left; None while it has not (select `surel` with the row)."""
        return self.surel.dikirim_pada if self.surel_id else None

    @property
    def berkas(self):
        """The letter's PDF (its Dokumen's file), as the sender attaches it."""
        return self.dokumen.berkas

    def nama_unduhan(self) -> str:
        """e.g. surat-undangan-005-KKG-CND-II-2025.pdf"""
        aman = re.sub(rf"[^{re.escape(string.ascii_letters + string.digits)}]+", "-", self.nomor).strip("-")
        return f"surat-undangan-{aman}.pdf"
