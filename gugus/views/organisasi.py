"""Master data pages: gugus, sekolah, guru, kelompok kerja."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import generic
from django.views.generic.detail import SingleObjectMixin

from .. import akses, services
from ..filters import GugusFilter, GuruFilter, KelompokKerjaFilter, SekolahFilter
from ..forms import AkunGuruForm, GugusForm, GuruForm, KelompokKerjaForm, SekolahForm
from ..models import Gugus, Guru, Keanggotaan, KelompokKerja, Sekolah
from .base import Buat, Daftar, DalamCakupan, FormDenganUser, Hapus, Remah, Rincian, Ubah, tempel_galat


class _Gugus:
    model = Gugus
    untuk = akses.gugus_untuk
    url_dasar = "gugus:gugus"
    form_class = GugusForm


class GugusDaftar(_Gugus, Daftar):
    filterset_class = GugusFilter
    select_related = ("kecamatan__kabupaten", "sekolah_inti", "ketua_gugus")

    def get_queryset(self):
        return super().get_queryset().annotate(jumlah_sekolah=Count("sekolah", distinct=True))


class GugusRincian(_Gugus, Rincian):
    select_related = ("kecamatan__kabupaten", "sekolah_inti", "ketua_gugus")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["daftar_sekolah"] = self.object.sekolah.select_related("kepala_sekolah").annotate(
            jumlah_guru=Count("guru")
        )
        context["daftar_kelompok"] = akses.kelompok_untuk(self.request.user).filter(gugus=self.object)
        return context


class GugusBuat(_Gugus, Buat):
    pass


class GugusUbah(_Gugus, Ubah):
    pass


class GugusHapus(_Gugus, Hapus):
    pass


class _Sekolah:
    model = Sekolah
    untuk = akses.sekolah_untuk
    url_dasar = "gugus:sekolah"
    form_class = SekolahForm
    select_related = ("kecamatan__kabupaten", "gugus", "kepala_sekolah")


class SekolahDaftar(_Sekolah, Daftar):
    filterset_class = SekolahFilter

    def get_queryset(self):
        return super().get_queryset().annotate(jumlah_guru=Count("guru", distinct=True))


class SekolahRincian(_Sekolah, Rincian):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["daftar_guru"] = self.object.guru.all()
        return context


class SekolahBuat(_Sekolah, Buat):
    pass


class SekolahUbah(_Sekolah, Ubah):
    pass


class SekolahHapus(_Sekolah, Hapus):
    pass


class _Guru:
    model = Guru
    untuk = akses.guru_untuk
    url_dasar = "gugus:guru"
    form_class = GuruForm
    select_related = ("sekolah__kecamatan__kabupaten", "user")


class GuruDaftar(_Guru, Daftar):
    filterset_class = GuruFilter


class GuruRincian(_Guru, Rincian):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kelompok = akses.kelompok_untuk(self.request.user)
        context["bisa_lihat_kontak"] = akses.boleh(self.request.user, "lihat_kontak", self.object)
        context["daftar_keanggotaan"] = self.object.keanggotaan.filter(kelompok__in=kelompok).select_related("kelompok")
        context["daftar_jabatan"] = self.object.kepengurusan.filter(kelompok__in=kelompok).select_related("kelompok")
        return context


class GuruAkun(_Guru, DalamCakupan, FormDenganUser, Remah, SingleObjectMixin, generic.FormView):
    """Dinas gives a teacher a login; the teacher sets the password from the e-mailed link."""

    aksi = "ubah"
    form_class = AkunGuruForm
    remah_ke_objek = True

    def get_initial(self):
        return {"username": self.object.nip or self.object.email}

    def form_valid(self, form):
        try:
            services.buat_akun_guru(self.object, username=form.cleaned_data["username"], oleh=self.request.user)
        except ValidationError as e:
            tempel_galat(form, e)
            return self.form_invalid(form)
        pesan = _("Akun dibuat. Tautan untuk membuat kata sandi dikirim ke %(e)s.") % {"e": self.object.alamat_email}
        messages.success(self.request, pesan)
        return redirect(self.object)

    def get_context_data(self, **kwargs):
        judul = _("Buat akun untuk %(guru)s") % {"guru": self.object}
        return super().get_context_data(judul=judul, batal_url=self.object.get_absolute_url(), **kwargs)


class GuruBuat(_Guru, Buat):
    pass


class GuruUbah(_Guru, Ubah):
    pass


class GuruHapus(_Guru, Hapus):
    pass


class _Kelompok:
    model = KelompokKerja
    untuk = akses.kelompok_untuk
    url_dasar = "gugus:kelompok"
    form_class = KelompokKerjaForm
    select_related = ("gugus", "kecamatan", "kabupaten")


class KelompokDaftar(_Kelompok, Daftar):
    filterset_class = KelompokKerjaFilter

    def get_queryset(self):
        return super().get_queryset().dengan_ringkasan()


class KelompokRincian(_Kelompok, Rincian):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, kelompok = self.request.user, self.object
        context["pengurus"] = kelompok.kepengurusan.menjabat().urut_jabatan().select_related("guru__sekolah")
        context["pendamping"] = kelompok.pendampingan.berlaku().select_related("pengawas__user")
        context["jumlah_anggota"] = Keanggotaan.objects.berlaku().filter(kelompok=kelompok).count()
        kelola = ("kelola_anggota", "kelola_pengurus", "kelola_pendampingan")
        bisa = akses.aksi_untuk(user, kelompok, *kelola)
        context.update({f"bisa_{a}": a in bisa for a in kelola})
        return context


class KelompokBuat(_Kelompok, Buat):
    pass


class KelompokUbah(_Kelompok, Ubah):
    pass


class KelompokHapus(_Kelompok, Hapus):
    pass
