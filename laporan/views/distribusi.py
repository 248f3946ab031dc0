"""Pages of the notulen distribution: choose recipients and send, watch the per-recipient status, send a failed
one again; the recipient's inbox and the tracked link of the e-mail (laporan/services/distribusi.py holds the rules)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views import generic

from kegiatan import akses
from kegiatan.views.base import DiPertemuan

from ..models import Dokumen, Pengiriman
from ..services import distribusi as layanan


class Distribusi(DiPertemuan, generic.TemplateView):
    """GET: the recipients (all checked) and the status of every delivery of the current approved version;
    `?bagian=status` answers the htmx poll with the status table alone. POST: "Kirim"."""

    aksi = "tulis_notulen"
    template_name = "laporan/distribusi.html"

    def get_notulen(self):
        notulen = layanan.notulen_terdistribusi(self.pertemuan)
        if notulen is None:
            raise Http404(_("Belum ada notulen yang disetujui untuk pertemuan ini."))
        notulen.pertemuan = self.pertemuan
        return notulen

    def get_template_names(self):
        if self.request.GET.get("bagian") == "status":
            return ["laporan/_status_pengiriman.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        notulen = kwargs.pop("notulen", None) or self.get_notulen()
        pengiriman = list(Pengiriman.objects.filter(notulen=notulen).select_related("surel").order_by("nama", "email"))
        konteks = {
            "notulen": notulen,
            "pengiriman": pengiriman,
            "ada_menunggu": any(p.status == Pengiriman.Status.MENUNGGU for p in pengiriman),
        }
        if self.request.GET.get("bagian") != "status":
            sudah = {p.email for p in pengiriman}
            daftar = layanan.penerima_bawaan(notulen)
            dokumen = Dokumen.objects.filter(jenis=Dokumen.Jenis.NOTULEN, notulen=notulen).exclude(berkas="")
            konteks.update(
                penerima=[(p, p.email in sudah) for p in daftar.penerima],
                tanpa_email=daftar.tanpa_email,
                tautan_wa=layanan.tautan_whatsapp(notulen, dokumen.first()),
            )
        return super().get_context_data(**konteks, **kwargs)

    def post(self, request, *args, **kwargs):
        notulen = self.get_notulen()
        dipilih = set(request.POST.getlist("pilih"))
        penerima = [p for p in layanan.penerima_bawaan(notulen).penerima if p.email in dipilih]
        try:
            penerima += layanan.urai_tambahan(request.POST.get("tambahan", ""))
        except ValidationError as e:
            konteks = self.get_context_data(notulen=notulen, galat_tambahan=e.messages[0])
            konteks["tambahan"] = request.POST.get("tambahan", "")
            return self.render_to_response(konteks, status=400)
        try:
            baru = layanan.distribusikan(notulen, penerima, oleh=request.user)
        except ValidationError as e:
            messages.error(request, e.messages[0])
            return redirect(request.path)
        if baru:
            messages.success(request, _("Notulen sedang dikirim ke %(n)d penerima.") % {"n": len(baru)})
        else:
            messages.info(request, _("Tidak ada penerima baru: semua alamat yang dipilih sudah pernah dikirimi."))
        return redirect(request.path)


class KirimUlang(LoginRequiredMixin, generic.View):
    """POST: a failed delivery goes back to "menunggu" and is enqueued (sekretaris or ketua)."""

    def post(self, request, pk):
        qs = Pengiriman.objects.filter(notulen__pertemuan__in=akses.pertemuan_untuk(request.user))
        pengiriman = get_object_or_404(qs.select_related("notulen__pertemuan", "surel"), pk=pk)
        layanan.kirim_ulang(pengiriman, oleh=request.user)  # PermissionDenied → 403
        messages.success(request, _("Pengiriman ke %(email)s diulang.") % {"email": pengiriman.email})
        return redirect("laporan:distribusi", pk=pengiriman.notulen.pertemuan_id)


class KotakMasuk(LoginRequiredMixin, generic.ListView):
    """The notulen sent to the logged-in user, newest first."""

    template_name = "laporan/kotak_masuk.html"
    paginate_by = 20

    def get_queryset(self):
        return (
            Pengiriman.objects.filter(user=self.request.user)
            .select_related("notulen__pertemuan__kelompok")
            .order_by("-distribusi__dibuat", "-pk")
        )


def _tujuan(user, pengiriman: Pengiriman, pdf: bool) -> str:
    """Where an opened delivery leads: the notulen (or its PDF) for whoever may read it, else the public
    verification page of the PDF."""
    notulen = pengiriman.notulen
    if user.is_authenticated and akses.notulen_untuk(user).filter(pk=notulen.pk).exists():
        if pdf:
            return reverse("laporan:notulen-pdf", args=[notulen.pertemuan_id]) + f"?versi={notulen.versi}"
        return notulen.get_absolute_url()
    dokumen = Dokumen.objects.filter(jenis=Dokumen.Jenis.NOTULEN, notulen=notulen).exclude(berkas="").first()
    if dokumen is not None:
        return dokumen.get_verifikasi_url()
    return notulen.get_absolute_url()  # not rendered yet: the login page leads there


class BukaKotakMasuk(LoginRequiredMixin, generic.View):
    def get(self, request, pk):
        pengiriman = get_object_or_404(Pengiriman.objects.select_related("notulen"), pk=pk, user=request.user)
        layanan.tandai_dibaca(pengiriman)
        return redirect(_tujuan(request.user, pengiriman, pdf=False))


class Baca(generic.View):
    """The tracked link of the e-mail (public: the token is the key): marks the delivery read."""

    def get(self, request, token):
        pengiriman = get_object_or_404(Pengiriman.objects.select_related("notulen"), token=token)
        layanan.tandai_dibaca(pengiriman)
        return redirect(_tujuan(request.user, pengiriman, pdf=True))


urls = [
    path("pertemuan/<int:pk>/notulen/distribusi/", Distribusi.as_view(), name="distribusi"),
    path("pengiriman/<int:pk>/kirim-ulang/", KirimUlang.as_view(), name="kirim-ulang"),
    path("kotak-masuk/", KotakMasuk.as_view(), name="kotak-masuk"),
    path("kotak-masuk/<int:pk>/", BukaKotakMasuk.as_view(), name="kotak-masuk-buka"),
    path("baca/<str:token>/", Baca.as_view(), name="baca"),
]
