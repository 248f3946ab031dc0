"""Pages of the surat undangan (laporan/services/surat.py holds the rules): the board's list of a meeting's
letters, issuing the missing ones, and one letter's PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views import generic

from kegiatan.berkas import unduhan
from kegiatan.views.base import DiPertemuan

from ..models import SuratUndangan
from ..services import surat as layanan


class Undangan(DiPertemuan, generic.TemplateView):
    """The board's list of a meeting's surat undangan, one download per letter; POST issues the missing ones
    (so they can be printed before the reminder e-mails them)."""

    aksi = "kelola_pertemuan"
    template_name = "laporan/undangan.html"

    def post(self, request, *args, **kwargs):
        try:
            baru = layanan.siapkan_undangan(self.pertemuan, oleh=request.user)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("%(n)d surat undangan diterbitkan.") % {"n": len(baru)})
        return redirect("laporan:undangan", self.pertemuan.pk)

    def get_context_data(self, **kwargs):
        daftar = list(
            SuratUndangan.objects.filter(pertemuan=self.pertemuan).select_related(
                "sekolah__kepala_sekolah__user", "surel", "dokumen"
            )
        )
        for s in daftar:  # an unqueued letter whose kepala sekolah has no address is never e-mailed: say so
            kepala = s.sekolah.kepala_sekolah
            s.tanpa_alamat = s.surel is None and not (kepala and kepala.alamat_email)
        belum = layanan.sekolah_diundang(self.pertemuan).exclude(pk__in=[s.sekolah_id for s in daftar])
        return super().get_context_data(
            daftar_surat=daftar,
            belum_diundang=belum,
            bisa_terbitkan=self.pertemuan.status != self.pertemuan.Status.DIBATALKAN,
            **kwargs,
        )


class UndanganPdf(DiPertemuan, generic.View):
    """One letter's PDF, for the board."""

    aksi = "kelola_pertemuan"

    def get(self, request, *args, **kwargs):
        qs = (
            SuratUndangan.objects.filter(pertemuan=self.pertemuan).exclude(dokumen__berkas="").select_related("dokumen")
        )
        surat = get_object_or_404(qs, pk=kwargs["surat"])
        return unduhan(surat.dokumen.berkas, surat.nama_unduhan(), "application/pdf", lampiran=False)


urls = [
    path("pertemuan/<int:pk>/undangan/", Undangan.as_view(), name="undangan"),
    path("pertemuan/<int:pk>/undangan/<int:surat>/pdf/", UndanganPdf.as_view(), name="undangan-pdf"),
]
