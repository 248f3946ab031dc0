"""Notulen: the minutes of a meeting, written in sections, approved by the ketua, versioned after approval.

Each row is one version. Version 1 starts as a draft; the sekretaris submits it (diajukan), the ketua approves
it (disetujui, locked) or returns it to draft. A change after approval starts version n+1 as a copy; the
approved versions stay for comparison, and the newest approved one is the current text.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gugus.models import Guru

from .pertemuan import Pertemuan


class Notulen(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan ke ketua")
        DISETUJUI = "disetujui", _("Disetujui")

    # The sections, in the order of the minutes; plain text ("- " lines make a list), never HTML.
    BAGIAN = ("pembukaan", "pembahasan", "kesimpulan")

    pertemuan = models.ForeignKey(Pertemuan, models.CASCADE, related_name="notulen", verbose_name=_("pertemuan"))
    versi = models.PositiveSmallIntegerField(_("versi"), default=1)
    status = models.CharField(_("status"), max_length=9, choices=Status.choices, default=Status.DRAFT)
    pembukaan = models.TextField(_("pembukaan"), blank=True)
    pembahasan = models.TextField(_("pembahasan"), blank=True, help_text=_("Pokok-pokok yang dibahas."))
    kesimpulan = models.TextField(_("kesimpulan / keputusan"), blank=True)
    catatan_ketua = models.TextField(_("catatan ketua"), blank=True, help_text=_("Alasan dikembalikan ke draf."))
    alasan_perubahan = models.CharField(_("alasan perubahan"), max_length=200, blank=True)
    ditulis_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("ditulis oleh")
    )
    diajukan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("disetujui oleh"),
    )
    disetujui_pada = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    diubah = models.DateTimeField(_("diubah"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notulen")
        verbose_name_plural = _("notulen")
        ordering = ["pertemuan", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["pertemuan", "versi"], name="notulen_versi_unik"),
            # At most one version of a meeting's minutes is being worked on at a time.
            models.UniqueConstraint(
                fields=["pertemuan"], condition=~Q(status="disetujui"), name="satu_notulen_terbuka"
            ),
        ]

    def __str__(self):
        return _("Notulen %(p)s (versi %(v)d)") % {"p": self.pertemuan.topik, "v": self.versi}

    def get_absolute_url(self):
        return reverse("kegiatan:notulen-detail", args=[self.pertemuan_id]) + f"?versi={self.versi}"

    @property
    def terkunci(self) -> bool:
        return self.status == self.Status.DISETUJUI


class TindakLanjutQuerySet(models.QuerySet):
    def terbuka(self):
        return self.filter(selesai_pada__isnull=True)

    def dari_versi_berlaku(self):
        """Items of each meeting's current minutes: approved, and no newer approved version (whose copies of
        the items supersede these)."""
        lebih_baru = Notulen.objects.filter(
            pertemuan=models.OuterRef("notulen__pertemuan"),
            status=Notulen.Status.DISETUJUI,
            versi__gt=models.OuterRef("notulen__versi"),
        )
        return self.filter(notulen__status=Notulen.Status.DISETUJUI).exclude(models.Exists(lebih_baru))


class TindakLanjut(models.Model):
    """An action item of the minutes: what, who, by when; on the responsible member's dashboard until done."""

    notulen = models.ForeignKey(Notulen, models.CASCADE, related_name="tindak_lanjut", verbose_name=_("notulen"))
    uraian = models.CharField(_("tindak lanjut"), max_length=300)
    penanggung_jawab = models.ForeignKey(
        Guru, models.SET_NULL, null=True, blank=True, related_name="tindak_lanjut", verbose_name=_("penanggung jawab")
    )
    batas_waktu = models.DateField(_("batas waktu"), null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    history = HistoricalRecords()

    objects = TindakLanjutQuerySet.as_manager()

    class Meta:
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        ordering = ["batas_waktu", "pk"]

    def __str__(self):
        return self.uraian
