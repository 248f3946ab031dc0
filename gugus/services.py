"""State-changing actions on the organisation's roles: members, board, pengawas, accounts.

Each takes the acting user as `oleh`, checks permission with `akses.pastikan_boleh`, validates, writes in one
transaction and writes its e-mail to the outbox (kkg.surel) in the same transaction. History rows are written by
django-simple-history.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from kkg.lib.situs import url_absolut
from kkg.surel.layanan import surel_dari_templat

from .akses import pastikan_boleh
from .models import Guru, Keanggotaan, KelompokKerja, Kepengurusan, Pendampingan, Pengawas
from .nama import pisah_nama

User = get_user_model()


def _tutup_periode(baris, pada: datetime.date | None):
    """Ends a mulai/selesai row; `selesai` is its last day in force. Without `pada` it ends yesterday, so that
    "Akhiri" takes effect at once; a row that had not yet been in force a day was a mistake and is removed
    (django-simple-history keeps the record)."""
    if pada is None:
        pada = timezone.localdate() - datetime.timedelta(days=1)
        if pada < baris.mulai:
            baris.delete()
            return baris
    baris.selesai = max(pada, baris.mulai)
    baris.save(update_fields=["selesai"])
    return baris


def _pastikan_dalam_wilayah(kelompok: KelompokKerja, guru: Guru):
    if not kelompok.sekolah_wilayah().filter(pk=guru.sekolah_id).exists():
        raise ValidationError(
            {"guru": _("%(guru)s mengajar di luar wilayah %(kelompok)s.") % {"guru": guru, "kelompok": kelompok}}
        )


@transaction.atomic
def tambah_anggota(kelompok: KelompokKerja, *, guru: Guru, mulai: datetime.date, oleh) -> Keanggotaan:
    """Ketua (or Dinas) adds a teacher of the group's area as a member from `mulai`."""
    pastikan_boleh(oleh, "kelola_anggota", kelompok)
    _pastikan_dalam_wilayah(kelompok, guru)
    if Keanggotaan.objects.filter(kelompok=kelompok, guru=guru, selesai__isnull=True).exists():
        raise ValidationError({"guru": _("%(guru)s sudah menjadi anggota kelompok ini.") % {"guru": guru}})
    anggota = Keanggotaan(kelompok=kelompok, guru=guru, mulai=mulai)
    anggota.full_clean()
    anggota.save()
    return anggota


@transaction.atomic
def akhiri_keanggotaan(keanggotaan: Keanggotaan, *, oleh, pada: datetime.date | None = None) -> Keanggotaan:
    """Ends a membership: its last day is `pada` (yesterday by default); the row stays for the record."""
    pastikan_boleh(oleh, "kelola_anggota", keanggotaan.kelompok)
    return _tutup_periode(keanggotaan, pada)


@transaction.atomic
def angkat_pengurus(
    kelompok: KelompokKerja,
    *,
    guru: Guru,
    jabatan: str,
    mulai: datetime.date,
    selesai: datetime.date | None = None,
    bidang: str = "",
    nomor_sk: str = "",
    tanggal_sk: datetime.date | None = None,
    oleh,
) -> Kepengurusan:
    """Appoints a board member. For ketua, sekretaris and bendahara the current holder steps down the day
    before; a new board member who is not yet a member of the group becomes one."""
    pastikan_boleh(oleh, "kelola_pengurus", kelompok)
    _pastikan_dalam_wilayah(kelompok, guru)
    pengurus = Kepengurusan(
        kelompok=kelompok,
        guru=guru,
        jabatan=jabatan,
        mulai=mulai,
        selesai=selesai,
        bidang=bidang,
        nomor_sk=nomor_sk,
        tanggal_sk=tanggal_sk,
    )
    pengurus.full_clean(validate_constraints=False)
    if jabatan in Kepengurusan.JABATAN_TUNGGAL:
        for lama in Kepengurusan.objects.select_for_update().filter(kelompok=kelompok, jabatan=jabatan, aktif=True):
            sebelum = mulai - datetime.timedelta(days=1)
            lama.aktif = False
            # The predecessor's term ends the day before, unless it had already ended earlier.
            lama.selesai = max(min(lama.selesai or sebelum, sebelum), lama.mulai)
            lama.save(update_fields=["aktif", "selesai"])
    pengurus.save()
    if not Keanggotaan.objects.filter(kelompok=kelompok, guru=guru, selesai__isnull=True).exists():
        Keanggotaan.objects.create(kelompok=kelompok, guru=guru, mulai=mulai)
    return pengurus


@transaction.atomic
def akhiri_jabatan(pengurus: Kepengurusan, *, oleh, pada: datetime.date | None = None) -> Kepengurusan:
    pastikan_boleh(oleh, "kelola_pengurus", pengurus.kelompok)
    pengurus.aktif = False
    pengurus.selesai = max(pada or timezone.localdate(), pengurus.mulai)
    pengurus.save(update_fields=["aktif", "selesai"])
    return pengurus


@transaction.atomic
def tugaskan_pengawas(kelompok: KelompokKerja, *, pengawas: Pengawas, mulai: datetime.date, oleh) -> Pendampingan:
    """Dinas assigns a pengawas of the same kabupaten to accompany the group."""
    pastikan_boleh(oleh, "kelola_pendampingan", kelompok)
    if pengawas.kabupaten_id != kelompok.kabupaten_id:
        raise ValidationError({"pengawas": _("Pengawas harus dari kabupaten/kota yang sama dengan kelompok.")})
    if Pendampingan.objects.filter(kelompok=kelompok, pengawas=pengawas, selesai__isnull=True).exists():
        raise ValidationError({"pengawas": _("Pengawas ini sudah mendampingi kelompok ini.")})
    return Pendampingan.objects.create(kelompok=kelompok, pengawas=pengawas, mulai=mulai)


@transaction.atomic
def akhiri_pendampingan(pendampingan: Pendampingan, *, oleh, pada: datetime.date | None = None) -> Pendampingan:
    pastikan_boleh(oleh, "kelola_pendampingan", pendampingan.kelompok)
    return _tutup_periode(pendampingan, pada)


@transaction.atomic
def buat_akun_guru(guru: Guru, *, username: str, oleh) -> User:
    """Dinas (or a superuser) gives a teacher a login. The account has no password yet: an e-mail with a link to
    set one is written to the outbox with the account, and sent after commit."""
    pastikan_boleh(oleh, "ubah", guru)
    if guru.user_id:
        raise ValidationError(_("%(guru)s sudah mempunyai akun.") % {"guru": guru})
    if not guru.alamat_email:
        raise ValidationError({"username": _("Isi dahulu e-mail guru ini: tautan kata sandi dikirim ke sana.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Nama pengguna %(u)s sudah dipakai.") % {"u": username}})
    depan, belakang = pisah_nama(guru.nama)
    user = User(username=username, email=guru.alamat_email, first_name=depan[:150], last_name=belakang[:150])
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    guru.user = user
    guru.save(update_fields=["user"])
    tautan = url_absolut(
        reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    )
    konteks = {"guru": guru, "user": user, "tautan": tautan}
    surel_dari_templat("gugus/email/akun_baru", konteks, guru.alamat_email, kunci=f"akun:{user.pk}")
    return user
