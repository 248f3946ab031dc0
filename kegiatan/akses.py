"""Who sees and may do what in the kegiatan app: one-line getters over `gugus.akses` (DESIGN.md, "Access").

Everything a user sees here hangs off a kelompok kerja they can see (`kelompok_untuk`): its programmes,
meetings, attendance, minutes, products. The cash book is for the board, the pengawas, Dinas and admin only.
The rules of the kegiatan actions (ATURAN_KEGIATAN) go into gugus.akses's one table from
KegiatanConfig.ready(); everyone then asks `gugus.akses.boleh(user, aksi, obj)`.
"""

from django.db.models import Q, QuerySet

from gugus.akses import Aturan, Peran, kelompok_untuk, peran
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


# --- kegiatan's actions: rules for `gugus.akses.boleh`, registered from KegiatanConfig.ready() ---------------
# Each takes a group or anything of a group. Superusers may do everything (gugus.akses.boleh says so first).


def _pengurus(aksi: str) -> Aturan:
    """The rule "a board position of JABATAN_UNTUK[aksi] in the object's group"."""

    def aturan(user, p: Peran, obj) -> bool:
        return bool(p.jabatan.get(_kelompok_id(obj), set()) & JABATAN_UNTUK[aksi])

    return aturan


def _pengurus_pengawas_dinas(aksi: str) -> Aturan:
    """The rule of reading the books: the board, the group's pengawas, Dinas of its kabupaten."""
    pengurus = _pengurus(aksi)

    def aturan(user, p: Peran, obj) -> bool:
        if pengurus(user, p, obj):
            return True
        kelompok_id = _kelompok_id(obj)
        if kelompok_id in p.didampingi:
            return True
        if p.is_dinas:
            kelompok = obj if isinstance(obj, KelompokKerja) else KelompokKerja.objects.get(pk=kelompok_id)
            return kelompok.kabupaten_id == p.kabupaten_dinas
        return False

    return aturan


def _ikut(user, p: Peran, obj) -> bool:
    """Confirm, check in, reflect, upload: a member of the group (or its board)."""
    kelompok_id = _kelompok_id(obj)
    return kelompok_id in p.anggota_dari or bool(p.jabatan.get(kelompok_id))


def _kelola_unggahan(user, p: Peran, obj: Produk | Dokumentasi) -> bool:
    """Edit or delete an upload: its uploader, or the board that manages the group's meetings."""
    return obj.diunggah_oleh_id == user.pk or ATURAN_KEGIATAN["kelola_pertemuan"](user, p, obj)


def _tandai_tindak_lanjut(user, p: Peran, butir: TindakLanjut) -> bool:
    """Mark an action item done: the responsible member, or whoever writes the group's minutes."""
    if p.guru_id and p.guru_id == butir.penanggung_jawab_id:
        return True
    return ATURAN_KEGIATAN["tulis_notulen"](user, p, butir)


ATURAN_KEGIATAN: dict[str, Aturan] = {
    # kelola_program, kelola_pertemuan, catat_kehadiran, tulis_notulen, setujui_notulen, kurasi_produk, kelola_kas
    **{aksi: _pengurus(aksi) for aksi in JABATAN_UNTUK},
    "lihat_kas": _pengurus_pengawas_dinas("lihat_kas"),
    "lihat_riwayat": _pengurus_pengawas_dinas("lihat_riwayat"),
    "ikut": _ikut,
    "kelola_unggahan": _kelola_unggahan,
    "tandai_tindak_lanjut": _tandai_tindak_lanjut,
}
