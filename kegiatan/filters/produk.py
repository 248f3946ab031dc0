"""Search and filters of the product bank; every choice is scoped to what the user sees."""

import django_filters as df
from django import forms
from django.utils.translation import gettext_lazy as _

from gugus.akses import kelompok_untuk
from gugus.filters import _cari

from .. import akses
from ..models import Produk


class ProdukFilter(df.FilterSet):
    q = _cari("judul", "deskripsi", "penulis__nama")
    mapel = df.ChoiceFilter(label=_("Mata pelajaran / tema"), field_name="mata_pelajaran", lookup_expr="iexact")
    kelompok = df.ModelChoiceFilter(label=_("Kelompok"), queryset=lambda r: kelompok_untuk(r.user))
    dikurasi = df.BooleanFilter(
        label=_("Hanya pilihan koordinator"),
        widget=forms.CheckboxInput,
        method=lambda qs, name, value: qs.filter(dikurasi=True) if value else qs,
    )

    class Meta:
        model = Produk
        fields = ["q", "jenis", "fase", "mapel", "kelompok", "dikurasi"]

    def __init__(self, *args, bidang: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # The subjects present in the user's bank, plus a koordinator's own (their default filter).
        ada = akses.produk_untuk(self.request.user).exclude(mata_pelajaran="")
        mapel = set(ada.order_by().values_list("mata_pelajaran", flat=True).distinct())
        if bidang:
            mapel.add(bidang)
        self.filters["mapel"].extra["choices"] = [(m, m) for m in sorted(mapel, key=str.casefold)]
