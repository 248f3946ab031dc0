"""Pages of a report's journey (laporan/services/berjenjang.py holds the rules): a group's reports, opening one,
its page (content, narrative, versions with their PDF, timeline, the steps the user may take), the narrative
form, the preview, and one confirmation page per step.

Reports come through `laporan_untuk` (404 outside scope); each step needs its registered action (403 without),
and the service decides again."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from gugus.akses import boleh
from gugus.views.base import DalamCakupan, DiKelompok, tempel_galat

from ..akses import kunjungan_untuk, laporan_untuk
from ..forms import CatatanForm, LaporanBaruForm, NarasiForm, SetujuiForm
from ..forms.tinjauan import TinjauForm
from ..models import Dokumen, Laporan
from ..services import berjenjang as layanan
from ..services import tenggat
from ..services.kompilasi import kompilasi

Aksi = layanan.Aksi


def _remah_kelompok(kelompok) -> list:
    daftar = reverse("laporan:laporan-kelompok", args=[kelompok.pk])
    return [(str(kelompok), kelompok.get_absolute_url()), (_("Laporan"), daftar)]


class LaporanKelompok(DiKelompok, generic.ListView):
    """A group's reports, newest period first, with their state and whether they came in on time."""

    template_name = "laporan/laporan/kelompok.html"
    paginate_by = 20

    def get_queryset(self):
        return laporan_untuk(self.request.user).filter(kelompok=self.kelompok).order_by("-mulai", "jenis", "pk")

    def get_context_data(self, **kwargs):
        konteks = super().get_context_data(**kwargs)
        for lap in konteks["object_list"]:
            lap.kelompok = self.kelompok  # the deadlines read its kabupaten
        tenggat.tandai(konteks["object_list"])
        return (
            konteks
            | {
                "kunjungan": kunjungan_untuk(self.request.user)
                .filter(kelompok=self.kelompok)
                .select_related("pengawas__user")[:10],
                "bisa_kunjungi": boleh(self.request.user, "catat_kunjungan", self.kelompok),
                "bisa_buat": boleh(self.request.user, "buat_lpj", self.kelompok),  # the ketua, or the bendahara (LPJ)
                "bisa_aktivitas": boleh(self.request.user, "lihat_aktivitas", self.kelompok),
                "remah": _remah_kelompok(self.kelompok)[:1],
                "tampil_remah": True,
            }
        )


class BuatLaporan(DiKelompok, generic.FormView):
    """The ketua opens any kind of report; the bendahara only a grant's LPJ (the form offers what the user may)."""

    aksi = "buat_lpj"
    template_name = "form.html"
    form_class = LaporanBaruForm

    def get_form_kwargs(self):
        hanya_lpj = not boleh(self.request.user, "buat_laporan", self.kelompok)
        return super().get_form_kwargs() | {"kelompok": self.kelompok, "hanya_lpj": hanya_lpj}

    def form_valid(self, form):
        d = form.cleaned_data
        try:
            laporan = layanan.buat_laporan(
                self.kelompok,
                oleh=self.request.user,
                jenis=d["jenis"],
                tanggal=d["tanggal"] or layanan.tanggal_bawaan(d["jenis"]),
                hibah=d["hibah"] if d["jenis"] == Laporan.Jenis.LPJ else None,
                selesai=d["selesai"],
            )
        except ValidationError as e:
            tempel_galat(form, e)
            return self.form_invalid(form)
        messages.success(self.request, _("Laporan dibuat. Lengkapi narasinya, lihat pratinjau, lalu ajukan."))
        return redirect(laporan)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            judul=_("Buat laporan %(k)s") % {"k": self.kelompok},
            batal_url=reverse("laporan:laporan-kelompok", args=[self.kelompok.pk]),
            remah=_remah_kelompok(self.kelompok),
            tampil_remah=True,
            **kwargs,
        )


