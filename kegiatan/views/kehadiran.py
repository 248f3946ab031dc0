"""The daftar hadir (one tap per member, via htmx or a plain POST), guests, QR self check-in, the group's
attendance rates and the participants' reflections. Rules live in kegiatan/services/kehadiran.py."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views import generic

from gugus.akses import peran
from gugus.views.base import tempel_galat

from .. import akses, qr
from ..forms.kehadiran import RefleksiForm, TamuForm, TandaiForm
from ..models import Kehadiran, Refleksi
from ..services import kehadiran as layanan
from .base import DiKelompok, DiPertemuan

PER_HALAMAN_DAFTAR_HADIR = 100


def _remah_pertemuan(pertemuan):
    return [(_("Pertemuan"), reverse("kegiatan:pertemuan-list")), (str(pertemuan), pertemuan.get_absolute_url())]


def _pesan(request, judul, pesan, status, kembali_url):
    """A short page that explains a refusal in plain Indonesian instead of a bare error."""
    konteks = {"judul": judul, "pesan": pesan, "kembali_url": kembali_url}
    return render(request, "kegiatan/kehadiran/pesan.html", konteks, status=status)


class _Halaman(DiPertemuan):
    """A page under one meeting, with breadcrumbs back to it."""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("remah", _remah_pertemuan(self.pertemuan))
        return super().get_context_data(tampil_remah=True, **kwargs)

    def ke_daftar_hadir(self, anchor=""):
        return redirect(reverse("kegiatan:kehadiran", args=[self.pertemuan.pk]) + anchor)


def _baris_roster(pertemuan, keanggotaan):
    """Attaches each member's Kehadiran line (or None) as `.kehadiran`: one query for the whole page."""
    ids = [k.guru_id for k in keanggotaan]
    tercatat = {k.guru_id: k for k in Kehadiran.objects.filter(pertemuan=pertemuan, guru_id__in=ids)}
    for k in keanggotaan:
        k.kehadiran = tercatat.get(k.guru_id)
    return keanggotaan


class DaftarHadir(_Halaman, generic.FormView):
    """The roster of the meeting's date with four big buttons per member; the form adds a guest."""

    aksi = "catat_kehadiran"
    template_name = "kegiatan/kehadiran/daftar_hadir.html"
    form_class = TamuForm

    def get_context_data(self, **kwargs):
        p = self.pertemuan
        roster = p.keanggotaan_hari_itu().select_related("guru__sekolah").order_by("guru__nama", "pk")
        halaman = Paginator(roster, PER_HALAMAN_DAFTAR_HADIR).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            page_obj=halaman,
            paginator=halaman.paginator,
            is_paginated=halaman.has_other_pages(),
            roster=_baris_roster(p, list(halaman)),
            tamu=Kehadiran.objects.filter(pertemuan=p, guru__isnull=True).order_by("waktu", "pk"),
            ringkasan=layanan.ringkasan(p),
            tertutup=layanan.alasan_daftar_hadir_tertutup(p),
            status_pilihan=Kehadiran.Status.choices,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            layanan.tambah_tamu(self.pertemuan, oleh=self.request.user, **form.cleaned_data)
        except ValidationError as e:
            tempel_galat(form, e)
            return self.form_invalid(form)
        messages.success(self.request, _("Tamu %(nama)s ditambahkan.") % {"nama": form.cleaned_data["nama"]})
        return self.ke_daftar_hadir("#tamu")


class Tandai(_Halaman, generic.View):
    """One tap: POST guru + status. htmx gets the row back (and the counter out of band); a plain POST is
    redirected to the roster at that row."""

    aksi = "catat_kehadiran"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = TandaiForm(request.POST, pertemuan=self.pertemuan)
        try:
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            guru = form.cleaned_data["guru"]
            layanan.catat_kehadiran(self.pertemuan, guru, form.cleaned_data["status"], oleh=request.user)
        except ValidationError as e:
            return self.gagal(" ".join(e.messages))
        if not request.htmx:
            return self.ke_daftar_hadir(f"#baris-{guru.pk}")
        baris = self.pertemuan.keanggotaan_hari_itu().select_related("guru__sekolah").filter(guru=guru).first()
        konteks = {
            "a": _baris_roster(self.pertemuan, [baris])[0],
            "pertemuan": self.pertemuan,
            "status_pilihan": Kehadiran.Status.choices,
            "ringkasan": layanan.ringkasan(self.pertemuan),
            "oob": True,
        }
        return render(request, "kegiatan/kehadiran/_baris.html", konteks)

    def gagal(self, pesan):
        if not self.request.htmx:
            messages.error(self.request, pesan)
            return self.ke_daftar_hadir()
        # Leave the row as it is; show the message in the page's alert slot.
        respons = render(self.request, "kegiatan/kehadiran/_galat.html", {"pesan": pesan}, status=200)
        respons["HX-Reswap"] = "none"
        return respons


