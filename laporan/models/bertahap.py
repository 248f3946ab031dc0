"""A long document rendered in parts (laporan/services/bertahap.py): one row per part, filled by its own task.

The rows are the truth of the render's progress: a part whose file is stored is done, whatever Celery says;
the task that finds every part done (under the document's row lock) joins them. A repeated task finds its part
done and does nothing."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kkg.lib.berkas import NamaAcak, penyimpanan_privat


class BagianDokumen(models.Model):
    dokumen = models.ForeignKey("laporan.Dokumen", models.CASCADE, related_name="bagian", verbose_name=_("dokumen"))
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    html = models.TextField(_("HTML"))
    # Further PDF files (stored names) appended after this part's pages as they are, e.g. receipts scanned to PDF.
    sisipan = models.JSONField(_("PDF sisipan"), default=list, blank=True)
    berkas = models.FileField(
        _("berkas"), storage=penyimpanan_privat, upload_to=NamaAcak("bagian"), max_length=200, blank=True
    )
    halaman = models.PositiveSmallIntegerField(_("jumlah halaman"), default=0)

    class Meta:
        verbose_name = _("bagian dokumen")
        verbose_name_plural = _("bagian dokumen")
        ordering = ["dokumen", "urutan"]
        constraints = [models.UniqueConstraint(fields=["dokumen", "urutan"], name="satu_bagian_per_urutan")]

    def __str__(self):
        return f"{self.dokumen_id} #{self.urutan}"

    @property
    def selesai(self) -> bool:
        return bool(self.berkas)
