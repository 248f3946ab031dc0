"""The generic pages of gugus/views/base.py for this app's objects.

A create page in this app needs the action in at least one group (`kelompok_dengan(user, aksi)`); its form
offers only those groups. A page under one group or one meeting is a `DalamCakupan` (404 outside scope, 403
without its `aksi`); edit and delete pages are gugus's `Ubah` and `Hapus`, naming a kegiatan action.
"""

from gugus.views import base
from gugus.views.base import DiKelompok, Hapus, Ubah

from .. import akses

__all__ = ["Buat", "Daftar", "DiKelompok", "DiPertemuan", "Hapus", "Rincian", "Ubah"]


class Daftar(base.Daftar):
    aksi_tambah = ""  # set it to the action that creates a row ("kelola_pertemuan", …)

    def bisa_tambah(self) -> bool:
        return bool(self.aksi_tambah) and akses.kelompok_dengan(self.request.user, self.aksi_tambah).exists()


class Rincian(base.Rincian):
    aksi_ubah = ""  # a page names the kegiatan action behind its Ubah/Hapus buttons ("kelola_program", …)
    aksi_hapus = ""


class Buat(base.Buat):
    """Allowed when the user may do `aksi` in some group; the form receives `user` and limits its groups."""

    def boleh_buat(self, user) -> bool:
        return akses.kelompok_dengan(user, self.aksi).exists()


class DiPertemuan(base.DalamCakupan):
    """A page under /pertemuan/<pk>/…: `self.pertemuan` (empty `aksi` = whoever sees the meeting)."""

    untuk = staticmethod(akses.pertemuan_untuk)
    select_related = ("kelompok",)
    nama_objek = "pertemuan"
