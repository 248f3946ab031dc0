"""Laporan berjenjang: a group's periodic report, travelling ketua → pengawas → Dinas (DOMAIN.md, "Ketua").

A `Laporan` is one group's report for one period of one kind. Its content is compiled from the data; each
submission freezes that content in a `VersiLaporan` (a JSON snapshot and its PDF), so later edits of meetings
never change what was submitted, and earlier versions stay readable. Every transition is a `RiwayatLaporan` row
(who, when, the comment): the report's timeline. The allowed transitions live in one place,
laporan/services/berjenjang.py.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gugus.models import Kabupaten, KelompokKerja, Pengawas
from kegiatan.models import EntriKas, Pertemuan

BULAN = (
    "",
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


class LaporanQuerySet(models.QuerySet):
    def pernah_diajukan(self):
        """Reports the pengawas and the Dinas may see: submitted at least once."""
        return self.filter(versi__gt=0)

    def menunggu_pengawas(self):
        return self.filter(status=Laporan.Status.DIAJUKAN)


class Laporan(models.Model):
    class Jenis(models.TextChoices):
        BULANAN = "bulanan", _("Bulanan")
        SEMESTER = "semester", _("Semester")
        TAHUNAN = "tahunan", _("Tahunan")
        LPJ = "lpj", _("Pertanggungjawaban bantuan (LPJ)")

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan ke pengawas")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan untuk diperbaiki")
        DISETUJUI = "disetujui", _("Disetujui pengawas")
        DITERUSKAN = "diteruskan", _("Diteruskan ke Dinas")
        DITERIMA = "diterima", _("Diterima Dinas")

    kelompok = models.ForeignKey(KelompokKerja, models.PROTECT, related_name="laporan", verbose_name=_("kelompok"))
    jenis = models.CharField(_("jenis laporan"), max_length=9, choices=Jenis.choices)
    mulai = models.DateField(_("periode mulai"))
    selesai = models.DateField(_("periode selesai"))
    # The grant a laporan pertanggungjawaban accounts for (LPJ only).
    hibah = models.ForeignKey(
        EntriKas, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("bantuan / hibah")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAF)
    # The ketua's own narrative (BAB III and IV of the PDF).
    capaian = models.TextField(_("capaian"), blank=True, help_text=_("Apa yang dicapai kelompok pada periode ini."))
    kendala = models.TextField(_("kendala"), blank=True)
    tindak_lanjut = models.TextField(_("rencana tindak lanjut"), blank=True)
    dampak = models.TextField(
        _("dampak bagi pembelajaran murid"),
        blank=True,
        help_text=_("Perubahan yang terlihat pada hasil belajar murid."),
    )
    versi = models.PositiveSmallIntegerField(_("versi terakhir yang diajukan"), default=0, editable=False)
    diajukan_pada = models.DateTimeField(_("terakhir diajukan"), null=True, blank=True, editable=False)
    # The first submission decides whether the report came in on time (the Dinas's deadline).
    pertama_diajukan = models.DateTimeField(_("pertama diajukan"), null=True, blank=True, editable=False)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", editable=False
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    diubah = models.DateTimeField(_("diubah"), auto_now=True)

    objects = LaporanQuerySet.as_manager()

    class Meta:
        verbose_name = _("laporan")
        verbose_name_plural = _("laporan")
        ordering = ["-mulai", "kelompok__nama"]
        constraints = [
            models.UniqueConstraint(fields=["kelompok", "jenis", "mulai"], name="satu_laporan_per_periode"),
            models.CheckConstraint(condition=Q(selesai__gte=F("mulai")), name="laporan_periode_tidak_terbalik"),
            models.CheckConstraint(
                condition=Q(jenis="lpj", hibah__isnull=False) | (~Q(jenis="lpj") & Q(hibah__isnull=True)),
                name="lpj_punya_hibah",
            ),
        ]
        indexes = [
            # the pengawas's inbox: waiting reports, oldest submission first
            models.Index(fields=["status", "diajukan_pada"], name="laporan_kotak_pengawas"),
        ]

    def __str__(self):
        return f"{self.judul} – {self.kelompok}"

    def get_absolute_url(self):
        return reverse("laporan:laporan-detail", args=[self.pk])

    @property
    def judul(self) -> str:
        """E.g. Laporan bulanan November 2026; Laporan pertanggungjawaban bantuan (LPJ) 21/07/2026 – 23/11/2026."""
        jenis = str(self.get_jenis_display())
        return f"{_('Laporan')} {jenis[0].lower()}{jenis[1:]} {self.nama_periode}"

    @property
    def nama_periode(self) -> str:
        return nama_periode(self.jenis, self.mulai, self.selesai)

    @property
    def bisa_diubah(self) -> bool:
        """The narrative can be edited only before submission or after a return."""
        return self.status in (self.Status.DRAF, self.Status.DIKEMBALIKAN)


def nama_periode(jenis: str, mulai: datetime.date, selesai: datetime.date) -> str:
    """ "November 2026", "Semester ganjil 2026/2027", "Tahun ajaran 2026/2027", or the dates."""
    J = Laporan.Jenis
    if jenis == J.BULANAN:
        return f"{BULAN[mulai.month]} {mulai.year}"
    if jenis == J.SEMESTER:
        tahun = f"{mulai.year}/{mulai.year + 1}" if mulai.month >= 7 else f"{mulai.year - 1}/{mulai.year}"
        return f"{_('Semester')} {_('ganjil') if mulai.month >= 7 else _('genap')} {tahun}"
    if jenis == J.TAHUNAN:
        return f"{_('Tahun ajaran')} {mulai.year}/{mulai.year + 1}"
    return f"{mulai:%d/%m/%Y} – {selesai:%d/%m/%Y}"


class VersiLaporan(models.Model):
    """What one submission contained, frozen: the compiled data and narrative (`isi`) and its PDF."""

    laporan = models.ForeignKey(Laporan, models.CASCADE, related_name="daftar_versi", verbose_name=_("laporan"))
    nomor = models.PositiveSmallIntegerField(_("versi"))
    isi = models.JSONField(_("isi beku"))
    dokumen = models.OneToOneField(
        "laporan.Dokumen", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("PDF")
    )
    diajukan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    diajukan_pada = models.DateTimeField(_("diajukan pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("versi laporan")
        verbose_name_plural = _("versi laporan")
        ordering = ["laporan", "-nomor"]
        constraints = [models.UniqueConstraint(fields=["laporan", "nomor"], name="satu_nomor_versi_laporan")]

    def __str__(self):
        return f"{self.laporan} v{self.nomor}"


class RiwayatLaporan(models.Model):
    """One step of a report's journey: who did what, when, with which comment."""

    class Aksi(models.TextChoices):
        BUAT = "buat", _("Dibuat")
        AJUKAN = "ajukan", _("Diajukan ke pengawas")
        KEMBALIKAN = "kembalikan", _("Dikembalikan dengan catatan")
        SETUJUI = "setujui", _("Disetujui pengawas")
        TERUSKAN = "teruskan", _("Diteruskan ke Dinas")
        TERIMA = "terima", _("Diterima Dinas")

    laporan = models.ForeignKey(Laporan, models.CASCADE, related_name="riwayat", verbose_name=_("laporan"))
    aksi = models.CharField(_("aksi"), max_length=10, choices=Aksi.choices)
    dari = models.CharField(_("dari status"), max_length=12, blank=True)
    ke = models.CharField(_("ke status"), max_length=12)
    versi = models.PositiveSmallIntegerField(_("versi"), default=0)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    # The actor's name at the time: the timeline stays readable if the account is deleted.
    nama_oleh = models.CharField(_("oleh"), max_length=150)
    catatan = models.TextField(_("catatan"), blank=True)
    pada = models.DateTimeField(_("pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat laporan")
        verbose_name_plural = _("riwayat laporan")
        ordering = ["laporan", "pada", "pk"]

    def __str__(self):
        return f"{self.laporan}: {self.get_aksi_display()} ({self.nama_oleh})"


class TenggatLaporan(models.Model):
    """The Dinas's deadline for a kind of report: due `hari` days after the period ends."""

    kabupaten = models.ForeignKey(Kabupaten, models.CASCADE, related_name="+", verbose_name=_("kabupaten"))
    jenis = models.CharField(_("jenis laporan"), max_length=9, choices=Laporan.Jenis.choices)
    hari = models.PositiveSmallIntegerField(_("hari setelah periode berakhir"), default=10)

    class Meta:
        verbose_name = _("tenggat laporan")
        verbose_name_plural = _("tenggat laporan")
        ordering = ["kabupaten", "jenis"]
        constraints = [models.UniqueConstraint(fields=["kabupaten", "jenis"], name="satu_tenggat_per_jenis")]

    def __str__(self):
        return f"{self.kabupaten}: {self.get_jenis_display()} +{self.hari} hari"


class KunjunganPendampingan(models.Model):
    """A pengawas's visit to a group (or to one of its meetings), with notes and follow-up. It appears in the
    group's report for the period and in the pengawas's own report to the Dinas."""

    pengawas = models.ForeignKey(Pengawas, models.PROTECT, related_name="kunjungan", verbose_name=_("pengawas"))
    kelompok = models.ForeignKey(
        KelompokKerja, models.PROTECT, related_name="kunjungan", verbose_name=_("kelompok kerja")
    )
    pertemuan = models.ForeignKey(
        Pertemuan, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("pertemuan yang dihadiri")
    )
    tanggal = models.DateField(_("tanggal kunjungan"))
    catatan = models.TextField(_("catatan pendampingan"))
    tindak_lanjut = models.TextField(_("tindak lanjut"), blank=True)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("kunjungan pendampingan")
        verbose_name_plural = _("kunjungan pendampingan")
        ordering = ["-tanggal", "-pk"]

    def __str__(self):
        return f"{self.kelompok} ({self.tanggal:%d/%m/%Y})"
