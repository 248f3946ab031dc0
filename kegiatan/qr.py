"""QR self check-in: a signed token naming one meeting and its day, and the QR code that carries its URL.

The token is not secret (it is shown on a screen in the room) but cannot be forged or moved to another meeting
or day: it is signed with SECRET_KEY and a salt of its own, and is honoured only on the day it names, in
Asia/Jakarta time (the teachers' day, whatever the server's zone).
"""

import datetime
from zoneinfo import ZoneInfo

import segno
from django.core import signing
from django.utils import timezone

GARAM = "kegiatan.kehadiran.qr"
WIB = ZoneInfo("Asia/Jakarta")


def buat_token(pertemuan_id: int, tanggal: datetime.date) -> str:
    return signing.dumps([pertemuan_id, tanggal.isoformat()], salt=GARAM)


def baca_token(token: str) -> tuple[int, datetime.date]:
    """(pertemuan id, day) from a token; raises signing.BadSignature when it was tampered with."""
    try:
        pertemuan_id, tanggal = signing.loads(token, salt=GARAM)
        return int(pertemuan_id), datetime.date.fromisoformat(tanggal)
    except (TypeError, ValueError) as e:  # signed by us but not our shape: treat as forged
        raise signing.BadSignature(str(e)) from e


def hari_ini() -> datetime.date:
    return timezone.localdate(timezone=WIB)


def svg(url: str) -> str:
    """The QR code of `url` as inline SVG that scales with its container (no fixed size)."""
    return segno.make(url, error="m").svg_inline(scale=4, omitsize=True, title="QR")
