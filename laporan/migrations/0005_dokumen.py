"""DokumenPdf becomes Dokumen, the one table of every issued file (issue 9). Renamed, so rows, files and `kode`
survive (printed QR codes keep working); the new columns are nullable or defaulted here, filled by 0005, and
tightened by 0006 — three migrations, because PostgreSQL refuses to ALTER a table that has pending trigger
events from rows changed in the same transaction."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("gugus", "0001_initial"),
        ("kegiatan", "0001_awal"),
        ("laporan", "0004_pengiriman_dan_surat_lewat_surel"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(old_name="DokumenPdf", new_name="Dokumen"),
        migrations.AlterModelOptions(
            name="dokumen",
            options={"ordering": ["-dibuat"], "verbose_name": "dokumen", "verbose_name_plural": "dokumen"},
        ),
        # A surat undangan has no notulen version either: the old check allowed only notulen and daftar hadir.
        migrations.RemoveConstraint(model_name="dokumen", name="pdf_notulen_punya_versi"),
        migrations.AlterField(
            model_name="dokumen",
            name="jenis",
            field=models.CharField(
                choices=[("notulen", "Notulen"), ("daftar_hadir", "Daftar hadir"), ("surat_undangan", "Surat undangan")],
                max_length=20,
                verbose_name="jenis",
            ),
        ),
        migrations.AlterField(
            model_name="dokumen",
            name="pertemuan",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="kegiatan.pertemuan",
                verbose_name="pertemuan",
            ),
        ),
        migrations.AddField(
            model_name="dokumen",
            name="kelompok",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="gugus.kelompokkerja",
                verbose_name="kelompok kerja",
            ),
        ),
        migrations.AddField(
            model_name="dokumen",
            name="judul",
            field=models.CharField(blank=True, max_length=200, verbose_name="judul"),
        ),
        migrations.AddField(
            model_name="dokumen",
            name="status",
            field=models.CharField(
                choices=[
                    ("diproses", "Diproses"),
                    ("gagal", "Gagal"),
                    ("berlaku", "Berlaku"),
                    ("diganti", "Diganti"),
                    ("dibatalkan", "Dibatalkan"),
                    ("dicabut", "Dicabut"),
                ],
                default="diproses",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="dokumen",
            name="progres",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="progres (%)"),
        ),
        migrations.AddField(
            model_name="dokumen",
            name="galat",
            field=models.TextField(blank=True, verbose_name="alasan gagal"),
        ),
        migrations.AddField(
            model_name="dokumen",
            name="diterbitkan_oleh",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="oleh",
            ),
        ),
        migrations.AddConstraint(
            model_name="dokumen",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("jenis", "notulen"), ("notulen__isnull", False)),
                    models.Q(models.Q(("jenis", "notulen"), _negated=True), ("notulen__isnull", True)),
                    _connector="OR",
                ),
                name="dokumen_notulen_punya_versi",
            ),
        ),
        migrations.AddConstraint(
            model_name="dokumen",
            constraint=models.CheckConstraint(condition=models.Q(("progres__lte", 100)), name="progres_dokumen_sampai_100"),
        ),
        migrations.AddIndex(
            model_name="dokumen",
            index=models.Index(fields=["status", "diperbarui"], name="dokumen_status_diperbarui"),
        ),
        migrations.AddField(
            model_name="suratundangan",
            name="dokumen",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="surat_undangan",
                to="laporan.dokumen",
                verbose_name="dokumen",
            ),
        ),
    ]
