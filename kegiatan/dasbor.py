"""The kegiatan section of every role's dashboard: coming meetings, one's action items, and the board's
open work (meetings to record, minutes to approve). A fixed number of queries whatever the data size."""

from django.db.models import Prefetch
from django.utils import timezone

from gugus.akses import peran
from gugus.models import KelompokKerja

from . import akses
from .models import KonfirmasiKehadiran, Notulen, Pertemuan, TindakLanjut

BANYAK = 5  # items per list on the dashboard; each list links to its full page


def tindak_lanjut_terbuka(guru_id):
    """Open action items of a guru from the current (newest approved) minutes of each meeting."""
    return (
        TindakLanjut.objects.dari_versi_berlaku()
        .terbuka()
        .filter(penanggung_jawab_id=guru_id)
        .select_related("notulen__pertemuan")
    )


def bagian_beranda(user):
    p = peran(user)
    if not (p.superuser or p.jabatan or p.anggota_dari or p.didampingi or p.is_dinas):
        return None
    hari_ini = timezone.localdate()
    mendatang = akses.pertemuan_untuk(user).akan_datang().select_related("kelompok", "tuan_rumah")
    if p.guru_id:
        mendatang = mendatang.prefetch_related(
            Prefetch("konfirmasi", KonfirmasiKehadiran.objects.filter(guru_id=p.guru_id), to_attr="konfirmasi_saya")
        )
    data = {
        "hari_ini": hari_ini,
        "pertemuan_mendatang": list(mendatang.order_by("tanggal", "jam_mulai")[:BANYAK]),
        "tindak_lanjut": list(tindak_lanjut_terbuka(p.guru_id)[: BANYAK * 2]) if p.guru_id else [],
        "notulen_menunggu": list(
            Notulen.objects.filter(
                status=Notulen.Status.DIAJUKAN, pertemuan__kelompok__in=akses.kelompok_dengan(user, "setujui_notulen")
            ).select_related("pertemuan__kelompok")[:BANYAK]
        ),
        "belum_dicatat": list(
            Pertemuan.objects.filter(
                kelompok__in=akses.kelompok_dengan(user, "kelola_pertemuan"),
                status=Pertemuan.Status.DIRENCANAKAN,
                tanggal__lt=hari_ini,
            )
            .select_related("kelompok")
            .order_by("-tanggal")[:BANYAK]
        ),
    }
    # Shortcuts to the group-level pages of the groups one serves on the board of, or accompanies.
    data["kelompok_pintasan"] = list(
        KelompokKerja.objects.filter(pk__in=set(p.jabatan) | p.didampingi).order_by("nama")[:BANYAK]
    )
    return "kegiatan/_beranda.html", data
