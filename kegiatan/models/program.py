"""Program kerja: what a group plans per tahun ajaran and semester, optionally in the In-On-In pattern."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gugus.models import KelompokKerja


def validasi_tahun_ajaran(nilai: str) -> None:
    """ "2024/2025": two consecutive years."""
    cocok = re.fullmatch(r"(\d{4})/(\d{4})", nilai or "")
    if not cocok or int(cocok[2]) != int(cocok[1]) + 1:
        raise ValidationError(_("Tulis tahun ajaran sebagai dua tahun berurutan, mis. 2024/2025."), code="tahun_ajaran")


class Semester(models.TextChoices):
    GANJIL = "ganjil", _("Ganjil (Juli–Desember)")
    GENAP = "genap", _("Genap (Januari–Juni)")


class Tujuan(models.TextChoices):
    """The official objectives a–g of KKG/MGMP (DOMAIN.md)."""

    A = "a", _("a. Memperluas penguasaan materi, silabus, bahan, strategi, metode, sarana dan sumber belajar")
    B = "b", _("b. Berbagi pengalaman serta saling memberi bantuan dan umpan balik")
    C = "c", _("c. Meningkatkan pengetahuan dan keterampilan serta mengadopsi pendekatan baru yang lebih profesional")
    D = "d", _("d. Memberdayakan anggota dalam melaksanakan tugas pembelajaran")
    E = "e", _("e. Mengubah budaya kerja dan mengembangkan profesionalisme")
    F = "f", _("f. Meningkatkan mutu pembelajaran yang tercermin pada hasil belajar peserta didik")
    G = "g", _("g. Meningkatkan kompetensi guru")


class Tahap(models.TextChoices):
    """The steps of the In-On-In pattern (Kemenag PKB)."""

    IN_1 = "in1", "In-1"
    ON = "on", "On"
    IN_2 = "in2", "In-2"


class ProgramKerja(models.Model):
    kelompok = models.ForeignKey(
        KelompokKerja, models.CASCADE, related_name="program", verbose_name=_("kelompok kerja")
    )
    nama = models.CharField(_("nama program"), max_length=100, help_text=_("Mis. BATIK, BERKARYA"))
    kepanjangan = models.CharField(
        _("kepanjangan / uraian singkat"), max_length=200, blank=True, help_text=_("Mis. Berbagi Praktik Baik")
    )
    tahun_ajaran = models.CharField(_("tahun ajaran"), max_length=9, validators=[validasi_tahun_ajaran])
    semester = models.CharField(
        _("semester"), max_length=6, choices=Semester.choices, blank=True, help_text=_("Kosongkan bila setahun penuh.")
    )
    # Letters of the objectives a–g (Tujuan); a list so that one programme can serve several.
    tujuan = models.JSONField(_("tujuan"), default=list, blank=True)
    uraian_tujuan = models.TextField(_("uraian tujuan"), blank=True)
    sasaran_fase = models.CharField(_("sasaran fase"), max_length=1, choices=KelompokKerja.Fase.choices, blank=True)
    sasaran_kelas = models.PositiveSmallIntegerField(_("sasaran kelas"), null=True, blank=True)
    sasaran_mapel = models.CharField(_("sasaran mata pelajaran"), max_length=100, blank=True)
    rencana_pertemuan = models.PositiveSmallIntegerField(_("rencana jumlah pertemuan"), default=1)
    anggaran = models.PositiveBigIntegerField(_("anggaran (Rp)"), default=0)
    in_on_in = models.BooleanField(_("pola In-On-In"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("program kerja")
        verbose_name_plural = _("program kerja")
        ordering = ["-tahun_ajaran", "semester", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["kelompok", "tahun_ajaran", "semester", "nama"], name="program_unik_per_periode"
            ),
            models.CheckConstraint(condition=Q(rencana_pertemuan__gte=1), name="program_rencana_minimal_satu"),
            models.CheckConstraint(
                condition=Q(sasaran_kelas__isnull=True) | Q(sasaran_kelas__gte=1, sasaran_kelas__lte=12),
                name="program_kelas_1_12",
            ),
        ]

    def __str__(self):
        return f"{self.nama} {self.tahun_ajaran}"

    def get_absolute_url(self):
        return reverse("kegiatan:program-detail", args=[self.pk])

    def clean(self):
        salah = set(self.tujuan or []) - set(Tujuan.values)
        if salah:
            raise ValidationError({"tujuan": _("Tujuan tidak dikenal: %(t)s.") % {"t": ", ".join(sorted(salah))}})


class LangkahProgram(models.Model):
    """One planned activity of a programme; in the In-On-In pattern it is an In-1, On or In-2."""

    program = models.ForeignKey(ProgramKerja, models.CASCADE, related_name="langkah", verbose_name=_("program"))
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    tahap = models.CharField(_("tahap"), max_length=3, choices=Tahap.choices, blank=True)
    judul = models.CharField(_("kegiatan"), max_length=200)
    rencana_tanggal = models.DateField(_("rencana tanggal"), null=True, blank=True)

    class Meta:
        verbose_name = _("langkah program")
        verbose_name_plural = _("langkah program")
        ordering = ["program", "urutan"]
        constraints = [models.UniqueConstraint(fields=["program", "urutan"], name="langkah_urutan_unik")]

    def __str__(self):
        tahap = f"{self.get_tahap_display()}: " if self.tahap else ""
        return f"{self.urutan}. {tahap}{self.judul}"
