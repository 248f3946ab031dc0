"""The distribution of an approved notulen: one Distribusi per "Distribusikan", one Pengiriman per recipient."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kegiatan.models import Notulen

from .dokumen import kode_baru


class Distribusi(models.Model):
    """One "Distribusikan" of an approved notulen version by the sekretaris, with the recipients chosen."""

    notulen = models.ForeignKey(Notulen, models.PROTECT, related_name="distribusi", verbose_name=_("notulen"))
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("oleh")
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("distribusi notulen")
        verbose_name_plural = _("distribusi notulen")
        ordering = ["-dibuat"]

    def __str__(self):
        return f"{self.notulen} ({self.dibuat:%d/%m/%Y %H:%M})"


class Pengiriman(models.Model):
    """One recipient of one notulen version. The exactly-once guarantee lives here: one row per (version,
    e-mail address), locked and marked "terkirim" in the transaction that records the send."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu")
        TERKIRIM = "terkirim", _("Terkirim")
        GAGAL = "gagal", _("Gagal")
        DIBACA = "dibaca", _("Dibaca")

    class Peran(models.TextChoices):
        ANGGOTA = "anggota", _("Anggota")
        KEPALA_SEKOLAH = "kepala_sekolah", _("Kepala sekolah")
        PENGAWAS = "pengawas", _("Pengawas")
        LAINNYA = "lainnya", _("Lainnya")

    distribusi = models.ForeignKey(Distribusi, models.CASCADE, related_name="pengiriman")
    notulen = models.ForeignKey(Notulen, models.PROTECT, related_name="+", verbose_name=_("notulen"))
    email = models.EmailField(_("e-mail"))
    nama = models.CharField(_("nama"), max_length=150)
    peran = models.CharField(_("sebagai"), max_length=14, choices=Peran.choices, default=Peran.ANGGOTA)
    sekolah = models.CharField(_("sekolah"), max_length=150, blank=True)
    # Recipients with an account also find the minutes in their in-app inbox.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="kotak_masuk"
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.MENUNGGU)
    alasan_gagal = models.TextField(_("alasan gagal"), blank=True)
    percobaan = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    # The tracked link in the e-mail: opening it marks the row "dibaca".
    token = models.CharField(max_length=32, unique=True, default=kode_baru, editable=False)
    diantrekan_pada = models.DateTimeField(_("diantrekan pada"), null=True, blank=True)
    dikirim_pada = models.DateTimeField(_("dikirim pada"), null=True, blank=True)
    dibaca_pada = models.DateTimeField(_("dibaca pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("pengiriman notulen")
        verbose_name_plural = _("pengiriman notulen")
        ordering = ["nama"]
        constraints = [models.UniqueConstraint(fields=["notulen", "email"], name="satu_pengiriman_per_alamat")]
        indexes = [models.Index(fields=["status", "diantrekan_pada"])]

    def __str__(self):
        return f"{self.nama} <{self.email}>: {self.get_status_display()}"
