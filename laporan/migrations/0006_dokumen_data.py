"""Fills the columns 0004 added, keeping every document, its file and its `kode` (printed QR codes keep
working): each document gets its owner group, a title and a truthful status; each surat undangan gets a Dokumen
that takes over its file and hash (letters had no QR code, so their new codes are fine).

The titles are written the way laporan/pdf.py and laporan/services/surat.py word them in Indonesian; the
functions below use only the historical models, never the app's code, so the migration keeps working as the code
changes. Reversible: the letters get their file and hash back and their documents are deleted.
"""

import secrets

from django.db import migrations

# Status values of laporan.models.Dokumen.Status at the time of this migration.
DIPROSES, BERLAKU, DIGANTI, DIBATALKAN = "diproses", "berlaku", "diganti", "dibatalkan"


def _status(berkas, pertemuan, notulen_id=None, terbaru=None) -> str:
    """A file is "berlaku" unless its meeting was cancelled or a newer version of its notulen was approved; a row
    without a file was never finished ("diproses": the sweep renders it)."""
    if not berkas:
        return DIPROSES
    if pertemuan.status == "dibatalkan":
        return DIBATALKAN
    if notulen_id is not None and terbaru.get(pertemuan.pk) != notulen_id:
        return DIGANTI
    return BERLAKU


def _versi_terbaru(Notulen) -> dict[int, int]:
    """pertemuan id → id of its newest approved notulen version."""
    terbaru = {}
    disetujui = Notulen.objects.filter(status="disetujui").order_by("pertemuan", "versi")
    for pk, pertemuan_id in disetujui.values_list("pk", "pertemuan"):
        terbaru[pertemuan_id] = pk  # ascending versions: the last one wins
    return terbaru


def isi_dokumen(apps, schema_editor) -> None:
    Dokumen = apps.get_model("laporan", "Dokumen")
    terbaru = _versi_terbaru(apps.get_model("kegiatan", "Notulen"))
    ubah = []
    for d in Dokumen.objects.select_related("pertemuan", "notulen").order_by("pk"):
        p = d.pertemuan
        d.kelompok_id = p.kelompok_id
        if d.jenis == "notulen":
            d.judul = f"Notulen – {p.topik} (versi {d.notulen.versi})"[:200]
            d.status = _status(d.berkas, p, d.notulen_id, terbaru)
        else:
            d.judul = f"Daftar hadir – {p.topik}"[:200]
            d.status = _status(d.berkas, p)
        d.progres = 100 if d.berkas else 0
        ubah.append(d)
    Dokumen.objects.bulk_update(ubah, ["kelompok", "judul", "status", "progres"], batch_size=500)


def pindahkan_surat(apps, schema_editor) -> None:
    Dokumen = apps.get_model("laporan", "Dokumen")
    SuratUndangan = apps.get_model("laporan", "SuratUndangan")
    for surat in SuratUndangan.objects.filter(dokumen__isnull=True).select_related("pertemuan").order_by("pk"):
        p = surat.pertemuan
        dokumen = Dokumen.objects.create(
            jenis="surat_undangan",
            kelompok_id=p.kelompok_id,
            pertemuan=p,
            judul=f"Surat undangan {surat.nomor}"[:200],
            kode=secrets.token_urlsafe(16),
            berkas=surat.berkas.name,
            sha256=surat.sha256,
            status=_status(surat.berkas, p),
            progres=100 if surat.berkas else 0,
        )
        Dokumen.objects.filter(pk=dokumen.pk).update(dibuat=surat.dibuat)  # issued with the letter, not today
        surat.dokumen = dokumen
        surat.save(update_fields=["dokumen"])


def maju(apps, schema_editor) -> None:
    isi_dokumen(apps, schema_editor)
    pindahkan_surat(apps, schema_editor)


def mundur(apps, schema_editor) -> None:
    Dokumen = apps.get_model("laporan", "Dokumen")
    SuratUndangan = apps.get_model("laporan", "SuratUndangan")
    for surat in SuratUndangan.objects.filter(dokumen__isnull=False).select_related("dokumen"):
        surat.berkas, surat.sha256 = surat.dokumen.berkas.name, surat.dokumen.sha256
        surat.dokumen = None
        surat.save(update_fields=["berkas", "sha256", "dokumen"])
    Dokumen.objects.filter(jenis="surat_undangan").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("kegiatan", "0001_awal"),
        ("laporan", "0005_dokumen"),
    ]

    operations = [migrations.RunPython(maju, mundur)]
