"""The period of a printed buku kas (laporan/views/buku_kas.py)."""

from crispy_forms.layout import Column, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gugus.forms import TanggalInput, pembantu


def awal_bulan_ini():
    return timezone.localdate().replace(day=1)


class PeriodeKasForm(forms.Form):
    """From–to, by default this month up to today."""

    mulai = forms.DateField(label=_("Dari tanggal"), widget=TanggalInput(), initial=awal_bulan_ini)
    selesai = forms.DateField(label=_("Sampai tanggal"), widget=TanggalInput(), initial=timezone.localdate)
    tombol = _("Cetak buku kas (PDF)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = pembantu(Row(Column("mulai", css_class="col-sm"), Column("selesai", css_class="col-sm")))

    def clean(self):
        data = super().clean()
        if data.get("mulai") and data.get("selesai") and data["selesai"] < data["mulai"]:
            self.add_error("selesai", _("Akhir periode tidak boleh sebelum awal periode."))
        return data
