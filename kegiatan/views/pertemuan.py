"""Meeting pages: list, month calendar, the meeting page, create/edit/delete, hold/cancel, konfirmasi kehadiran,
and the per-group iCalendar feed with its subscription page."""

import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View, generic

from gugus.akses import aksi_untuk, kelompok_untuk, peran
from gugus.views.base import Remah, tempel_galat

from .. import akses, ical, kalender
from ..filters.pertemuan import KalenderFilter, PertemuanFilter
from ..forms.pertemuan import BatalForm, KonfirmasiForm, PertemuanForm
from ..models import KonfirmasiKehadiran, Pertemuan
from ..services import pertemuan as layanan
from .base import Buat, Daftar, DiPertemuan, Hapus, Ubah

User = get_user_model()


class _Pertemuan:
    model = Pertemuan
    untuk = akses.pertemuan_untuk
    url_dasar = "kegiatan:pertemuan"
    form_class = PertemuanForm
    select_related = ("kelompok", "tuan_rumah", "program")


def _bisa_tambah(user) -> bool:
    return akses.kelompok_dengan(user, "kelola_pertemuan").exists()


class PertemuanDaftar(_Pertemuan, Daftar):
    filterset_class = PertemuanFilter
    template_name = "kegiatan/pertemuan/pertemuan_list.html"
    aksi_tambah = "kelola_pertemuan"

    def get_context_data(self, **kwargs):
        return super().get_context_data(tab="daftar", **kwargs)


class PertemuanKalender(LoginRequiredMixin, Remah, generic.TemplateView):
    """A month grid (`?bulan=2025-02`) with the list's filters; on a phone, the days with meetings as a list."""

    model = Pertemuan
    url_dasar = "kegiatan:pertemuan"
    template_name = "kegiatan/pertemuan/kalender.html"

    def get_context_data(self, **kwargs):
        awal = kalender.bulan_dari(self.request.GET.get("bulan"))
        dari, sampai = kalender.rentang_grid(awal)
        saring = KalenderFilter(
            self.request.GET,
            queryset=akses.pertemuan_untuk(self.request.user).select_related("kelompok", "tuan_rumah"),
            request=self.request,
        )
        daftar = saring.qs.filter(tanggal__range=(dari, sampai)).order_by("tanggal", "jam_mulai", "pk")
        minggu = kalender.grid_bulan(awal, daftar)
        query = self.request.GET.copy()
        query.pop("bulan", None)
        return super().get_context_data(
            filter=saring,
            filter_aktif=any(v for k, v in self.request.GET.items() if k not in ("q", "bulan")),
            bulan=awal,
            minggu=minggu,
            hari_berisi=[h for pekan in minggu for h in pekan if h.pertemuan and h.di_bulan_ini],
            sebelumnya=kalender.geser_bulan(awal, -1),
            berikutnya=kalender.geser_bulan(awal, 1),
            saringan=query.urlencode(),
            hari_ini=timezone.localdate(),
            bisa_tambah=_bisa_tambah(self.request.user),
            tab="kalender",
            **kwargs,
        )


def konteks_konfirmasi(pertemuan: Pertemuan, user) -> dict:
    """What the konfirmasi section shows: the counts to everyone, the names to the board, the buttons to members."""
    p = peran(user)
    pengurus = p.superuser or p.punya_jabatan(pertemuan.kelompok_id)
    saya = KonfirmasiKehadiran.objects.filter(pertemuan=pertemuan, guru_id=p.guru_id).first() if p.guru_id else None
    return {
        "rekap": layanan.rekap_konfirmasi(pertemuan, dengan_nama=pengurus),
        "lihat_nama": pengurus,
        "bisa_konfirmasi": layanan.bisa_konfirmasi(pertemuan, user),
        "konfirmasi_saya": saya,
        "form_konfirmasi": KonfirmasiForm(initial={"catatan": saya.catatan if saya else ""}),
    }


