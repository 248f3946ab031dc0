"""Distribution of an approved notulen: who receives it, the delivery rows and their e-mail.

Exactly once per (version, address): `distribusikan` writes one `Pengiriman` row per address, each with its
outbox row (kkg.surel, key "notulen:<version id>:<address>"), in ONE transaction; the unique constraint
(notulen, email) and the skip of existing addresses mean a second "Distribusikan" never creates a second row,
hence never a second e-mail. The outbox sends each message at most once, retries it, sweeps it when the broker
was down (kkg/surel/layanan.py holds that design); the delivery's status is its outbox row's, or "dibaca".
"""

import re
from dataclasses import dataclass, field
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gugus.akses import pastikan_boleh
from gugus.models import Keanggotaan, Pendampingan
from kegiatan.models import Notulen
from kegiatan.services.notulen import versi_berlaku
from kkg.lib.situs import url_absolut
from kkg.surel import layanan as kotak_keluar
from kkg.surel.lampiran import LampiranHilang

from ..models import Distribusi, Dokumen, Pengiriman
from .dokumen import siapkan_pdf_notulen

Peran = Pengiriman.Peran
Status = Pengiriman.Status


@dataclass
class Penerima:
    nama: str
    email: str  # lower-case, "" when unknown
    peran: str = Peran.LAINNYA
    sekolah: str = ""
    user_id: int | None = None

    def get_peran_display(self) -> str:
        return str(Peran(self.peran).label)


@dataclass
class DaftarPenerima:
    """The default recipients: sendable ones (one per address) and those without an address."""

    penerima: list[Penerima] = field(default_factory=list)
    tanpa_email: list[Penerima] = field(default_factory=list)


def _guru(guru, peran: str) -> Penerima:
    return Penerima(guru.nama, guru.alamat_email, peran, guru.sekolah.nama, guru.user_id)


def penerima_bawaan(notulen: Notulen) -> DaftarPenerima:
    """Members of the group on the meeting date, kepala sekolah of the group's schools and the group's pengawas
    in force, deduplicated by address (the first role wins). Three queries."""
    pertemuan = notulen.pertemuan
    kelompok = pertemuan.kelompok
    calon = [
        _guru(k.guru, Peran.ANGGOTA)
        for k in Keanggotaan.objects.berlaku(pertemuan.tanggal)
        .filter(kelompok_id=kelompok.pk)
        .select_related("guru__user", "guru__sekolah")
        .order_by("guru__nama")
    ]
    sekolah = kelompok.sekolah_wilayah().filter(kepala_sekolah__isnull=False)
    for s in sekolah.select_related("kepala_sekolah__user", "kepala_sekolah__sekolah").order_by("nama"):
        calon.append(_guru(s.kepala_sekolah, Peran.KEPALA_SEKOLAH))
    for p in Pendampingan.objects.berlaku().filter(kelompok_id=kelompok.pk).select_related("pengawas__user"):
        user = p.pengawas.user
        nama = user.get_full_name() or user.get_username()
        calon.append(Penerima(nama, (user.email or "").strip().lower(), Peran.PENGAWAS, "", user.pk))
    hasil, terlihat = DaftarPenerima(), set()
    for c in calon:
        if not c.email:
            hasil.tanpa_email.append(c)
        elif c.email not in terlihat:
            terlihat.add(c.email)
            hasil.penerima.append(c)
    return hasil


_BARIS = re.compile(r"^\s*(?P<nama>.*?)\s*[<,;]?\s*(?P<email>[^\s<>,;]+@[^\s<>,;]+?)\s*>?\s*$")


def urai_tambahan(teks: str) -> list[Penerima]:
    """Extra recipients typed one a line: "Nama <alamat@contoh.id>", "Nama, alamat@contoh.id" or an address.
    Raises ValidationError naming the lines that are not understood."""
    hasil, salah = [], []
    for nomor, baris in enumerate((teks or "").splitlines(), 1):
        if not baris.strip():
            continue
        cocok = _BARIS.match(baris)
        alamat = cocok["email"].lower() if cocok else ""
        try:
            validate_email(alamat)
        except ValidationError:
            salah.append(str(nomor))
            continue
        hasil.append(Penerima(cocok["nama"].strip(" ,;") or alamat, alamat, Peran.LAINNYA))
    if salah:
        raise ValidationError(_("Baris %(baris)s bukan alamat e-mail yang valid.") % {"baris": ", ".join(salah)})
    return hasil


def notulen_terdistribusi(pertemuan) -> Notulen | None:
    """The version that may be distributed: the current approved one."""
    return versi_berlaku(pertemuan)


