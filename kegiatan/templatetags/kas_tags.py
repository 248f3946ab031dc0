"""The cash-book section of the meeting page: the expenses linked to the meeting, for those who see the book."""

from django import template
from django.db.models import F

from gugus.akses import boleh

from ..models import EntriKas

register = template.Library()


@register.inclusion_tag("kegiatan/kas/_pengeluaran_pertemuan.html")
def kas_pertemuan(pertemuan, user):
    """Nothing for those without "lihat_kas"; the total leaves out reversed expenses."""
    if not boleh(user, "lihat_kas", pertemuan):
        return {"tampil": False}
    pengeluaran = list(
        EntriKas.objects.filter(pertemuan=pertemuan, arah=EntriKas.Arah.KELUAR)
        .exclude(kategori=EntriKas.Kategori.KOREKSI)
        .annotate(nomor_koreksi=F("dibalik_oleh__nomor"))
        .order_by("tanggal", "nomor")
    )
    return {
        "tampil": True,
        "pertemuan": pertemuan,
        "pengeluaran": pengeluaran,
        "total": sum(e.jumlah for e in pengeluaran if not e.nomor_koreksi),
        "bisa_kelola": boleh(user, "kelola_kas", pertemuan),
    }
