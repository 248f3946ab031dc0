"""The public verification page a document's QR code leads to (`/v/<kode>/`): what the document is, its hash,
and the truth about its status."""

from django.shortcuts import get_object_or_404
from django.urls import path
from django.views import generic

from kegiatan.services.notulen import versi_berlaku

from ..forms import CocokkanForm
from ..models import Dokumen, VersiLaporan
from ..services import dokumen as layanan


class Verifikasi(generic.FormView):
    """Public (no login): what the document is, its hash, and whether it still holds — berlaku, diganti (by
    which version), dibatalkan (its meeting was cancelled, even if the signal was missed), dicabut, or still
    diproses. Shows no text of the document. A PDF may be uploaded to compare its hash with the stored one."""

    template_name = "laporan/verifikasi.html"
    form_class = CocokkanForm

    def dispatch(self, request, *args, **kwargs):
        qs = Dokumen.objects.select_related(
            "kelompok", "pertemuan", "notulen__disetujui_oleh__guru", "surat_undangan__sekolah", "laporan"
        )
        self.dokumen = get_object_or_404(qs, kode=kwargs["kode"])
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        isi = form.cleaned_data["berkas"].read()
        cocok = layanan.cocokkan_hash(self.dokumen, isi)
        return self.render_to_response(self.get_context_data(form=form, cocok=cocok))

    def get_context_data(self, **kwargs):
        dokumen = self.dokumen
        status = Dokumen.Status(layanan.status_terkini(dokumen))
        pengganti = None
        if status == Dokumen.Status.DIGANTI and dokumen.jenis == Dokumen.Jenis.NOTULEN:
            pengganti = versi_berlaku(dokumen.pertemuan)
        penyetuju = ""
        if dokumen.notulen_id and dokumen.notulen.disetujui_oleh_id:
            user = dokumen.notulen.disetujui_oleh
            guru = getattr(user, "guru", None)
            penyetuju = guru.nama if guru else user.get_full_name()
        versi_laporan = None
        if dokumen.jenis == Dokumen.Jenis.LAPORAN:
            versi_laporan = VersiLaporan.objects.filter(dokumen=dokumen).first()
        return super().get_context_data(
            dokumen=dokumen,
            status=status,
            versi_laporan=versi_laporan,
            pengganti=pengganti,
            pertemuan=dokumen.pertemuan,
            surat=getattr(dokumen, "surat_undangan", None),
            penyetuju=penyetuju,
            **kwargs,
        )


urls = [path("v/<str:kode>/", Verifikasi.as_view(), name="verifikasi")]
