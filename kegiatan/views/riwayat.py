"""Riwayat pages: the timeline (kegiatan/riwayat.py) of a meeting and of a group's cash book."""

from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views import generic

from ..models import EntriKas, Notulen, TarifIuran
from ..riwayat import SUMBER_PERTEMUAN, Sumber, linimasa, nama_kas, nama_tarif
from .base import DiKelompok, DiPertemuan


class _Riwayat(generic.TemplateView):
    template_name = "kegiatan/riwayat/riwayat.html"

    def get_sumber(self) -> list[Sumber]:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_obj=linimasa(self.get_sumber(), self.request.GET.get("page")), **kwargs)


class RiwayatPertemuan(DiPertemuan, _Riwayat):
    """The meeting, its attendance, its minutes (all versions) with their action items, and its cash entries."""

    aksi = "lihat_riwayat"

    def get_sumber(self):
        pk = self.pertemuan.pk
        notulen = Notulen.history.filter(pertemuan_id=pk).values("id")
        sumber = []
        for model, kolom, nama in SUMBER_PERTEMUAN:
            riwayat = model.history.filter(**{kolom: pk}) if kolom else model.history.filter(notulen_id__in=notulen)
            sumber.append(Sumber(riwayat, nama))
        return sumber

    def get_context_data(self, **kwargs):
        p = self.pertemuan
        return super().get_context_data(
            judul=_("Riwayat perubahan: %(p)s") % {"p": p.topik},
            tampil_remah=True,
            remah=[(_("Pertemuan"), reverse("kegiatan:pertemuan-list")), (str(p), p.get_absolute_url())],
            **kwargs,
        )


class RiwayatKas(DiKelompok, _Riwayat):
    """The group's cash entries and dues tariffs."""

    aksi = "lihat_riwayat"

    def get_sumber(self):
        pk = self.kelompok.pk
        return [
            Sumber(EntriKas.history.filter(kelompok_id=pk), nama_kas),
            Sumber(TarifIuran.history.filter(kelompok_id=pk), nama_tarif),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            judul=_("Riwayat buku kas: %(k)s") % {"k": self.kelompok},
            tampil_remah=True,
            remah=[(_("Kas"), reverse("kegiatan:kas-list")), (str(self.kelompok), self.kelompok.get_absolute_url())],
            **kwargs,
        )


urls = [
    path("pertemuan/<int:pk>/riwayat/", RiwayatPertemuan.as_view(), name="pertemuan-riwayat"),
    path("kelompok/<int:pk>/kas/riwayat/", RiwayatKas.as_view(), name="kas-riwayat"),
]
