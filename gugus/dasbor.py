"""What each role's dashboard shows: the groups in reach and what needs doing next."""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import akses
from .models import KelompokKerja, Kepengurusan

MASA_JABATAN_HAMPIR_HABIS = datetime.timedelta(days=60)


# Apps to the right add sections to the dashboard without gugus importing them: each registers a function
# user -> (template name, context) | None from its AppConfig.ready(); the dashboard renders them in order.
BAGIAN_BERANDA: list = []


def daftarkan_bagian(fungsi):
    """Registers a dashboard section (see BAGIAN_BERANDA); usable as a decorator."""
    if fungsi not in BAGIAN_BERANDA:
        BAGIAN_BERANDA.append(fungsi)
    return fungsi


@dataclass
class Tugas:
    pesan: str
    url: str


def tugas_kelompok(kelompok: KelompokKerja) -> list[Tugas]:
    """The gaps a group's board or its Dinas should close (needs `dengan_ringkasan()`)."""
    tugas = []
    url = kelompok.get_absolute_url()
    ada = {p.jabatan for p in kelompok.pengurus_aktif}
    for jabatan in Kepengurusan.JABATAN_TUNGGAL:
        if jabatan not in ada:
            label = Kepengurusan.Jabatan(jabatan).label
            tugas.append(Tugas(_("%(k)s belum mempunyai %(j)s.") % {"k": kelompok, "j": label.lower()}, url))
    batas = timezone.localdate() + MASA_JABATAN_HAMPIR_HABIS
    for p in kelompok.pengurus_aktif:
        if p.selesai and p.selesai <= batas:
            tugas.append(
                Tugas(
                    _("Masa jabatan %(j)s %(k)s berakhir %(t)s.")
                    % {"j": p.get_jabatan_display().lower(), "k": kelompok, "t": p.selesai.strftime("%d/%m/%Y")},
                    url,
                )
            )
    if not kelompok.pendamping:
        tugas.append(Tugas(_("%(k)s belum mempunyai pengawas pendamping.") % {"k": kelompok}, url))
    if not kelompok.jumlah_anggota:
        tugas.append(Tugas(_("%(k)s belum mempunyai anggota.") % {"k": kelompok}, url))
    return tugas


def ringkasan(user) -> dict:
    """Everything the dashboard template needs, per role."""
    p = akses.peran(user)
    hasil: dict = {"peran": p, "bagian": [b for f in BAGIAN_BERANDA if (b := f(user))]}
    semua = akses.kelompok_untuk(user).select_related("gugus").dengan_ringkasan().order_by("nama")
    if p.superuser or p.is_dinas:
        kelompok = list(semua)
        hasil["jumlah"] = {
            "gugus": akses.gugus_untuk(user).count(),
            "sekolah": akses.sekolah_untuk(user).count(),
            "guru": akses.guru_untuk(user).count(),
            "kelompok": len(kelompok),
        }
        hasil["tugas"] = [t for k in kelompok if k.aktif for t in tugas_kelompok(k)]
        tanpa_gugus = akses.sekolah_untuk(user).filter(gugus__isnull=True).count()
        if tanpa_gugus:
            hasil["tugas"].append(
                Tugas(
                    _("%(n)d sekolah belum masuk gugus.") % {"n": tanpa_gugus},
                    reverse("gugus:sekolah-list") + "?tanpa_gugus=true",
                )
            )
        return hasil
    dikelola = set(p.jabatan)
    hasil["kelompok_pengurus"] = [k for k in semua if k.pk in dikelola]
    hasil["kelompok_dampingan"] = [k for k in semua if k.pk in p.didampingi]
    hasil["kelompok_anggota"] = [k for k in semua if k.pk in p.anggota_dari and k.pk not in dikelola]
    hasil["tugas"] = [
        t for k in hasil["kelompok_pengurus"] if p.punya_jabatan(k.pk, "ketua") for t in tugas_kelompok(k)
    ] + [t for k in hasil["kelompok_dampingan"] for t in tugas_kelompok(k)]
    return hasil
