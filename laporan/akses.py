"""Laporan's side of access (DESIGN.md, "Access"): getters over `gugus.akses` and `kegiatan.akses`, and the rules of
laporan's actions, which LaporanConfig.ready() puts into gugus.akses's one table (`ATURAN_AKSI`).

Documents: who may fetch which issued document.

A document is seen only inside a group the user sees (`kelompok_untuk`), and then by one rule per kind, from the
table below: a notulen by whoever may read that approved version, a daftar hadir by those who keep attendance, a
surat undangan by those who manage the meeting. A kind whose rule is `pemohon` (exports, next) is private to
the user who asked for it. Views fetch documents only through `dokumen_untuk`, so anything else is a 404.
"""

from django.db.models import Q, QuerySet

from gugus.akses import kelompok_untuk, peran
from gugus.models import Gugus, Kabupaten, KelompokKerja, Kepengurusan
from kegiatan.akses import kelompok_dengan, notulen_untuk
from kegiatan.models import Notulen

from .models import Dokumen, KunjunganPendampingan, Laporan, VersiLaporan

Jabatan = Kepengurusan.Jabatan


def _notulen_terbaca(user) -> Q:
    return Q(notulen__in=notulen_untuk(user).filter(status=Notulen.Status.DISETUJUI))


def _kelompok_dengan(aksi: str):
    def aturan(user) -> Q:
        return Q(kelompok__in=kelompok_dengan(user, aksi))

    return aturan


def pemohon(user) -> Q:
    """Private to the requester: the user who asked for the document (`diterbitkan_oleh`)."""
    return Q(diterbitkan_oleh=user)


def _laporan_pengawas(user) -> Q:
    """A pengawas's own periodic report: theirs, and the Dinas of the kabupaten it reports to."""
    p = peran(user)
    q = pemohon(user)
    if p.is_dinas:
        q |= Q(kelompok__kabupaten_id=p.kabupaten_dinas)
    return q


def _laporan_terlihat(user) -> Q:
    """A submitted version's PDF: whoever sees the report."""
    return Q(pk__in=VersiLaporan.objects.filter(laporan__in=laporan_untuk(user)).values("dokumen"))


ATURAN = {
    Dokumen.Jenis.LAPORAN: _laporan_terlihat,
    Dokumen.Jenis.PRATINJAU_LAPORAN: pemohon,
    Dokumen.Jenis.LAPORAN_PENGAWAS: _laporan_pengawas,
    Dokumen.Jenis.NOTULEN: _notulen_terbaca,
    Dokumen.Jenis.DAFTAR_HADIR: _kelompok_dengan("catat_kehadiran"),
    Dokumen.Jenis.SURAT_UNDANGAN: _kelompok_dengan("kelola_pertemuan"),
    Dokumen.Jenis.BUKU_KAS: _kelompok_dengan("lihat_kas"),
}


def dokumen_untuk(user) -> QuerySet[Dokumen]:
    if not getattr(user, "is_authenticated", False):
        return Dokumen.objects.none()
    boleh = Q(pk__in=[])
    for jenis, aturan in ATURAN.items():
        boleh |= Q(jenis=jenis) & aturan(user)
    return Dokumen.objects.filter(boleh, kelompok__in=kelompok_untuk(user))


# --- Reports (laporan berjenjang) ------------------------------------------------------------------------------
#
# - The group's board sees all its reports, drafts included; the ketua creates, writes and submits.
# - A pengawas sees the reports of the groups they accompany once submitted, and reviews them.
# - Dinas staff see the submitted reports of their kabupaten and accept the forwarded ones; they set deadlines.
# - Members see the reports the Dinas accepted.


def laporan_untuk(user) -> QuerySet[Laporan]:
    p = peran(user)
    qs = Laporan.objects.filter(kelompok__in=kelompok_untuk(user))
    if p.superuser:
        return qs
    q = Q(kelompok_id__in=set(p.jabatan)) | Q(versi__gt=0, kelompok_id__in=p.didampingi)
    q |= Q(status=Laporan.Status.DITERIMA, kelompok_id__in=p.anggota_dari)
    if p.is_dinas:
        q |= Q(versi__gt=0, kelompok__kabupaten_id=p.kabupaten_dinas)
    return qs.filter(q)


