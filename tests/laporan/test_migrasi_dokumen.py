"""The migrations of issue 9 (laporan 0005–0007) keep every document: an existing DokumenPdf keeps its row, file
and `kode` (printed QR codes keep working) and becomes a Dokumen with its group, title and a truthful status; a
surat undangan's file and hash move onto a new Dokumen. Run for real with the migration executor."""

import pytest
from django.core.files.base import ContentFile

from kegiatan.models import Notulen, Pertemuan
from kkg.lib.berkas import penyimpanan_privat
from laporan.models import Dokumen, SuratUndangan
from tests.factories_kegiatan import NotulenFactory, PertemuanFactory
from tests.migrasi import migrasi_ke

SEBELUM = [("laporan", "0003_surat_dikirim_pada")]
SESUDAH = None  # the newest state of every app: the test then reads with the current models


@pytest.fixture
def sebelum_issue_9(transactional_db):
    """The database as it was before issue 9; migrated back to the newest state afterwards, whatever happens."""
    apps = migrasi_ke(SEBELUM)
    yield apps
    migrasi_ke()  # the newest state, whatever happens


@pytest.mark.django_db(transaction=True)
def test_migrasi_menyimpan_dokumen_kode_dan_berkas_serta_memindahkan_surat(sebelum_issue_9, dunia):
    apps = sebelum_issue_9
    DokumenPdf = apps.get_model("laporan", "DokumenPdf")
    SuratLama = apps.get_model("laporan", "SuratUndangan")
    batal = PertemuanFactory(kelompok=dunia.kelompok_a, status=Pertemuan.Status.DIBATALKAN, alasan_batal="Banjir")
    rapat = PertemuanFactory(kelompok=dunia.kelompok_a, topik="Analisis CP", status=Pertemuan.Status.TERLAKSANA)
    v1 = NotulenFactory(pertemuan=rapat, versi=1, status=Notulen.Status.DISETUJUI)
    v2 = NotulenFactory(pertemuan=rapat, versi=2, status=Notulen.Status.DISETUJUI)
    pdf_v1 = penyimpanan_privat.save("pdf/2025/lama-v1.pdf", ContentFile(b"%PDF-1.7 v1"))
    pdf_v2 = penyimpanan_privat.save("pdf/2025/lama-v2.pdf", ContentFile(b"%PDF-1.7 v2"))
    pdf_surat = penyimpanan_privat.save("surat/2025/lama.pdf", ContentFile(b"%PDF-1.7 surat"))
    lama_v1 = DokumenPdf.objects.create(jenis="notulen", pertemuan_id=rapat.pk, notulen_id=v1.pk, kode="kode-v1",
                                        berkas=pdf_v1, sha256="a" * 64)  # fmt: skip
    lama_v2 = DokumenPdf.objects.create(jenis="notulen", pertemuan_id=rapat.pk, notulen_id=v2.pk, kode="kode-v2",
                                        berkas=pdf_v2, sha256="b" * 64)  # fmt: skip
    lama_dh = DokumenPdf.objects.create(jenis="daftar_hadir", pertemuan_id=batal.pk, kode="kode-dh",
                                        berkas=pdf_v1, sha256="c" * 64)  # fmt: skip
    surat_lama = SuratLama.objects.create(pertemuan_id=rapat.pk, sekolah_id=dunia.sekolah_a1.pk,
                                          nomor="001/KKG-CND/II/2025", tanggal="2025-02-14", berkas=pdf_surat,
                                          sha256="d" * 64)  # fmt: skip

    migrasi_ke(SESUDAH)

    v1_baru, v2_baru, dh_baru = (Dokumen.objects.get(pk=d.pk) for d in (lama_v1, lama_v2, lama_dh))
    assert [(d.kode, d.berkas.name) for d in (v1_baru, v2_baru, dh_baru)] == [
        ("kode-v1", pdf_v1), ("kode-v2", pdf_v2), ("kode-dh", pdf_v1),
    ]  # fmt: skip
    assert {d.kelompok_id for d in (v1_baru, v2_baru, dh_baru)} == {dunia.kelompok_a.pk}
    assert (v1_baru.status, v2_baru.status, dh_baru.status) == ("diganti", "berlaku", "dibatalkan")
    assert v2_baru.judul == "Notulen – Analisis CP (versi 2)" and v2_baru.progres == 100

    surat = SuratUndangan.objects.select_related("dokumen").get(pk=surat_lama.pk)
    dokumen = surat.dokumen
    assert (dokumen.jenis, dokumen.berkas.name, dokumen.sha256) == ("surat_undangan", pdf_surat, "d" * 64)
    assert (dokumen.kelompok_id, dokumen.pertemuan_id, dokumen.status) == (dunia.kelompok_a.pk, rapat.pk, "berlaku")
    assert dokumen.judul == "Surat undangan 001/KKG-CND/II/2025" and len(dokumen.kode) >= 22
    assert dokumen.dibuat == surat.dibuat
    with surat.berkas.open("rb") as f:
        assert f.read() == b"%PDF-1.7 surat"  # the letter's file, now through its document


@pytest.mark.django_db(transaction=True)
def test_migrasi_dapat_dibalik(sebelum_issue_9, dunia):
    SuratLama = sebelum_issue_9.get_model("laporan", "SuratUndangan")
    rapat = PertemuanFactory(kelompok=dunia.kelompok_a)
    berkas = penyimpanan_privat.save("surat/2025/balik.pdf", ContentFile(b"%PDF-1.7"))
    surat = SuratLama.objects.create(pertemuan_id=rapat.pk, sekolah_id=dunia.sekolah_a1.pk, nomor="002/X/II/2025",
                                     tanggal="2025-02-14", berkas=berkas, sha256="e" * 64)  # fmt: skip
    migrasi_ke(SESUDAH)

    apps = migrasi_ke(SEBELUM)

    kembali = apps.get_model("laporan", "SuratUndangan").objects.get(pk=surat.pk)
    assert (kembali.berkas.name, kembali.sha256) == (berkas, "e" * 64)
    assert not apps.get_model("laporan", "DokumenPdf").objects.exists()
