"""Pages of the minutes of one meeting (read, write, submit, approve, return, revise, compare) and of one's
action items. Objects come through `kegiatan.akses`; the workflow rules live in `services/notulen.py`."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import generic

from gugus.akses import boleh, peran
from gugus.views.base import DalamCakupan, tempel_galat

from .. import akses
from ..dasbor import tindak_lanjut_terbuka
from ..forms.notulen import AlasanForm, CatatanForm, NotulenForm, TindakLanjutFormSet
from ..models import Notulen, TindakLanjut
from ..services import notulen as layanan
from .base import DiPertemuan

HARI_SELESAI = 30  # the action-item page also shows what was done in the last days


def _url_notulen(pertemuan, versi=None):
    url = reverse("kegiatan:notulen-detail", args=[pertemuan.pk])
    return f"{url}?versi={versi}" if versi else url


class _DiNotulen(DiPertemuan):
    """A page of one meeting's minutes, with breadcrumbs back to the meeting."""

    remah_notulen = True  # a page below the minutes: the breadcrumbs lead back to them

    def get_context_data(self, **kwargs):
        remah = [
            (_("Pertemuan"), reverse("kegiatan:pertemuan-list")),
            (self.pertemuan.topik, self.pertemuan.get_absolute_url()),
        ]
        if self.remah_notulen:
            remah.append((_("Notulen"), _url_notulen(self.pertemuan)))
        return super().get_context_data(remah=remah, tampil_remah=True, **kwargs)

    def versi_terlihat(self):
        """The versions this user may see, newest first."""
        return list(
            akses.notulen_untuk(self.request.user)
            .filter(pertemuan=self.pertemuan)
            .select_related("ditulis_oleh", "disetujui_oleh")
            .order_by("-versi")
        )


class NotulenRincian(_DiNotulen, generic.TemplateView):
    template_name = "kegiatan/notulen/rincian.html"
    remah_notulen = False

    def get_context_data(self, **kwargs):
        user, pertemuan = self.request.user, self.pertemuan
        semua = self.versi_terlihat()
        pilihan = self.request.GET.get("versi")
        if pilihan:
            notulen = next((n for n in semua if str(n.versi) == pilihan), None)
            if notulen is None:
                raise Http404
        else:
            notulen = semua[0] if semua else None
        berlaku = layanan.berlaku_di(semua)
        bisa = layanan.aksi_notulen(user, pertemuan, notulen, semua)
        tindak_lanjut = []
        if notulen:
            notulen.pertemuan = pertemuan  # the rule reads the group from it; spares a query per item
            tindak_lanjut = list(notulen.tindak_lanjut.select_related("penanggung_jawab"))
            for t in tindak_lanjut:
                t.bisa_tandai = notulen == berlaku and boleh(user, "tandai_tindak_lanjut", t)
        return super().get_context_data(
            notulen=notulen,
            semua_versi=semua,
            berlaku=berlaku,
            tindak_lanjut=tindak_lanjut,
            aksi_notulen=bisa,
            **{f"bisa_{a}": a in bisa for a in ("mulai", "ubah", "ajukan", "setujui", "revisi", "distribusi")},
            **kwargs,
        )


class NotulenTulis(_DiNotulen, generic.TemplateView):
    """Creates version 1 or edits the open draft: the sections and the action items in one form."""

    aksi = "tulis_notulen"
    template_name = "kegiatan/notulen/tulis.html"

    def _tolak(self):
        """Where to go instead when this meeting's minutes cannot be edited now (None: go ahead)."""
        try:
            layanan.periksa_pertemuan(self.pertemuan)
        except ValidationError as e:
            messages.error(self.request, e.messages[0])
            return redirect(_url_notulen(self.pertemuan))
        self.notulen = layanan.versi_terbuka(self.pertemuan)
        if self.notulen is None and self.pertemuan.notulen.exists():
            messages.info(self.request, _("Notulen ini sudah disetujui. Untuk mengubahnya, buat versi baru."))
            return redirect(_url_notulen(self.pertemuan))
        if self.notulen is not None and self.notulen.status != Notulen.Status.DRAFT:
            messages.warning(self.request, _("Notulen sedang menunggu persetujuan ketua dan tidak dapat diubah."))
            return redirect(_url_notulen(self.pertemuan))
        return None

    def _forms(self, data=None):
        instance = self.notulen or Notulen(pertemuan=self.pertemuan)
        form = NotulenForm(data, instance=instance, user=self.request.user)
        formset = TindakLanjutFormSet(data, instance=instance, pertemuan=self.pertemuan, prefix="tl")
        return form, formset

    def get(self, request, *args, **kwargs):
        if tolak := self._tolak():
            return tolak
        form, formset = self._forms()
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def post(self, request, *args, **kwargs):
        if tolak := self._tolak():
            return tolak
        form, formset = self._forms(request.POST)
        if form.is_valid() and formset.is_valid():
            try:
                layanan.simpan_notulen(
                    self.pertemuan, oleh=request.user, tindak_lanjut=formset.butir(), **form.cleaned_data
                )
            except ValidationError as e:
                tempel_galat(form, e)
            else:
                messages.success(request, _("Draf notulen telah disimpan."))
                return redirect(_url_notulen(self.pertemuan))
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def get_context_data(self, **kwargs):
        return super().get_context_data(notulen=self.notulen, batal_url=_url_notulen(self.pertemuan), **kwargs)


