"""Signals other apps listen to, so that kegiatan never imports them (DESIGN.md: gugus → kegiatan → laporan).

Each is sent by the service that changes the state, after its transaction commits (never from a post_save
receiver), so a listener sees committed data and a rolled-back action sends nothing.
"""

from django.dispatch import Signal

# Sent once per meeting, after the commit that claimed its day-before reminder; `pertemuan` is the meeting.
# laporan sends the surat undangan to the member schools' kepala sekolah with it.
pengingat_dikirim = Signal()

# Sent after the commit that approved a notulen version; `notulen` is that version. laporan renders its PDF and
# marks the document of the version it replaces as superseded.
notulen_disetujui = Signal()

# Sent after the commit that cancelled a meeting; `pertemuan` is the meeting. laporan marks its documents
# (daftar hadir, surat undangan, notulen) as cancelled on the verification page.
pertemuan_dibatalkan = Signal()
