"""The pengawas's side (issue 11): visits to their groups (kunjungan pendampingan), the activity of the groups they
accompany (which one needs a visit), and their own periodic report to the Dinas, a PDF through the one document
pipeline (laporan/services/dokumen.py)."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, IntegerField, Max, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gugus.akses import pastikan_boleh
from gugus.models import KelompokKerja, Pengawas
from kegiatan.models import Kehadiran, Pertemuan
from kegiatan.services.notulen import bersihkan
from kkg.lib.antrean import antre

from .. import pdf
from ..models import Dokumen, KunjunganPendampingan, Laporan
from .berjenjang import periode
from .tenggat import hari_tenggat, terlambat

# A group needs a visit when the last one is older than this, attendance is below this, or a report is late.
HARI_TANPA_KUNJUNGAN = 60
HADIR_MINIMUM = 60


# --- Visits -------------------------------------------------------------------------------------------------


def _periksa(kelompok: KelompokKerja, tanggal: datetime.date, catatan: str, pertemuan: Pertemuan | None) -> str:
    galat = {}
    if tanggal > timezone.localdate():
        galat["tanggal"] = _("Tanggal kunjungan tidak boleh di masa depan.")
    if pertemuan is not None and pertemuan.kelompok_id != kelompok.pk:
        galat["pertemuan"] = _("Pilih pertemuan kelompok ini.")
    catatan = bersihkan(catatan)
    if not catatan:
        galat["catatan"] = _("Tuliskan catatan pendampingan.")
    if galat:
        raise ValidationError(galat)
    return catatan


@transaction.atomic
def catat_kunjungan(
    kelompok: KelompokKerja, *, oleh, tanggal, catatan: str, tindak_lanjut: str = "", pertemuan=None
) -> KunjunganPendampingan:
    """A pengawas accompanying the group records a visit (optionally to one of its meetings). Only a pengawas
    (an admin without a Pengawas row is refused: a visit is someone's own record)."""
    pastikan_boleh(oleh, "catat_kunjungan", kelompok)
    pengawas = Pengawas.objects.filter(user=oleh).first()
    if pengawas is None:
        raise PermissionDenied(_("Hanya pengawas yang mencatat kunjungan pendampingan."))
    catatan = _periksa(kelompok, tanggal, catatan, pertemuan)
    return KunjunganPendampingan.objects.create(
        pengawas=pengawas,
        kelompok=kelompok,
        pertemuan=pertemuan,
        tanggal=tanggal,
        catatan=catatan,
        tindak_lanjut=bersihkan(tindak_lanjut),
    )


@transaction.atomic
def ubah_kunjungan(
    kunjungan: KunjunganPendampingan, *, oleh, tanggal, catatan: str, tindak_lanjut: str = "", pertemuan=None
) -> KunjunganPendampingan:
    """The pengawas who recorded a visit corrects it."""
    kunjungan = KunjunganPendampingan.objects.select_for_update().select_related("kelompok").get(pk=kunjungan.pk)
    if kunjungan.pengawas.user_id != oleh.pk:
        raise PermissionDenied
    kunjungan.catatan = _periksa(kunjungan.kelompok, tanggal, catatan, pertemuan)
    kunjungan.tanggal, kunjungan.pertemuan = tanggal, pertemuan
    kunjungan.tindak_lanjut = bersihkan(tindak_lanjut)
    kunjungan.save(update_fields=["catatan", "tanggal", "pertemuan", "tindak_lanjut"])
    return kunjungan


# --- Activity of the accompanied groups ----------------------------------------------------------------------


def aktivitas(kelompok_qs, hari_ini: datetime.date | None = None):
    """The groups annotated for the pengawas's activity table, this semester: meetings held and planned (not
    cancelled), members present and recorded, the last visit. Then per group (two more queries for the page:
    its reports and the deadlines) reports on time and late, and whether it needs a visit (`perlu_dikunjungi`).
    Call `lengkapi_aktivitas` on the page's rows."""
    hari_ini = hari_ini or timezone.localdate()
    mulai, selesai = periode(Laporan.Jenis.SEMESTER, hari_ini)
    P = Pertemuan.Status
    pertemuan = Pertemuan.objects.filter(kelompok=OuterRef("pk"), tanggal__range=(mulai, selesai))
    hadir = Kehadiran.objects.filter(
        pertemuan__kelompok=OuterRef("pk"),
        pertemuan__status=P.TERLAKSANA,
        pertemuan__tanggal__range=(mulai, selesai),
        guru__isnull=False,
    )

    def jumlah(qs):
        return Coalesce(
            Subquery(
                qs.order_by()
                .values("pertemuan__kelompok" if qs.model is Kehadiran else "kelompok")
                .annotate(n=Count("pk"))
                .values("n")[:1],
                output_field=IntegerField(),
            ),
            Value(0),
        )

    return kelompok_qs.annotate(
        terlaksana=jumlah(pertemuan.filter(status=P.TERLAKSANA)),
        direncanakan=jumlah(pertemuan.exclude(status=P.DIBATALKAN)),
        hadir=jumlah(hadir.filter(status=Kehadiran.Status.HADIR)),
        tercatat=jumlah(hadir),
        kunjungan_terakhir=Subquery(
            KunjunganPendampingan.objects.filter(kelompok=OuterRef("pk"))
            .order_by()
            .values("kelompok")
            .annotate(m=Max("tanggal"))
            .values("m")[:1]
        ),
    )


def lengkapi_aktivitas(baris: list, hari_ini: datetime.date | None = None) -> None:
    """Reports on time / late (tenggat.terlambat) over the last year, and the "perlu dikunjungi" flag, for the
    rows of one page: one query for their reports, one per kabupaten for its deadlines."""
    hari_ini = hari_ini or timezone.localdate()
    hari = {k: hari_tenggat(k) for k in {b.kabupaten_id for b in baris}}
    per_kelompok: dict[int, list] = {b.pk: [] for b in baris}
    dari = hari_ini - datetime.timedelta(days=365)
    for lap in Laporan.objects.filter(kelompok__in=per_kelompok, selesai__gte=dari).exclude(jenis=Laporan.Jenis.LPJ):
        per_kelompok[lap.kelompok_id].append(lap)
    for b in baris:
        telat = [terlambat(lap, lap.jenis, lap.selesai, hari[b.kabupaten_id], hari_ini) for lap in per_kelompok[b.pk]]
        b.laporan_terlambat = sum(telat)
        b.laporan_tepat = sum(1 for lap, t in zip(per_kelompok[b.pk], telat, strict=True) if lap.versi and not t)
        b.persen_hadir = round(100 * b.hadir / b.tercatat) if b.tercatat else None
        alasan = []
        if b.kunjungan_terakhir is None or (hari_ini - b.kunjungan_terakhir).days > HARI_TANPA_KUNJUNGAN:
            alasan.append(_("belum dikunjungi %(n)s hari") % {"n": HARI_TANPA_KUNJUNGAN})
        if b.persen_hadir is not None and b.persen_hadir < HADIR_MINIMUM:
            alasan.append(_("kehadiran di bawah %(n)s%%") % {"n": HADIR_MINIMUM})
        if b.laporan_terlambat:
            alasan.append(_("laporan terlambat"))
        b.alasan_kunjungan = alasan
        b.perlu_dikunjungi = bool(alasan)


# --- The pengawas's own report to the Dinas --------------------------------------------------------------------


def isi_laporan_pengawas(pengawas: Pengawas, mulai: datetime.date, selesai: datetime.date) -> dict:
    """A pengawas's visits in the period and the state of their groups' reports for periods within it."""
    kelompok_ids = pengawas.pendampingan.berlaku().values("kelompok")
    kunjungan = (
        KunjunganPendampingan.objects.filter(pengawas=pengawas, tanggal__range=(mulai, selesai))
        .select_related("kelompok", "pertemuan")
        .order_by("tanggal", "pk")
    )
    laporan = (
        Laporan.objects.pernah_diajukan()
        .filter(kelompok__in=kelompok_ids, mulai__gte=mulai, selesai__lte=selesai)
        .select_related("kelompok")
        .order_by("kelompok__nama", "mulai", "jenis")
    )
    return {"pengawas": pengawas, "mulai": mulai, "selesai": selesai, "kunjungan": kunjungan, "laporan": laporan}


@transaction.atomic
def minta_laporan_pengawas(*, oleh, mulai: datetime.date, selesai: datetime.date) -> Dokumen:
    """A pengawas asks for their periodic report as a PDF: a Dokumen "diproses", private to them, rendered by
    `render_dokumen` after commit. The row hangs on one of their groups (a Dokumen belongs to a group)."""
    from ..tasks import render_dokumen

    pengawas = Pengawas.objects.filter(user=oleh).first()
    kelompok_id = (
        pengawas.pendampingan.berlaku().order_by("kelompok_id").values_list("kelompok_id", flat=True).first()
        if pengawas
        else None
    )
    if kelompok_id is None:
        raise PermissionDenied(_("Hanya pengawas yang mendampingi kelompok yang dapat mencetak laporan ini."))
    if selesai < mulai:
        raise ValidationError(_("Akhir periode tidak boleh sebelum awalnya."))
    dokumen = Dokumen.objects.create(
        jenis=Dokumen.Jenis.LAPORAN_PENGAWAS,
        kelompok_id=kelompok_id,
        parameter={"mulai": mulai.isoformat(), "selesai": selesai.isoformat()},
        judul=_judul(pengawas, mulai, selesai)[:200],
        diterbitkan_oleh=oleh,
    )
    antre(render_dokumen, dokumen.pk)
    return dokumen


def laporan_pengawas_untuk(user):
    """The pengawas's periodic reports `user` may read that are ready, newest first (the Dinas: their kabupaten's)."""
    from ..akses import dokumen_untuk

    return (
        dokumen_untuk(user)
        .filter(jenis=Dokumen.Jenis.LAPORAN_PENGAWAS, status=Dokumen.Status.BERLAKU)
        .select_related("diterbitkan_oleh")
        .order_by("-dibuat")
    )


def _judul(pengawas: Pengawas, mulai, selesai) -> str:
    return _("Laporan pendampingan %(p)s, %(a)s – %(b)s") % {
        "p": pengawas,
        "a": pdf.tanggal_panjang(mulai),
        "b": pdf.tanggal_panjang(selesai),
    }


def naskah_laporan_pengawas(dokumen: Dokumen) -> pdf.Naskah:
    """The render task's builder (dokumen._NASKAH) for a pengawas's report."""
    pengawas = Pengawas.objects.select_related("user", "kabupaten").get(user_id=dokumen.diterbitkan_oleh_id)
    url = pdf.url_verifikasi(dokumen)
    with translation.override(settings.LANGUAGE_CODE):
        konteks = isi_laporan_pengawas(pengawas, *dokumen.periode) | {
            "dokumen": dokumen,
            "url_verifikasi": url,
            "qr": pdf.qr_data_uri(url),
            "tanggal_cetak": pdf.tanggal_panjang(timezone.localdate()),
        }
        judul = _judul(pengawas, *dokumen.periode)
        return pdf.naskah(
            "pdf/laporan_pengawas.html",
            konteks,
            judul=judul,
            subjek=judul,
            penulis=str(pengawas),
        )
