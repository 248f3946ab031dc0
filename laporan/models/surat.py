"""Surat undangan: the invitation letter to a member school's kepala sekolah, numbered per group and year."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gugus.models import KelompokKerja, Sekolah
from kegiatan.models import Pertemuan
from kkg.lib.berkas import NamaAcak, penyimpanan_privat
from kkg.surel.models import Surel


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
    berkas = models.FileField(
        _("berkas"), storage=penyimpanan_privat, upload_to=NamaAcak("surat"), max_length=200, blank=True
    )
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
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
