"""Pertemuan: one meeting of a kelompok kerja, planned, held or cancelled."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gugus.models import Guru, Keanggotaan, KelompokKerja, Sekolah

from .program import LangkahProgram, ProgramKerja


class PertemuanQuerySet(models.QuerySet):
    def terlaksana(self):
        return self.filter(status=Pertemuan.Status.TERLAKSANA)

    def akan_datang(self, dari=None):
        return self.filter(status=Pertemuan.Status.DIRENCANAKAN, tanggal__gte=dari or timezone.localdate())


class Pertemuan(models.Model):
    class Jenis(models.TextChoices):
        LOKAKARYA = "lokakarya", _("Lokakarya")
        SEMINAR = "seminar", _("Seminar")
        PELATIHAN = "pelatihan", _("Pelatihan")
        DISKUSI = "diskusi", _("Diskusi / berbagi praktik baik")
        IN_1 = "in1", "In-1"
        ON = "on", "On"
        IN_2 = "in2", "In-2"

    class Status(models.TextChoices):
        DIRENCANAKAN = "direncanakan", _("Direncanakan")
        TERLAKSANA = "terlaksana", _("Terlaksana")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    kelompok = models.ForeignKey(
        KelompokKerja, models.PROTECT, related_name="pertemuan", verbose_name=_("kelompok kerja")
    )
    program = models.ForeignKey(
        ProgramKerja, models.SET_NULL, null=True, blank=True, related_name="pertemuan", verbose_name=_("program")
    )
    langkah = models.ForeignKey(
        LangkahProgram,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="pertemuan",
        verbose_name=_("langkah program"),
    )
    topik = models.CharField(_("topik"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices, default=Jenis.DISKUSI)
    tanggal = models.DateField(_("tanggal"))
    jam_mulai = models.TimeField(_("jam mulai"))
    jam_selesai = models.TimeField(_("jam selesai"))
    tuan_rumah = models.ForeignKey(
        Sekolah, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("sekolah tuan rumah")
    )
    tempat = models.CharField(
        _("tempat lain"), max_length=200, blank=True, help_text=_("Isi bila bukan di sekolah anggota.")
    )
    sasaran = models.CharField(_("sasaran peserta"), max_length=200, blank=True)
    narasumber_guru = models.ForeignKey(
        Guru, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("narasumber (anggota)")
    )
    narasumber_nama = models.CharField(_("narasumber dari luar"), max_length=150, blank=True)
    narasumber_instansi = models.CharField(_("instansi narasumber"), max_length=150, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    # An In-2 reflects on the On it follows.
    pertemuan_on = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("On yang direfleksikan")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DIRENCANAKAN)
    alasan_batal = models.TextField(_("alasan pembatalan"), blank=True)
    # Set, under a row lock, when the day-before reminder has been handed to the mail queue.
    pengingat_dikirim = models.DateTimeField(_("pengingat dikirim"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = PertemuanQuerySet.as_manager()

    class Meta:
        verbose_name = _("pertemuan")
        verbose_name_plural = _("pertemuan")
        ordering = ["-tanggal", "-jam_mulai"]
        indexes = [models.Index(fields=["kelompok", "tanggal"])]
        constraints = [
            models.CheckConstraint(condition=Q(jam_selesai__gt=F("jam_mulai")), name="pertemuan_jam_berurutan"),
            models.CheckConstraint(
                condition=~Q(status="dibatalkan") | ~Q(alasan_batal=""), name="pertemuan_batal_beralasan"
            ),
        ]

    def __str__(self):
        return f"{self.topik} ({self.tanggal:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("kegiatan:pertemuan-detail", args=[self.pk])

    @property
    def lokasi(self) -> str:
        return str(self.tuan_rumah) if self.tuan_rumah_id else self.tempat

    @property
    def narasumber(self) -> str:
        if self.narasumber_guru_id:
            return str(self.narasumber_guru)
        if self.narasumber_nama and self.narasumber_instansi:
            return f"{self.narasumber_nama} ({self.narasumber_instansi})"
        return self.narasumber_nama

    @property
    def belum_berlangsung(self) -> bool:
        """Planned for a day still to come (Asia/Jakarta): no attendance, minutes or reflections yet."""
        return self.status == self.Status.DIRENCANAKAN and self.tanggal > timezone.localdate()

    def keanggotaan_hari_itu(self):
        """The group's memberships in force on the meeting's date: its roster."""
        return Keanggotaan.objects.berlaku(self.tanggal).filter(kelompok_id=self.kelompok_id)

    def anggota_hari_itu(self):
        """The teachers who were members of the group on the meeting's date."""
        return Guru.objects.filter(pk__in=self.keanggotaan_hari_itu().values("guru"))

    def clean(self):
        galat = {}
        if self.jam_mulai and self.jam_selesai and self.jam_selesai <= self.jam_mulai:
            galat["jam_selesai"] = _("Jam selesai harus sesudah jam mulai.")
        if not self.tuan_rumah_id and not self.tempat:
            galat["tempat"] = _("Pilih sekolah tuan rumah atau tulis tempatnya.")
        if self.narasumber_guru_id and self.narasumber_nama:
            galat["narasumber_nama"] = _("Pilih narasumber dari anggota atau dari luar, bukan keduanya.")
        if self.status == self.Status.DIBATALKAN and not self.alasan_batal:
            galat["alasan_batal"] = _("Tuliskan alasan pembatalan.")
        if self.program_id and self.kelompok_id and self.program.kelompok_id != self.kelompok_id:
            galat["program"] = _("Program harus milik kelompok yang sama.")
        if self.langkah_id and self.langkah.program_id != self.program_id:
            galat["langkah"] = _("Langkah harus bagian dari program yang dipilih.")
        if self.pertemuan_on_id and self.pertemuan_on.kelompok_id != self.kelompok_id:
            galat["pertemuan_on"] = _("Pertemuan On harus milik kelompok yang sama.")
        if galat:
            raise ValidationError(galat)
