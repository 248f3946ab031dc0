"""The journey of a report, in one place: draf → diajukan → dikembalikan (revised, re-submitted) or disetujui →
diteruskan → diterima.

Why one service module and not a state-machine library: every transition must take a row lock, ask the access
registry who may act (`gugus.akses.boleh`), freeze a snapshot, write the timeline and the outbox rows and enqueue
the PDF, all in one transaction. Those are service concerns; a library's decorators would hold only the
from/to table below, which is as clear written out.

Who: only the group's ketua creates and submits; only a pengawas accompanying the group reviews (returns,
approves, forwards); only Dinas staff of the group's kabupaten accept. Anything else is refused with
PermissionDenied, a transition from the wrong state with a ValidationError that says why.
"""

import calendar
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gugus.akses import boleh, pastikan_boleh
from gugus.models import KelompokKerja, Pendampingan, StafDinas
from kegiatan.models import EntriKas
from kegiatan.services.notulen import bersihkan
from kkg.lib.antrean import antre
from kkg.lib.situs import url_absolut
from kkg.surel.layanan import surel_dari_templat

from ..models import Dokumen, Laporan, RiwayatLaporan, VersiLaporan
from .kompilasi import kompilasi

Status = Laporan.Status
Aksi = RiwayatLaporan.Aksi

# action → (states it may start from, state it leads to, the access-registry action that allows it)
TRANSISI = {
    Aksi.AJUKAN: ({Status.DRAF, Status.DIKEMBALIKAN}, Status.DIAJUKAN, "ajukan_laporan"),
    Aksi.KEMBALIKAN: ({Status.DIAJUKAN}, Status.DIKEMBALIKAN, "periksa_laporan"),
    Aksi.SETUJUI: ({Status.DIAJUKAN}, Status.DISETUJUI, "periksa_laporan"),
    Aksi.TERUSKAN: ({Status.DISETUJUI}, Status.DITERUSKAN, "periksa_laporan"),
    Aksi.TERIMA: ({Status.DITERUSKAN}, Status.DITERIMA, "terima_laporan"),
}

_TOLAK = {
    Aksi.AJUKAN: _("Hanya laporan draf atau yang dikembalikan yang dapat diajukan."),
    Aksi.KEMBALIKAN: _("Hanya laporan yang sedang diajukan yang dapat dikembalikan."),
    Aksi.SETUJUI: _("Hanya laporan yang sedang diajukan yang dapat disetujui."),
    Aksi.TERUSKAN: _("Hanya laporan yang sudah disetujui yang dapat diteruskan ke Dinas."),
    Aksi.TERIMA: _("Hanya laporan yang sudah diteruskan ke Dinas yang dapat diterima."),
}


def aksi_tersedia(user, laporan: Laporan) -> list[str]:
    """The transitions `user` may take on `laporan` now (for the page's buttons; the services decide again)."""
    return [
        aksi for aksi, (dari, _ke, izin) in TRANSISI.items() if laporan.status in dari and boleh(user, izin, laporan)
    ]


# --- Periods ------------------------------------------------------------------------------------------------


