"""The printable buku kas: a period form (also inline on kegiatan's cash book page) that creates the document and
sends the reader to its progress page, which serves the PDF once rendered."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views import generic

from gugus.views.base import DiKelompok, tempel_galat

from ..forms.buku_kas import PeriodeKasForm
from ..services.buku_kas import minta_buku_kas


class CetakBukuKas(DiKelompok, generic.FormView):
    """For whoever may read the group's book ("lihat_kas"): 404 outside scope, 403 for a plain member."""

    aksi = "lihat_kas"
    template_name = "form.html"
    form_class = PeriodeKasForm

    def get_context_data(self, **kwargs):
        url_buku = reverse("kegiatan:kas-buku", args=[self.kelompok.pk])
        return super().get_context_data(
            judul=_("Cetak buku kas %(kelompok)s") % {"kelompok": self.kelompok},
            batal_url=url_buku,
            remah=[(_("Buku kas"), reverse("kegiatan:kas-list")), (str(self.kelompok), url_buku)],
            tampil_remah=True,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            dokumen = minta_buku_kas(self.kelompok, oleh=self.request.user, **form.cleaned_data)
        except ValidationError as e:
            tempel_galat(form, e)
            return self.form_invalid(form)
        return redirect(dokumen)


urls = [path("kelompok/<int:pk>/kas/cetak/", CetakBukuKas.as_view(), name="buku-kas-pdf")]