class _Konfirmasi(_Halaman, generic.TemplateView):
    """GET asks (konfirmasi_hapus.html), POST acts; for the roster's destructive conveniences."""

    aksi = "catat_kehadiran"
    template_name = "konfirmasi_hapus.html"

    def get_context_data(self, **kwargs):
        batal = reverse("kegiatan:kehadiran", args=[self.pertemuan.pk])
        return super().get_context_data(batal_url=batal, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            pesan = self.lakukan()
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, pesan)
        return self.ke_daftar_hadir()


class TandaiSisaAlpa(_Konfirmasi):
    def get_context_data(self, **kwargs):
        belum = layanan.ringkasan(self.pertemuan)["belum"]
        return super().get_context_data(
            judul=_("Tandai %(n)s anggota yang belum tercatat sebagai alpa?") % {"n": belum},
            tombol=_("Ya, tandai alpa"),
            **kwargs,
        )

    def lakukan(self):
        n = layanan.tandai_sisa_alpa(self.pertemuan, oleh=self.request.user)
        return _("%(n)s anggota ditandai alpa.") % {"n": n}


class HapusTamu(_Konfirmasi):
    def get_baris(self):
        return get_object_or_404(Kehadiran, pertemuan=self.pertemuan, guru__isnull=True, pk=self.kwargs["baris"])

    def get_context_data(self, **kwargs):
        tamu = self.get_baris()
        return super().get_context_data(
            judul=_("Hapus %(nama)s dari daftar hadir?") % {"nama": tamu.nama_tamu}, tombol=_("Ya, hapus"), **kwargs
        )

    def lakukan(self):
        tamu = self.get_baris()
        layanan.hapus_tamu(tamu, oleh=self.request.user)
        return _("%(nama)s dihapus dari daftar hadir.") % {"nama": tamu.nama_tamu}


class KodeQR(_Halaman, generic.TemplateView):
    """The big QR code shown in the room: its URL carries a token valid only on the meeting's day."""

    aksi = "catat_kehadiran"
    template_name = "kegiatan/kehadiran/qr.html"

    def get_context_data(self, **kwargs):
        p = self.pertemuan
        token = qr.buat_token(p.pk, p.tanggal)
        url = self.request.build_absolute_uri(reverse("kegiatan:kehadiran-pindai", args=[token]))
        return super().get_context_data(
            url_pindai=url,
            svg=qr.svg(url),
            hari_ini=p.tanggal == qr.hari_ini(),
            tertutup=layanan.alasan_daftar_hadir_tertutup(p),
            ringkasan=layanan.ringkasan(p),
            **kwargs,
        )


