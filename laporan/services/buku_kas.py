"""The printable buku kas umum (DOMAIN.md, "What the grant wants to see": spending against the grant): one
group's cash book for a period, as a PDF through the one document pipeline.

`minta_buku_kas` is for whoever may read the book ("lihat_kas"): it creates the Dokumen "diproses" with the period
in `parameter` and queues `render_dokumen`, which builds the Naskah with `naskah_buku_kas` (registered in
dokumen._NASKAH). The PDF is private to the group's book readers (laporan/akses.py ATURAN).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import translation
from django.utils.translation import gettext as _

from gugus.akses import pastikan_boleh
from gugus.models import KelompokKerja, Kepengurusan
from kegiatan.models import EntriKas
from kegiatan.models.kas import jumlah_bertanda
from kegiatan.services.kas import buku_dengan_saldo

from .. import pdf
from ..models import Dokumen

Jabatan = Kepengurusan.Jabatan


def judul_buku_kas(kelompok: KelompokKerja, mulai: datetime.date, selesai: datetime.date) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("Buku Kas Umum %(kelompok)s, %(mulai)s – %(selesai)s") % {
            "kelompok": kelompok.nama,
            "mulai": pdf.tanggal_panjang(mulai),
            "selesai": pdf.tanggal_panjang(selesai),
        }


@transaction.atomic
def minta_buku_kas(kelompok: KelompokKerja, *, oleh, mulai: datetime.date, selesai: datetime.date) -> Dokumen:
    """A reader of the group's book ("lihat_kas") asks for its PDF for `mulai`–`selesai`: a new Dokumen
    "diproses", rendered by `render_dokumen` after commit (at once without a broker)."""
    from .dokumen import _antre_render

    pastikan_boleh(oleh, "lihat_kas", kelompok)
    if selesai < mulai:
        raise ValidationError({"selesai": _("Akhir periode tidak boleh sebelum awal periode.")})
    dokumen = Dokumen.objects.create(
        jenis=Dokumen.Jenis.BUKU_KAS,
        kelompok=kelompok,
        judul=judul_buku_kas(kelompok, mulai, selesai)[:200],
        parameter={"mulai": mulai.isoformat(), "selesai": selesai.isoformat()},
        diterbitkan_oleh=oleh,
    )
    _antre_render(dokumen.pk)
    return dokumen


def _pengurus(kelompok_id: int, jabatan: str, pada: datetime.date):
    """The guru holding `jabatan` on `pada` (the period's last day), else today's holder, else None."""
    qs = Kepengurusan.objects.filter(kelompok_id=kelompok_id, jabatan=jabatan).select_related("guru")
    pengurus = qs.menjabat(pada).first() or qs.menjabat().first()
    return pengurus.guru if pengurus else None


def isi_buku_kas(kelompok: KelompokKerja, mulai: datetime.date, selesai: datetime.date) -> dict:
    """Opening balance (every entry before `mulai`), the period's entries with the running balance of the whole
    book, and the totals of the period's columns: saldo_awal + penerimaan − pengeluaran = saldo_akhir. Reversed
    entries and their reversals both stay in the columns (as printed), so the totals reconcile."""
    sebelum = EntriKas.objects.filter(kelompok=kelompok, tanggal__lt=mulai)
    saldo_awal = sebelum.aggregate(s=Sum(jumlah_bertanda(), default=0))["s"]
    dalam = EntriKas.objects.filter(kelompok=kelompok, tanggal__range=(mulai, selesai))
    total = dalam.aggregate(
        penerimaan=Sum("jumlah", filter=Q(arah=EntriKas.Arah.MASUK), default=0),
        pengeluaran=Sum("jumlah", filter=Q(arah=EntriKas.Arah.KELUAR), default=0),
    )
    return {
        "saldo_awal": saldo_awal,
        "entri": list(buku_dengan_saldo(kelompok, dipilih=dalam)),
        **total,
        "saldo_akhir": saldo_awal + total["penerimaan"] - total["pengeluaran"],
    }


def naskah_buku_kas(dokumen: Dokumen) -> pdf.Naskah:
    """The Naskah of a buku kas Dokumen (the render task's builder)."""
    kelompok = KelompokKerja.objects.select_related("gugus", "kecamatan", "kabupaten").get(pk=dokumen.kelompok_id)
    mulai, selesai = dokumen.periode
    url = pdf.url_verifikasi(dokumen)
    with translation.override(settings.LANGUAGE_CODE):
        konteks = isi_buku_kas(kelompok, mulai, selesai) | {
            "kelompok": kelompok,
            "mulai": mulai,
            "selesai": selesai,
            "tempat_surat": kelompok.kecamatan.nama if kelompok.kecamatan_id else kelompok.kabupaten.nama,
            "bendahara": _pengurus(kelompok.pk, Jabatan.BENDAHARA, selesai),
            "ketua": _pengurus(kelompok.pk, Jabatan.KETUA, selesai),
            "dokumen": dokumen,
            "url_verifikasi": url,
            "qr": pdf.qr_data_uri(url),
        }
        return pdf.naskah(
            "pdf/buku_kas.html",
            konteks,
            judul=judul_buku_kas(kelompok, mulai, selesai),
            subjek=_("Buku kas umum %(kelompok)s") % {"kelompok": kelompok.nama},
            penulis=kelompok.nama,
        )
