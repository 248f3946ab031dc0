"""After 0005 filled them: every document has its owner group and every surat undangan its document, whose
file and hash replace the letter's own."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("gugus", "0001_initial"),
        ("laporan", "0006_dokumen_data"),
    ]

    operations = [
        migrations.AlterField(
            model_name="dokumen",
            name="kelompok",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="gugus.kelompokkerja",
                verbose_name="kelompok kerja",
            ),
        ),
        migrations.AlterField(
            model_name="suratundangan",
            name="dokumen",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="surat_undangan",
                to="laporan.dokumen",
                verbose_name="dokumen",
            ),
        ),
        migrations.RemoveField(model_name="suratundangan", name="berkas"),
        migrations.RemoveField(model_name="suratundangan", name="sha256"),
    ]
