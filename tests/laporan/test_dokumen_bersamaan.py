"""Two deliveries of one render task at once (acks_late re-delivery, the sweep): both may render, but only one
file is stored, and the stored hash is that file's. PostgreSQL only: SQLite serialises every write anyway."""

import pytest
from django.db import connection

from laporan.models import Dokumen
from laporan.services import dokumen as services
from tests.conftest import require
from tests.laporan.test_surat_bersamaan import _bersamaan


@pytest.mark.django_db(transaction=True)
def test_dua_pengiriman_tugas_bersamaan_satu_berkas(disetujui, pengguna, render_terhitung, settings):
    require(connection.vendor == "postgresql", "row locks need PostgreSQL (set DATABASE_URL)")
    dokumen = Dokumen.objects.create(
        jenis=Dokumen.Jenis.NOTULEN, kelompok_id=disetujui.pertemuan.kelompok_id, pertemuan=disetujui.pertemuan,
        notulen=disetujui, diterbitkan_oleh=pengguna["anggota"],
    )  # fmt: skip

    assert not _bersamaan(2, lambda i: services.proses_dokumen(dokumen.pk))

    dokumen.refresh_from_db()
    assert dokumen.status == Dokumen.Status.BERLAKU
    tersimpan = [p for p in (settings.BERKAS_PRIVAT_ROOT / "pdf").rglob("*.pdf")]
    assert [p.name for p in tersimpan] == [dokumen.berkas.name.rsplit("/", 1)[1]]  # the loser wrote nothing
    assert services.cocokkan_hash(dokumen, tersimpan[0].read_bytes())
