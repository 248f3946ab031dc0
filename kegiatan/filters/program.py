"""Search and filters of the programme list; the choices come from what the user can see."""

import django_filters as df
from django.utils.translation import gettext_lazy as _

from gugus.akses import kelompok_untuk
from gugus.filters import _cari

from .. import akses
from ..models import ProgramKerja


class ProgramKerjaFilter(df.FilterSet):
    q = _cari("nama", "kepanjangan", "sasaran_mapel")
    kelompok = df.ModelChoiceFilter(label=_("Kelompok kerja"), queryset=lambda r: kelompok_untuk(r.user))
    tahun_ajaran = df.ChoiceFilter(label=_("Tahun ajaran"))

    class Meta:
        model = ProgramKerja
        fields = ["q", "kelompok", "tahun_ajaran", "semester"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        tahun = akses.program_untuk(request.user).order_by("-tahun_ajaran").values_list("tahun_ajaran", flat=True)
        self.filters["tahun_ajaran"].extra["choices"] = [(t, t) for t in tahun.distinct()]
