"""Pages of the app's PDFs: the notulen PDF (stream or "being prepared"), the printable daftar hadir, and the
public verification page a document's QR code leads to."""

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views import generic

from kegiatan import akses
from kegiatan.berkas import unduhan
from kegiatan.models import Notulen
from kegiatan.services.notulen import versi_berlaku
from kegiatan.views.base import DiPertemuan

from ..forms import CocokkanForm
from ..models import DokumenPdf
from ..services import dokumen as layanan
from ..tasks import render_pdf_notulen

# While a PDF is being prepared the waiting page polls; enqueue the task at most once per this many seconds.
JEDA_ANTRE = 60


def _pdf(dokumen: DokumenPdf):
    return unduhan(dokumen.berkas, dokumen.nama_unduhan(), "application/pdf", lampiran=False)


class NotulenPdf(DiPertemuan, generic.TemplateView):
    """An approved version's PDF for whoever may read it (`?versi=n`, default the current one). Not rendered
    yet: the task is queued and a small page refreshes itself until the file is there."""

    template_name = "laporan/menunggu.html"

    def get(self, request, *args, **kwargs):
        versi = akses.notulen_untuk(request.user).filter(pertemuan=self.pertemuan, status=Notulen.Status.DISETUJUI)
        pilihan = request.GET.get("versi")
        if pilihan:
            notulen = versi.filter(versi=pilihan).first() if pilihan.isdigit() else None
        else:
            notulen = versi.order_by("-versi").first()
        if notulen is None:
            raise Http404(_("Versi notulen ini belum disetujui atau tidak ada."))
        dokumen = DokumenPdf.objects.filter(jenis=DokumenPdf.Jenis.NOTULEN, notulen=notulen).exclude(berkas="")
        if not dokumen.exists() and cache.add(f"laporan:pdf-notulen:{notulen.pk}", 1, JEDA_ANTRE):
            render_pdf_notulen.delay(notulen.pk)  # inline without a broker: then the file exists right below
        dokumen = dokumen.select_related("pertemuan", "notulen").first()
        if dokumen is not None:
            return _pdf(dokumen)
        return self.render_to_response(self.get_context_data(notulen=notulen))


class DaftarHadirPdf(DiPertemuan, generic.View):
    """The printable daftar hadir, for those who keep it; rendered again only when attendance changed."""

    aksi = "catat_kehadiran"

    def get(self, request, *args, **kwargs):
        return _pdf(layanan.siapkan_daftar_hadir(self.pertemuan))


class Verifikasi(generic.FormView):
    """Public (no login): what the document is, its hash, and whether it is still the current version. Shows no
    text of the minutes. A PDF may be uploaded to compare its hash with the stored one."""

    template_name = "laporan/verifikasi.html"
    form_class = CocokkanForm

    def dispatch(self, request, *args, **kwargs):
        qs = DokumenPdf.objects.exclude(berkas="").select_related(
            "pertemuan__kelompok", "notulen__disetujui_oleh__guru"
        )
        self.dokumen = get_object_or_404(qs, kode=kwargs["kode"])
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        isi = form.cleaned_data["berkas"].read()
        cocok = layanan.cocokkan_hash(self.dokumen, isi)
        return self.render_to_response(self.get_context_data(form=form, cocok=cocok))

    def get_context_data(self, **kwargs):
        dokumen = self.dokumen
        berlaku = None
        if dokumen.jenis == DokumenPdf.Jenis.NOTULEN:
            berlaku = versi_berlaku(dokumen.pertemuan)
        penyetuju = ""
        if dokumen.notulen_id and dokumen.notulen.disetujui_oleh_id:
            user = dokumen.notulen.disetujui_oleh
            guru = getattr(user, "guru", None)
            penyetuju = guru.nama if guru else user.get_full_name()
        return super().get_context_data(
            dokumen=dokumen,
            pertemuan=dokumen.pertemuan,
            berlaku=berlaku,
            terkini=berlaku is None or berlaku.pk == dokumen.notulen_id,
            penyetuju=penyetuju,
            **kwargs,
        )


urls = [
    path("pertemuan/<int:pk>/notulen/pdf/", NotulenPdf.as_view(), name="notulen-pdf"),
    path("pertemuan/<int:pk>/daftar-hadir/pdf/", DaftarHadirPdf.as_view(), name="daftar-hadir-pdf"),
    path("v/<str:kode>/", Verifikasi.as_view(), name="verifikasi"),
]
