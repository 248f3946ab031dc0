"""The reviewers' pages (issue 11): the inbox of reports waiting for the user, the one-step review on the report
page, the pengawas's view of their groups' activity, their visits and their own periodic report.

Thin: the queues come from laporan/services/tinjauan.py, the visits and the pengawas's report from
laporan/services/pendampingan.py, the steps from laporan/services/berjenjang.py."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from gugus.akses import boleh, kelompok_untuk, peran
from gugus.views.base import DiKelompok, tempel_galat

from ..akses import kunjungan_untuk
from ..forms.tinjauan import KunjunganForm, PeriodeForm, TinjauForm
from ..services import berjenjang as layanan
from ..services import pendampingan, tinjauan
from .berjenjang import RincianLaporan

Aksi = layanan.Aksi


class _Syarat(LoginRequiredMixin):
    """A page for users who pass `boleh_buka(user)` (403 otherwise; the login page for a visitor)."""

    def boleh_buka(self, user) -> bool:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.boleh_buka(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class KotakLaporan(_Syarat, generic.ListView):
    """What waits for the user, oldest first; `?tab=riwayat`: the steps they took lately."""

    template_name = "laporan/tinjauan/kotak.html"
    paginate_by = 20

    def boleh_buka(self, user):
        return tinjauan.punya_halaman_laporan(user)

    @property
    def tab(self) -> str:
        return "riwayat" if self.request.GET.get("tab") == "riwayat" else "menunggu"

    def get_queryset(self):
        if self.tab == "riwayat":
            return tinjauan.sudah_ditinjau(self.request.user)
        return tinjauan.kotak_laporan(self.request.user)

    def get_context_data(self, **kwargs):
        p = peran(self.request.user)
        dinas = p.is_dinas or p.superuser
        return super().get_context_data(
            tab=self.tab,
            pengawas=bool(p.didampingi),
            dinas=dinas,
            # The pengawas report upward too: their periodic reports reach the Dinas here.
            laporan_pengawas=pendampingan.laporan_pengawas_untuk(self.request.user)[:10] if dinas else [],
            remah=[(_("Laporan"), reverse("laporan:kotak-laporan"))],
            tampil_remah=True,
            **kwargs,
        )


class Tinjau(RincianLaporan):
    """POST from the report page: approve and forward to the Dinas, return with a note, or (Dinas) accept, in one
    step. A return without a note shows the page again with the error and the typed text."""

    http_method_names = ["post"]
    LANGKAH = {
        TinjauForm.SETUJUI: (Aksi.SETUJUI, gettext_lazy("Laporan disetujui dan diteruskan ke Dinas Pendidikan.")),
        TinjauForm.KEMBALIKAN: (Aksi.KEMBALIKAN, gettext_lazy("Laporan dikembalikan ke ketua dengan catatan Anda.")),
        TinjauForm.TERIMA: (Aksi.TERIMA, gettext_lazy("Laporan diterima. Ketua kelompok diberi tahu.")),
    }

    def post(self, request, *args, **kwargs):
        form = TinjauForm(request.POST)
        langkah = self.LANGKAH.get(request.POST.get("keputusan"), (None, ""))[0]
        if langkah is None or not boleh(request.user, layanan.TRANSISI[langkah][2], self.laporan):
            raise PermissionDenied
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(tinjau_form=form))
        try:
            self._jalankan(langkah, form.cleaned_data["catatan"])
        except ValidationError as e:
            if hasattr(e, "error_dict") and set(e.error_dict) <= set(form.fields):
                tempel_galat(form, e)
                return self.render_to_response(self.get_context_data(tinjau_form=form))
            messages.error(request, " ".join(e.messages))
            return redirect(self.laporan)
        messages.success(request, self.LANGKAH[form.cleaned_data["keputusan"]][1])
        return redirect("laporan:kotak-laporan")

    def _jalankan(self, langkah: str, catatan: str) -> None:
        oleh = self.request.user
        if langkah == Aksi.SETUJUI:
            layanan.setujui_laporan(self.laporan, oleh=oleh, catatan=catatan, teruskan=True)
        elif langkah == Aksi.KEMBALIKAN:
            layanan.kembalikan_laporan(self.laporan, oleh=oleh, catatan=catatan)
        else:
            layanan.terima_laporan(self.laporan, oleh=oleh, catatan=catatan)


# --- The pengawas ---------------------------------------------------------------------------------------------


class _Pengawas(_Syarat):
    def boleh_buka(self, user):
        return bool(peran(user).didampingi)

    def remah(self, *lagi):
        return [(_("Pendampingan"), reverse("laporan:pendampingan")), *lagi]


class Pendampingan(_Pengawas, generic.ListView):
    """One row per accompanied group: meetings held vs planned this semester, attendance, reports on time and
    late, the last visit, and whether it needs a visit; then the pengawas's recent visits."""

    template_name = "laporan/tinjauan/pendampingan.html"
    paginate_by = 25

    def get_queryset(self):
        user = self.request.user
        qs = kelompok_untuk(user).filter(pk__in=peran(user).didampingi).order_by("nama", "pk")
        return pendampingan.aktivitas(qs)

    def get_context_data(self, **kwargs):
        konteks = super().get_context_data(**kwargs)
        pendampingan.lengkapi_aktivitas(konteks["object_list"])
        kunjungan = kunjungan_untuk(self.request.user).filter(pengawas__user=self.request.user)
        return konteks | {
            "kunjungan": kunjungan.select_related("kelompok", "pertemuan")[:10],
            "remah": self.remah(),
            "tampil_remah": True,
        }


