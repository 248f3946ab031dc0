"""Surat undangan: the invitation letter to a member school's kepala sekolah, numbered per group and year."""

import re
import string

from django.db import models
from django.utils.translation import gettext_lazy as _

from gugus.models import KelompokKerja, Sekolah
from kegiatan.models import Pertemuan

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
    # Set in the transaction that holds this row's lock while the e-mail is sent (laporan/surat.py): empty means
    # not e-mailed yet, whoever issued the letter.
    dikirim_pada = models.DateTimeField(_("dikirim pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("surat undangan")
        verbose_name_plural = _("surat undangan")
        ordering = ["pertemuan", "sekolah__nama"]
        constraints = [models.UniqueConstraint(fields=["pertemuan", "sekolah"], name="satu_undangan_per_sekolah")]

    def __str__(self):
        return f"{self.nomor} – {self.sekolah}"

    @property
    def berkas(self):
        """The letter's PDF (its Dokumen's file), as the sender attaches it."""
        return self.dokumen.berkas

    def nama_unduhan(self) -> str:
        """e.g. surat-undangan-005-KKG-CND-II-2025.pdf"""
        aman = re.sub(rf"[^{re.escape(string.ascii_letters + string.digits)}]+", "-", self.nomor).strip("-")
        return f"surat-undangan-{aman}.pdf"
