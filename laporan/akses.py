"""Who may fetch which issued document: a getter over `gugus.akses` and `kegiatan.akses` (DESIGN.md, "Access").

A document is seen only inside a group the user sees (`kelompok_untuk`), and then by one rule per kind, from the
table below: a notulen by whoever may read that approved version, a daftar hadir by those who keep attendance, a
surat undangan by those who manage the meeting. A kind whose rule is `pemohon` (exports, next) is private to
the user who asked for it. Views fetch documents only through `dokumen_untuk`, so anything else is a 404.
"""

from django.db.models import Q, QuerySet

from gugus.akses import kelompok_untuk
from kegiatan.akses import kelompok_dengan, notulen_untuk
from kegiatan.models import Notulen

from .models import Dokumen


def _notulen_terbaca(user) -> Q:
    return Q(notulen__in=notulen_untuk(user).filter(status=Notulen.Status.DISETUJUI))


def _kelompok_dengan(aksi: str):
    def aturan(user) -> Q:
        return Q(kelompok__in=kelompok_dengan(user, aksi))

    return aturan


def pemohon(user) -> Q:
    """Private to the requester: the user who asked for the document (`diterbitkan_oleh`)."""
    return Q(diterbitkan_oleh=user)


ATURAN = {
    Dokumen.Jenis.NOTULEN: _notulen_terbaca,
    Dokumen.Jenis.DAFTAR_HADIR: _kelompok_dengan("catat_kehadiran"),
    Dokumen.Jenis.SURAT_UNDANGAN: _kelompok_dengan("kelola_pertemuan"),
}


def dokumen_untuk(user) -> QuerySet[Dokumen]:
    if not getattr(user, "is_authenticated", False):
        return Dokumen.objects.none()
    boleh = Q(pk__in=[])
    for jenis, aturan in ATURAN.items():
        boleh |= Q(jenis=jenis) & aturan(user)
    return Dokumen.objects.filter(boleh, kelompok__in=kelompok_untuk(user))
