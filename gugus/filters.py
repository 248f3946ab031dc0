"""Search and filters of the list pages; every choice list is scoped to the user."""

import django_filters as df
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import akses
from .models import Gugus, Guru, Kecamatan, KelompokKerja, Sekolah


def _cari(*kolom):
    """A free-text search over several columns."""

    def cari(queryset, name, value):
        q = Q()
        for k in kolom:
            q |= Q(**{f"{k}__icontains": value.strip()})
        return queryset.filter(q)

    return df.CharFilter(label=_("Cari"), method=cari)


class GugusFilter(df.FilterSet):
    q = _cari("nama", "kecamatan__nama")
    kecamatan = df.ModelChoiceFilter(
        queryset=lambda r: Kecamatan.objects.filter(gugus__in=akses.gugus_untuk(r.user)).distinct()
    )

    class Meta:
        model = Gugus
        fields = ["q", "kecamatan"]


class SekolahFilter(df.FilterSet):
    q = _cari("nama", "npsn")
    gugus = df.ModelChoiceFilter(queryset=lambda r: akses.gugus_untuk(r.user))
    tanpa_gugus = df.BooleanFilter(
        label=_("Hanya yang belum masuk gugus"),
        widget=forms.CheckboxInput,
        method=lambda qs, name, value: qs.filter(gugus__isnull=True) if value else qs,
    )

    class Meta:
        model = Sekolah
        fields = ["q", "jenjang", "status", "gugus", "tanpa_gugus"]


class GuruFilter(df.FilterSet):
    q = _cari("nama", "nip", "nuptk")
    sekolah = df.ModelChoiceFilter(queryset=lambda r: akses.sekolah_untuk(r.user))

    class Meta:
        model = Guru
        fields = ["q", "sekolah", "jenis_kelamin"]


class KelompokKerjaFilter(df.FilterSet):
    q = _cari("nama", "mata_pelajaran")
    gugus = df.ModelChoiceFilter(queryset=lambda r: akses.gugus_untuk(r.user))

    class Meta:
        model = KelompokKerja
        fields = ["q", "jenis", "cakupan", "gugus", "aktif"]
