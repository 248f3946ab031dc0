"""Forms of the reviewers' pages (laporan/views/tinjauan.py, laporan/views/dinas.py): the one-step review on the
report page, a visit, the pengawas's report period, the deadlines and the Dinas matrix's filters."""

import django_filters as df
from crispy_forms.layout import Column, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gugus import akses
from gugus.forms import TanggalInput, pembantu
from gugus.models import Gugus, Kabupaten, Kecamatan, KelompokKerja
from kegiatan.models import Pertemuan

from ..models import KunjunganPendampingan, Laporan
from ..services.tenggat import BAWAAN


class TinjauForm(forms.Form):
    """The reviewer's decision on the report page: a note and one of two buttons (`keputusan`). A return needs
    the note (checked here so the typed text stays on the page; the service checks again)."""

    SETUJUI, KEMBALIKAN, TERIMA = "setujui", "kembalikan", "terima"

    catatan = forms.CharField(
        label=_("Catatan untuk ketua"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Wajib bila laporan dikembalikan: tuliskan apa yang perlu diperbaiki."),
    )
    keputusan = forms.ChoiceField(
        choices=[(SETUJUI, SETUJUI), (KEMBALIKAN, KEMBALIKAN), (TERIMA, TERIMA)], widget=forms.HiddenInput
    )

    def clean(self):
        data = super().clean()
        if data.get("keputusan") == self.KEMBALIKAN and not (data.get("catatan") or "").strip():
            self.add_error("catatan", _("Tuliskan catatan: apa yang perlu diperbaiki ketua sebelum mengajukan lagi."))
        return data


class KunjunganForm(forms.ModelForm):
    """A visit: the date (not in the future), optionally a meeting of the group, notes and follow-up."""

    tombol = _("Simpan kunjungan")

    class Meta:
        model = KunjunganPendampingan
        fields = ["tanggal", "pertemuan", "catatan", "tindak_lanjut"]
        widgets = {
            "tanggal": TanggalInput(),
            "catatan": forms.Textarea(attrs={"rows": 5}),
            "tindak_lanjut": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, kelompok: KelompokKerja, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tanggal"].initial = timezone.localdate
        # Only this group's meetings (another group's is refused here, and again by the service).
        self.fields["pertemuan"].queryset = (
            Pertemuan.objects.filter(kelompok=kelompok).exclude(status=Pertemuan.Status.DIBATALKAN).order_by("-tanggal")
        )
        self.fields["pertemuan"].empty_label = _("(tidak menghadiri pertemuan tertentu)")
        self.fields["pertemuan"].error_messages["invalid_choice"] = _("Pilih pertemuan kelompok ini.")
        self.fields["catatan"].required = True
        self.helper = pembantu(Row(Column("tanggal", css_class="col-md-4"), Column("pertemuan", css_class="col-md")))
        self.helper.layout.extend(["catatan", "tindak_lanjut"])


class PeriodeForm(forms.Form):
    """The period of the pengawas's own report (default: this semester)."""

    mulai = forms.DateField(label=_("Mulai"), widget=TanggalInput())
    selesai = forms.DateField(label=_("Selesai"), widget=TanggalInput())

    def clean(self):
        data = super().clean()
        if data.get("mulai") and data.get("selesai") and data["selesai"] < data["mulai"]:
            self.add_error("selesai", _("Akhir periode tidak boleh sebelum awalnya."))
        return data


class TenggatForm(forms.Form):
    """Days after the period's end, per kind of report, 1–120."""

    tombol = _("Simpan tenggat")

    def __init__(self, *args, hari: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for jenis in BAWAAN:
            self.fields[jenis] = forms.IntegerField(
                label=_("Laporan %(j)s: hari setelah periode berakhir") % {"j": Laporan.Jenis(jenis).label.lower()},
                initial=hari[jenis],
                min_value=1,
                max_value=120,
                error_messages={
                    "required": _("Isi jumlah hari."),
                    "invalid": _("Isi dengan bilangan bulat."),
                    "min_value": _("Paling sedikit 1 hari."),
                    "max_value": _("Paling lama 120 hari."),
                },
            )
        self.helper = pembantu(Row(*(Column(j, css_class="col-md") for j in BAWAAN)))


def _tanpa_saring(queryset, name, value):
    return queryset  # read by the view (which kabupaten, which kind of report), not a filter on groups


PILIHAN_LAPORAN = [(j, Laporan.Jenis(j).label) for j in BAWAAN]


class _PilihanLaporan(forms.ChoiceField):
    pass


class MatriksFilter(df.FilterSet):
    """The Dinas matrix's filters; every choice is scoped to the user."""

    kabupaten = df.ModelChoiceFilter(
        label=_("Kabupaten/kota"), queryset=lambda r: akses.kabupaten_untuk(r.user), method=_tanpa_saring
    )
    laporan = df.ChoiceFilter(label=_("Jenis laporan"), choices=PILIHAN_LAPORAN, method=_tanpa_saring)
    kecamatan = df.ModelChoiceFilter(
        queryset=lambda r: Kecamatan.objects.filter(kabupaten__in=akses.kabupaten_untuk(r.user)).order_by("nama")
    )
    gugus = df.ModelChoiceFilter(
        queryset=lambda r: Gugus.objects.filter(kecamatan__kabupaten__in=akses.kabupaten_untuk(r.user))
    )

    class Meta:
        model = KelompokKerja
        fields = ["kabupaten", "laporan", "kecamatan", "gugus", "jenis"]

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        if request is not None and not request.user.is_superuser:
            del self.filters["kabupaten"]  # Dinas staff see their own kabupaten only

    @property
    def form(self):
        form = super().form
        if not isinstance(form.fields["laporan"], _PilihanLaporan):
            # django-filter's choice field always adds an empty choice; here bulanan stands unless another is picked
            form.fields["laporan"] = _PilihanLaporan(label=_("Jenis laporan"), choices=PILIHAN_LAPORAN, required=False)
        return form

    def kabupaten_terpilih(self, user) -> Kabupaten | None:
        pilihan = self.form.cleaned_data.get("kabupaten") if "kabupaten" in self.filters else None
        return pilihan or akses.kabupaten_untuk(user).order_by("nama").first()

    def jenis_laporan(self) -> str:
        return self.form.cleaned_data.get("laporan") or Laporan.Jenis.BULANAN