class _DiLaporan(DalamCakupan):
    untuk = staticmethod(laporan_untuk)
    nama_objek = "laporan"
    select_related = ("kelompok__gugus", "kelompok__kecamatan", "kelompok__kabupaten", "hibah")

    def get_context_data(self, **kwargs):
        remah = [*_remah_kelompok(self.laporan.kelompok), (self.laporan.judul, self.laporan.get_absolute_url())]
        return super().get_context_data(remah=remah, tampil_remah=True, **kwargs)


class RincianLaporan(_DiLaporan, generic.TemplateView):
    """The report: while it may be edited, its content compiled from the data as of now; once submitted, the
    frozen content of the newest version. Versions with their PDFs, the timeline, and the user's steps."""

    template_name = "laporan/laporan/rincian.html"

    def get_template_names(self):
        if self.request.GET.get("bagian") == "progres":
            return ["laporan/_progres_dokumen.html"]  # the reviewer's PDF still being rendered
        return [self.template_name]

    def get_context_data(self, **kwargs):
        lap, user = self.laporan, self.request.user
        versi = list(lap.daftar_versi.select_related("dokumen").order_by("-nomor"))
        bisa_ubah = lap.bisa_diubah and boleh(user, "ajukan_laporan", lap)
        isi = kompilasi(lap) if bisa_ubah or not versi else versi[0].isi
        pratinjau = (
            Dokumen.objects.filter(laporan=lap, jenis=Dokumen.Jenis.PRATINJAU_LAPORAN, diterbitkan_oleh=user)
            .order_by("-dibuat")
            .first()
        )
        tenggat.tandai([lap])
        aksi = layanan.aksi_tersedia(user, lap)
        if versi and {Aksi.SETUJUI, Aksi.TERIMA} & set(aksi):
            # A reviewer who can act: the newest version's PDF beside the data and the one-step form.
            kwargs.setdefault("tinjau_form", TinjauForm())
            kwargs["pdf_tinjau"] = dok = versi[0].dokumen
            if dok is not None:  # for the progress partial (and its poll, `?bagian=progres`)
                kwargs |= {"dokumen": dok, "status": Dokumen.Status(dok.status)}
        return super().get_context_data(
            isi=isi,
            langsung=bisa_ubah or not versi,
            daftar_versi=versi,
            riwayat=lap.riwayat.order_by("pada", "pk"),
            aksi=aksi,
            bisa_ubah=bisa_ubah,
            bisa_pratinjau=lap.bisa_diubah and boleh(user, "pratinjau_laporan", lap),
            pratinjau=pratinjau,
            batas=lap.batas,
            **kwargs,
        )


class UbahNarasi(_DiLaporan, generic.UpdateView):
    aksi = "ajukan_laporan"
    template_name = "form.html"
    form_class = NarasiForm

    def form_valid(self, form):
        try:
            layanan.ubah_narasi(self.laporan, oleh=self.request.user, **form.cleaned_data)
        except ValidationError as e:
            messages.error(self.request, " ".join(e.messages))
            return redirect(self.laporan)
        messages.success(self.request, _("Narasi laporan disimpan."))
        return redirect(self.laporan)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            judul=_("Narasi %(l)s") % {"l": self.laporan.judul}, batal_url=self.laporan.get_absolute_url(), **kwargs
        )


class Pratinjau(_DiLaporan, generic.View):
    """POST: the PDF as it would be submitted now, rendered in the background; the progress page follows."""

    aksi = "pratinjau_laporan"

    def post(self, request, *args, **kwargs):
        dokumen = layanan.minta_pratinjau(self.laporan, oleh=request.user)
        return redirect("laporan:dokumen", dokumen.pk)


