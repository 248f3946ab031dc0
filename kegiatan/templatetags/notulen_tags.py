"""The notulen section of the meeting page: what the user may read and do with this meeting's minutes."""

from django import template

from .. import akses
from ..services.notulen import aksi_notulen, berlaku_di

register = template.Library()


@register.inclusion_tag("kegiatan/notulen/_bagian.html", takes_context=True)
def bagian_notulen(context, pertemuan):
    user = context["user"]
    versi = list(akses.notulen_untuk(user).filter(pertemuan=pertemuan).only("pk", "versi", "status", "pertemuan"))
    terbaru = versi[0] if versi else None  # Meta.ordering: newest version first
    aksi = aksi_notulen(user, pertemuan, terbaru, versi)
    return {
        "pertemuan": pertemuan,
        "terbaru": terbaru,
        "berlaku": berlaku_di(versi),
        "aksi_notulen": aksi,
        "bisa_tulis": bool(aksi & {"mulai", "ubah"}),
        "menunggu_saya": "setujui" in aksi,
    }
