"""Format checks for the national identity numbers of schools and teachers (see DOMAIN.md)."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def _digits(value: str, length: int, label: str) -> None:
    if not re.fullmatch(rf"\d{{{length}}}", value or ""):
        raise ValidationError(
            _("%(label)s harus terdiri dari tepat %(n)d angka."),
            code="format",
            params={"label": label, "n": length},
        )


def validasi_npsn(value: str) -> None:
    _digits(value, 8, "NPSN")


def validasi_nuptk(value: str) -> None:
    _digits(value, 16, "NUPTK")


def validasi_nip(value: str) -> None:
    """NIP: birth date (yyyymmdd), TMT (yyyymm), gender digit (1 = L, 2 = P), sequence (3 digits)."""
    _digits(value, 18, "NIP")
    try:
        datetime.date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise ValidationError(_("8 angka pertama NIP harus tanggal lahir yang sah (ttttbbhh)."), code="lahir") from None
    if not 1 <= int(value[12:14]) <= 12:
        raise ValidationError(_("Angka ke-9 s.d. 14 NIP harus bulan TMT yang sah (ttttbb)."), code="tmt")
    if value[14] not in "12":
        raise ValidationError(_("Angka ke-15 NIP (jenis kelamin) harus 1 atau 2."), code="jenis_kelamin")


def validasi_whatsapp(value: str) -> None:
    """An Indonesian mobile number, written 08…, 628… or +628…."""
    if not re.fullmatch(r"(\+62|62|0)8\d{7,11}", re.sub(r"[\s-]", "", value or "")):
        raise ValidationError(_("Nomor WhatsApp tidak valid. Contoh: 081234567890."), code="whatsapp")
