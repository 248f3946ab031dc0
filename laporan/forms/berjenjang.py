"""Forms of the report's journey (laporan/views/berjenjang.py)."""

from crispy_forms.layout import Column, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gugus.forms import TanggalInput, pembantu
from gugus.templatetags.kkg import rupiah
from kegiatan.models import EntriKas

from ..models import Laporan


class LaporanBaruForm(forms.Form):
    """The ketua opens a report: its kind and a date in its period (default: the last whole period), or, for an
    LPJ, the grant and the end of the period accounted for."""

    jenis = forms.ChoiceField(label=_("Jenis laporan"), choices=Laporan.Jenis.choices, initial=Laporan.Jenis.BULANAN)
    tanggal = forms.DateField(
        label=_("Tanggal dalam periode"),
        widget=TanggalInput(),
        required=False,
        help_text=_("Kosongkan untuk periode terakhir yang sudah lewat (mis. bulan lalu)."),
    )
    hibah = forms.ModelChoiceField(
        label=_("Bantuan/hibah yang dipertanggungjawabkan"), queryset=EntriKas.objects.none(), required=False
    )
    selesai = forms.DateField(
        label=_("Akhir periode LPJ"), widget=TanggalInput(), required=False, initial=timezone.localdate
    )
    tombol = _("Buat laporan")

    def __init__(self, *args, kelompok, hanya_lpj: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if hanya_lpj:  # the bendahara: a grant's LPJ only
            self.fields["jenis"].choices = [(Laporan.Jenis.LPJ, Laporan.Jenis.LPJ.label)]
            self.fields["jenis"].initial = Laporan.Jenis.LPJ
        self.fields["hibah"].queryset = EntriKas.objects.filter(
            kelompok=kelompok, kategori=EntriKas.Kategori.HIBAH, dibalik_oleh__isnull=True
        ).order_by("-tanggal")
        self.fields["hibah"].label_from_instance = lambda e: f"{e.tanggal:%d/%m/%Y} – {e.uraian} ({rupiah(e.jumlah)})"
        baris = [("jenis", "tanggal"), ("hibah", "selesai")]
        self.helper = pembantu(*(Row(*(Column(n, css_class="col-md") for n in b)) for b in baris))

    def clean(self):
        data = super().clean()
        if data.get("jenis") == Laporan.Jenis.LPJ and not data.get("hibah"):
            self.add_error("hibah", _("Pilih bantuan/hibah yang dipertanggungjawabkan."))
        return data


class NarasiForm(forms.ModelForm):
    """The ketua's own words: achievements, obstacles, follow-up, impact on students (BAB III–IV)."""

    tombol = _("Simpan narasi")

    class Meta:
        model = Laporan
        fields = ["capaian", "dampak", "kendala", "tindak_lanjut"]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in fields}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = pembantu()


class CatatanForm(forms.Form):
    """A reviewer's note on a step; `wajib` for a return."""

    catatan = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, wajib: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["catatan"].required = wajib
        if wajib:
            self.fields["catatan"].help_text = _("Tuliskan apa yang perlu diperbaiki ketua.")


class SetujuiForm(CatatanForm):
    teruskan = forms.BooleanField(label=_("Langsung teruskan ke Dinas Pendidikan"), required=False, initial=True)
