"""Dokumen: one row per file the app issues (notulen, daftar hadir, surat undangan; laporan, sertifikat and exports
next), with its public verification key, its hash and one status that says both how far it is made and whether it
still holds (DESIGN.md, "Documents").

The row is the truth: it is created first ("diproses"), a render fills it (berkas, sha256 → "berlaku"), and later
events change only its status ("diganti" by a newer version, "dibatalkan" with its meeting, "dicabut"). `kode` is
the public, unguessable key of the verification page the document's QR code links to; it never changes, so a
printed QR code keeps working when a daftar hadir is rendered again.
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from gugus.models import KelompokKerja
from kegiatan.models import Notulen, Pertemuan
from kkg.lib.berkas import NamaAcak, penyimpanan_privat


def kode_baru() -> str:
    """22 URL-safe characters (128 random bits)."""
    return secrets.token_urlsafe(16)


class Dokumen(models.Model):
    class Jenis(models.TextChoices):
        NOTULEN = "notulen", _("Notulen")
        DAFTAR_HADIR = "daftar_hadir", _("Daftar hadir")
        SURAT_UNDANGAN = "surat_undangan", _("Surat undangan")
        LAPORAN = "laporan", _("Laporan kegiatan")
        PRATINJAU_LAPORAN = "pratinjau_laporan", _("Pratinjau laporan (belum diajukan)")
        BUKU_KAS = "buku_kas", _("Buku kas umum")
        LAPORAN_PENGAWAS = "laporan_pengawas", _("Laporan pendampingan pengawas")

    class Status(models.TextChoices):
        DIPROSES = "diproses", _("Diproses")
        GAGAL = "gagal", _("Gagal")
        BERLAKU = "berlaku", _("Berlaku")
        DIGANTI = "diganti", _("Diganti")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")
        DICABUT = "dicabut", _("Dicabut")

    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    kelompok = models.ForeignKey(KelompokKerja, models.PROTECT, related_name="+", verbose_name=_("kelompok kerja"))
    pertemuan = models.ForeignKey(
        Pertemuan, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("pertemuan")
    )
    # The approved version the document shows (notulen only); versions are immutable once approved.
    notulen = models.ForeignKey(
        Notulen, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("notulen")
    )
    # The report a laporan document or preview belongs to (a submitted version's is also VersiLaporan.dokumen).
    laporan = models.ForeignKey(
        "laporan.Laporan", models.CASCADE, null=True, blank=True, related_name="dokumen", verbose_name=_("laporan")
    )
    # The period a pengawas's own report covers (laporan_pengawas only; its render reads them).
    judul = models.CharField(_("judul"), max_length=200, blank=True)
    # What a document made on request needs besides its subject (a buku kas: its period as ISO dates).
    parameter = models.JSONField(_("parameter"), default=dict, blank=True)
    kode = models.CharField(_("kode verifikasi"), max_length=32, unique=True, default=kode_baru, editable=False)
    berkas = models.FileField(
        _("berkas"), storage=penyimpanan_privat, upload_to=NamaAcak("pdf"), max_length=200, blank=True
    )
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    # SHA-256 of the HTML it was rendered from: a daftar hadir is rendered again only when its data changed.
    sidik_html = models.CharField(_("sidik HTML"), max_length=64, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DIPROSES)
    progres = models.PositiveSmallIntegerField(_("progres (%)"), default=0)
    galat = models.TextField(_("alasan gagal"), blank=True)
    diterbitkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("oleh")
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    diperbarui = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        ordering = ["-dibuat"]
        constraints = [
            models.UniqueConstraint(
                fields=["notulen"], condition=Q(jenis="notulen"), name="satu_pdf_per_versi_notulen"
            ),
            models.UniqueConstraint(
                fields=["pertemuan"], condition=Q(jenis="daftar_hadir"), name="satu_pdf_daftar_hadir_per_pertemuan"
            ),
            models.CheckConstraint(
                condition=Q(jenis="notulen", notulen__isnull=False) | (~Q(jenis="notulen") & Q(notulen__isnull=True)),
                name="dokumen_notulen_punya_versi",
            ),
            models.CheckConstraint(condition=Q(progres__lte=100), name="progres_dokumen_sampai_100"),
        ]
        # The sweep of documents left "diproses" (laporan/services/dokumen.py: sapu_dokumen).
        indexes = [models.Index(fields=["status", "diperbarui"], name="dokumen_status_diperbarui")]

    def __str__(self):
        return self.judul or f"{self.get_jenis_display()} {self.kode}"

    def get_absolute_url(self) -> str:
        """The progress page and download link, for those allowed (laporan/akses.py)."""
        return reverse("laporan:dokumen", args=[self.pk])

    @property
    def siap(self) -> bool:
        """Has its file (whatever its status says about its validity)."""
        return bool(self.berkas)

    def get_verifikasi_url(self) -> str:
        return reverse("laporan:verifikasi", args=[self.kode])

    @property
    def periode(self) -> tuple[datetime.date, datetime.date]:
        """The period a document covers, for kinds rendered from one (buku kas, a pengawas's report): kept in
        `parameter` as {"mulai": ISO date, "selesai": ISO date}, since the render task receives only the row."""
        return datetime.date.fromisoformat(self.parameter["mulai"]), datetime.date.fromisoformat(
            self.parameter["selesai"]
        )

    def nama_unduhan(self) -> str:
        """The file name offered to the browser, e.g. notulen-2025-02-17-v2.pdf."""
        if self.jenis == self.Jenis.SURAT_UNDANGAN:
            return self.surat_undangan.nama_unduhan()
        if self.laporan_id:  # e.g. laporan-bulanan-2026-10-01-kkg-kelas-2-gugus-cut-nyak-dien.pdf
            awalan = "pratinjau-laporan" if self.jenis == self.Jenis.PRATINJAU_LAPORAN else "laporan"
            lap = self.laporan
            return f"{awalan}-{lap.jenis}-{lap.mulai.isoformat()}-{slugify(lap.kelompok.nama)[:60]}.pdf"
        if self.jenis in (self.Jenis.BUKU_KAS, self.Jenis.LAPORAN_PENGAWAS):  # buku-kas-2026-11-01-2026-11-30.pdf
            mulai, selesai = self.periode
            awalan = "buku-kas" if self.jenis == self.Jenis.BUKU_KAS else "laporan-pendampingan"
            return f"{awalan}-{mulai.isoformat()}-{selesai.isoformat()}.pdf"
        if self.pertemuan_id is None:  # a kind of its own (exports, next): kind and date
            return f"{self.jenis.replace('_', '-')}-{(self.dibuat or timezone.now()):%Y-%m-%d}.pdf"
        tanggal = self.pertemuan.tanggal.isoformat()
        if self.jenis == self.Jenis.NOTULEN:
            return f"notulen-{tanggal}-v{self.notulen.versi}.pdf"
        return f"daftar-hadir-{tanggal}.pdf"
