"""Notulen deliveries and surat undangan send through the outbox (kkg.surel): their sending state moves into
Surel rows, and the duplicated fields go."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def _render(nama, konteks):
    subjek = " ".join(render_to_string(f"{nama}_subjek.txt", konteks).split())[:998]
    return subjek, render_to_string(f"{nama}.txt", konteks)


def _alamat(guru):
    """Guru.alamat_email, for a historical row (which has no methods)."""
    if guru is None:
        return ""
    return (guru.email or (guru.user.email if guru.user_id else "")).strip().lower()


def ke_surel(apps, schema_editor):
    """One Surel per delivery, with its state, and one per letter already e-mailed. The text is rendered from
    today's templates with the historical rows (fields only): a record for sent messages, and the message itself
    for deliveries still waiting, which the sweep then sends. A delivery keeps its old Message-ID (the token)."""
    Surel = apps.get_model("surel", "Surel")
    Pengiriman = apps.get_model("laporan", "Pengiriman")
    SuratUndangan = apps.get_model("laporan", "SuratUndangan")
    DokumenPdf = apps.get_model("laporan", "DokumenPdf")
    situs = settings.ALAMAT_SITUS
    with translation.override(settings.LANGUAGE_CODE):
        for p in Pengiriman.objects.select_related("notulen__pertemuan__kelompok"):
            dokumen = DokumenPdf.objects.filter(jenis="notulen", notulen_id=p.notulen_id).first()
            tautan_baca = situs + reverse("laporan:baca", args=[p.token])
            konteks = {
                "p": p,
                "notulen": p.notulen,
                "pertemuan": p.notulen.pertemuan,
                "tautan_baca": tautan_baca,
                "tautan_verifikasi": situs + reverse("laporan:verifikasi", args=[dokumen.kode]) if dokumen else "",
            }
            subjek, isi = _render("laporan/email/distribusi", konteks)
            p.surel = Surel.objects.create(
                kepada=p.email,
                nama=p.nama,
                subjek=subjek,
                isi=isi,
                lampiran=[{"jenis": "notulen", "id": p.notulen_id}],
                status="terkirim" if p.status == "dibaca" else p.status,
                percobaan=p.percobaan,
                alasan_gagal=p.alasan_gagal,
                token=f"notulen-{p.token}"[:32],
                kunci=f"notulen:{p.notulen_id}:{p.email}",
                diantrekan_pada=p.diantrekan_pada,
                dikirim_pada=p.dikirim_pada,
            )
            p.save(update_fields=["surel"])
        terkirim = SuratUndangan.objects.filter(dikirim_pada__isnull=False).select_related(
            "sekolah__kepala_sekolah__user", "pertemuan__kelompok"
        )
        for s in terkirim:
            subjek, isi = _render("laporan/email/undangan", {"surat": s, "sekolah": s.sekolah, "pertemuan": s.pertemuan})
            s.surel = Surel.objects.create(
                kepada=_alamat(s.sekolah.kepala_sekolah),
                subjek=subjek,
                isi=isi,
                lampiran=[{"jenis": "surat_undangan", "id": s.pk}],
                status="terkirim",
                percobaan=1,
                kunci=f"surat-undangan:{s.pk}",
                dikirim_pada=s.dikirim_pada,
            )
            s.save(update_fields=["surel"])


def dari_surel(apps, schema_editor):
    Pengiriman = apps.get_model("laporan", "Pengiriman")
    SuratUndangan = apps.get_model("laporan", "SuratUndangan")
    for p in Pengiriman.objects.select_related("surel"):
        p.status = "dibaca" if p.surel.status == "terkirim" and p.dibaca_pada else p.surel.status
        p.percobaan, p.alasan_gagal = p.surel.percobaan, p.surel.alasan_gagal
        p.diantrekan_pada, p.dikirim_pada = p.surel.diantrekan_pada, p.surel.dikirim_pada
        p.save()
    for s in SuratUndangan.objects.filter(surel__status="terkirim").select_related("surel"):
        s.dikirim_pada = s.surel.dikirim_pada
        s.save(update_fields=["dikirim_pada"])


class Migration(migrations.Migration):
    dependencies = [
        ("laporan", "0003_surat_dikirim_pada"),
        ("surel", "0001_awal"),
    ]

    operations = [
        migrations.AddField(
            model_name="pengiriman",
            name="surel",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="surel.surel",
                verbose_name="surel",
            ),
        ),
        migrations.AddField(
            model_name="suratundangan",
            name="surel",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="surel.surel",
                verbose_name="surel",
            ),
        ),
        migrations.RunPython(ke_surel, dari_surel),
        migrations.AlterField(
            model_name="pengiriman",
            name="surel",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="surel.surel", verbose_name="surel"
            ),
        ),
        migrations.RemoveIndex(model_name="pengiriman", name="laporan_pen_status_3258de_idx"),
        migrations.RemoveField(model_name="pengiriman", name="status"),
        migrations.RemoveField(model_name="pengiriman", name="alasan_gagal"),
        migrations.RemoveField(model_name="pengiriman", name="percobaan"),
        migrations.RemoveField(model_name="pengiriman", name="diantrekan_pada"),
        migrations.RemoveField(model_name="pengiriman", name="dikirim_pada"),
        migrations.RemoveField(model_name="suratundangan", name="dikirim_pada"),
    ]
