"""The generic pages of gugus/views/base.py, asking `kegiatan.akses` for permissions.

A create page in this app needs the action in at least one group (`kelompok_dengan(user, aksi)`); its form
offers only those groups. A page under one meeting fetches it through `pertemuan_untuk` (404 outside scope).
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from gugus.akses import kelompok_untuk
from gugus.views import base

from .. import akses


class Izin:
    izin = staticmethod(akses.boleh)


class Daftar(Izin, base.Daftar):
    aksi_tambah = ""  # set it to the action that creates a row ("kelola_pertemuan", …)

    def bisa_tambah(self) -> bool:
        return bool(self.aksi_tambah) and akses.kelompok_dengan(self.request.user, self.aksi_tambah).exists()


class Rincian(Izin, base.Rincian):
    aksi_ubah = ""  # a page names the kegiatan action behind its Ubah/Hapus buttons ("kelola_program", …)
    aksi_hapus = ""


class Buat(Izin, base.Buat):
    """Allowed when the user may do `aksi` in some group; the form receives `user` and limits its groups."""

    def boleh_buat(self, user) -> bool:
        return akses.kelompok_dengan(user, self.aksi).exists()


class Ubah(Izin, base.Ubah):
    pass


class Hapus(Izin, base.Hapus):
    pass


class DiKelompok(LoginRequiredMixin):
    """A page under /kelompok/<pk>/…: `self.kelompok` comes through `kelompok_untuk` (404 outside scope) and
    the page needs `aksi` on it (403 without)."""

    aksi = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.kelompok = get_object_or_404(kelompok_untuk(request.user), pk=kwargs["pk"])
        if self.aksi and not akses.boleh(request.user, self.aksi, self.kelompok):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DiPertemuan(LoginRequiredMixin):
    """A page under /pertemuan/<pk>/…: `self.pertemuan` comes through the scoped getter (404 outside scope)
    and the page needs `aksi` on it (403 without; empty `aksi` = whoever sees the meeting)."""

    aksi = ""
    pertemuan_kwarg = "pk"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.pertemuan = get_object_or_404(
            akses.pertemuan_untuk(request.user).select_related("kelompok"), pk=kwargs[self.pertemuan_kwarg]
        )
        if self.aksi and not akses.boleh(request.user, self.aksi, self.pertemuan):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(pertemuan=self.pertemuan, **kwargs)