def periode(jenis: str, tanggal: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The period of kind `jenis` that contains `tanggal`: the month, the semester (Jul–Dec / Jan–Jun) or the
    tahun ajaran (Jul–Jun)."""
    J = Laporan.Jenis
    if jenis == J.BULANAN:
        akhir = calendar.monthrange(tanggal.year, tanggal.month)[1]
        return tanggal.replace(day=1), tanggal.replace(day=akhir)
    if jenis == J.SEMESTER:
        if tanggal.month >= 7:
            return datetime.date(tanggal.year, 7, 1), datetime.date(tanggal.year, 12, 31)
        return datetime.date(tanggal.year, 1, 1), datetime.date(tanggal.year, 6, 30)
    if jenis == J.TAHUNAN:
        awal = tanggal.year if tanggal.month >= 7 else tanggal.year - 1
        return datetime.date(awal, 7, 1), datetime.date(awal + 1, 6, 30)
    raise ValueError(f"no fixed period for {jenis!r}")


def periode_sebelumnya(jenis: str, tanggal: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last whole period before the one containing `tanggal` (what is due now)."""
    mulai, _selesai = periode(jenis, tanggal)
    return periode(jenis, mulai - datetime.timedelta(days=1))


def tanggal_bawaan(jenis: str) -> datetime.date | None:
    """A date in the period a new report is usually for: the last whole one (an LPJ has no fixed period)."""
    if jenis == Laporan.Jenis.LPJ:
        return None
    return periode_sebelumnya(jenis, timezone.localdate())[0]


# --- Writing the report -------------------------------------------------------------------------------------


@transaction.atomic
def buat_laporan(
    kelompok: KelompokKerja,
    *,
    oleh,
    jenis: str,
    tanggal: datetime.date | None = None,
    hibah: EntriKas | None = None,
    selesai: datetime.date | None = None,
) -> Laporan:
    """Ketua opens a draft report for the period of `jenis` containing `tanggal`. An LPJ accounts for a grant
    (`hibah`, a receipt of category hibah of the group) from its date to `selesai`; the bendahara may open one too
    (the ketua still submits it)."""
    pastikan_boleh(oleh, "buat_lpj" if jenis == Laporan.Jenis.LPJ else "buat_laporan", kelompok)
    if jenis == Laporan.Jenis.LPJ:
        if hibah is None or hibah.kelompok_id != kelompok.pk or hibah.kategori != EntriKas.Kategori.HIBAH:
            raise ValidationError({"hibah": _("Pilih bantuan/hibah kelompok ini yang dipertanggungjawabkan.")})
        mulai, selesai = hibah.tanggal, selesai or timezone.localdate()
        if selesai < mulai:
            raise ValidationError({"selesai": _("Akhir periode tidak boleh sebelum tanggal bantuan diterima.")})
    else:
        if hibah is not None:
            raise ValidationError({"hibah": _("Hanya LPJ yang mempertanggungjawabkan bantuan.")})
        mulai, selesai = periode(jenis, tanggal or timezone.localdate())
    if Laporan.objects.filter(kelompok=kelompok, jenis=jenis, mulai=mulai).exists():
        raise ValidationError(_("Laporan untuk periode ini sudah ada."))
    laporan = Laporan.objects.create(
        kelompok=kelompok, jenis=jenis, mulai=mulai, selesai=selesai, hibah=hibah, dibuat_oleh=oleh
    )
    _catat(laporan, Aksi.BUAT, "", oleh)
    return laporan


@transaction.atomic
def minta_pratinjau(laporan: Laporan, *, oleh) -> Dokumen:
    """The ketua previews the PDF before submitting: the report as it would be submitted now, rendered in the
    background, private to them and marked PRATINJAU (a preview is never a document of record)."""
    from ..tasks import render_dokumen

    pastikan_boleh(oleh, "pratinjau_laporan", laporan)
    dokumen = Dokumen.objects.create(
        jenis=Dokumen.Jenis.PRATINJAU_LAPORAN,
        kelompok_id=laporan.kelompok_id,
        laporan=laporan,
        judul=f"{_('Pratinjau')} {laporan.judul} – {laporan.kelompok.nama}"[:200],
        diterbitkan_oleh=oleh,
    )
    antre(render_dokumen, dokumen.pk)
    return dokumen


@transaction.atomic
def ubah_narasi(laporan: Laporan, *, oleh, capaian: str, kendala: str, tindak_lanjut: str, dampak: str) -> Laporan:
    """Ketua writes the narrative while the report is a draft or after it was returned."""
    laporan = _kunci(laporan)
    pastikan_boleh(oleh, "ajukan_laporan", laporan)
    if not laporan.bisa_diubah:
        raise ValidationError(_("Laporan yang sedang diperiksa atau sudah disetujui tidak dapat diubah."))
    laporan.capaian, laporan.kendala = bersihkan(capaian), bersihkan(kendala)
    laporan.tindak_lanjut, laporan.dampak = bersihkan(tindak_lanjut), bersihkan(dampak)
    laporan.save(update_fields=["capaian", "kendala", "tindak_lanjut", "dampak", "diubah"])
    return laporan


# --- The journey --------------------------------------------------------------------------------------------


def _kunci(laporan: Laporan) -> Laporan:
    return Laporan.objects.select_for_update(of=("self",)).select_related("kelompok").get(pk=laporan.pk)


def nama_pengguna(user) -> str:
    guru = getattr(user, "guru", None)
    return (guru.nama if guru else "") or user.get_full_name() or user.get_username()


def _catat(laporan: Laporan, aksi: str, dari: str, oleh, catatan: str = "") -> RiwayatLaporan:
    return RiwayatLaporan.objects.create(
        laporan=laporan,
        aksi=aksi,
        dari=dari,
        ke=laporan.status,
        versi=laporan.versi,
        oleh=oleh,
        nama_oleh=nama_pengguna(oleh)[:150],
        catatan=catatan,
    )


def _pindah(laporan: Laporan, aksi: str, *, oleh, catatan: str = "") -> tuple[Laporan, str]:
    """Locks the report, checks who and from which state, moves it, writes the timeline. Returns the report and
    the state it came from."""
    laporan = _kunci(laporan)
    dari, ke, izin = TRANSISI[aksi]
    if not boleh(oleh, izin, laporan):
        raise PermissionDenied(_("Anda tidak berwenang melakukan ini pada laporan tersebut."))
    if laporan.status not in dari:
        raise ValidationError(_TOLAK[aksi])
    asal = laporan.status
    laporan.status = ke
    return laporan, asal


def _terbitkan_pdf(laporan: Laporan, versi: VersiLaporan, *, oleh) -> Dokumen:
    """The version's PDF: a Dokumen row "diproses", rendered in parts by tasks after commit (the pipeline of
    laporan/services/dokumen.py). A version rendered again (approved: now with the pengawas's signature) gets a new
    document; the old one is "diganti"."""
    from ..tasks import render_dokumen

    lama = versi.dokumen
    dokumen = Dokumen.objects.create(
        jenis=Dokumen.Jenis.LAPORAN,
        kelompok_id=laporan.kelompok_id,
        laporan=laporan,
        judul=f"{laporan.judul} – {laporan.kelompok.nama} (v{versi.nomor})"[:200],
        status=Dokumen.Status.DIPROSES,
        diterbitkan_oleh=oleh,
    )
    versi.dokumen = dokumen
    versi.save(update_fields=["dokumen"])
    if lama is not None:
        Dokumen.objects.filter(pk=lama.pk).update(status=Dokumen.Status.DIGANTI)
    antre(render_dokumen, dokumen.pk)
    return dokumen


@transaction.atomic
def ajukan_laporan(laporan: Laporan, *, oleh) -> Laporan:
    """Ketua submits (or re-submits after a return) to the group's pengawas. Freezes the compiled content as a new
    version, queues its PDF, and tells the pengawas by e-mail. A group with no pengawas cannot submit."""
    laporan, asal = _pindah(laporan, Aksi.AJUKAN, oleh=oleh)
    pengawas = list(_pengawas(laporan))
    if not pengawas:
        raise ValidationError(_("Kelompok ini belum mempunyai pengawas pendamping; hubungi Dinas."))
    laporan.versi += 1
    laporan.diajukan_pada = timezone.now()
    laporan.pertama_diajukan = laporan.pertama_diajukan or laporan.diajukan_pada
    laporan.save(update_fields=["status", "versi", "diajukan_pada", "pertama_diajukan", "diubah"])
    versi = VersiLaporan.objects.create(
        laporan=laporan, nomor=laporan.versi, isi=kompilasi(laporan), diajukan_oleh=oleh
    )
    _catat(laporan, Aksi.AJUKAN, asal, oleh)
    _terbitkan_pdf(laporan, versi, oleh=oleh)
    for user in pengawas:
        _beri_tahu("laporan/email/laporan_diajukan", laporan, user, f"ajukan:{laporan.versi}")
    return laporan


@transaction.atomic
def kembalikan_laporan(laporan: Laporan, *, oleh, catatan: str) -> Laporan:
    """The pengawas returns a submitted report with notes; the ketua is told and may revise and re-submit."""
    catatan = bersihkan(catatan)
    if not catatan:
        raise ValidationError({"catatan": _("Tuliskan apa yang perlu diperbaiki oleh ketua.")})
    laporan, asal = _pindah(laporan, Aksi.KEMBALIKAN, oleh=oleh, catatan=catatan)
    laporan.save(update_fields=["status", "diubah"])
    _catat(laporan, Aksi.KEMBALIKAN, asal, oleh, catatan)
    for user in akun_ketua(laporan.kelompok_id):
        _beri_tahu("laporan/email/laporan_dikembalikan", laporan, user, f"kembali:{laporan.versi}", catatan=catatan)
    return laporan


@transaction.atomic
def setujui_laporan(laporan: Laporan, *, oleh, catatan: str = "", teruskan: bool = True) -> Laporan:
    """The pengawas approves a submitted report: the version's PDF is rendered again with the pengawas's
    signature. With `teruskan` (the default of the page) it goes on to the Dinas in the same step."""
    catatan = bersihkan(catatan)
    laporan, asal = _pindah(laporan, Aksi.SETUJUI, oleh=oleh, catatan=catatan)
    laporan.save(update_fields=["status", "diubah"])
    _catat(laporan, Aksi.SETUJUI, asal, oleh, catatan)
    versi = laporan.daftar_versi.select_related("dokumen").get(nomor=laporan.versi)
    _terbitkan_pdf(laporan, versi, oleh=oleh)
    for user in akun_ketua(laporan.kelompok_id):
        _beri_tahu("laporan/email/laporan_disetujui", laporan, user, f"setuju:{laporan.versi}", catatan=catatan)
    if teruskan:
        return teruskan_laporan(laporan, oleh=oleh)
    return laporan


@transaction.atomic
def teruskan_laporan(laporan: Laporan, *, oleh) -> Laporan:
    """The pengawas forwards an approved report to the Dinas of the group's kabupaten."""
    laporan, asal = _pindah(laporan, Aksi.TERUSKAN, oleh=oleh)
    laporan.save(update_fields=["status", "diubah"])
    _catat(laporan, Aksi.TERUSKAN, asal, oleh)
    for staf in StafDinas.objects.filter(kabupaten_id=laporan.kelompok.kabupaten_id).select_related("user"):
        _beri_tahu("laporan/email/laporan_diteruskan", laporan, staf.user, f"terus:{laporan.versi}")
    return laporan


@transaction.atomic
def terima_laporan(laporan: Laporan, *, oleh, catatan: str = "") -> Laporan:
    """Dinas staff of the kabupaten accept a forwarded report: the end of its journey."""
    catatan = bersihkan(catatan)
    laporan, asal = _pindah(laporan, Aksi.TERIMA, oleh=oleh, catatan=catatan)
    laporan.save(update_fields=["status", "diubah"])
    _catat(laporan, Aksi.TERIMA, asal, oleh, catatan)
    for user in akun_ketua(laporan.kelompok_id):
        _beri_tahu("laporan/email/laporan_diterima", laporan, user, f"terima:{laporan.versi}", catatan=catatan)
    return laporan


# --- Who is told --------------------------------------------------------------------------------------------


def _pengawas(laporan: Laporan):
    """Accounts of the pengawas accompanying the group today."""
    from django.contrib.auth import get_user_model

    ids = Pendampingan.objects.berlaku().filter(kelompok_id=laporan.kelompok_id).values("pengawas__user")
    return get_user_model().objects.filter(pk__in=ids, is_active=True)


def akun_ketua(kelompok_id: int):
    """Accounts of the group's ketua in office (normally one)."""
    from django.contrib.auth import get_user_model

    from gugus.models import Kepengurusan

    ids = (
        Kepengurusan.objects.menjabat()
        .filter(kelompok_id=kelompok_id, jabatan=Kepengurusan.Jabatan.KETUA)
        .values("guru__user")
    )
    return get_user_model().objects.filter(pk__in=ids, is_active=True)


def alamat_pengguna(user) -> str:
    """A user's e-mail: their Guru's address when they are a teacher, else the account's."""
    guru = getattr(user, "guru", None)
    return guru.alamat_email if guru else (user.email or "").strip().lower()


def beri_tahu(templat: str, user, konteks: dict, kunci: str) -> bool:
    """An outbox e-mail to `user` from the templates `templat`, written once per `kunci`. False when the user has
    no address (they still see the matter in the app)."""
    alamat = alamat_pengguna(user)
    if not alamat:
        return False
    surel_dari_templat(templat, konteks | {"penerima": user}, alamat, nama_penerima=nama_pengguna(user), kunci=kunci)
    return True


def _beri_tahu(templat: str, laporan: Laporan, user, langkah: str, **konteks) -> None:
    """A notice to `user` about `laporan`, once per report, step and version."""
    konteks = {"laporan": laporan, "tautan": url_absolut(laporan.get_absolute_url())} | konteks
    beri_tahu(templat, user, konteks, f"laporan:{laporan.pk}:{langkah}:{user.pk}")
