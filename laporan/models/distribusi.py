"""The distribution of an approved notulen: one Distribusi per "Distribusikan", one Pengiriman per recipient."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kegiatan.models import Notulen
from kkg.surel.models import Surel

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
    """One recipient of one notulen version: one row per (version, e-mail address), whose e-mail is its outbox
    row (`surel`, written in the same transaction). The sending state is the outbox row's; this row adds the
    recipient's role, the inbox and the tracked link."""

    class Status(models.TextChoices):
        """The outbox's statuses (Surel.Status), and "dibaca"."""

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
    surel = models.OneToOneField(Surel, models.PROTECT, related_name="+", verbose_name=_("surel"))
    # The tracked link in the e-mail: opening it marks the row "dibaca".
    token = models.CharField(max_length=32, unique=True, default=kode_baru, editable=False)
    dibaca_pada = models.DateTimeField(_("dibaca pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("pengiriman notulen")
        verbose_name_plural = _("pengiriman notulen")
        ordering = ["nama"]
        constraints = [models.UniqueConstraint(fields=["notulen", "email"], name="satu_pengiriman_per_alamat")]

    def __str__(self):
        return f"{self.nama} <{self.email}>: {self.get_status_display()}"

    @property
    def status(self) -> str:
        """The outbox row's status, or "dibaca" once a sent e-mail was opened (opened in the app before the
        e-mail left, it stays "menunggu": the e-mail must still go). Select `surel` with the row."""
        if self.surel.status == Surel.Status.TERKIRIM and self.dibaca_pada:
            return self.Status.DIBACA
        return self.surel.status

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)
