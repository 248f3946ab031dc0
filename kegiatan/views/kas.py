"""Pages of the cash book: the books a user may see, one group's book with its running balance, recording
entries, reversing one, the receipt download, dues arrears and the dues tariff.

A group comes through `kelompok_untuk` (404 outside scope) and needs "lihat_kas" (403: a plain member);
writing needs "kelola_kas" (the bendahara). There are no edit or delete pages: entries are immutable.
"""

import filetype
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from gugus.akses import aksi_untuk, boleh, kelompok_untuk
from gugus.views.base import DalamCakupan, tempel_galat

from .. import akses
from ..berkas import unduhan
from ..filters.kas import EntriKasFilter
from ..forms import kas as f
from ..models import EntriKas, TarifIuran
from ..models.kas import ringkasan_kas
from ..services import kas as layanan
from .base import DiKelompok

Arah, Kategori = EntriKas.Arah, EntriKas.Kategori


class KasDaftar(LoginRequiredMixin, generic.ListView):
    """The cash books the user may see, each with its balance and totals (one query per page)."""

    template_name = "kegiatan/kas/daftar.html"
    paginate_by = 24

    def get_queryset(self):
        return (
            akses.kelompok_dengan(self.request.user, "lihat_kas")
            .annotate(**ringkasan_kas("kas__"))
            .order_by("nama", "pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(judul=_("Buku kas"), **kwargs)


class _DiKelompok(DiKelompok):
    """A page of one group's book: /kelompok/<pk>/…"""

    aksi = "lihat_kas"
    judul = ""

    def get_remah(self):
        return [(_("Buku kas"), reverse("kegiatan:kas-list")), (str(self.kelompok), self.url_buku())]

    def url_buku(self):
        return reverse("kegiatan:kas-buku", args=[self.kelompok.pk])

    def url_batal(self):
        return self.url_buku()

    def get_context_data(self, **kwargs):
        bisa = aksi_untuk(self.request.user, self.kelompok, "kelola_kas", "lihat_riwayat")
        return super().get_context_data(
            kelompok=self.kelompok,
            judul=self.judul,
            remah=self.get_remah(),
            tampil_remah=True,
            batal_url=self.url_batal(),
            bisa_kelola="kelola_kas" in bisa,
            bisa_riwayat="lihat_riwayat" in bisa,
            **kwargs,
        )


class BukuKas(_DiKelompok, generic.ListView):
    """The book in date order with the running balance computed by the database over the WHOLE book, so a
    filtered view or page 2 still shows the real balance after each entry."""

    template_name = "kegiatan/kas/buku.html"
    paginate_by = 50

    def get_remah(self):
        return [(_("Buku kas"), reverse("kegiatan:kas-list"))]

    def get_queryset(self):
        buku = EntriKas.objects.filter(kelompok=self.kelompok)
        self.filterset = EntriKasFilter(self.request.GET or None, queryset=buku, request=self.request)
        tersaring = self.filterset.is_bound and self.filterset.is_valid() and self.filterset.form.has_changed()
        return layanan.buku_dengan_saldo(self.kelompok, dipilih=self.filterset.qs if tersaring else None)

    def get_context_data(self, **kwargs):
        saring = self.filterset.qs if self.filterset.is_bound and self.filterset.is_valid() else None
        return super().get_context_data(
            filter=self.filterset,
            filter_aktif=any(self.request.GET.get(k) for k in ("arah", "kategori", "dari", "sampai")),
            total=EntriKas.objects.filter(kelompok=self.kelompok).aggregate(**ringkasan_kas()),
            total_saring=saring.aggregate(**ringkasan_kas())
            if saring is not None and self.filterset.form.has_changed()
            else None,
            **kwargs,
        )

    @property
    def judul(self):
        return _("Buku kas %(kelompok)s") % {"kelompok": self.kelompok}


JENIS = {
    "penerimaan": (f.PenerimaanForm, gettext_lazy("Catat penerimaan")),
    "hibah": (f.HibahForm, gettext_lazy("Catat hibah / bantuan")),
    "iuran": (f.IuranForm, gettext_lazy("Catat iuran anggota")),
    "pengeluaran": (f.PengeluaranForm, gettext_lazy("Catat pengeluaran")),
}


class TambahEntri(_DiKelompok, generic.FormView):
    """?jenis=penerimaan|hibah|iuran|pengeluaran picks the form; ?pertemuan=<pk> preselects a meeting."""

    aksi = "kelola_kas"
    template_name = "form.html"

    def dispatch(self, request, *args, **kwargs):
        self.jenis = request.GET.get("jenis", "penerimaan")
        if self.jenis not in JENIS:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return JENIS[self.jenis][0]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kelompok": self.kelompok}

    def get_initial(self):
        awal = super().get_initial()
        if self.jenis == "pengeluaran" and (pk := self.request.GET.get("pertemuan", "")).isdigit():
            pertemuan = self.kelompok.pertemuan.filter(pk=pk).first()
            if pertemuan:
                awal.update(
                    pertemuan=pertemuan,
                    program=pertemuan.program_id,
                    uraian=_("Konsumsi: %(topik)s") % {"topik": pertemuan.topik},
                )
        return awal

    @property
    def judul(self):
        return JENIS[self.jenis][1]

    def form_valid(self, form):
        data, user = dict(form.cleaned_data), self.request.user
        try:
            if self.jenis == "iuran":
                entri = layanan.catat_iuran(
                    self.kelompok, oleh=user, anggota=list(data["anggota"]), bulan=form.bulan(),
                    tanggal=data["tanggal"], nominal=data["nominal"],
                )  # fmt: skip
                pesan = _("%(n)d entri iuran tercatat.") % {"n": len(entri)}
            elif self.jenis == "pengeluaran":
                entri = layanan.catat_pengeluaran(self.kelompok, oleh=user, **data)
                pesan = _("Pengeluaran #%(nomor)s tercatat.") % {"nomor": entri.nomor}
            else:
                kategori = Kategori.HIBAH if self.jenis == "hibah" else Kategori.MASUK_LAIN
                entri = layanan.catat_penerimaan(self.kelompok, oleh=user, kategori=kategori, **data)
                pesan = _("Penerimaan #%(nomor)s tercatat.") % {"nomor": entri.nomor}
        except ValidationError as e:
            tempel_galat(form, e)
            return self.form_invalid(form)
        messages.success(self.request, pesan)
        tujuan = self.request.GET.get("kembali", "")
        if tujuan == "pertemuan" and self.jenis == "pengeluaran" and data.get("pertemuan"):
            return redirect(data["pertemuan"])
        return redirect(self.url_buku())


def _entri_di_kelompok(user):
    """Entries of the groups the user sees: a member who may not read the book gets 403, not 404."""
    return EntriKas.objects.filter(kelompok__in=kelompok_untuk(user))


class _Entri(DalamCakupan):
    """A page about one entry (`self.entri`), needing `aksi` on it."""

    untuk = staticmethod(_entri_di_kelompok)
    select_related = ("kelompok", "anggota", "pertemuan", "program", "membalik", "dicatat_oleh")
    aksi = "lihat_kas"
    nama_objek = "entri"

    @property
    def kelompok(self):
        return self.entri.kelompok

    def get_context_data(self, **kwargs):
        url_buku = reverse("kegiatan:kas-buku", args=[self.kelompok.pk])
        remah = [(_("Buku kas"), reverse("kegiatan:kas-list")), (str(self.kelompok), url_buku)]
        koreksi = EntriKas.objects.filter(membalik=self.entri).only("pk", "nomor", "tanggal").first()
        return super().get_context_data(
            entri=self.entri,
            koreksi=koreksi,
            kelompok=self.kelompok,
            remah=remah,
            tampil_remah=True,
            batal_url=reverse("kegiatan:kas-detail", args=[self.entri.pk]),
            **kwargs,
        )


class RincianEntri(_Entri, generic.TemplateView):
    template_name = "kegiatan/kas/entri.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        e = self.entri
        context["bisa_koreksi"] = (
            boleh(self.request.user, "kelola_kas", e) and not e.membalik_id and context["koreksi"] is None
        )
        return context


class KoreksiEntri(_Entri, generic.FormView):
    aksi = "kelola_kas"
    template_name = "kegiatan/kas/koreksi.html"
    form_class = f.KoreksiForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kelompok": self.kelompok}

    def form_valid(self, form):
        try:
            balik = layanan.koreksi(self.entri, alasan=form.cleaned_data["alasan"], oleh=self.request.user)
        except ValidationError as e:
            tempel_galat(form, e)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Entri #%(a)s dibalik oleh entri koreksi #%(b)s.") % {"a": self.entri.nomor, "b": balik.nomor},
        )
        return redirect("kegiatan:kas-buku", self.kelompok.pk)


def bukti(request, pk):
    """Streams an expense's receipt to those who may see the book; 404 to everyone else."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    entri = get_object_or_404(akses.kas_untuk(request.user).exclude(bukti=""), pk=pk)
    with entri.bukti.open("rb") as berkas:
        jenis = filetype.guess(berkas.read(8192))
    tipe, akhiran = (jenis.mime, jenis.extension) if jenis else ("application/octet-stream", "bin")
    return unduhan(entri.bukti, f"bukti-kas-{entri.nomor}.{akhiran}", tipe, lampiran=False)


class IuranDaftar(_DiKelompok, generic.TemplateView):
    """Dues arrears per member; the figures come from `tunggakan_iuran` in three queries."""

    template_name = "kegiatan/kas/iuran.html"
    per_halaman = 50

    @property
    def judul(self):
        return _("Iuran anggota %(kelompok)s") % {"kelompok": self.kelompok}

    def get_context_data(self, **kwargs):
        baris = layanan.tunggakan_iuran(self.kelompok)
        halaman = Paginator(baris, self.per_halaman).get_page(self.request.GET.get("page"))
        tarif = TarifIuran.objects.filter(kelompok=self.kelompok).order_by("-berlaku_mulai")[:1]
        return super().get_context_data(
            object_list=halaman.object_list,
            page_obj=halaman,
            tarif=tarif[0] if tarif else None,
            total_tunggakan=sum(b.jumlah for b in baris),
            **kwargs,
        )


class AturTarif(_DiKelompok, generic.FormView):
    aksi = "kelola_kas"
    template_name = "kegiatan/kas/tarif.html"
    form_class = f.TarifForm

    @property
    def judul(self):
        return _("Tarif iuran %(kelompok)s") % {"kelompok": self.kelompok}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kelompok": self.kelompok}

    def url_batal(self):
        return reverse("kegiatan:kas-iuran", args=[self.kelompok.pk])

    def get_context_data(self, **kwargs):
        tarif = TarifIuran.objects.filter(kelompok=self.kelompok).order_by("-berlaku_mulai")
        return super().get_context_data(daftar_tarif=tarif, **kwargs)

    def form_valid(self, form):
        tarif = layanan.atur_tarif(self.kelompok, oleh=self.request.user, **form.cleaned_data)
        messages.success(
            self.request, _("Tarif iuran mulai %(bulan)s disimpan.") % {"bulan": f"{tarif.berlaku_mulai:%m/%Y}"}
        )
        return redirect("kegiatan:kas-iuran", self.kelompok.pk)


urls = [
    path("kas/", KasDaftar.as_view(), name="kas-list"),
    path("kelompok/<int:pk>/kas/", BukuKas.as_view(), name="kas-buku"),
    path("kelompok/<int:pk>/kas/tambah/", TambahEntri.as_view(), name="kas-tambah"),
    path("kelompok/<int:pk>/iuran/", IuranDaftar.as_view(), name="kas-iuran"),
    path("kelompok/<int:pk>/iuran/tarif/", AturTarif.as_view(), name="kas-tarif"),
    path("kas/<int:pk>/", RincianEntri.as_view(), name="kas-detail"),
    path("kas/<int:pk>/koreksi/", KoreksiEntri.as_view(), name="kas-koreksi"),
    path("kas/<int:pk>/bukti/", bukti, name="kas-bukti"),
]
