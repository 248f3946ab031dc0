"""Who sees what and who may do what: the one place that decides it (DESIGN.md, "Access").

Roles come from the data:
- an active, in-force Kepengurusan makes a guru ketua/sekretaris/… of one kelompok kerja;
- a Keanggotaan in force makes a guru an anggota;
- a Pendampingan in force makes a user the pengawas of a kelompok kerja;
- a StafDinas row scopes a user to one kabupaten;
- a superuser sees everything.

`<noun>_untuk(user)` return querysets scoped to the user; views fetch objects only through them, so an object
outside the scope is a 404. `boleh(user, aksi, obj)` answers yes/no for actions on objects in scope: one table
(ATURAN) maps every action of every app to its rule; gugus registers its own here, the apps to the right theirs
from their AppConfig.ready(). Services refuse with `pastikan_boleh`; pages ask `aksi_untuk` for their buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Q, QuerySet

from .models import (
    Gugus,
    Guru,
    Kabupaten,
    Keanggotaan,
    Kecamatan,
    KelompokKerja,
    Kepengurusan,
    Pendampingan,
    Pengawas,
    Sekolah,
    StafDinas,
)

Jabatan = Kepengurusan.Jabatan


@dataclass
class Peran:
    """What one user is, computed once per request (cached on the user object)."""

    superuser: bool = False
    kabupaten_dinas: int | None = None
    guru_id: int | None = None
    # kelompok id → jabatan held there (ketua, sekretaris, …)
    jabatan: dict[int, set[str]] = field(default_factory=dict)
    anggota_dari: set[int] = field(default_factory=set)
    didampingi: set[int] = field(default_factory=set)

    @property
    def is_dinas(self) -> bool:
        return self.kabupaten_dinas is not None

    def punya_jabatan(self, kelompok_id: int, *jabatan: str) -> bool:
        held = self.jabatan.get(kelompok_id, set())
        return bool(held & set(jabatan)) if jabatan else bool(held)

    @property
    def nama_peran(self) -> list[str]:
        """Role names for menus and the dashboard, most powerful first."""
        nama = []
        if self.superuser:
            nama.append("admin")
        if self.is_dinas:
            nama.append("dinas")
        if self.didampingi:
            nama.append("pengawas")
        for j in Jabatan.values:
            if any(j in held for held in self.jabatan.values()):
                nama.append(j)
        if self.anggota_dari:
            nama.append("anggota")
        return nama


def peran(user) -> Peran:
    if not getattr(user, "is_authenticated", False):
        return Peran()
    cached = getattr(user, "_peran_cache", None)
    if cached is not None:
        return cached
    hasil = Peran(superuser=user.is_superuser)
    staf = StafDinas.objects.filter(user=user).values_list("kabupaten_id", flat=True).first()
    hasil.kabupaten_dinas = staf
    hasil.guru_id = Guru.objects.filter(user=user).values_list("pk", flat=True).first()
    if hasil.guru_id:
        for kelompok_id, jabatan in (
            Kepengurusan.objects.menjabat().filter(guru_id=hasil.guru_id).values_list("kelompok_id", "jabatan")
        ):
            hasil.jabatan.setdefault(kelompok_id, set()).add(jabatan)
        hasil.anggota_dari = set(
            Keanggotaan.objects.berlaku().filter(guru_id=hasil.guru_id).values_list("kelompok_id", flat=True)
        )
    hasil.didampingi = set(
        Pendampingan.objects.berlaku().filter(pengawas__user=user).values_list("kelompok_id", flat=True)
    )
    user._peran_cache = hasil
    return hasil


# --- scoped querysets -------------------------------------------------------------------------------------


def kelompok_untuk(user) -> QuerySet[KelompokKerja]:
    p = peran(user)
    if p.superuser:
        return KelompokKerja.objects.all()
    q = Q(pk__in=set(p.jabatan) | p.anggota_dari | p.didampingi)
    if p.is_dinas:
        q |= Q(kabupaten_id=p.kabupaten_dinas)
    return KelompokKerja.objects.filter(q)


def kabupaten_untuk(user) -> QuerySet[Kabupaten]:
    p = peran(user)
    if p.superuser:
        return Kabupaten.objects.all()
    return Kabupaten.objects.filter(pk=p.kabupaten_dinas) if p.is_dinas else Kabupaten.objects.none()


def kecamatan_untuk(user) -> QuerySet[Kecamatan]:
    """The kecamatan whose master data the user may manage (Dinas staff: their kabupaten)."""
    return Kecamatan.objects.filter(kabupaten__in=kabupaten_untuk(user))


def sekolah_untuk(user) -> QuerySet[Sekolah]:
    """Dinas: the schools of their kabupaten. Others: the schools within reach of their groups, and their own."""
    p = peran(user)
    if p.superuser:
        return Sekolah.objects.all()
    q = Q(pk__in=Guru.objects.filter(pk=p.guru_id).values("sekolah")) if p.guru_id else Q(pk__in=[])
    if p.is_dinas:
        q |= Q(kecamatan__kabupaten_id=p.kabupaten_dinas)
    kelompok = KelompokKerja.objects.filter(pk__in=set(p.jabatan) | p.anggota_dari | p.didampingi)
    C = KelompokKerja.Cakupan
    q |= Q(gugus__in=kelompok.filter(cakupan=C.GUGUS).values("gugus"))
    q |= Q(kecamatan__in=kelompok.filter(cakupan=C.KECAMATAN).values("kecamatan"))
    q |= Q(kecamatan__kabupaten__in=kelompok.filter(cakupan=C.KABUPATEN).values("kabupaten"))
    return Sekolah.objects.filter(q)


def gugus_untuk(user) -> QuerySet[Gugus]:
    p = peran(user)
    if p.superuser:
        return Gugus.objects.all()
    q = Q(pk__in=sekolah_untuk(user).values("gugus")) | Q(pk__in=kelompok_untuk(user).values("gugus"))
    if p.is_dinas:
        q |= Q(kecamatan__kabupaten_id=p.kabupaten_dinas)
    return Gugus.objects.filter(q)


def guru_untuk(user) -> QuerySet[Guru]:
    p = peran(user)
    if p.superuser:
        return Guru.objects.all()
    return Guru.objects.filter(sekolah__in=sekolah_untuk(user))


def pengawas_untuk(user) -> QuerySet[Pengawas]:
    """The pengawas a user may assign (Dinas staff: those of their kabupaten)."""
    return Pengawas.objects.filter(kabupaten__in=kabupaten_untuk(user))


def keanggotaan_untuk(user) -> QuerySet[Keanggotaan]:
    return Keanggotaan.objects.filter(kelompok__in=kelompok_untuk(user))


def kepengurusan_untuk(user) -> QuerySet[Kepengurusan]:
    return Kepengurusan.objects.filter(kelompok__in=kelompok_untuk(user))


def pendampingan_untuk(user) -> QuerySet[Pendampingan]:
    return Pendampingan.objects.filter(kelompok__in=kelompok_untuk(user))


# --- yes/no answers: one table of action → rule ----------------------------------------------------------------

# A rule answers for one authenticated, non-superuser user: (user, their Peran, the object) -> bool.
Aturan = Callable[[Any, Peran, Any], bool]

# Action name → its rule. gugus registers its own below; an app to the right registers its actions from its
# AppConfig.ready() (`daftarkan_aksi("ajukan_laporan", boleh_ajukan)`), so `boleh` never imports it.
ATURAN: dict[str, Aturan] = {}


def daftarkan_aksi(nama: str, aturan: Aturan | None = None):
    """Registers the rule of action `nama` (see ATURAN); without `aturan`, a decorator. Registering again from
    the same module replaces the rule (ready() may run twice); another module taking a name already used is a
    mistake."""
    if aturan is None:
        return lambda fungsi: daftarkan_aksi(nama, fungsi)
    lama = ATURAN.get(nama)
    if lama is not None and lama.__module__ != aturan.__module__:
        raise ImproperlyConfigured(f"action {nama!r} is already registered by {lama.__module__}")
    ATURAN[nama] = aturan
    return aturan


def boleh(user, aksi: str, obj=None) -> bool:
    """May `user` do `aksi` (on `obj`)? One lookup in ATURAN, whatever app registered the action. An unknown
    action is a programming error (ValueError); an anonymous visitor may do nothing; a superuser everything."""
    try:
        aturan = ATURAN[aksi]
    except KeyError:
        raise ValueError(f"unknown action {aksi!r}") from None
    if not getattr(user, "is_authenticated", False):
        return False
    p = peran(user)
    return p.superuser or aturan(user, p, obj)


def pastikan_boleh(user, aksi: str, obj=None) -> None:
    """`boleh`, for services: the one way they refuse (PermissionDenied, a 403 in a view)."""
    if not boleh(user, aksi, obj):
        raise PermissionDenied


def aksi_untuk(user, obj, *aksi: str) -> set[str]:
    """Which of the actions `aksi` `user` may do on `obj` (for a page's buttons); empty names are skipped."""
    return {a for a in aksi if a and boleh(user, a, obj)}


# --- gugus's actions ------------------------------------------------------------------------------------------


def _kabupaten_dari(obj) -> int | None:
    """The kabupaten an object of the organisation belongs to (for Dinas scoping)."""
    match obj:
        case Kabupaten():
            return obj.pk
        case Kecamatan():
            return obj.kabupaten_id
        case Gugus():
            return obj.kecamatan.kabupaten_id
        case Sekolah():
            return obj.kecamatan.kabupaten_id
        case Guru():
            return obj.sekolah.kecamatan.kabupaten_id
        case KelompokKerja():
            return obj.kabupaten_id
        case Pengawas():
            return obj.kabupaten_id
        case Keanggotaan() | Kepengurusan() | Pendampingan():
            return obj.kelompok.kabupaten_id
    raise TypeError(f"no kabupaten for {type(obj).__name__}")


@daftarkan_aksi("kelola_master")
def _dinas(user, p: Peran, obj) -> bool:
    """Create gugus, sekolah, guru, kelompok kerja (no obj): Dinas staff."""
    return p.is_dinas


@daftarkan_aksi("ubah")
@daftarkan_aksi("hapus")
@daftarkan_aksi("kelola_pendampingan")
def _dinas_atas(user, p: Peran, obj) -> bool:
    """Edit or delete a Gugus / Sekolah / Guru / KelompokKerja, assign a group's pengawas: Dinas staff of its
    kabupaten."""
    return p.is_dinas and _kabupaten_dari(obj) == p.kabupaten_dinas


@daftarkan_aksi("kelola_anggota")
@daftarkan_aksi("kelola_pengurus")
def _ketua_atau_dinas(user, p: Peran, kelompok: KelompokKerja) -> bool:
    """Members and board of a KelompokKerja: also its ketua."""
    return _dinas_atas(user, p, kelompok) or p.punya_jabatan(kelompok.pk, Jabatan.KETUA)


@daftarkan_aksi("lihat_kontak")
def _lihat_kontak(user, p: Peran, guru: Guru) -> bool:
    """A Guru's NIP, NUPTK, e-mail, WhatsApp: Dinas of its kabupaten, the guru, and the pengurus and pengawas of
    a group the guru belongs to."""
    if _dinas_atas(user, p, guru) or guru.pk == p.guru_id:
        return True
    kelompok_guru = set(Keanggotaan.objects.berlaku().filter(guru=guru).values_list("kelompok_id", flat=True))
    return bool(kelompok_guru & (set(p.jabatan) | p.didampingi))