class PertemuanRincian(DiPertemuan, Remah, generic.TemplateView):
    model = Pertemuan
    url_dasar = "kegiatan:pertemuan"
    template_name = "kegiatan/pertemuan/pertemuan_detail.html"

    def get_context_data(self, **kwargs):
        user, p = self.request.user, self.pertemuan
        bisa = aksi_untuk(user, p, "kelola_pertemuan", "lihat_riwayat")
        kelola = "kelola_pertemuan" in bisa
        direncanakan = p.status == Pertemuan.Status.DIRENCANAKAN
        return super().get_context_data(
            object=p,
            bisa_ubah=kelola and p.status != Pertemuan.Status.DIBATALKAN,
            bisa_terlaksana=kelola and direncanakan and p.tanggal <= timezone.localdate(),
            bisa_batal=kelola and direncanakan,
            bisa_hapus=kelola and direncanakan,
            bisa_lihat_riwayat="lihat_riwayat" in bisa,
            **konteks_konfirmasi(p, user),
            **kwargs,
        )


class _Simpan:
    """Create and edit save through the service, which checks permission and the model's rules."""

    def form_valid(self, form):
        try:
            self.object = layanan.simpan_pertemuan(form.instance, oleh=self.request.user)
        except ValidationError as e:
            tempel_galat(form, e)
            return self.form_invalid(form)
        messages.success(self.request, _('Pertemuan "%(t)s" berhasil disimpan.') % {"t": self.object.topik})
        return HttpResponseRedirect(self.object.get_absolute_url())


class PertemuanBuat(_Pertemuan, _Simpan, Buat):
    aksi = "kelola_pertemuan"

    def get_initial(self):
        minggu_depan = timezone.localdate() + datetime.timedelta(days=7)
        return {"tanggal": minggu_depan, "jam_mulai": "08:00", "jam_selesai": "11:30"}


class PertemuanUbah(_Pertemuan, _Simpan, Ubah):
    aksi = "kelola_pertemuan"


class PertemuanHapus(_Pertemuan, Hapus):
    aksi = "kelola_pertemuan"

    def form_valid(self, form):
        topik = self.object.topik
        try:
            layanan.hapus_pertemuan(self.object, oleh=self.request.user)
        except ValidationError as e:
            messages.error(self.request, " ".join(e.messages))
            return HttpResponseRedirect(self.object.get_absolute_url())
        messages.success(self.request, _('Pertemuan "%(t)s" telah dihapus.') % {"t": topik})
        return HttpResponseRedirect(self.get_success_url())


class PertemuanTerlaksana(DiPertemuan, View):
    """POST only (a button on the meeting page)."""

    aksi = "kelola_pertemuan"
    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            layanan.tandai_terlaksana(self.pertemuan, oleh=request.user)
            messages.success(request, _("Pertemuan ditandai terlaksana."))
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        return redirect(self.pertemuan)


class PertemuanBatal(DiPertemuan, Remah, generic.FormView):
    """Asks for the reason before cancelling."""

    aksi = "kelola_pertemuan"
    model = Pertemuan
    url_dasar = "kegiatan:pertemuan"
    form_class = BatalForm
    template_name = "kegiatan/pertemuan/batal.html"

    def get_remah(self):
        return [*super().get_remah(), (self.pertemuan.topik, self.pertemuan.get_absolute_url())]

    def get_context_data(self, **kwargs):
        return super().get_context_data(warna="warning", batal_url=self.pertemuan.get_absolute_url(), **kwargs)

    def form_valid(self, form):
        try:
            layanan.batalkan_pertemuan(self.pertemuan, alasan=form.cleaned_data["alasan"], oleh=self.request.user)
        except ValidationError as e:
            tempel_galat(form, e)
            return self.form_invalid(form)
        messages.success(self.request, _("Pertemuan dibatalkan."))
        return redirect(self.pertemuan)


