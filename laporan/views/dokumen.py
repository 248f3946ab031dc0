"""Pages of the issued documents: any document's progress page and download (fetched through
`laporan.akses.dokumen_untuk`), the notulen PDF (ready: the file; else its progress page) and the printable
daftar hadir."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views import generic

from kegiatan import akses as akses_kegiatan
from kegiatan.berkas import unduhan
from kegiatan.models import Notulen
from kegiatan.views.base import DiPertemuan

from ..akses import dokumen_untuk
from ..models import Dokumen
from ..services import dokumen as layanan


def _pdf(dokumen: Dokumen):
    return unduhan(dokumen.berkas, dokumen.nama_unduhan(), "application/pdf", lampiran=False)


class _DiDokumen(LoginRequiredMixin):
    """A page of one document: `self.dokumen` comes through the scoped getter (404 outside scope)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        qs = dokumen_untuk(request.user).select_related("pertemuan", "notulen", "kelompok")
        self.dokumen = get_object_or_404(qs, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class StatusDokumen(_DiDokumen, generic.TemplateView):
    """While the document is "diproses" the page polls `?bagian=progres` every 2 s (htmx) and shows the progress;
    then the download link, or the reason it failed with "Coba lagi" (POST)."""

    template_name = "laporan/dokumen.html"

    def get_template_names(self):
        if self.request.GET.get("bagian") == "progres":
            return ["laporan/_progres_dokumen.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        dokumen = self.dokumen
        remah = []
        if dokumen.pertemuan_id:
            remah = [
                (_("Pertemuan"), reverse("kegiatan:pertemuan-list")),
                (str(dokumen.pertemuan), dokumen.pertemuan.get_absolute_url()),
            ]
        status = Dokumen.Status(layanan.status_terkini(dokumen))
        return super().get_context_data(dokumen=dokumen, status=status, tampil_remah=True, remah=remah, **kwargs)

    def post(self, request, *args, **kwargs):
        if layanan.ulangi_dokumen(self.dokumen, oleh=request.user):
            messages.info(request, _("Dokumen disiapkan ulang."))
        return redirect(self.dokumen)


class UnduhDokumen(_DiDokumen, generic.View):
    def get(self, request, *args, **kwargs):
        if not self.dokumen.siap:
            raise Http404(_("Dokumen ini belum selesai disiapkan."))
        return _pdf(self.dokumen)


class NotulenPdf(DiPertemuan, generic.View):
    """An approved version's PDF for whoever may read it (`?versi=n`, default the current one). Not rendered
    yet: its document row is created and queued, and the reader goes to its progress page."""

    def get(self, request, *args, **kwargs):
        versi = akses_kegiatan.notulen_untuk(request.user).filter(
            pertemuan=self.pertemuan, status=Notulen.Status.DISETUJUI
        )
        pilihan = request.GET.get("versi")
        if pilihan:
            notulen = versi.filter(versi=pilihan).first() if pilihan.isdigit() else None
        else:
            notulen = versi.order_by("-versi").first()
        if notulen is None:
            raise Http404(_("Versi notulen ini belum disetujui atau tidak ada."))
        notulen.pertemuan = self.pertemuan
        dokumen = layanan.minta_pdf_notulen(notulen, oleh=request.user)
        if dokumen.siap:
            return _pdf(dokumen)
        return redirect(dokumen)


class DaftarHadirPdf(DiPertemuan, generic.View):
    """The printable daftar hadir, for those who keep it; rendered again only when attendance changed. A
    cancelled meeting has none: a page says so."""

    aksi = "catat_kehadiran"

    def get(self, request, *args, **kwargs):
        try:
            dokumen = layanan.siapkan_daftar_hadir(self.pertemuan, oleh=request.user)
        except ValidationError as e:
            konteks = {
                "judul": _("Daftar hadir tidak dicetak"),
                "pesan": " ".join(e.messages),
                "kembali_url": self.pertemuan.get_absolute_url(),
            }
            return render(request, "kegiatan/kehadiran/pesan.html", konteks, status=404)
        return _pdf(dokumen)


urls = [
    path("dokumen/<int:pk>/", StatusDokumen.as_view(), name="dokumen"),
    path("dokumen/<int:pk>/unduh/", UnduhDokumen.as_view(), name="dokumen-unduh"),
    path("pertemuan/<int:pk>/notulen/pdf/", NotulenPdf.as_view(), name="notulen-pdf"),
    path("pertemuan/<int:pk>/daftar-hadir/pdf/", DaftarHadirPdf.as_view(), name="daftar-hadir-pdf"),
]
