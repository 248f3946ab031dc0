"""The notulen section of the meeting page: what the user may read and do with this meeting's minutes."""

from django import template
from django.core.exceptions import ValidationError

from .. import akses
from ..models import Notulen
from ..services.notulen import periksa_pertemuan

register = template.Library()


@register.inclusion_tag("kegiatan/notulen/_bagian.html", takes_context=True)
def bagian_notulen(context, pertemuan):
    user = context["user"]
    versi = list(akses.notulen_untuk(user).filter(pertemuan=pertemuan).only("pk", "versi", "status", "pertemuan"))
    terbaru = versi[0] if versi else None  # Meta.ordering: newest version first
    berlaku = next((n for n in versi if n.terkunci), None)
    try:
        periksa_pertemuan(pertemuan)
        bisa_dinotulen = True
    except ValidationError:
        bisa_dinotulen = False
    bisa_tulis = akses.boleh(user, "tulis_notulen", pertemuan)
    return {
        "pertemuan": pertemuan,
        "terbaru": terbaru,
        "berlaku": berlaku,
        "bisa_tulis": bisa_tulis and bisa_dinotulen and (terbaru is None or terbaru.status == Notulen.Status.DRAFT),
        "menunggu_saya": terbaru is not None
        and terbaru.status == Notulen.Status.DIAJUKAN
        and akses.boleh(user, "setujui_notulen", pertemuan),
    }
