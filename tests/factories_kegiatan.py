"""factory-boy factories for the kegiatan app; they keep every row inside one group."""

import datetime
import io

import factory
from factory.django import DjangoModelFactory
from PIL import Image

from kegiatan.models import (
    Dokumentasi,
    EntriKas,
    Kehadiran,
    LangkahProgram,
    Notulen,
    Pertemuan,
    ProgramKerja,
    Refleksi,
    TindakLanjut,
)
from tests.factories import KelompokKerjaFactory


class ProgramKerjaFactory(DjangoModelFactory):
    class Meta:
        model = ProgramKerja

    kelompok = factory.SubFactory(KelompokKerjaFactory)
    nama = factory.Sequence(lambda n: f"PROGRAM {n}")
    kepanjangan = "Berbagi Praktik Baik"
    tahun_ajaran = "2025/2026"
    semester = "ganjil"
    tujuan = factory.LazyFunction(lambda: ["b", "g"])
    rencana_pertemuan = 4
    anggaran = 1_500_000


class LangkahProgramFactory(DjangoModelFactory):
    class Meta:
        model = LangkahProgram

    program = factory.SubFactory(ProgramKerjaFactory)
    urutan = factory.Sequence(lambda n: n + 1)
    judul = factory.Sequence(lambda n: f"Kegiatan {n}")


class PertemuanFactory(DjangoModelFactory):
    """A planned meeting of the group, hosted by one of its area's schools when there is one."""

    class Meta:
        model = Pertemuan

    kelompok = factory.SubFactory(KelompokKerjaFactory)
    topik = factory.Sequence(lambda n: f"Topik pertemuan {n}")
    jenis = Pertemuan.Jenis.DISKUSI
    tanggal = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=7))
    jam_mulai = datetime.time(8, 0)
    jam_selesai = datetime.time(11, 30)
    tuan_rumah = factory.LazyAttribute(lambda o: o.kelompok.sekolah_wilayah().order_by("pk").first())
    tempat = factory.LazyAttribute(lambda o: "" if o.tuan_rumah else "Aula UPTD")
    agenda = "1. Pembukaan\n2. Diskusi\n3. Penutup"


class KehadiranFactory(DjangoModelFactory):
    class Meta:
        model = Kehadiran

    pertemuan = factory.SubFactory(PertemuanFactory)
    status = Kehadiran.Status.HADIR


class NotulenFactory(DjangoModelFactory):
    class Meta:
        model = Notulen

    pertemuan = factory.SubFactory(PertemuanFactory)
    pembukaan = "Pertemuan dibuka oleh ketua."
    pembahasan = "- Analisis CP fase A\n- Penyusunan TP"
    kesimpulan = "TP kelas 2 selesai disusun."


class TindakLanjutFactory(DjangoModelFactory):
    class Meta:
        model = TindakLanjut

    notulen = factory.SubFactory(NotulenFactory)
    uraian = factory.Sequence(lambda n: f"Tindak lanjut {n}")
    batas_waktu = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=14))


class RefleksiFactory(DjangoModelFactory):
    class Meta:
        model = Refleksi

    pertemuan = factory.SubFactory(PertemuanFactory)
    nilai = 4
    isi = "Materi mudah diterapkan di kelas."


class EntriKasFactory(DjangoModelFactory):
    """A receipt by default; `nomor` continues the group's sequence."""

    class Meta:
        model = EntriKas

    kelompok = factory.SubFactory(KelompokKerjaFactory)
    nomor = factory.LazyAttribute(
        lambda o: (
            (
                EntriKas.objects.filter(kelompok=o.kelompok).order_by("-nomor").values_list("nomor", flat=True).first()
                or 0
            )
            + 1
        )
    )
    arah = EntriKas.Arah.MASUK
    kategori = EntriKas.Kategori.MASUK_LAIN
    jumlah = 100_000
    uraian = factory.Sequence(lambda n: f"Entri kas {n}")


def jpeg(ukuran=(1200, 900)) -> bytes:
    keluaran = io.BytesIO()
    Image.new("RGB", ukuran, "orange").save(keluaran, "JPEG")
    return keluaran.getvalue()


class DokumentasiFactory(DjangoModelFactory):
    """A photo of the meeting (a real JPEG in the private storage)."""

    class Meta:
        model = Dokumentasi

    pertemuan = factory.SubFactory(PertemuanFactory)
    foto = factory.django.FileField(data=factory.LazyFunction(jpeg), filename="foto.jpg")
    keterangan = "Diskusi kelompok"
    tipe_berkas = "image/jpeg"
    ukuran = 1000