class _FormKunjungan(generic.FormView):
    template_name = "form.html"
    form_class = KunjunganForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"kelompok": self.kelompok}

    def form_valid(self, form):
        try:
            self.simpan(form.cleaned_data)
        except ValidationError as e:
            tempel_galat(form, e)
            return self.form_invalid(form)
        messages.success(self.request, _("Kunjungan pendampingan disimpan."))
        return redirect("laporan:pendampingan")

    def get_context_data(self, **kwargs):
        remah = [(_("Pendampingan"), reverse("laporan:pendampingan"))]
        return super().get_context_data(
            judul=_("Kunjungan ke %(k)s") % {"k": self.kelompok},
            batal_url=reverse("laporan:pendampingan"),
            remah=remah,
            tampil_remah=True,
            **kwargs,
        )


class BuatKunjungan(DiKelompok, _FormKunjungan):
    aksi = "catat_kunjungan"

    def simpan(self, data):
        pendampingan.catat_kunjungan(self.kelompok, oleh=self.request.user, **data)


class UbahKunjungan(LoginRequiredMixin, _FormKunjungan):
    """Only the pengawas who recorded the visit corrects it (others who see it: 403)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        qs = kunjungan_untuk(request.user).select_related("kelompok", "pengawas")
        self.kunjungan = get_object_or_404(qs, pk=kwargs["pk"])
        if self.kunjungan.pengawas.user_id != request.user.pk:
            raise PermissionDenied
        self.kelompok = self.kunjungan.kelompok
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": self.kunjungan}

    def simpan(self, data):
        pendampingan.ubah_kunjungan(self.kunjungan, oleh=self.request.user, **data)


class LaporanPengawas(_Pengawas, generic.TemplateView):
    """The pengawas's own report for `?mulai=&selesai=` (default: this semester): their visits and their groups'
    reports; POST: the same as a PDF (the document's progress page follows)."""

    template_name = "laporan/tinjauan/laporan_pengawas.html"

    def periode(self):
        mulai, selesai = layanan.periode(layanan.Laporan.Jenis.SEMESTER, timezone.localdate())
        data = self.request.POST if self.request.method == "POST" else self.request.GET
        form = PeriodeForm(data if data.get("mulai") else None, initial={"mulai": mulai, "selesai": selesai})
        if form.is_bound and form.is_valid():
            mulai, selesai = form.cleaned_data["mulai"], form.cleaned_data["selesai"]
        return form, mulai, selesai

    def get_context_data(self, **kwargs):
        form, mulai, selesai = self.periode()
        pengawas = self.request.user.pengawas
        return super().get_context_data(
            form=form,
            remah=self.remah((_("Laporan pendampingan"), self.request.path)),
            tampil_remah=True,
            **pendampingan.isi_laporan_pengawas(pengawas, mulai, selesai),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form, mulai, selesai = self.periode()
        if form.is_bound and not form.is_valid():
            return self.render_to_response(self.get_context_data())
        dokumen = pendampingan.minta_laporan_pengawas(oleh=request.user, mulai=mulai, selesai=selesai)
        return redirect(dokumen)


urls = [
    path("laporan/masuk/", KotakLaporan.as_view(), name="kotak-laporan"),
    path("laporan/<int:pk>/tinjau/", Tinjau.as_view(), name="laporan-tinjau"),
    path("laporan/pendampingan/", Pendampingan.as_view(), name="pendampingan"),
    path("laporan/pendampingan/laporan/", LaporanPengawas.as_view(), name="laporan-pengawas"),
    path("kelompok/<int:pk>/kunjungan/baru/", BuatKunjungan.as_view(), name="kunjungan-buat"),
    path("laporan/kunjungan/<int:pk>/ubah/", UbahKunjungan.as_view(), name="kunjungan-ubah"),
]
