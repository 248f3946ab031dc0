"""Who belongs to a kelompok kerja: members, the board, the accompanying pengawas."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import generic

from .. import akses, services
from ..forms import KeanggotaanForm, KepengurusanForm, PendampinganForm
from ..models import Keanggotaan, KelompokKerja
from .base import DiKelompok, Remah, tempel_galat


class _DiKelompok(DiKelompok, Remah):
    """A page under /kelompok/<pk>/, with breadcrumbs to the group."""

    model = KelompokKerja
    url_dasar = "gugus:kelompok"
    remah_ke_objek = True


class AnggotaDaftar(_DiKelompok, generic.ListView):
    template_name = "gugus/anggota_list.html"
    paginate_by = 50

    def get_queryset(self):
        anggota = Keanggotaan.objects.filter(kelompok=self.kelompok).select_related("guru__sekolah")
        if self.request.GET.get("semua") != "1":
            anggota = anggota.berlaku()
        if q := self.request.GET.get("q", "").strip():
            anggota = anggota.filter(guru__nama__icontains=q)
        return anggota.order_by("guru__nama")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            bisa_kelola_anggota=akses.boleh(self.request.user, "kelola_anggota", self.kelompok), **kwargs
        )


class _TambahPeran(_DiKelompok, generic.FormView):
    """Adds a person to the group through a service; the service's ValidationError returns to the form."""

    template_name = "form.html"
    judul = ""
    layanan = None  # services.tambah_anggota, …

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "kelompok": self.kelompok}

    def form_valid(self, form):
        try:
            type(self).layanan(self.kelompok, oleh=self.request.user, **form.cleaned_data)
        except ValidationError as e:
            tempel_galat(form, e)
            return self.form_invalid(form)
        messages.success(self.request, self.pesan_sukses % {"kelompok": self.kelompok})
        return redirect(self.kelompok)

    def get_context_data(self, **kwargs):
        return super().get_context_data(judul=self.judul, batal_url=self.kelompok.get_absolute_url(), **kwargs)


class AnggotaTambah(_TambahPeran):
    aksi = "kelola_anggota"
    form_class = KeanggotaanForm
    layanan = services.tambah_anggota
    judul = _("Tambah anggota")
    pesan_sukses = _("Anggota baru telah ditambahkan ke %(kelompok)s.")


class PengurusTambah(_TambahPeran):
    aksi = "kelola_pengurus"
    form_class = KepengurusanForm
    layanan = services.angkat_pengurus
    judul = _("Angkat pengurus")
    pesan_sukses = _("Pengurus %(kelompok)s telah diperbarui.")


class PendampingTambah(_TambahPeran):
    aksi = "kelola_pendampingan"
    form_class = PendampinganForm
    layanan = services.tugaskan_pengawas
    judul = _("Tugaskan pengawas pendamping")
    pesan_sukses = _("Pengawas pendamping %(kelompok)s telah ditugaskan.")


class _Akhiri(_DiKelompok, generic.TemplateView):
    """Confirms, then ends one membership/office/assignment of the group (the row stays, with an end date)."""

    template_name = "konfirmasi_hapus.html"
    relasi = ""  # the related name on KelompokKerja
    layanan = None
    pertanyaan = ""
    pesan_sukses = ""

    def get_baris(self):
        baris = getattr(self.kelompok, self.relasi)
        baris = baris.menjabat() if self.relasi == "kepengurusan" else baris.berlaku()
        return get_object_or_404(baris, pk=self.kwargs["baris"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            judul=self.pertanyaan % {"baris": self.get_baris()},
            tombol=_("Ya, akhiri"),
            batal_url=self.kelompok.get_absolute_url(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        baris = self.get_baris()
        type(self).layanan(baris, oleh=request.user)
        messages.success(request, self.pesan_sukses % {"baris": baris})
        return redirect(self.kelompok)


class AnggotaAkhiri(_Akhiri):
    aksi = "kelola_anggota"
    relasi = "keanggotaan"
    layanan = services.akhiri_keanggotaan
    pertanyaan = _("Akhiri keanggotaan %(baris)s?")
    pesan_sukses = _("Keanggotaan %(baris)s telah diakhiri.")


class PengurusAkhiri(_Akhiri):
    aksi = "kelola_pengurus"
    relasi = "kepengurusan"
    layanan = services.akhiri_jabatan
    pertanyaan = _("Akhiri jabatan %(baris)s?")
    pesan_sukses = _("Jabatan %(baris)s telah diakhiri.")


class PendampingAkhiri(_Akhiri):
    aksi = "kelola_pendampingan"
    relasi = "pendampingan"
    layanan = services.akhiri_pendampingan
    pertanyaan = _("Akhiri pendampingan %(baris)s?")
    pesan_sukses = _("Pendampingan %(baris)s telah diakhiri.")
