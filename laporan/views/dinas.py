"""The Dinas's pages (issue 11): the matrix of groups × periods of their kabupaten, and the deadlines with the
overdue groups. Groups come through `kelompok_untuk` and the kabupaten through `kabupaten_untuk`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic
from django_filters.views import FilterView

from gugus.akses import boleh, kabupaten_untuk, kelompok_untuk, peran
from gugus.models import KelompokKerja

from ..forms.tinjauan import MatriksFilter, TenggatForm
from ..models import Laporan
from ..services import tenggat, tinjauan
from .tinjauan import _Syarat


class _Dinas(_Syarat):
    def boleh_buka(self, user):
        p = peran(user)
        return p.superuser or p.is_dinas


class Matriks(_Dinas, FilterView):
    """Rows: the active groups of the kabupaten (filtered, 25 a page); columns: the last periods of the chosen
    kind; each cell the report's state, late or missing, linking to it; totals over the whole filtered scope."""

    template_name = "laporan/dinas/matriks.html"
    filterset_class = MatriksFilter
    paginate_by = 25

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["data"] = kwargs["data"] or {}  # unbound → bound with no filter: cleaned_data is there
        return kwargs

    def get_queryset(self):
        return KelompokKerja.objects.none()  # filtered below, once the kabupaten is known

    def get_filterset(self, filterset_class):
        fs = super().get_filterset(filterset_class)
        fs.is_valid()
        self.kabupaten = fs.kabupaten_terpilih(self.request.user)
        fs.queryset = (
            kelompok_untuk(self.request.user)
            .filter(kabupaten=self.kabupaten, aktif=True)
            .select_related("gugus", "kecamatan")
            .order_by("kecamatan__nama", "gugus__nama", "nama", "pk")
        )
        return fs

    def get_context_data(self, **kwargs):
        konteks = super().get_context_data(**kwargs)
        jenis = self.filterset.jenis_laporan()
        kolom = []
        if self.kabupaten is not None:
            kolom = tinjauan.isi_matriks(
                konteks["object_list"], self.object_list, konteks["paginator"].count, jenis, self.kabupaten.pk
            )
        return konteks | {
            "kolom": kolom,
            "kabupaten": self.kabupaten,
            "jenis_laporan": Laporan.Jenis(jenis),
            "filter_aktif": any(v for k, v in self.request.GET.items() if k not in ("page", "laporan")),
            "remah": [(_("Matriks laporan"), reverse("laporan:matriks"))],
            "tampil_remah": True,
        }


class Tenggat(_Dinas, generic.FormView):
    """The deadlines per kind of report (days after the period), and the groups overdue now."""

    template_name = "laporan/dinas/tenggat.html"
    form_class = TenggatForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            pilihan = request.GET.get("kabupaten", "")
            qs = kabupaten_untuk(request.user).order_by("nama")
            self.kabupaten = (qs.filter(pk=pilihan).first() if pilihan.isdigit() else None) or qs.first()
            if self.kabupaten is None or not boleh(request.user, "atur_tenggat", self.kabupaten):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"hari": tenggat.hari_tenggat(self.kabupaten.pk)}

    def form_valid(self, form):
        for jenis, hari in form.cleaned_data.items():
            tenggat.atur_tenggat(self.kabupaten, oleh=self.request.user, jenis=jenis, hari=hari)
        messages.success(self.request, _("Tenggat laporan disimpan."))
        return redirect(f"{reverse('laporan:tenggat')}?kabupaten={self.kabupaten.pk}")

    def get_context_data(self, **kwargs):
        hari_ini = timezone.localdate()
        terlambat = []
        for jenis in tenggat.BAWAAN:
            kelompok, mulai, selesai = tenggat.kelompok_terlambat(self.kabupaten.pk, jenis, hari_ini)
            nama = Laporan(jenis=jenis, mulai=mulai, selesai=selesai).nama_periode
            terlambat.append((Laporan.Jenis(jenis).label, nama, list(kelompok.order_by("nama")[:50])))
        return super().get_context_data(
            kabupaten=self.kabupaten,
            semua_kabupaten=kabupaten_untuk(self.request.user).order_by("nama")
            if peran(self.request.user).superuser
            else [],
            terlambat=terlambat,
            judul=_("Tenggat laporan"),
            remah=[(_("Matriks laporan"), reverse("laporan:matriks")), (_("Tenggat"), reverse("laporan:tenggat"))],
            tampil_remah=True,
            **kwargs,
        )


urls = [
    path("laporan/matriks/", Matriks.as_view(), name="matriks"),
    path("laporan/tenggat/", Tenggat.as_view(), name="tenggat"),
]
