"""The meeting page's kehadiran and refleksi sections: each an inclusion tag that loads its own data."""

from django import template
from django.db.models import Avg, Count

from gugus.akses import boleh, peran

from .. import qr
from ..models import Kehadiran, Pertemuan, Refleksi
from ..services import kehadiran as layanan

register = template.Library()

WARNA = {"hadir": "success", "izin": "primary", "sakit": "warning", "alpa": "danger"}


@register.filter
def warna_status(status: str) -> str:
    """The Bootstrap colour of an attendance status (hadir → success, …)."""
    return WARNA.get(status, "secondary")


@register.inclusion_tag("kegiatan/kehadiran/_bagian_kehadiran.html", takes_context=True)
def bagian_kehadiran(context, pertemuan: Pertemuan):
    user = context["user"]
    guru_id = peran(user).guru_id
    daftar = list(Kehadiran.objects.filter(pertemuan=pertemuan).select_related("guru__sekolah"))
    saya = next((k for k in daftar if guru_id and k.guru_id == guru_id), None)
    anggota = bool(guru_id) and pertemuan.keanggotaan_hari_itu().filter(guru_id=guru_id).exists()
    tertutup = layanan.alasan_daftar_hadir_tertutup(pertemuan)
    rekap_saya = None
    if anggota:
        baris = list(layanan.rekap_anggota(pertemuan.kelompok).filter(guru_id=guru_id))
        held, hadir = sum(b.jumlah_pertemuan for b in baris), sum(b.hadir for b in baris)
        rekap_saya = {"pertemuan": held, "hadir": hadir, "persen": layanan.persen(hadir, held)}
    return {
        "pertemuan": pertemuan,
        "ringkasan": layanan.ringkasan(pertemuan),
        "daftar": daftar,
        "saya": saya,
        "rekap_saya": rekap_saya,
        "check_in": anggota and not tertutup and pertemuan.tanggal == qr.hari_ini() and not saya,
        "bisa_catat": boleh(user, "catat_kehadiran", pertemuan),
        "bisa_rekap": boleh(user, "lihat_riwayat", pertemuan),
    }


@register.inclusion_tag("kegiatan/kehadiran/_bagian_refleksi.html", takes_context=True)
def bagian_refleksi(context, pertemuan: Pertemuan):
    user = context["user"]
    guru_id = peran(user).guru_id
    semua = boleh(user, "lihat_riwayat", pertemuan)
    refleksi = Refleksi.objects.filter(pertemuan=pertemuan)
    konteks = {
        "pertemuan": pertemuan,
        "angka": refleksi.aggregate(rata=Avg("nilai"), jumlah=Count("pk")),
        "daftar": refleksi.select_related("guru") if semua else [],
        "punya_saya": refleksi.filter(guru_id=guru_id).first() if guru_id else None,
        "bisa_tulis": bool(guru_id)
        and boleh(user, "ikut", pertemuan)
        and not layanan.alasan_tidak_bisa_refleksi(pertemuan, guru_id),
    }
    if pertemuan.jenis == Pertemuan.Jenis.ON:
        # "An In-2 reflects on its On": the On shows what was said about it at its In-2 meetings.
        in2 = Refleksi.objects.filter(pertemuan__pertemuan_on=pertemuan, pertemuan__jenis=Pertemuan.Jenis.IN_2)
        konteks["angka_in2"] = in2.aggregate(rata=Avg("nilai"), jumlah=Count("pk"))
        konteks["daftar_in2"] = in2.select_related("guru", "pertemuan") if semua else []
    return konteks
