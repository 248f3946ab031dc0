"""Signals other apps listen to, so that kegiatan never imports them (DESIGN.md: gugus → kegiatan → laporan)."""

from django.dispatch import Signal

# Sent once per meeting, after the commit that claimed its day-before reminder; `pertemuan` is the meeting.
# laporan sends the surat undangan to the member schools' kepala sekolah with it.
pengingat_dikirim = Signal()
