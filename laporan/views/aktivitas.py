"""Activity dashboards (laporan/services/aktivitas.py) of one group, a gugus and a kabupaten.

Each page fetches its subject through a gugus.akses getter (404 outside scope) and needs "lihat_aktivitas" on it
(403); the groups it counts are those of the subject whose figures the user sees (`kelompok_aktivitas`). The
gugus and kabupaten pages add a per-group table, by default the groups that need attention first.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from django.views import generic

from gugus.akses import boleh, gugus_untuk, kabupaten_untuk, kelompok_untuk

from ..akses import kelompok_aktivitas
from ..models.berjenjang import BULAN
from ..services.aktivitas import hitung_aktivitas

HIJAU, ABU, BIRU, JINGGA = "#198754", "#adb5bd", "#0d6efd", "#fd7e14"


def _label(bulan) -> tuple[str, str]:
    """A month's label on a chart: "Jan" with its year on a second line, in January and in the first month."""
    return BULAN[bulan.month][:3], f"{bulan:%Y}" if bulan.month == 1 else ""


def grafik(aktivitas) -> list[dict]:
    """The three charts of the page: meetings held vs planned, products, attendance (per month)."""
    baris = aktivitas.baris_bulan()
    label = [_label(b) for b, _a in baris]
    label[0] = (label[0][0], f"{baris[0][0]:%Y}")
    return [
        {
            "id": "grafik-pertemuan",
            "judul": _("Pertemuan per bulan"),
            "keterangan": _("Pertemuan terlaksana dibanding yang direncanakan, per bulan."),
            "label": label,
            "seri": [
                (_("Direncanakan"), ABU, [a.direncanakan for _b, a in baris]),
                (_("Terlaksana"), HIJAU, [a.terlaksana for _b, a in baris]),
            ],
        },
        {
            "id": "grafik-hadir",
            "judul": _("Tingkat kehadiran per bulan (%)"),
            "keterangan": _("Persentase anggota tercatat yang hadir pada pertemuan terlaksana, per bulan."),
            "label": label,
            "seri": [(_("Hadir (%)"), BIRU, [a.persen_hadir for _b, a in baris])],
            "maks": 100,
        },
        {
            "id": "grafik-produk",
            "judul": _("Produk per bulan"),
            "keterangan": _("Produk yang diunggah dari pertemuan, per bulan pertemuan."),
            "label": label,
            "seri": [(_("Produk"), JINGGA, [a.produk for _b, a in baris])],
        },
    ]


class _Aktivitas(LoginRequiredMixin, generic.TemplateView):
    """A subject (`self.subjek`, fetched in `ambil`) and its groups' figures."""

    template_name = "laporan/aktivitas/aktivitas.html"
    dengan_tabel = True
    per_halaman = 25

    def ambil(self, request, **kwargs):
        raise NotImplementedError

    def kelompok(self):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.subjek = self.ambil(request, **kwargs)
        if not boleh(request.user, "lihat_aktivitas", self.subjek):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        aktivitas = hitung_aktivitas(self.kelompok().select_related("gugus"))
        konteks = {
            "subjek": self.subjek,
            "judul": _("Keaktifan %(subjek)s") % {"subjek": self.subjek},
            "aktivitas": aktivitas,
            "grafik": grafik(aktivitas),
            "dengan_tabel": self.dengan_tabel,
        }
        if self.dengan_tabel:
            urut = self.request.GET.get("urut", "perhatian")
            baris = sorted(aktivitas.per_kelompok, key=lambda b: b.kelompok.nama) if urut == "nama" else None
            halaman = Paginator(baris or aktivitas.urut_perhatian(), self.per_halaman)
            konteks |= {"urut": urut, "page_obj": halaman.get_page(self.request.GET.get("page"))}
        return super().get_context_data(**konteks, **kwargs)


class AktivitasKelompok(_Aktivitas):
    dengan_tabel = False

    def ambil(self, request, **kwargs):
        return get_object_or_404(kelompok_untuk(request.user).select_related("kabupaten"), pk=kwargs["pk"])

    def kelompok(self):
        return kelompok_aktivitas(self.request.user).filter(pk=self.subjek.pk)


class AktivitasGugus(_Aktivitas):
    def ambil(self, request, **kwargs):
        return get_object_or_404(gugus_untuk(request.user).select_related("kecamatan"), pk=kwargs["pk"])

    def kelompok(self):
        return kelompok_aktivitas(self.request.user).filter(gugus=self.subjek)


class AktivitasKabupaten(_Aktivitas):
    """The Dinas user's kabupaten; a superuser picks one (`?kabupaten=<pk>`, default the first)."""

    def ambil(self, request, **kwargs):
        pilihan = kabupaten_untuk(request.user).order_by("nama")
        pk = request.GET.get("kabupaten", "")
        self.pilihan = pilihan if request.user.is_superuser else []
        kabupaten = pilihan.filter(pk=pk).first() if pk.isdigit() else pilihan.first()
        if kabupaten is None:
            raise PermissionDenied
        return kabupaten

    def kelompok(self):
        return kelompok_aktivitas(self.request.user).filter(kabupaten=self.subjek)

    def get_context_data(self, **kwargs):
        return super().get_context_data(pilihan_kabupaten=self.pilihan, **kwargs)


urls = [
    path("kelompok/<int:pk>/aktivitas/", AktivitasKelompok.as_view(), name="aktivitas-kelompok"),
    path("gugus/<int:pk>/aktivitas/", AktivitasGugus.as_view(), name="aktivitas-gugus"),
    path("aktivitas/", AktivitasKabupaten.as_view(), name="aktivitas-kabupaten"),
]