def distribusikan(notulen: Notulen, penerima: list[Penerima], *, oleh) -> list[Pengiriman]:
    """Sekretaris or ketua sends the current approved version to `penerima`. Creates one Distribusi and one
    Pengiriman with its e-mail in the outbox per address that has none yet for this version (never a second
    e-mail to an address); the e-mails are sent after commit. Returns the new rows (maybe none)."""
    pastikan_boleh(oleh, "tulis_notulen", notulen.pertemuan)
    berlaku = versi_berlaku(notulen.pertemuan)
    if notulen.status != Notulen.Status.DISETUJUI or berlaku is None or berlaku.pk != notulen.pk:
        raise ValidationError(_("Hanya versi notulen yang berlaku (sudah disetujui) yang dapat didistribusikan."))
    # The e-mail quotes the PDF's verification link: rendered now if the approval's task has not run yet.
    dokumen = siapkan_pdf_notulen(notulen)
    with transaction.atomic():
        # Lock the version so that two simultaneous clicks serialise here instead of on the unique constraint.
        Notulen.objects.select_for_update().filter(pk=notulen.pk).first()
        ada = set(Pengiriman.objects.filter(notulen=notulen).values_list("email", flat=True))
        baru = {}
        for p in penerima:
            alamat = p.email.strip().lower()
            if alamat and alamat not in ada and alamat not in baru:
                baru[alamat] = p
        if not baru:
            return []
        distribusi = Distribusi.objects.create(notulen=notulen, dibuat_oleh=oleh)
        baris = [
            Pengiriman(
                distribusi=distribusi,
                notulen=notulen,
                email=alamat,
                nama=p.nama[:150],
                peran=p.peran,
                sekolah=p.sekolah[:150],
                user_id=p.user_id,
            )
            for alamat, p in baru.items()
        ]
        for b in baris:
            b.surel = _tulis_surel(b, dokumen)
        Pengiriman.objects.bulk_create(baris)
        kotak_keluar.antrekan(b.surel for b in baris)
    return baris


def _tulis_surel(p: Pengiriman, dokumen: Dokumen):
    pertemuan = p.notulen.pertemuan
    konteks = {
        "p": p,
        "pertemuan": pertemuan,
        "notulen": p.notulen,
        "tautan_baca": url_absolut(reverse("laporan:baca", args=[p.token])),
        "tautan_verifikasi": url_verifikasi(dokumen),
    }
    return kotak_keluar.tulis_surel(
        "laporan/email/distribusi",
        konteks,
        p.email,
        nama_penerima=p.nama,
        kunci=f"notulen:{p.notulen_id}:{p.email}",
        lampiran=[("notulen", p.notulen_id)],
    )


def lampiran_notulen(notulen_id: int) -> tuple[str, bytes, str]:
    """The outbox's attachment "notulen": the approved version's PDF (rendered if missing)."""
    notulen = Notulen.objects.filter(pk=notulen_id, status=Notulen.Status.DISETUJUI).first()
    if notulen is None:
        raise LampiranHilang(f"notulen {notulen_id} tidak ada atau belum disetujui")
    dokumen = siapkan_pdf_notulen(notulen)
    with dokumen.berkas.open("rb") as f:
        return dokumen.nama_unduhan(), f.read(), "application/pdf"


def kirim_ulang(pengiriman: Pengiriman, *, oleh) -> None:
    """Sekretaris or ketua sends a failed delivery again: its e-mail goes back to "menunggu", enqueued after
    commit."""
    pastikan_boleh(oleh, "tulis_notulen", pengiriman.notulen.pertemuan)
    kotak_keluar.kirim_ulang(pengiriman.surel)


def url_verifikasi(dokumen: Dokumen) -> str:
    return url_absolut(dokumen.get_verifikasi_url())


def tautan_whatsapp(notulen: Notulen, dokumen: Dokumen | None) -> str:
    """A wa.me share link for the group chat: the topic and the public verification URL of the PDF."""
    pertemuan = notulen.pertemuan
    teks = _("Notulen %(topik)s (%(tanggal)s), versi %(versi)s.") % {
        "topik": pertemuan.topik,
        "tanggal": pertemuan.tanggal.strftime("%d/%m/%Y"),
        "versi": notulen.versi,
    }
    if dokumen is not None:
        teks += " " + _("Periksa keaslian dokumen: %(url)s") % {"url": url_verifikasi(dokumen)}
    return "https://wa.me/?text=" + quote(teks, safe="")


def tandai_dibaca(pengiriman: Pengiriman) -> None:
    """Opened in the inbox or through the tracked link: remembers the first time. A delivery whose e-mail still
    waits stays "menunggu" (the e-mail must still go) and reads "dibaca" once it is sent."""
    Pengiriman.objects.filter(pk=pengiriman.pk, dibaca_pada__isnull=True).update(dibaca_pada=timezone.now())
