"""DokumenPdf: a PDF that leaves the app (approved notulen, daftar hadir), stored once with its hash.

The row is the truth: a render that finds its row with a file does nothing (tasks may run twice). `kode` is the
public, unguessable key of the verification page the document's QR code links to.
"""

import secrets

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kegiatan.models import Notulen, Pertemuan
from kkg.lib.berkas import NamaAcak, penyimpanan_privat


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
