"""Filters of the cash book page: a date range, direction and category."""

import django_filters as df
from django.utils.translation import gettext_lazy as _

from gugus.forms import TanggalInput

from ..models import EntriKas


class EntriKasFilter(df.FilterSet):
    dari = df.DateFilter(field_name="tanggal", lookup_expr="gte", label=_("Dari tanggal"), widget=TanggalInput())
    sampai = df.DateFilter(field_name="tanggal", lookup_expr="lte", label=_("Sampai tanggal"), widget=TanggalInput())
    arah = df.ChoiceFilter(choices=EntriKas.Arah.choices, label=_("Arah"), null_label=None)
    kategori = df.ChoiceFilter(choices=EntriKas.Kategori.choices, label=_("Kategori"), null_label=None)

    class Meta:
        model = EntriKas
        fields = ["dari", "sampai", "arah", "kategori"]
