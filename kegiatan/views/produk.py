"""Products and photos of meetings, and the bank of products.

Files are streamed only through these views, to users who see the meeting (scoped getters: 404 otherwise).
Editing and deleting belong to the uploader and the board ("kelola_unggahan").
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from gugus.akses import boleh
from gugus.models import Guru, Kepengurusan
from gugus.views.base import tempel_galat
from kkg.lib.berkas import penyimpanan_privat

from .. import akses
from ..berkas import unduhan
from ..filters.produk import ProdukFilter
from ..forms.produk import DokumentasiForm, ProdukForm
from ..models import Dokumentasi, Pertemuan, Produk
from ..services import produk as layanan
from .base import DiPertemuan, Hapus, Rincian, Ubah

BANK = gettext_lazy("Bank produk")


def _remah_pertemuan(pertemuan):
    return [(_("Pertemuan"), reverse("kegiatan:pertemuan-list")), (str(pertemuan), pertemuan.get_absolute_url())]


def _produk_penuh(queryset):
    """Products with what every page shows of them, in a fixed number of queries."""
    return queryset.select_related("pertemuan", "kelompok").prefetch_related(
        Prefetch("penulis", Guru.objects.order_by("nama").only("pk", "nama"))
    )


# --- the bank ------------------------------------------------------------------------------------------------


class ProdukDaftar(LoginRequiredMixin, FilterView):
    """Products of every meeting of the groups the user sees. A koordinator starts filtered on their bidang."""

    model = Produk
    filterset_class = ProdukFilter
    paginate_by = 20
    template_name = "kegiatan/produk/produk_list.html"

    def get_queryset(self):
        return _produk_penuh(akses.produk_untuk(self.request.user)).distinct().order_by("-diunggah", "-pk")

    def bidang_koordinator(self) -> str:
        guru_id = akses.peran(self.request.user).guru_id
        if not guru_id:
            return ""
        jabatan = Kepengurusan.objects.menjabat().filter(guru_id=guru_id, jabatan=Kepengurusan.Jabatan.KOORDINATOR)
        return jabatan.order_by("pk").values_list("bidang", flat=True).first() or ""

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        self.bidang = self.bidang_koordinator()
        kwargs["bidang"] = self.bidang
        self.bidang_bawaan = bool(self.bidang and not self.request.GET)
        if self.bidang_bawaan:
            kwargs["data"] = {"mapel": self.bidang}
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        boleh_kurasi = set(akses.kelompok_dengan(self.request.user, "kurasi_produk").values_list("pk", flat=True))
        for produk in context["object_list"]:
            produk.bisa_kurasi = produk.kelompok_id in boleh_kurasi
        context.update(
            judul=BANK,
            bidang=self.bidang,
            bidang_bawaan=self.bidang_bawaan,
            filter_aktif=any(v for k, v in self.request.GET.items() if k not in ("q", "page")),
        )
        return context


class RemahBank:
    def get_remah(self):
        remah = [(BANK, reverse("kegiatan:produk-list"))]
        if self.remah_ke_objek:
            remah.append((str(self.object), self.object.get_absolute_url()))
        return remah


class ProdukRincian(RemahBank, Rincian):
    model = Produk
    untuk = staticmethod(akses.produk_untuk)
    aksi_ubah = aksi_hapus = "kelola_unggahan"
    url_dasar = "kegiatan:produk"
    template_name = "kegiatan/produk/produk_detail.html"

    def cakupan(self):
        return _produk_penuh(super().cakupan()).select_related("dikurasi_oleh", "diunggah_oleh")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.object.bisa_kurasi = boleh(self.request.user, "kurasi_produk", self.object)
        return context


class ProdukUbah(RemahBank, Ubah):
    model = Produk
    form_class = ProdukForm
    untuk = staticmethod(akses.produk_untuk)
    aksi = "kelola_unggahan"
    select_related = ("pertemuan__kelompok",)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "pertemuan": self.object.pertemuan}

    def form_valid(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "berkas"}
        try:
            layanan.ubah_produk(self.object, oleh=self.request.user, **data)
        except ValidationError as e:
            tempel_galat(form, e)
            return self.form_invalid(form)
        messages.success(self.request, _("%(obj)s berhasil disimpan.") % {"obj": self.object})
        return redirect(self.object)


class ProdukHapus(RemahBank, Hapus):
    model = Produk
    untuk = staticmethod(akses.produk_untuk)
    aksi = "kelola_unggahan"
    select_related = ("pertemuan",)

    def form_valid(self, form):
        nama, pertemuan = str(self.object), self.object.pertemuan
        layanan.hapus_produk(self.object, oleh=self.request.user)
        messages.success(self.request, _("%(obj)s telah dihapus.") % {"obj": nama})
        return HttpResponseRedirect(pertemuan.get_absolute_url() + "#produk")


@login_required
def produk_berkas(request, pk):
    produk = get_object_or_404(akses.produk_untuk(request.user), pk=pk)
    try:
        return unduhan(produk.berkas, produk.nama_berkas, produk.tipe_berkas)
    except FileNotFoundError as e:
        raise Http404(_("Berkas tidak ditemukan.")) from e


@require_POST
@login_required
def produk_kurasi(request, pk):
    """Puts a product into the bank (dikurasi=1) or takes it out (0); htmx swaps the button alone."""
    produk = get_object_or_404(akses.produk_untuk(request.user), pk=pk)
    layanan.kurasi_produk(produk, oleh=request.user, dikurasi=request.POST.get("dikurasi") == "1")
    if request.htmx:
        produk.bisa_kurasi = True
        return render(request, "kegiatan/produk/_tombol_kurasi.html", {"produk": produk})
    lanjut = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(lanjut, {request.get_host()}, request.is_secure()):
        return HttpResponseRedirect(lanjut)
    return redirect(produk)


# --- uploads on a meeting ------------------------------------------------------------------------------------


class UnggahDiPertemuan(DiPertemuan, generic.FormView):
    """An upload form under a meeting: members only, and not on a cancelled meeting."""

    aksi = "ikut"
    template_name = "form.html"

    def get(self, request, *args, **kwargs):
        if self.pertemuan.status == Pertemuan.Status.DIBATALKAN:
            messages.warning(request, _("Pertemuan ini dibatalkan; tidak dapat menerima unggahan."))
            return redirect(self.pertemuan)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_invalid(self, form):
        if self.request.FILES:
            form.add_error(
                None,
                _(
                    "Periksa isian di bawah. Demi keamanan, berkas yang dipilih tidak disimpan: "
                    "pilih berkasnya lagi sebelum mengirim ulang."
                ),
            )
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            judul=self.judul,
            batal_url=self.pertemuan.get_absolute_url(),
            remah=_remah_pertemuan(self.pertemuan),
            tampil_remah=True,
            **kwargs,
        )


class ProdukUnggah(UnggahDiPertemuan):
    form_class = ProdukForm
    judul = gettext_lazy("Unggah produk")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "pertemuan": self.pertemuan}

    def form_valid(self, form):
        try:
            produk = layanan.unggah_produk(self.pertemuan, oleh=self.request.user, **form.cleaned_data)
        except ValidationError as e:
            tempel_galat(form, e)
            return self.form_invalid(form)
        messages.success(self.request, _('Produk "%(obj)s" berhasil diunggah.') % {"obj": produk})
        return redirect(produk)


class DokumentasiUnggah(UnggahDiPertemuan):
    form_class = DokumentasiForm
    judul = gettext_lazy("Unggah foto dokumentasi")

    def form_valid(self, form):
        try:
            foto = layanan.unggah_dokumentasi(self.pertemuan, oleh=self.request.user, **form.cleaned_data)
        except ValidationError as e:
            tempel_galat(form, e)
            return self.form_invalid(form)
        messages.success(self.request, _("%(n)d foto berhasil diunggah.") % {"n": len(foto)})
        return HttpResponseRedirect(self.pertemuan.get_absolute_url() + "#dokumentasi")


class DokumentasiHapus(Hapus):
    model = Dokumentasi
    untuk = staticmethod(akses.dokumentasi_untuk)
    aksi = "kelola_unggahan"
    select_related = ("pertemuan",)

    def get_remah(self):
        return _remah_pertemuan(self.object.pertemuan)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            judul=_("Hapus foto ini?"), batal_url=self.object.pertemuan.get_absolute_url() + "#dokumentasi", **kwargs
        )

    def form_valid(self, form):
        pertemuan = self.object.pertemuan
        layanan.hapus_dokumentasi(self.object, oleh=self.request.user)
        messages.success(self.request, _("Foto telah dihapus."))
        return HttpResponseRedirect(pertemuan.get_absolute_url() + "#dokumentasi")


@login_required
def dokumentasi_foto(request, pk):
    """The photo, inline; `?kecil=1` gives its thumbnail (made on first use)."""
    dok = get_object_or_404(akses.dokumentasi_untuk(request.user), pk=pk)
    try:
        if request.GET.get("kecil"):
            nama = layanan.gambar_kecil(dok)
            return unduhan(penyimpanan_privat.open(nama, "rb"), f"foto-{dok.pk}-kecil.jpg", "image/jpeg", False)
        akhiran = dok.foto.name.rsplit(".", 1)[-1]
        return unduhan(dok.foto, f"foto-{dok.pk}.{akhiran}", dok.tipe_berkas, lampiran=False)
    except FileNotFoundError as e:
        raise Http404(_("Foto tidak ditemukan.")) from e


urls = [
    path("produk/", ProdukDaftar.as_view(), name="produk-list"),
    path("produk/<int:pk>/", ProdukRincian.as_view(), name="produk-detail"),
    path("produk/<int:pk>/ubah/", ProdukUbah.as_view(), name="produk-update"),
    path("produk/<int:pk>/hapus/", ProdukHapus.as_view(), name="produk-delete"),
    path("produk/<int:pk>/berkas/", produk_berkas, name="produk-berkas"),
    path("produk/<int:pk>/kurasi/", produk_kurasi, name="produk-kurasi"),
    path("pertemuan/<int:pk>/produk/unggah/", ProdukUnggah.as_view(), name="produk-unggah"),
    path("pertemuan/<int:pk>/dokumentasi/unggah/", DokumentasiUnggah.as_view(), name="dokumentasi-unggah"),
    path("dokumentasi/<int:pk>/hapus/", DokumentasiHapus.as_view(), name="dokumentasi-delete"),
    path("dokumentasi/<int:pk>/foto/", dokumentasi_foto, name="dokumentasi-foto"),
]
