"""Who comes to a meeting: advance confirmation, the attendance list (daftar hadir) and reflections."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gugus.models import Guru

from .pertemuan import Pertemuan


class KonfirmasiKehadiran(models.Model):
    """A member's answer before the meeting, so the host school can prepare."""

    class Jawaban(models.TextChoices):
        HADIR = "hadir", _("Akan hadir")
        TIDAK = "tidak", _("Tidak dapat hadir")

    pertemuan = models.ForeignKey(Pertemuan, models.CASCADE, related_name="konfirmasi", verbose_name=_("pertemuan"))
    guru = models.ForeignKey(Guru, models.CASCADE, related_name="+", verbose_name=_("guru"))
    jawaban = models.CharField(_("jawaban"), max_length=5, choices=Jawaban.choices)
    catatan = models.CharField(_("catatan"), max_length=200, blank=True)
    diubah = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("konfirmasi kehadiran")
        verbose_name_plural = _("konfirmasi kehadiran")
        constraints = [models.UniqueConstraint(fields=["pertemuan", "guru"], name="satu_konfirmasi_per_guru")]

    def __str__(self):
        return f"{self.guru}: {self.get_jawaban_display()}"


class Kehadiran(models.Model):
    """One line of the daftar hadir: a member (guru) or a guest (tamu: name and institution)."""

    class Status(models.TextChoices):
        HADIR = "hadir", _("Hadir")
        IZIN = "izin", _("Izin")
        SAKIT = "sakit", _("Sakit")
        ALPA = "alpa", _("Alpa")

    class Cara(models.TextChoices):
        DICATAT = "dicatat", _("Dicatat sekretaris")
        QR = "qr", _("Pindai QR")

    pertemuan = models.ForeignKey(Pertemuan, models.CASCADE, related_name="kehadiran", verbose_name=_("pertemuan"))
    guru = models.ForeignKey(Guru, models.PROTECT, null=True, blank=True, related_name="kehadiran")
    nama_tamu = models.CharField(_("nama tamu"), max_length=150, blank=True)
    instansi_tamu = models.CharField(_("instansi"), max_length=150, blank=True)
    status = models.CharField(_("status"), max_length=5, choices=Status.choices, default=Status.HADIR)
    cara = models.CharField(_("cara"), max_length=7, choices=Cara.choices, default=Cara.DICATAT)
    waktu = models.DateTimeField(_("waktu dicatat"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        ordering = ["guru__nama", "nama_tamu"]
        constraints = [
            models.UniqueConstraint(
                fields=["pertemuan", "guru"], condition=Q(guru__isnull=False), name="satu_kehadiran_per_guru"
            ),
            models.CheckConstraint(
                condition=Q(guru__isnull=False, nama_tamu="") | Q(guru__isnull=True) & ~Q(nama_tamu=""),
                name="kehadiran_guru_atau_tamu",
            ),
        ]

    def __str__(self):
        return f"{self.guru or self.nama_tamu}: {self.get_status_display()}"

    @property
    def nama(self) -> str:
        return str(self.guru) if self.guru_id else self.nama_tamu


class Refleksi(models.Model):
    """A participant's reflection after a meeting: a rating 1–5 and what they took from it."""

    pertemuan = models.ForeignKey(Pertemuan, models.CASCADE, related_name="refleksi", verbose_name=_("pertemuan"))
    guru = models.ForeignKey(Guru, models.CASCADE, related_name="refleksi", verbose_name=_("guru"))
    nilai = models.PositiveSmallIntegerField(_("nilai"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    isi = models.TextField(_("refleksi"))
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("refleksi")
        verbose_name_plural = _("refleksi")
        ordering = ["-dibuat"]
        constraints = [
            models.UniqueConstraint(fields=["pertemuan", "guru"], name="satu_refleksi_per_guru"),
            models.CheckConstraint(condition=Q(nilai__gte=1, nilai__lte=5), name="refleksi_nilai_1_5"),
        ]

    def __str__(self):
        return f"{self.guru} – {self.pertemuan}"