class _AksiNotulen(_DiNotulen, generic.FormView):
    """Confirms, then runs one workflow step on the version it applies to (a service call)."""

    template_name = "kegiatan/notulen/konfirmasi.html"
    form_class = None  # a form with the step's note, or none: only the confirmation
    status_sasaran = Notulen.Status.DRAFT  # the status of the version the step applies to
    judul = tombol = pesan = keterangan = ""

    def get_form_class(self):
        return self.form_class or forms.Form

    def get_notulen(self):
        if self.status_sasaran == Notulen.Status.DISETUJUI:
            notulen = layanan.versi_berlaku(self.pertemuan)
        else:
            notulen = self.pertemuan.notulen.filter(status=self.status_sasaran).first()
        if notulen is None:
            raise Http404
        return notulen

    def jalankan(self, notulen, data):
        raise NotImplementedError

    def form_valid(self, form):
        notulen = self.get_notulen()
        try:
            hasil = self.jalankan(notulen, form.cleaned_data)
        except ValidationError as e:
            if hasattr(e, "error_dict") and set(e.error_dict) <= set(form.fields):
                tempel_galat(form, e)
                return self.form_invalid(form)
            messages.error(self.request, " ".join(e.messages))
            return redirect(_url_notulen(self.pertemuan))
        messages.success(self.request, self.pesan)
        return redirect(_url_notulen(self.pertemuan, hasil.versi))

    def get_context_data(self, **kwargs):
        notulen = self.get_notulen()
        return super().get_context_data(
            notulen=notulen,
            judul=self.judul,
            tombol=self.tombol,
            keterangan=self.keterangan,
            warna="success",
            batal_url=_url_notulen(self.pertemuan, notulen.versi),
            **kwargs,
        )


class NotulenAjukan(_AksiNotulen):
    aksi = "tulis_notulen"
    judul = _("Ajukan notulen ke ketua")
    tombol = _("Ya, ajukan")
    keterangan = _("Setelah diajukan, notulen tidak dapat diubah sampai ketua menyetujui atau mengembalikannya.")
    pesan = _("Notulen telah diajukan ke ketua.")

    def jalankan(self, notulen, data):
        return layanan.ajukan_notulen(notulen, oleh=self.request.user)


class NotulenSetujui(_AksiNotulen):
    aksi = "setujui_notulen"
    status_sasaran = Notulen.Status.DIAJUKAN
    judul = _("Setujui notulen")
    tombol = _("Ya, setujui")
    keterangan = _("Notulen yang disetujui menjadi final dan terkunci; perubahan berikutnya dibuat sebagai versi baru.")
    pesan = _("Notulen telah disetujui.")

    def jalankan(self, notulen, data):
        return layanan.setujui_notulen(notulen, oleh=self.request.user)


class NotulenKembalikan(_AksiNotulen):
    aksi = "setujui_notulen"
    form_class = CatatanForm
    status_sasaran = Notulen.Status.DIAJUKAN
    judul = _("Kembalikan notulen ke draf")
    tombol = _("Kembalikan")
    keterangan = _("Sekretaris akan melihat catatan Anda di halaman notulen.")
    pesan = _("Notulen telah dikembalikan ke sekretaris.")

    def jalankan(self, notulen, data):
        return layanan.kembalikan_notulen(notulen, oleh=self.request.user, catatan=data["catatan"])


class NotulenRevisi(_AksiNotulen):
    aksi = "tulis_notulen"
    form_class = AlasanForm
    status_sasaran = Notulen.Status.DISETUJUI
    judul = _("Buat versi baru notulen")
    tombol = _("Buat versi baru")
    keterangan = _("Versi yang disetujui tetap berlaku sampai versi baru disetujui ketua.")
    pesan = _("Versi baru dibuat sebagai draf. Silakan ubah isinya.")

    def jalankan(self, notulen, data):
        return layanan.revisi_notulen(self.pertemuan, oleh=self.request.user, alasan=data["alasan"])