class PertemuanKonfirmasi(DiPertemuan, View):
    """A member's answer. With htmx the section is swapped in place; without JS, POST then redirect. GET (the
    link in the reminder e-mail) leads to the section on the meeting page."""

    aksi = "ikut"

    def get(self, request, pk):
        return HttpResponseRedirect(self.pertemuan.get_absolute_url() + "#konfirmasi")

    def post(self, request, pk):
        form = KonfirmasiForm(request.POST)
        galat = None
        if form.is_valid():
            try:
                layanan.konfirmasi_kehadiran(self.pertemuan, oleh=request.user, **form.cleaned_data)
            except ValidationError as e:
                galat = " ".join(e.messages)
        else:
            galat = _("Pilih akan hadir atau tidak dapat hadir.")
        if request.htmx:
            konteks = {**konteks_konfirmasi(self.pertemuan, request.user), "pertemuan": self.pertemuan, "galat": galat}
            return render(request, "kegiatan/pertemuan/_konfirmasi.html", konteks)
        if galat:
            messages.error(request, galat)
        else:
            messages.success(request, _("Terima kasih, konfirmasi Anda tersimpan."))
        return HttpResponseRedirect(self.pertemuan.get_absolute_url() + "#konfirmasi")


class Langganan(LoginRequiredMixin, Remah, generic.ListView):
    """The user's personal feed URL for each group they see, to paste into a phone calendar."""

    model = Pertemuan
    url_dasar = "kegiatan:pertemuan"
    template_name = "kegiatan/pertemuan/langganan.html"
    paginate_by = 25

    def get_queryset(self):
        return kelompok_untuk(self.request.user).order_by("nama", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["langganan"] = [
            (k, self.request.build_absolute_uri(reverse("kegiatan:kalender-ics", args=[ical.buat_token(user, k)])))
            for k in context["object_list"]
        ]
        return context


JENDELA_LALU, JENDELA_DEPAN = datetime.timedelta(days=90), datetime.timedelta(days=366)


def kalender_ics(request, token):
    """The feed of one group for the token's user; 404 for a bad token or a user who no longer sees it."""
    isi = ical.baca_token(token)
    if isi is None:
        raise Http404
    user = get_object_or_404(User, pk=isi[0], is_active=True)
    kelompok = get_object_or_404(kelompok_untuk(user), pk=isi[1])
    hari_ini = timezone.localdate()
    daftar = (
        Pertemuan.objects.filter(kelompok=kelompok, tanggal__range=(hari_ini - JENDELA_LALU, hari_ini + JENDELA_DEPAN))
        .select_related("tuan_rumah")
        .order_by("tanggal", "jam_mulai")
    )
    respons = HttpResponse(
        ical.kalender_ics(kelompok, daftar, request.build_absolute_uri("/").rstrip("/")),
        content_type="text/calendar; charset=utf-8",
    )
    respons["Content-Disposition"] = 'inline; filename="pertemuan.ics"'
    respons["Cache-Control"] = "private, max-age=900"
    return respons


urls = [
    path("pertemuan/", PertemuanDaftar.as_view(), name="pertemuan-list"),
    path("pertemuan/kalender/", PertemuanKalender.as_view(), name="pertemuan-kalender"),
    path("pertemuan/langganan/", Langganan.as_view(), name="kalender-langganan"),
    path("pertemuan/tambah/", PertemuanBuat.as_view(), name="pertemuan-create"),
    path("pertemuan/<int:pk>/", PertemuanRincian.as_view(), name="pertemuan-detail"),
    path("pertemuan/<int:pk>/ubah/", PertemuanUbah.as_view(), name="pertemuan-update"),
    path("pertemuan/<int:pk>/hapus/", PertemuanHapus.as_view(), name="pertemuan-delete"),
    path("pertemuan/<int:pk>/terlaksana/", PertemuanTerlaksana.as_view(), name="pertemuan-terlaksana"),
    path("pertemuan/<int:pk>/batal/", PertemuanBatal.as_view(), name="pertemuan-batal"),
    path("pertemuan/<int:pk>/konfirmasi/", PertemuanKonfirmasi.as_view(), name="pertemuan-konfirmasi"),
    path("kalender/<str:token>.ics", kalender_ics, name="kalender-ics"),
]
