"""DokumenPdf: a PDF that leaves the app (approved notulen, daftar hadir), stored once with its hash.

The row is the truth: a render that finds its row with a file does nothing (tasks may run twice). `kode` is the
public, unguessable key of the verification page the document's QR code links to.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gugus.models import KelompokKerja, Sekolah
from kegiatan.models import Notulen, Pertemuan
from kegiatan.models.produk import NamaAcak, penyimpanan_privat


def kode_baru() -> str:
    """22 URL-safe characters (128 random bits)."""
    return secrets.token_urlsafe(16)


class DokumenPdf(models.Model):
    class Jenis(models.TextChoices):
        NOTULEN = "notulen", _("Notulen")
        DAFTAR_HADIR = "daftar_hadir", _("Daftar hadir")

    jenis = models.CharField(_("jenis"), max_length=12, choices=Jenis.choices)
    pertemuan = models.ForeignKey(Pertemuan, models.CASCADE, related_name="+", verbose_name=_("pertemuan"))
    # The approved version the document shows (notulen only); versions are immutable once approved.
    notulen = models.ForeignKey(
        Notulen, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("notulen")
    )
    kode = models.CharField(_("kode verifikasi"), max_length=32, unique=True, default=kode_baru, editable=False)
    berkas = models.FileField(
        _("berkas"), storage=penyimpanan_privat, upload_to=NamaAcak("pdf"), max_length=200, blank=True
    )
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    # SHA-256 of the HTML it was rendered from: a daftar hadir is rendered again only when its data changed.
    sidik_html = models.CharField(_("sidik HTML"), max_length=64, blank=True, editable=False)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    diperbarui = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("dokumen PDF")
        verbose_name_plural = _("dokumen PDF")
        ordering = ["-dibuat"]
        constraints = [
            models.UniqueConstraint(
                fields=["notulen"], condition=Q(jenis="notulen"), name="satu_pdf_per_versi_notulen"
            ),
            models.UniqueConstraint(
                fields=["pertemuan"], condition=Q(jenis="daftar_hadir"), name="satu_pdf_daftar_hadir_per_pertemuan"
            ),
            models.CheckConstraint(
                condition=Q(jenis="notulen", notulen__isnull=False) | Q(jenis="daftar_hadir", notulen__isnull=True),
                name="pdf_notulen_punya_versi",
            ),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} – {self.pertemuan}"

    @property
    def siap(self) -> bool:
        return bool(self.berkas)

    def get_verifikasi_url(self) -> str:
        return reverse("laporan:verifikasi", args=[self.kode])

    def nama_unduhan(self) -> str:
        """The file name offered to the browser, e.g. notulen-2025-02-17-v2.pdf."""
        tanggal = self.pertemuan.tanggal.isoformat()
        if self.jenis == self.Jenis.NOTULEN:
            return f"notulen-{tanggal}-v{self.notulen.versi}.pdf"
        return f"daftar-hadir-{tanggal}.pdf"


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
