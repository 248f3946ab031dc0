"""Search and filters of the meeting list and calendar; choices are the user's groups and their programmes."""

import django_filters as df
from django import forms
from django.utils.translation import gettext_lazy as _

from gugus.akses import kelompok_untuk
from gugus.filters import _cari
from gugus.forms import TanggalInput

from .. import akses
from ..models import Pertemuan


class PertemuanFilter(df.FilterSet):
    q = _cari("topik")
    kelompok = df.ModelChoiceFilter(label=_("Kelompok kerja"), queryset=lambda r: kelompok_untuk(r.user))
    program = df.ModelChoiceFilter(label=_("Program"), queryset=lambda r: akses.program_untuk(r.user))
    status = df.ChoiceFilter(label=_("Status"), choices=Pertemuan.Status.choices)
    dari = df.DateFilter(label=_("Dari tanggal"), field_name="tanggal", lookup_expr="gte", widget=TanggalInput())
    sampai = df.DateFilter(label=_("Sampai tanggal"), field_name="tanggal", lookup_expr="lte", widget=TanggalInput())

    class Meta:
        model = Pertemuan
        fields = ["q", "kelompok", "program", "status", "dari", "sampai"]


class KalenderFilter(PertemuanFilter):
    """The same filters on the calendar; `bulan` rides along hidden so that filtering keeps the month shown."""

    bulan = df.CharFilter(widget=forms.HiddenInput, method=lambda queryset, name, value: queryset)

    class Meta(PertemuanFilter.Meta):
        fields = [*PertemuanFilter.Meta.fields, "bulan"]
