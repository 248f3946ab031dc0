"""The iCalendar feed of a group's meetings, and the signed per-user, per-group token in its URL.

Phone calendars cannot log in, so the URL itself carries who asks: "<user>.<kelompok>:<signature>". The
feed checks on every fetch that the user still sees the group, so a member who leaves stops getting it.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from icalendar import Calendar, Event

SALT = "kegiatan.kalender-ics"
ZONA = ZoneInfo(settings.TIME_ZONE)


def buat_token(user, kelompok) -> str:
    return signing.Signer(salt=SALT).sign(f"{user.pk}.{kelompok.pk}")


def baca_token(token: str) -> tuple[int, int] | None:
    """(user id, kelompok id) from a token, or None when it is forged, foreign or malformed."""
    try:
        user_id, kelompok_id = signing.Signer(salt=SALT).unsign(token).split(".")
        return int(user_id), int(kelompok_id)
    except (signing.BadSignature, ValueError):
        return None


def kalender_ics(kelompok, daftar_pertemuan, alamat_situs: str) -> bytes:
    """An iCalendar document with one VEVENT per meeting; a cancelled one is STATUS:CANCELLED."""
    kal = Calendar()
    kal.add("prodid", "-//Administrasi KKG//Pertemuan//ID")
    kal.add("version", "2.0")
    kal.add("x-wr-calname", str(kelompok))
    kal.add("x-wr-timezone", settings.TIME_ZONE)
    host = alamat_situs.split("://")[-1].split("/")[0] or "kkg"
    for p in daftar_pertemuan:
        tautan = alamat_situs + p.get_absolute_url()
        acara = Event()
        acara.add("uid", f"pertemuan-{p.pk}@{host}")
        acara.add("dtstamp", datetime.datetime.now(datetime.UTC))
        acara.add("dtstart", datetime.datetime.combine(p.tanggal, p.jam_mulai, ZONA))
        acara.add("dtend", datetime.datetime.combine(p.tanggal, p.jam_selesai, ZONA))
        acara.add("summary", p.topik)
        if p.lokasi:
            acara.add("location", p.lokasi)
        acara.add("description", "\n\n".join(filter(None, [p.agenda, tautan])))
        acara.add("url", tautan)
        acara.add("status", "CANCELLED" if p.status == p.Status.DIBATALKAN else "CONFIRMED")
        kal.add_component(acara)
    return kal.to_ical()
