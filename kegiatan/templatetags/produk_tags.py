"""The products and photos section of the meeting page."""

from django import template
from django.db.models import Prefetch

from gugus.akses import boleh
from gugus.models import Guru

from ..models import Pertemuan

register = template.Library()


@register.inclusion_tag("kegiatan/produk/_bagian.html", takes_context=True)
def bagian_produk(context, pertemuan):
    """Products (with authors) and photos of `pertemuan`, and what the user may do: three queries."""
    user = context["request"].user
    produk = list(
        pertemuan.produk.prefetch_related(Prefetch("penulis", Guru.objects.order_by("nama").only("pk", "nama")))
    )
    foto = list(pertemuan.dokumentasi.all())
    for obj in [*produk, *foto]:
        obj.pertemuan = pertemuan  # boleh() reads the group from it; spares a query per photo
        obj.bisa_kelola = boleh(user, "kelola_unggahan", obj)
    return {
        "request": context["request"],
        "pertemuan": pertemuan,
        "daftar_produk": produk,
        "daftar_foto": foto,
        "bisa_unggah": pertemuan.status != Pertemuan.Status.DIBATALKAN and boleh(user, "ikut", pertemuan),
    }
