"""Who sees and may do what in the kegiatan app: one-line getters over `gugus.akses` (DESIGN.md, "Access").

Everything a user sees here hangs off a kelompok kerja they can see (`kelompok_untuk`): its programmes,
meetings, attendance, minutes, products. The cash book is for the board, the pengawas, Dinas and admin only.
`boleh(user, aksi, obj)` answers for the kegiatan actions and passes any other to `gugus.akses.boleh`.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from gugus import akses as akses_gugus
from gugus.akses import kelompok_untuk, peran
from gugus.models import KelompokKerja, Kepengurusan

from .models import (
    Dokumentasi,
    EntriKas,
    Kehadiran,
    Notulen,
    Pertemuan,
    Produk,
    ProgramKerja,
    Refleksi,
    TindakLanjut,
)

Jabatan = Kepengurusan.Jabatan

# Which board positions may do what in their own group (superusers may do everything).
JABATAN_UNTUK = {
    "kelola_program": {Jabatan.KETUA, Jabatan.WAKIL_KETUA},
    "kelola_pertemuan": {Jabatan.KETUA, Jabatan.WAKIL_KETUA, Jabatan.SEKRETARIS},
    "catat_kehadiran": {Jabatan.KETUA, Jabatan.WAKIL_KETUA, Jabatan.SEKRETARIS},
    "tulis_notulen": {Jabatan.SEKRETARIS, Jabatan.KETUA},
    "setujui_notulen": {Jabatan.KETUA},
    "kurasi_produk": {Jabatan.KETUA, Jabatan.KOORDINATOR},
    "kelola_kas": {Jabatan.BENDAHARA},
    "lihat_kas": set(Jabatan.values),
    "lihat_riwayat": set(Jabatan.values),
}


def kelompok_dengan(user, aksi: str) -> QuerySet[KelompokKerja]:
    """The groups in which `user` may do `aksi` (for a form's choice of group)."""
    p = peran(user)
    if p.superuser:
        return KelompokKerja.objects.all()
    ids = {k for k, held in p.jabatan.items() if held & JABATAN_UNTUK[aksi]}
    if aksi in ("lihat_kas", "lihat_riwayat"):
        ids |= p.didampingi
        q = Q(pk__in=ids)
        if p.is_dinas:
            q |= Q(kabupaten_id=p.kabupaten_dinas)
        return KelompokKerja.objects.filter(q)
    return KelompokKerja.objects.filter(pk__in=ids)


def program_untuk(user) -> QuerySet[ProgramKerja]:
    return ProgramKerja.objects.filter(kelompok__in=kelompok_untuk(user))


def pertemuan_untuk(user) -> QuerySet[Pertemuan]:
    return Pertemuan.objects.filter(kelompok__in=kelompok_untuk(user))


def kehadiran_untuk(user) -> QuerySet[Kehadiran]:
    return Kehadiran.objects.filter(pertemuan__kelompok__in=kelompok_untuk(user))


def notulen_untuk(user) -> QuerySet[Notulen]:
    """Approved minutes for everyone who sees the meeting; drafts only for those who write or approve them."""
    kelompok = kelompok_untuk(user)
    penulis = kelompok_dengan(user, "tulis_notulen") | kelompok_dengan(user, "setujui_notulen")
    return Notulen.objects.filter(pertemuan__kelompok__in=kelompok).filter(
        Q(status=Notulen.Status.DISETUJUI) | Q(pertemuan__kelompok__in=penulis)
    )


def tindak_lanjut_untuk(user) -> QuerySet[TindakLanjut]:
    return TindakLanjut.objects.filter(notulen__in=notulen_untuk(user))


def produk_untuk(user) -> QuerySet[Produk]:
    return Produk.objects.filter(kelompok__in=kelompok_untuk(user))


def dokumentasi_untuk(user) -> QuerySet[Dokumentasi]:
    return Dokumentasi.objects.filter(pertemuan__kelompok__in=kelompok_untuk(user))


def refleksi_untuk(user) -> QuerySet[Refleksi]:
    return Refleksi.objects.filter(pertemuan__kelompok__in=kelompok_untuk(user))


def kas_untuk(user) -> QuerySet[EntriKas]:
    return EntriKas.objects.filter(kelompok__in=kelompok_dengan(user, "lihat_kas"))


def _kelompok_id(obj) -> int:
    match obj:
        case KelompokKerja():
            return obj.pk
        case ProgramKerja() | Pertemuan() | Produk() | EntriKas():
            return obj.kelompok_id
        case Kehadiran() | Notulen() | Dokumentasi() | Refleksi():
            return obj.pertemuan.kelompok_id
        case TindakLanjut():
            return obj.notulen.pertemuan.kelompok_id
    raise TypeError(f"no kelompok for {type(obj).__name__}")


def boleh(user, aksi: str, obj=None) -> bool:
    """May `user` do `aksi` on `obj` (a group or anything of a group)? Kegiatan actions:

    - "kelola_program": ketua/wakil ketua; "kelola_pertemuan", "catat_kehadiran": also the sekretaris;
    - "tulis_notulen": sekretaris and ketua; "setujui_notulen": ketua;
    - "kurasi_produk": ketua and koordinator; "kelola_kas": bendahara;
    - "lihat_kas", "lihat_riwayat": the board, the group's pengawas, Dinas of its kabupaten;
    - "ikut" (confirm, check in, reflect, upload a product): a member of the group (or its board).
    Superusers may do everything. Other actions go to `gugus.akses.boleh`.
    """
    if aksi not in JABATAN_UNTUK and aksi != "ikut":
        return akses_gugus.boleh(user, aksi, obj)
    if not getattr(user, "is_authenticated", False):
        return False
    p = peran(user)
    if p.superuser:
        return True
    kelompok_id = _kelompok_id(obj)
    if aksi == "ikut":
        return kelompok_id in p.anggota_dari or bool(p.jabatan.get(kelompok_id))
    if p.jabatan.get(kelompok_id, set()) & JABATAN_UNTUK[aksi]:
        return True
    if aksi in ("lihat_kas", "lihat_riwayat"):
        if kelompok_id in p.didampingi:
            return True
        if p.is_dinas:
            kelompok = obj if isinstance(obj, KelompokKerja) else KelompokKerja.objects.get(pk=kelompok_id)
            return kelompok.kabupaten_id == p.kabupaten_dinas
    return False


def pastikan_boleh(user, aksi: str, obj) -> None:
    """`boleh`, for services: raises PermissionDenied (403) when the answer is no."""
    if not boleh(user, aksi, obj):
        raise PermissionDenied