class NotulenBanding(_DiNotulen, generic.TemplateView):
    """Two versions side by side: word changes per section, and the action items added or removed."""

    template_name = "kegiatan/notulen/banding.html"

    def get_context_data(self, **kwargs):
        semua = {n.versi: n for n in self.versi_terlihat()}
        if len(semua) < 2:
            raise Http404
        urut = sorted(semua)
        try:
            b = int(self.request.GET.get("b") or urut[-1])
            a = int(self.request.GET.get("a") or max((v for v in urut if v < b), default=urut[0]))
        except ValueError:
            raise Http404 from None
        if a not in semua or b not in semua:
            raise Http404
        lama, baru = semua[a], semua[b]
        butir = list(TindakLanjut.objects.filter(notulen__in=[lama, baru]).select_related("penanggung_jawab"))
        butir_lama = [t for t in butir if t.notulen_id == lama.pk]
        butir_baru = [t for t in butir if t.notulen_id == baru.pk]
        bagian = [
            (Notulen._meta.get_field(f).verbose_name, layanan.banding_teks(getattr(lama, f), getattr(baru, f)))
            for f in Notulen.BAGIAN
        ]
        return super().get_context_data(
            lama=lama,
            baru=baru,
            versi=urut,
            bagian=bagian,
            tindak_lanjut=layanan.banding_tindak_lanjut(butir_lama, butir_baru),
            **kwargs,
        )


class TindakLanjutDaftar(LoginRequiredMixin, generic.ListView):
    """My open action items from the current minutes of each meeting, and those done lately."""

    template_name = "kegiatan/notulen/tindak_lanjut_list.html"
    paginate_by = 25

    def get_queryset(self):
        guru_id = peran(self.request.user).guru_id
        if not guru_id:
            return TindakLanjut.objects.none()
        return (
            tindak_lanjut_terbuka(guru_id)
            .select_related("notulen__pertemuan__kelompok")
            .order_by(F("batas_waktu").asc(nulls_last=True), "pk")
        )

    def get_context_data(self, **kwargs):
        guru_id = peran(self.request.user).guru_id
        selesai = []
        if guru_id:
            sejak = timezone.now() - datetime.timedelta(days=HARI_SELESAI)
            selesai = list(
                akses.tindak_lanjut_untuk(self.request.user)
                .dari_versi_berlaku()
                .filter(penanggung_jawab_id=guru_id, selesai_pada__gte=sejak)
                .select_related("notulen__pertemuan__kelompok")
                .order_by("-selesai_pada")[:10]
            )
        return super().get_context_data(
            selesai=selesai, hari_ini=timezone.localdate(), tampil_remah=True, remah=[], **kwargs
        )


class TindakLanjutSelesai(DalamCakupan, generic.View):
    """POST: marks one action item done (`selesai=1`) or open again (`selesai=0`)."""

    untuk = staticmethod(akses.tindak_lanjut_untuk)
    select_related = ("notulen",)
    aksi = "tandai_tindak_lanjut"
    nama_objek = "butir"
    http_method_names = ["post"]

    def post(self, request, pk):
        butir = self.butir  # fetched in scope (404) and allowed to mark it (403) by DalamCakupan
        selesai = request.POST.get("selesai", "1") == "1"
        layanan.tandai_tindak_lanjut(butir, oleh=request.user, selesai=selesai)
        if selesai:
            messages.success(request, _("“%(uraian)s” ditandai selesai.") % {"uraian": butir.uraian})
        else:
            messages.info(request, _("“%(uraian)s” dibuka kembali.") % {"uraian": butir.uraian})
        lanjut = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(lanjut, {request.get_host()}, request.is_secure()):
            lanjut = reverse("kegiatan:tindak-lanjut-list")
        return redirect(lanjut)


urls = [
    path("pertemuan/<int:pk>/notulen/", NotulenRincian.as_view(), name="notulen-detail"),
    path("pertemuan/<int:pk>/notulen/tulis/", NotulenTulis.as_view(), name="notulen-tulis"),
    path("pertemuan/<int:pk>/notulen/ajukan/", NotulenAjukan.as_view(), name="notulen-ajukan"),
    path("pertemuan/<int:pk>/notulen/setujui/", NotulenSetujui.as_view(), name="notulen-setujui"),
    path("pertemuan/<int:pk>/notulen/kembalikan/", NotulenKembalikan.as_view(), name="notulen-kembalikan"),
    path("pertemuan/<int:pk>/notulen/revisi/", NotulenRevisi.as_view(), name="notulen-revisi"),
    path("pertemuan/<int:pk>/notulen/banding/", NotulenBanding.as_view(), name="notulen-banding"),
    path("tindak-lanjut/", TindakLanjutDaftar.as_view(), name="tindak-lanjut-list"),
    path("tindak-lanjut/<int:pk>/selesai/", TindakLanjutSelesai.as_view(), name="tindak-lanjut-selesai"),
]
