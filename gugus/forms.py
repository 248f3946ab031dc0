"""Forms of the organisation. Every form takes the acting user and offers only choices within their scope,
so a crafted POST cannot attach an object to another kabupaten's data."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import akses
from .models import Gugus, Guru, Keanggotaan, KelompokKerja, Kepengurusan, Pendampingan, Sekolah


def pembantu(*layout) -> FormHelper:
    """A crispy helper for a form inside a page's own <form> (templates/form.html): no second <form> tag and
    no second CSRF token."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    if layout:
        helper.layout = Layout(*layout)
    return helper


class TanggalInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class FormTercakup(forms.ModelForm):
    """A ModelForm with a crispy helper and the acting user."""

    tombol = _("Simpan")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.helper = pembantu()
        self.helper.layout = self.tata_letak()

    def tata_letak(self):
        return Layout(*self.fields)


def _baris(*nama):
    return Row(*(Column(n, css_class="col-md") for n in nama))


class GugusForm(FormTercakup):
    class Meta:
        model = Gugus
        fields = ["nama", "nomor", "kecamatan", "sekolah_inti", "ketua_gugus"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kecamatan"].queryset = akses.kecamatan_untuk(self.user).select_related("kabupaten")
        if self.instance.pk:
            self.fields["sekolah_inti"].queryset = self.instance.sekolah.all()
            self.fields["ketua_gugus"].queryset = Guru.objects.filter(sekolah__gugus=self.instance)
        else:
            # Schools join a gugus after it exists; these are chosen on edit.
            del self.fields["sekolah_inti"], self.fields["ketua_gugus"]
            self.helper.layout = self.tata_letak()

    def tata_letak(self):
        return Layout(_baris("nama", "nomor"), *(f for f in self.fields if f not in ("nama", "nomor")))


class SekolahForm(FormTercakup):
    class Meta:
        model = Sekolah
        fields = ["npsn", "nama", "jenjang", "status", "kecamatan", "gugus", "alamat", "kepala_sekolah"]
        widgets = {"alamat": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kecamatan = akses.kecamatan_untuk(self.user)
        self.fields["kecamatan"].queryset = kecamatan
        self.fields["gugus"].queryset = Gugus.objects.filter(kecamatan__in=kecamatan)
        self.fields["npsn"].widget.attrs.update(inputmode="numeric", pattern=r"\d{8}", maxlength=8)
        if self.instance.pk:
            self.fields["kepala_sekolah"].queryset = self.instance.guru.all()
        else:
            del self.fields["kepala_sekolah"]
            self.helper.layout = self.tata_letak()

    def tata_letak(self):
        sisa = [f for f in self.fields if f not in ("npsn", "nama", "jenjang", "status", "kecamatan", "gugus")]
        return Layout(_baris("npsn", "nama"), _baris("jenjang", "status"), _baris("kecamatan", "gugus"), *sisa)


class GuruForm(FormTercakup):
    class Meta:
        model = Guru
        fields = ["nama", "jenis_kelamin", "sekolah", "nip", "nuptk", "email", "whatsapp"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sekolah"].queryset = akses.sekolah_untuk(self.user).filter(
            kecamatan__in=akses.kecamatan_untuk(self.user)
        )
        for nama, n in (("nip", 18), ("nuptk", 16)):
            self.fields[nama].widget.attrs.update(inputmode="numeric", pattern=rf"\d{{{n}}}", maxlength=n)
        self.fields["whatsapp"].widget.attrs.update(inputmode="tel", placeholder="081234567890")

    def tata_letak(self):
        return Layout(_baris("nama", "jenis_kelamin"), "sekolah", _baris("nip", "nuptk"), _baris("email", "whatsapp"))


class KelompokKerjaForm(FormTercakup):
    class Meta:
        model = KelompokKerja
        fields = [
            "nama", "jenis", "cakupan", "gugus", "kecamatan", "kabupaten", "kelas", "fase", "mata_pelajaran", "aktif",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kabupaten = akses.kabupaten_untuk(self.user)
        self.fields["kabupaten"].queryset = kabupaten
        self.fields["kabupaten"].required = False
        self.fields["kecamatan"].queryset = akses.kecamatan_untuk(self.user)
        self.fields["gugus"].queryset = Gugus.objects.filter(kecamatan__kabupaten__in=kabupaten)
        if kabupaten.count() == 1:
            self.fields["kabupaten"].initial = kabupaten.get()

    def tata_letak(self):
        return Layout(
            "nama",
            _baris("jenis", "cakupan"),
            _baris("gugus", "kecamatan", "kabupaten"),
            _baris("kelas", "fase", "mata_pelajaran"),
            "aktif",
        )

    def clean(self):
        data = super().clean()
        cakupan, gugus, kecamatan = data.get("cakupan"), data.get("gugus"), data.get("kecamatan")
        C = KelompokKerja.Cakupan
        if cakupan == C.GUGUS and not gugus:
            self.add_error("gugus", _("Pilih gugus untuk kelompok tingkat gugus."))
        elif cakupan == C.KECAMATAN and not kecamatan:
            self.add_error("kecamatan", _("Pilih kecamatan untuk kelompok tingkat kecamatan."))
        elif cakupan == C.KABUPATEN and not data.get("kabupaten"):
            self.add_error("kabupaten", _("Pilih kabupaten/kota untuk kelompok tingkat kabupaten/kota."))
        # The narrower scope decides the kabupaten, so the group stays where its Dinas can see it.
        if cakupan == C.GUGUS and gugus:
            data["kabupaten"] = gugus.kecamatan.kabupaten
        elif cakupan == C.KECAMATAN and kecamatan:
            data["kabupaten"] = kecamatan.kabupaten
        return data


class _FormPeranKelompok(FormTercakup):
    """Base of the forms that attach someone to one kelompok; the service does the saving."""

    def __init__(self, *args, kelompok, **kwargs):
        self.kelompok = kelompok
        kwargs.setdefault("instance", self._meta.model(kelompok=kelompok))
        super().__init__(*args, **kwargs)
        if "guru" in self.fields:
            self.fields["guru"].queryset = Guru.objects.filter(sekolah__in=kelompok.sekolah_wilayah()).select_related(
                "sekolah"
            )
            self.fields["guru"].label_from_instance = lambda g: f"{g.nama} – {g.sekolah}"
        if "mulai" in self.fields:
            self.fields["mulai"].initial = timezone.localdate()


class KeanggotaanForm(_FormPeranKelompok):
    tombol = _("Tambahkan anggota")

    class Meta:
        model = Keanggotaan
        fields = ["guru", "mulai"]
        widgets = {"mulai": TanggalInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sudah = Keanggotaan.objects.filter(kelompok=self.kelompok, selesai__isnull=True).values("guru")
        self.fields["guru"].queryset = self.fields["guru"].queryset.exclude(pk__in=sudah)


class KepengurusanForm(_FormPeranKelompok):
    tombol = _("Angkat pengurus")

    class Meta:
        model = Kepengurusan
        fields = ["guru", "jabatan", "bidang", "mulai", "selesai", "nomor_sk", "tanggal_sk"]
        widgets = {"mulai": TanggalInput(), "selesai": TanggalInput(), "tanggal_sk": TanggalInput()}

    def tata_letak(self):
        return Layout("guru", _baris("jabatan", "bidang"), _baris("mulai", "selesai"), _baris("nomor_sk", "tanggal_sk"))


class PendampinganForm(_FormPeranKelompok):
    tombol = _("Tugaskan pengawas")

    class Meta:
        model = Pendampingan
        fields = ["pengawas", "mulai"]
        widgets = {"mulai": TanggalInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pengawas"].queryset = (
            akses.pengawas_untuk(self.user).filter(kabupaten_id=self.kelompok.kabupaten_id).select_related("user")
        )


class AkunGuruForm(forms.Form):
    username = forms.CharField(
        label=_("Nama pengguna"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Huruf, angka dan . @ + - _ saja, mis. NIP atau alamat e-mail guru."),
    )
    tombol = _("Buat akun dan kirim tautan")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = pembantu()