class Pindai(LoginRequiredMixin, generic.TemplateView):
    """What a member's phone opens from the QR: "Saya hadir" → POST → hadir by QR (once)."""

    template_name = "kegiatan/kehadiran/pindai.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()  # login, then back to this very URL
        try:
            pertemuan_id, tanggal = qr.baca_token(kwargs["token"])
        except signing.BadSignature:
            raise Http404 from None
        self.pertemuan = get_object_or_404(
            akses.pertemuan_untuk(request.user).select_related("kelompok"), pk=pertemuan_id
        )
        kembali = self.pertemuan.get_absolute_url()
        if tanggal != self.pertemuan.tanggal:
            return _pesan(
                request, _("Kode QR tidak berlaku"), _("Jadwal pertemuan ini telah berubah; minta kode QR yang baru."),
                410, kembali,
            )  # fmt: skip
        guru_id = peran(request.user).guru_id
        if tolak := layanan.alasan_tolak_qr(self.pertemuan, guru_id):
            judul, pesan, status = tolak
            return _pesan(request, judul, pesan, status, kembali)
        self.guru_id = guru_id
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        tercatat = Kehadiran.objects.filter(
            pertemuan=self.pertemuan, guru_id=self.guru_id, status=Kehadiran.Status.HADIR
        ).first()
        return super().get_context_data(pertemuan=self.pertemuan, tercatat=tercatat, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            baris, baru = layanan.hadir_lewat_qr(self.pertemuan, oleh=request.user)
        except (ValidationError, PermissionDenied) as e:
            pesan = " ".join(e.messages) if isinstance(e, ValidationError) else str(e)
            return _pesan(request, _("Check-in gagal"), pesan, 400, self.pertemuan.get_absolute_url())
        if baru:
            messages.success(request, _("Terima kasih, kehadiran Anda telah tercatat."))
        return redirect(request.path)


class Rekap(DiKelompok, generic.ListView):
    """Attendance rates of a group, per membership (default) or per held meeting (?tampil=pertemuan), for the
    board, its pengawas and Dinas."""

    template_name = "kegiatan/kehadiran/rekap.html"
    paginate_by = 50

    aksi = "lihat_riwayat"

    def dispatch(self, request, *args, **kwargs):
        self.tampil = "pertemuan" if request.GET.get("tampil") == "pertemuan" else "anggota"
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        if self.tampil == "pertemuan":
            return layanan.rekap_pertemuan(self.kelompok).select_related("tuan_rumah")
        return layanan.rekap_anggota(self.kelompok)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for baris in context["object_list"]:
            if self.tampil == "pertemuan":
                baris.persen = layanan.persen(baris.hadir, baris.anggota)
            else:
                baris.persen = layanan.persen(baris.hadir, baris.jumlah_pertemuan)
        context.update(
            kelompok=self.kelompok,
            tampil=self.tampil,
            tampil_remah=True,
            remah=[
                (_("Kelompok kerja"), reverse("gugus:kelompok-list")),
                (str(self.kelompok), self.kelompok.get_absolute_url()),
            ],
        )
        return context


class TulisRefleksi(_Halaman, generic.UpdateView):
    """A participant writes or edits their own reflection; an In-2's form asks about its On."""

    aksi = "ikut"
    form_class = RefleksiForm
    template_name = "form.html"

    def get(self, request, *args, **kwargs):
        return self.periksa() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.periksa() or super().post(request, *args, **kwargs)

    def periksa(self):
        if alasan := layanan.alasan_tidak_bisa_refleksi(self.pertemuan, peran(self.request.user).guru_id):
            return _pesan(
                self.request, _("Belum dapat menulis refleksi"), alasan, 403, self.pertemuan.get_absolute_url()
            )
        return None

    def get_object(self, queryset=None):
        guru_id = peran(self.request.user).guru_id
        return Refleksi.objects.filter(pertemuan=self.pertemuan, guru_id=guru_id).first()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "pertemuan": self.pertemuan}

    def form_valid(self, form):
        try:
            layanan.tulis_refleksi(self.pertemuan, oleh=self.request.user, **form.cleaned_data)
        except ValidationError as e:
            tempel_galat(form, e)
            return self.form_invalid(form)
        messages.success(self.request, _("Refleksi Anda telah disimpan. Terima kasih."))
        return redirect(self.pertemuan)

    def get_context_data(self, **kwargs):
        judul = _("Ubah refleksi Anda") if self.object else _("Tulis refleksi")
        return super().get_context_data(
            judul=f"{judul}: {self.pertemuan.topik}", batal_url=self.pertemuan.get_absolute_url(), **kwargs
        )


urls = [
    path("pertemuan/<int:pk>/kehadiran/", DaftarHadir.as_view(), name="kehadiran"),
    path("pertemuan/<int:pk>/kehadiran/tandai/", Tandai.as_view(), name="kehadiran-tandai"),
    path("pertemuan/<int:pk>/kehadiran/alpa/", TandaiSisaAlpa.as_view(), name="kehadiran-alpa"),
    path("pertemuan/<int:pk>/kehadiran/tamu/<int:baris>/hapus/", HapusTamu.as_view(), name="kehadiran-tamu-hapus"),
    path("pertemuan/<int:pk>/qr/", KodeQR.as_view(), name="kehadiran-qr"),
    path("hadir/<str:token>/", Pindai.as_view(), name="kehadiran-pindai"),
    path("kelompok/<int:pk>/kehadiran/", Rekap.as_view(), name="kehadiran-rekap"),
    path("pertemuan/<int:pk>/refleksi/", TulisRefleksi.as_view(), name="refleksi-tulis"),
]
