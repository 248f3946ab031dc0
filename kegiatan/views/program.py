"""Program kerja pages: the list with progress, the programme page (progress, steps, meetings, spending), its
create/edit/delete, and the steps (langkah) with the In-On-In pattern button."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import generic

from gugus.akses import boleh
from gugus.views.base import DalamCakupan, Remah, tempel_galat

from .. import akses
from ..filters.program import ProgramKerjaFilter
from ..forms.program import LangkahProgramForm, ProgramKerjaForm
from ..models import LangkahProgram, ProgramKerja
from ..models.program import Tujuan
from ..services import program as layanan
from .base import Buat, Daftar, Hapus, Rincian, Ubah


class _Program:
    model = ProgramKerja
    untuk = akses.program_untuk
    url_dasar = "kegiatan:program"
    form_class = ProgramKerjaForm
    aksi = "kelola_program"
    select_related = ("kelompok",)


class ProgramDaftar(_Program, Daftar):
    template_name = "kegiatan/program/daftar.html"
    filterset_class = ProgramKerjaFilter
    aksi_tambah = "kelola_program"

    def get_queryset(self):
        return layanan.dengan_kemajuan(super().get_queryset())


class ProgramRincian(_Program, Rincian):
    """Everyone who sees the group sees its programmes; spending only those who may see the cash book."""

    template_name = "kegiatan/program/rincian.html"
    aksi = ""  # the page is for whoever sees the programme; managing it is for its buttons
    aksi_ubah = aksi_hapus = "kelola_program"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, program = self.request.user, self.object
        kemajuan = layanan.kemajuan_program(program, dengan_kas=boleh(user, "lihat_kas", program))
        context.update(
            kemajuan=kemajuan,
            tujuan=[label for nilai, label in Tujuan.choices if nilai in program.tujuan],
            bisa_kelola=context["bisa_ubah"],
            bisa_in_on_in=context["bisa_ubah"] and not kemajuan["langkah"],
        )
        return context


class ProgramBuat(_Program, Buat):
    pass


class ProgramUbah(_Program, Ubah):
    pass


class ProgramHapus(_Program, Hapus):
    def form_valid(self, form):
        nama = str(self.object)
        try:
            layanan.hapus_program(self.object, oleh=self.request.user)
        except ValidationError as e:
            messages.error(self.request, " ".join(e.messages))
            return redirect(self.object)
        messages.success(self.request, _("%(obj)s telah dihapus.") % {"obj": nama})
        return redirect("kegiatan:program-list")


class _DiProgram(_Program, DalamCakupan, Remah):
    """A page under /program/<pk>/ for whoever may manage the programme: `self.program`."""

    nama_objek = "program"
    remah_ke_objek = True

    def get_langkah(self):
        return get_object_or_404(self.program.langkah, pk=self.kwargs["langkah"])


class LangkahSimpan(_DiProgram, generic.FormView):
    """Adds a step (no `langkah` in the URL) or edits one; the service checks the order number."""

    template_name = "form.html"
    form_class = LangkahProgramForm

    @cached_property
    def langkah(self):
        return self.get_langkah() if "langkah" in self.kwargs else None

    def get_form_kwargs(self):
        instance = self.langkah or LangkahProgram(program=self.program, urutan=self._urutan_berikut())
        return {**super().get_form_kwargs(), "user": self.request.user, "instance": instance}

    def _urutan_berikut(self):
        terakhir = self.program.langkah.order_by("-urutan").values_list("urutan", flat=True).first()
        return (terakhir or 0) + 1

    def form_valid(self, form):
        try:
            layanan.simpan_langkah(self.program, oleh=self.request.user, langkah=self.langkah, **form.cleaned_data)
        except ValidationError as e:
            tempel_galat(form, e)
            return self.form_invalid(form)
        messages.success(self.request, _("Langkah program telah disimpan."))
        return redirect(self.program)

    def get_context_data(self, **kwargs):
        judul = _("Ubah langkah") if self.langkah else _("Tambah langkah")
        return super().get_context_data(judul=judul, batal_url=self.program.get_absolute_url(), **kwargs)


class LangkahHapus(_DiProgram, generic.TemplateView):
    template_name = "konfirmasi_hapus.html"

    def get_context_data(self, **kwargs):
        judul = _("Hapus langkah “%(l)s”?") % {"l": self.get_langkah()}
        return super().get_context_data(judul=judul, batal_url=self.program.get_absolute_url(), **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            layanan.hapus_langkah(self.get_langkah(), oleh=request.user)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("Langkah program telah dihapus."))
        return redirect(self.program)


class LangkahInOnIn(_DiProgram, generic.View):
    """POST: fills an empty programme with the In-On-In steps of its group's jenis."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            langkah = layanan.buat_langkah_in_on_in(self.program, oleh=request.user)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("%(n)d langkah In-On-In telah dibuat.") % {"n": len(langkah)})
        return redirect(self.program)


urls = [
    path("program/", ProgramDaftar.as_view(), name="program-list"),
    path("program/tambah/", ProgramBuat.as_view(), name="program-create"),
    path("program/<int:pk>/", ProgramRincian.as_view(), name="program-detail"),
    path("program/<int:pk>/ubah/", ProgramUbah.as_view(), name="program-update"),
    path("program/<int:pk>/hapus/", ProgramHapus.as_view(), name="program-delete"),
    path("program/<int:pk>/langkah/tambah/", LangkahSimpan.as_view(), name="langkah-create"),
    path("program/<int:pk>/langkah/<int:langkah>/ubah/", LangkahSimpan.as_view(), name="langkah-update"),
    path("program/<int:pk>/langkah/<int:langkah>/hapus/", LangkahHapus.as_view(), name="langkah-delete"),
    path("program/<int:pk>/in-on-in/", LangkahInOnIn.as_view(), name="program-in-on-in"),
]