def kunjungan_untuk(user) -> QuerySet[KunjunganPendampingan]:
    """Visits: the pengawas's own, the board's of their group, the Dinas's of their kabupaten."""
    p = peran(user)
    qs = KunjunganPendampingan.objects.filter(kelompok__in=kelompok_untuk(user))
    if p.superuser:
        return qs
    q = Q(kelompok_id__in=set(p.jabatan)) | Q(pengawas__user=user)
    if p.is_dinas:
        q |= Q(kelompok__kabupaten_id=p.kabupaten_dinas)
    return qs.filter(q)


def _kelompok(obj) -> KelompokKerja:
    return obj if isinstance(obj, KelompokKerja) else obj.kelompok


def ketua(user, p, obj) -> bool:
    """buat_laporan, ajukan_laporan: the group's ketua."""
    return p.punya_jabatan(_kelompok(obj).pk, Jabatan.KETUA)


def penyusun_lpj(user, p, obj) -> bool:
    """buat_lpj on a group, pratinjau_laporan on a report: the ketua, and for a grant's LPJ also the bendahara
    (who keeps the receipts it accounts for)."""
    if ketua(user, p, obj):
        return True
    lpj = isinstance(obj, KelompokKerja) or obj.jenis == Laporan.Jenis.LPJ
    return lpj and p.punya_jabatan(_kelompok(obj).pk, Jabatan.BENDAHARA)


def pengawas_kelompok(user, p, obj) -> bool:
    """periksa_laporan, catat_kunjungan: a pengawas accompanying the group today."""
    return _kelompok(obj).pk in p.didampingi


def dinas_kabupaten(user, p, obj) -> bool:
    """terima_laporan: Dinas staff of the group's kabupaten; atur_tenggat: of that kabupaten (obj a Kabupaten)."""
    kabupaten_id = obj.pk if obj.__class__.__name__ == "Kabupaten" else _kelompok(obj).kabupaten_id
    return p.is_dinas and p.kabupaten_dinas == kabupaten_id


# --- Activity figures (laporan/services/aktivitas.py) ----------------------------------------------------------
#
# A group's figures are for whoever sees its board data (its board, its pengawas, the Dinas of its kabupaten: as
# kegiatan's "lihat_riwayat"); a gugus's for its Dinas and a pengawas of one of its groups; a kabupaten's for its
# Dinas. The groups listed on a gugus or kabupaten page are still only those the user sees the figures of.


def kelompok_aktivitas(user) -> QuerySet[KelompokKerja]:
    """The groups whose activity figures `user` sees."""
    return kelompok_dengan(user, "lihat_riwayat")


def pembaca_aktivitas(user, p, obj) -> bool:
    """lihat_aktivitas on a KelompokKerja, a Gugus or a Kabupaten (see above)."""
    match obj:
        case Kabupaten():
            return p.kabupaten_dinas == obj.pk
        case Gugus():
            return p.kabupaten_dinas == obj.kecamatan.kabupaten_id or (
                bool(p.didampingi) and KelompokKerja.objects.filter(gugus=obj, pk__in=p.didampingi).exists()
            )
    return obj.pk in set(p.jabatan) | p.didampingi or dinas_kabupaten(user, p, obj)


ATURAN_AKSI = {
    "buat_laporan": ketua,
    "buat_lpj": penyusun_lpj,
    "ajukan_laporan": ketua,
    "pratinjau_laporan": penyusun_lpj,
    "periksa_laporan": pengawas_kelompok,
    "catat_kunjungan": pengawas_kelompok,
    "terima_laporan": dinas_kabupaten,
    "atur_tenggat": dinas_kabupaten,
    "lihat_aktivitas": pembaca_aktivitas,
}
