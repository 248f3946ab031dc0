"""Pages of the app's PDFs: the notulen PDF (stream or "being prepared"), the printable daftar hadir, and the
public verification page a document's QR code leads to."""

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views import generic

from kegiatan import akses
from kegiatan.berkas import unduhan
from kegiatan.models import Notulen
from kegiatan.services.notulen import versi_berlaku
from kegiatan.views.base import DiPertemuan

from . import services
from .forms import CocokkanForm
from .models import DokumenPdf
from .tasks import render_pdf_notulen

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
        return _pdf(services.siapkan_daftar_hadir(self.pertemuan))


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
        cocok = services.cocokkan_hash(self.dokumen, isi)
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


# --- Surat undangan (laporan/surat.py) --------------------------------------------------------------------------


class Undangan(DiPertemuan, generic.TemplateView):
    """The board's list of a meeting's surat undangan, one download per letter; POST issues the missing ones
    (so they can be printed before the reminder e-mails them)."""

    aksi = "kelola_pertemuan"
    template_name = "laporan/undangan.html"

    def post(self, request, *args, **kwargs):
        from django.contrib import messages
        from django.core.exceptions import ValidationError
        from django.shortcuts import redirect

        from . import surat

        try:
            baru = surat.siapkan_undangan(self.pertemuan, oleh=request.user)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("%(n)d surat undangan diterbitkan.") % {"n": len(baru)})
        return redirect("laporan:undangan", self.pertemuan.pk)

    def get_context_data(self, **kwargs):
        from .models import SuratUndangan
        from .surat import alamat_kepala_sekolah, sekolah_diundang

        daftar = list(
            SuratUndangan.objects.filter(pertemuan=self.pertemuan).select_related("sekolah__kepala_sekolah__user")
        )
        for s in daftar:  # an unsent letter whose kepala sekolah has no address is never e-mailed: say so
            s.tanpa_alamat = s.dikirim_pada is None and not alamat_kepala_sekolah(s.sekolah)
        belum = sekolah_diundang(self.pertemuan).exclude(pk__in=[s.sekolah_id for s in daftar])
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
        from .models import SuratUndangan
        from .surat import nama_unduhan

        qs = SuratUndangan.objects.filter(pertemuan=self.pertemuan).exclude(berkas="")
        surat = get_object_or_404(qs, pk=kwargs["surat"])
        return unduhan(surat.berkas, nama_unduhan(surat), "application/pdf", lampiran=False)