class _Langkah(_DiLaporan, generic.FormView):
    """Confirms one step of the journey, with a note where the step takes one, and runs it."""

    template_name = "konfirmasi_form.html"
    langkah = ""
    form_class = CatatanForm
    judul = tombol = pesan = ""
    warna = "success"
    wajib_catatan = False

    def dispatch(self, request, *args, **kwargs):
        self.aksi = layanan.TRANSISI[self.langkah][2]
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if issubclass(self.get_form_class(), CatatanForm):
            kwargs["wajib"] = self.wajib_catatan
        return kwargs

    def jalankan(self, data):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.jalankan(form.cleaned_data)
        except ValidationError as e:
            if hasattr(e, "error_dict") and set(e.error_dict) <= set(form.fields):
                tempel_galat(form, e)
                return self.form_invalid(form)
            messages.error(self.request, " ".join(e.messages))
            return redirect(self.laporan)
        messages.success(self.request, self.pesan)
        return redirect(self.laporan)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            judul=f"{self.judul}: {self.laporan.judul}",
            tombol=self.tombol,
            warna=self.warna,
            batal_url=self.laporan.get_absolute_url(),
            **kwargs,
        )


class Ajukan(_Langkah):
    langkah = Aksi.AJUKAN
    judul, tombol = gettext_lazy("Ajukan ke pengawas"), gettext_lazy("Ajukan")
    pesan = gettext_lazy("Laporan diajukan ke pengawas. PDF-nya sedang disiapkan.")

    def get_form_class(self):
        from django import forms

        return forms.Form  # only the confirmation

    def jalankan(self, data):
        layanan.ajukan_laporan(self.laporan, oleh=self.request.user)


class Kembalikan(_Langkah):
    langkah = Aksi.KEMBALIKAN
    judul, tombol, warna = gettext_lazy("Kembalikan ke ketua"), gettext_lazy("Kembalikan"), "warning"
    pesan = gettext_lazy("Laporan dikembalikan ke ketua dengan catatan Anda.")
    wajib_catatan = True

    def jalankan(self, data):
        layanan.kembalikan_laporan(self.laporan, oleh=self.request.user, catatan=data["catatan"])


class Setujui(_Langkah):
    langkah = Aksi.SETUJUI
    form_class = SetujuiForm
    judul, tombol = gettext_lazy("Setujui laporan"), gettext_lazy("Setujui")
    pesan = gettext_lazy("Laporan disetujui.")

    def jalankan(self, data):
        layanan.setujui_laporan(
            self.laporan, oleh=self.request.user, catatan=data["catatan"], teruskan=data["teruskan"]
        )


class Teruskan(Ajukan):
    langkah = Aksi.TERUSKAN
    judul, tombol = gettext_lazy("Teruskan ke Dinas Pendidikan"), gettext_lazy("Teruskan")
    pesan = gettext_lazy("Laporan diteruskan ke Dinas Pendidikan.")

    def jalankan(self, data):
        layanan.teruskan_laporan(self.laporan, oleh=self.request.user)


class Terima(_Langkah):
    langkah = Aksi.TERIMA
    judul, tombol = gettext_lazy("Terima laporan"), gettext_lazy("Terima")
    pesan = gettext_lazy("Laporan diterima. Ketua kelompok diberi tahu.")

    def jalankan(self, data):
        layanan.terima_laporan(self.laporan, oleh=self.request.user, catatan=data["catatan"])


urls = [
    path("kelompok/<int:pk>/laporan/", LaporanKelompok.as_view(), name="laporan-kelompok"),
    path("kelompok/<int:pk>/laporan/buat/", BuatLaporan.as_view(), name="laporan-buat"),
    path("laporan/<int:pk>/", RincianLaporan.as_view(), name="laporan-detail"),
    path("laporan/<int:pk>/narasi/", UbahNarasi.as_view(), name="laporan-narasi"),
    path("laporan/<int:pk>/pratinjau/", Pratinjau.as_view(), name="laporan-pratinjau"),
    *(
        path(f"laporan/<int:pk>/{v.langkah}/", v.as_view(), name=f"laporan-{v.langkah}")
        for v in (Ajukan, Kembalikan, Setujui, Teruskan, Terima)
    ),
]
