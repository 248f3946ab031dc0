"""Uploads attached to a meeting: products (the group's reusable teaching material) and photos.

Files live in the private storage (settings.BERKAS_PRIVAT_ROOT, never served by the web server) under a
random name; views stream them only to users allowed to see the meeting.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gugus.models import Guru, KelompokKerja
from kkg.lib.berkas import NamaAcak, penyimpanan_privat

from .pertemuan import Pertemuan


class Produk(models.Model):
    class Jenis(models.TextChoices):
        TP_ATP = "tp_atp", _("TP/ATP")
        MODUL_AJAR = "modul_ajar", _("Modul ajar")
        SOAL = "soal", _("Soal")
        MEDIA = "media", _("Media pembelajaran")
        BAHAN_AJAR = "bahan_ajar", _("Bahan ajar")
        LAINNYA = "lainnya", _("Lainnya")

    pertemuan = models.ForeignKey(Pertemuan, models.PROTECT, related_name="produk", verbose_name=_("pertemuan"))
    # Kept beside the meeting's for the group's product bank (browsed across all meetings).
    kelompok = models.ForeignKey(KelompokKerja, models.PROTECT, related_name="produk", verbose_name=_("kelompok"))
    judul = models.CharField(_("judul"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices)
    fase = models.CharField(_("fase"), max_length=1, choices=KelompokKerja.Fase.choices, blank=True)
    mata_pelajaran = models.CharField(_("mata pelajaran / tema"), max_length=100, blank=True)
    deskripsi = models.TextField(_("deskripsi"), blank=True)
    penulis = models.ManyToManyField(Guru, related_name="produk", verbose_name=_("penulis"), blank=True)
    berkas = models.FileField(_("berkas"), storage=penyimpanan_privat, upload_to=NamaAcak("produk"), max_length=200)
    nama_berkas = models.CharField(_("nama berkas asli"), max_length=200)
    tipe_berkas = models.CharField(_("tipe berkas"), max_length=100)
    ukuran = models.PositiveBigIntegerField(_("ukuran (bita)"))
    # Chosen by the koordinator of the mapel/tema (or the ketua) for the group's product bank.
    dikurasi = models.BooleanField(_("masuk bank produk"), default=False)
    dikurasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", editable=False
    )
    diunggah = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        verbose_name = _("produk")
        verbose_name_plural = _("produk")
        ordering = ["-diunggah"]
        indexes = [models.Index(fields=["kelompok", "jenis", "fase"])]

    def __str__(self):
        return self.judul

    def get_absolute_url(self):
        return reverse("kegiatan:produk-detail", args=[self.pk])


class Dokumentasi(models.Model):
    """A photo of the meeting with its caption."""

    pertemuan = models.ForeignKey(Pertemuan, models.CASCADE, related_name="dokumentasi", verbose_name=_("pertemuan"))
    foto = models.ImageField(_("foto"), storage=penyimpanan_privat, upload_to=NamaAcak("foto"), max_length=200)
    keterangan = models.CharField(_("keterangan"), max_length=200, blank=True)
    tipe_berkas = models.CharField(_("tipe berkas"), max_length=100)
    ukuran = models.PositiveBigIntegerField(_("ukuran (bita)"))
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", editable=False
    )
    diunggah = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        verbose_name = _("dokumentasi")
        verbose_name_plural = _("dokumentasi")
        ordering = ["diunggah"]

    def __str__(self):
        return self.keterangan or _("Foto %(p)s") % {"p": self.pertemuan}
