"""Kas: the bendahara's cash book. Entries are never edited or deleted once saved; a mistake is corrected
by a reversing entry (`membalik`) with a reason. Amounts are whole rupiah (integers, never floats)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Sum, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gugus.models import Guru, KelompokKerja
from kkg.lib.berkas import NamaAcak, penyimpanan_privat

from .pertemuan import Pertemuan
from .program import ProgramKerja


class TarifIuran(models.Model):
    """The monthly member dues of a group from a month on; the newest tariff in force applies."""

    kelompok = models.ForeignKey(KelompokKerja, models.CASCADE, related_name="tarif_iuran", verbose_name=_("kelompok"))
    nominal = models.PositiveBigIntegerField(_("iuran per bulan (Rp)"))
    berlaku_mulai = models.DateField(_("berlaku mulai bulan"), help_text=_("Tanggal 1 bulan pertama."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tarif iuran")
        verbose_name_plural = _("tarif iuran")
        ordering = ["kelompok", "-berlaku_mulai"]
        constraints = [
            models.UniqueConstraint(fields=["kelompok", "berlaku_mulai"], name="tarif_iuran_unik_per_bulan"),
            models.CheckConstraint(condition=Q(nominal__gt=0), name="tarif_iuran_positif"),
        ]

    def __str__(self):
        return f"{self.kelompok}: {self.nominal} / bulan sejak {self.berlaku_mulai:%m/%Y}"


class EntriKas(models.Model):
    class Arah(models.TextChoices):
        MASUK = "masuk", _("Penerimaan")
        KELUAR = "keluar", _("Pengeluaran")

    class Kategori(models.TextChoices):
        IURAN = "iuran", _("Iuran anggota")
        HIBAH = "hibah", _("Hibah / bantuan")
        MASUK_LAIN = "masuk_lain", _("Penerimaan lain")
        BELANJA = "belanja", _("Belanja kegiatan")
        KELUAR_LAIN = "keluar_lain", _("Pengeluaran lain")
        KOREKSI = "koreksi", _("Koreksi (pembalik)")

    class SumberDana(models.TextChoices):
        APBD = "apbd", "APBD"
        APBN_BOS = "apbn_bos", "APBN/BOS"
        KEMENAG = "kemenag", _("Kemenag – bantuan kelompok kerja")
        SWADAYA = "swadaya", _("Swadaya")
        SPONSOR = "sponsor", _("Sponsor")

    kelompok = models.ForeignKey(KelompokKerja, models.PROTECT, related_name="kas", verbose_name=_("kelompok"))
    nomor = models.PositiveIntegerField(_("nomor"), editable=False)  # running per group, from 1
    tanggal = models.DateField(_("tanggal"), default=timezone.localdate)
    arah = models.CharField(_("arah"), max_length=6, choices=Arah.choices)
    kategori = models.CharField(_("kategori"), max_length=11, choices=Kategori.choices)
    jumlah = models.PositiveBigIntegerField(_("jumlah (Rp)"))
    uraian = models.CharField(_("uraian"), max_length=300)
    anggota = models.ForeignKey(
        Guru, models.PROTECT, null=True, blank=True, related_name="iuran", verbose_name=_("anggota")
    )
    periode_iuran = models.DateField(_("periode iuran"), null=True, blank=True, help_text=_("Bulan yang dibayar."))
    sumber_dana = models.CharField(_("sumber dana"), max_length=8, choices=SumberDana.choices, blank=True)
    referensi = models.CharField(_("nomor referensi"), max_length=100, blank=True)
    pertemuan = models.ForeignKey(
        Pertemuan, models.PROTECT, null=True, blank=True, related_name="kas", verbose_name=_("pertemuan")
    )
    program = models.ForeignKey(
        ProgramKerja, models.PROTECT, null=True, blank=True, related_name="kas", verbose_name=_("program")
    )
    bukti = models.FileField(
        _("bukti (foto/PDF)"), storage=penyimpanan_privat, upload_to=NamaAcak("bukti"), max_length=200, blank=True
    )
    membalik = models.OneToOneField(
        "self", models.PROTECT, null=True, blank=True, related_name="dibalik_oleh", verbose_name=_("membalik entri")
    )
    alasan_koreksi = models.CharField(_("alasan koreksi"), max_length=300, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", editable=False
    )
    dicatat_pada = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("entri kas")
        verbose_name_plural = _("buku kas")
        ordering = ["kelompok", "tanggal", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["kelompok", "nomor"], name="nomor_kas_unik"),
            models.CheckConstraint(condition=Q(jumlah__gt=0), name="kas_jumlah_positif"),
            models.CheckConstraint(
                condition=~Q(kategori="iuran") | Q(anggota__isnull=False, periode_iuran__isnull=False, arah="masuk"),
                name="kas_iuran_beranggota",
            ),
            models.CheckConstraint(
                condition=Q(membalik__isnull=True) | ~Q(alasan_koreksi=""), name="kas_koreksi_beralasan"
            ),
        ]

    def __str__(self):
        return f"#{self.nomor} {self.uraian}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("Entri kas tidak dapat diubah; buat entri koreksi (pembalik)."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Entri kas tidak dapat dihapus; buat entri koreksi (pembalik)."))

    @property
    def bertanda(self) -> int:
        """The amount with its sign: receipts add to the balance, expenses subtract."""
        return self.jumlah if self.arah == self.Arah.MASUK else -self.jumlah


def jumlah_bertanda(prefix: str = ""):
    """EntriKas.bertanda as a database expression (over `prefix`, e.g. "kas__" from a group)."""
    return Case(
        When(**{f"{prefix}arah": EntriKas.Arah.MASUK}, then=F(f"{prefix}jumlah")), default=-F(f"{prefix}jumlah")
    )


def ringkasan_kas(prefix: str = "") -> dict:
    """Balance, receipts and expenses as aggregate expressions (over `prefix`, e.g. "kas__" from a group).
    Receipts and expenses leave out reversed pairs: an entry and its reversal cancel each other."""
    sah = Q(**{f"{prefix}membalik__isnull": True, f"{prefix}dibalik_oleh__isnull": True})
    return {
        "saldo": Sum(jumlah_bertanda(prefix), default=0),
        "penerimaan": Sum(f"{prefix}jumlah", filter=sah & Q(**{f"{prefix}arah": EntriKas.Arah.MASUK}), default=0),
        "pengeluaran": Sum(f"{prefix}jumlah", filter=sah & Q(**{f"{prefix}arah": EntriKas.Arah.KELUAR}), default=0),
    }
