"""Demo data of the kegiatan app: one term of KKG Kelas 2 Gugus Cut Nyak Dien (BATIK, BERKARYA and an
In-On-In programme) with attendance, minutes, products, photos, reflections and the cash book, plus a few
meetings of a Subang group. Dates are relative to today, so the demo always has a past and a future.

Registered in `gugus.demo.LANGKAH_DEMO` by the app config; `pemuat.simpan` keeps it idempotent.
"""

import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from gugus.models import Guru, Keanggotaan, KelompokKerja

from .models import (
    Dokumentasi,
    EntriKas,
    Kehadiran,
    KonfirmasiKehadiran,
    LangkahProgram,
    Notulen,
    Pertemuan,
    Produk,
    ProgramKerja,
    Refleksi,
    TarifIuran,
    TindakLanjut,
)

User = get_user_model()
KKG2 = "KKG Kelas 2 Gugus Cut Nyak Dien"
KKG_SUBANG = "KKG Gugus I Wahana Gentra Kiara"
J = Pertemuan.Jenis
S = Pertemuan.Status


@dataclass
class Rapat:
    hari: int  # days from today
    topik: str
    jenis: str
    program: str | None
    status: str = S.TERLAKSANA
    langkah: int | None = None  # urutan of the programme step
    narasumber: str = ""  # a member's name, or "Name|Institution" from outside
    tempat: str = ""  # free text instead of the host school
    notulen: str = ""  # "", "disetujui" or "diajukan"
    produk: list[tuple[str, str, str]] = field(default_factory=list)  # (judul, jenis, berkas "pdf"/"docx")
    foto: list[str] = field(default_factory=list)
    alasan_batal: str = ""


PROGRAM = {
    "BATIK": dict(kepanjangan="Berbagi Praktik Baik", tujuan=["b", "e"], rencana_pertemuan=4, anggaran=2_000_000),
    "BERKARYA": dict(
        kepanjangan="Bersama Menghasilkan Karya", tujuan=["a", "g"], rencana_pertemuan=3, anggaran=1_500_000
    ),
    "PKB Berdiferensiasi": dict(
        kepanjangan="Pembelajaran berdiferensiasi (In-On-In)",
        tujuan=["c", "d", "f"],
        rencana_pertemuan=5,
        anggaran=3_000_000,
        in_on_in=True,
    ),
}
LANGKAH_PKB = [
    ("in1", "Teori asesmen diagnostik dan diferensiasi"),
    ("on", "Praktik asesmen diagnostik di kelas"),
    ("in2", "Refleksi hasil asesmen diagnostik"),
    ("on", "Praktik pembelajaran berdiferensiasi"),
    ("in2", "Refleksi dan perbaikan praktik"),
]

RAPAT = [
    Rapat(-84, "BATIK 1: Pembelajaran berdiferensiasi di kelas 2", J.DISKUSI, "BATIK",
          narasumber="Sri Wahyuni, S.Pd", notulen="disetujui", foto=["Pemaparan praktik baik"]),
    Rapat(-70, "BERKARYA 1: Analisis CP Fase A menjadi TP", J.LOKAKARYA, "BERKARYA", notulen="disetujui",
          produk=[("TP dan ATP Matematika Fase A Kelas 2", Produk.Jenis.TP_ATP, "pdf")],
          foto=["Kerja kelompok analisis CP", "Presentasi hasil kelompok"]),
    Rapat(-56, "In-1: Asesmen diagnostik awal", J.IN_1, "PKB Berdiferensiasi", langkah=1,
          narasumber="Dr. Siti Rohmah, M.Pd|BGP Provinsi Sumatera Selatan", notulen="disetujui"),
    Rapat(-49, "On: Praktik asesmen diagnostik di kelas masing-masing", J.ON, "PKB Berdiferensiasi", langkah=2,
          tempat="Sekolah masing-masing anggota"),
    Rapat(-42, "BATIK 2: Literasi membaca permulaan", J.DISKUSI, "BATIK", narasumber="Tri Handayani, S.Pd",
          notulen="disetujui", produk=[("Daftar bacaan pojok literasi kelas 2", Produk.Jenis.BAHAN_AJAR, "pdf")]),
    Rapat(-35, "In-2: Refleksi hasil asesmen diagnostik", J.IN_2, "PKB Berdiferensiasi", langkah=3,
          notulen="disetujui"),
    Rapat(-28, "BERKARYA 2: Menyusun modul ajar Matematika", J.LOKAKARYA, "BERKARYA", notulen="disetujui",
          produk=[("Modul ajar Matematika: Penjumlahan sampai 100", Produk.Jenis.MODUL_AJAR, "docx")]),
    Rapat(-21, "BATIK 3: Media pembelajaran dari barang bekas", J.DISKUSI, "BATIK", status=S.DIBATALKAN,
          alasan_batal="Bertepatan dengan pelaksanaan ANBK di sekolah anggota; dijadwalkan ulang."),
    Rapat(-14, "BATIK 3: Media pembelajaran dari barang bekas (jadwal ulang)", J.DISKUSI, "BATIK",
          narasumber="Rina Marlina, S.Pd", notulen="diajukan"),
    Rapat(-3, "BERKARYA 3: Bank soal asesmen sumatif", J.LOKAKARYA, "BERKARYA", status=S.DIRENCANAKAN),
    Rapat(1, "BATIK 4: Pojok baca kelas yang hidup", J.DISKUSI, "BATIK", status=S.DIRENCANAKAN),
    Rapat(14, "On: Praktik pembelajaran berdiferensiasi", J.ON, "PKB Berdiferensiasi", status=S.DIRENCANAKAN,
          langkah=4, tempat="Sekolah masing-masing anggota"),
    Rapat(28, "In-2: Refleksi dan perbaikan praktik berdiferensiasi", J.IN_2, "PKB Berdiferensiasi",
          status=S.DIRENCANAKAN, langkah=5),
]  # fmt: skip

RAPAT_SUBANG = [
    Rapat(-20, "Penguatan Kurikulum Merdeka: projek P5", J.PELATIHAN, None),
    Rapat(10, "Berbagi praktik baik asesmen formatif", J.DISKUSI, None, status=S.DIRENCANAKAN),
]

NOTULEN = {
    "pembukaan": "Pertemuan dibuka oleh ketua KKG pukul 08.00 dengan doa bersama, dilanjutkan sambutan "
    "kepala sekolah tuan rumah.",
    "pembahasan": "- Paparan narasumber tentang {topik}\n- Diskusi kelompok per sekolah\n"
    "- Tanya jawab dan berbagi pengalaman anggota",
    "kesimpulan": "1. Anggota sepakat menerapkan hasil pertemuan di kelas masing-masing\n"
    "2. Hasil penerapan dibagikan pada pertemuan berikutnya",
}


def tahun_ajaran(hari: datetime.date) -> tuple[str, str]:
    mulai = hari.year if hari.month >= 7 else hari.year - 1
    return f"{mulai}/{mulai + 1}", ("ganjil" if hari.month >= 7 else "genap")


def _pdf(judul: str) -> bytes:
    """A small, valid one-page PDF with the title (no PDF library needed for demo files)."""
    teks = judul.replace("(", "[").replace(")", "]")
    isi = f"BT /F1 16 Tf 72 760 Td ({teks}) Tj ET".encode()
    objek = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(isi) + isi + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    keluar, posisi = io.BytesIO(), []
    keluar.write(b"%PDF-1.4\n")
    for i, o in enumerate(objek, 1):
        posisi.append(keluar.tell())
        keluar.write(b"%d 0 obj\n" % i + o + b"\nendobj\n")
    xref = keluar.tell()
    keluar.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objek) + 1))
    for p in posisi:
        keluar.write(b"%010d 00000 n \n" % p)
    keluar.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objek) + 1, xref))
    return keluar.getvalue()


def _docx(judul: str) -> bytes:
    """A minimal Word document with the title as its only paragraph."""
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
            '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
            'document.main+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        z.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            f'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{judul}</w:t></w:r></w:p></w:body></w:document>',
        )
    return keluar.getvalue()


def _png(keterangan: str, nomor: int) -> bytes:
    from PIL import Image, ImageDraw

    warna = [(25, 135, 84), (13, 110, 253), (255, 193, 7), (220, 53, 69)][nomor % 4]
    gambar = Image.new("RGB", (640, 400), warna)
    ImageDraw.Draw(gambar).text((24, 24), keterangan, fill=(255, 255, 255))
    keluar = io.BytesIO()
    gambar.save(keluar, "PNG")
    return keluar.getvalue()


def _status_hadir(i: int, j: int) -> str:
    """A plausible, fixed pattern: most come; now and then izin, sakit or alpa."""
    if (i + j) % 11 == 0:
        return Kehadiran.Status.ALPA
    if (i + 2 * j) % 9 == 0:
        return Kehadiran.Status.IZIN
    if (i + j) % 13 == 0:
        return Kehadiran.Status.SAKIT
    return Kehadiran.Status.HADIR


class _Kegiatan:
    def __init__(self, pemuat, kelompok: dict[str, KelompokKerja]):
        self.p = pemuat
        self.kelompok = kelompok
        self.hari_ini = timezone.localdate()

    def muat(self):
        kk = self.kelompok[KKG2]
        anggota = list(
            Guru.objects.filter(pk__in=Keanggotaan.objects.berlaku().filter(kelompok=kk).values("guru")).order_by(
                "nama"
            )
        )
        program = self.program(kk)
        pertemuan = [self.rapat(kk, r, program, anggota, j) for j, r in enumerate(RAPAT)]
        self.refleksi(pertemuan, anggota)
        self.kas(kk, anggota, program, pertemuan)
        besok = next(p for p in pertemuan if p.tanggal == self.hari_ini + datetime.timedelta(days=1))
        for i, g in enumerate(anggota[:6]):
            jawaban = KonfirmasiKehadiran.Jawaban.TIDAK if i == 4 else KonfirmasiKehadiran.Jawaban.HADIR
            self.p.simpan(KonfirmasiKehadiran, {"pertemuan": besok, "guru": g}, {"jawaban": jawaban})
        subang = self.kelompok[KKG_SUBANG]
        anggota_subang = list(
            Guru.objects.filter(pk__in=Keanggotaan.objects.berlaku().filter(kelompok=subang).values("guru"))
        )
        for j, r in enumerate(RAPAT_SUBANG):
            self.rapat(subang, r, {}, anggota_subang, j)

    def program(self, kk) -> dict[str, ProgramKerja]:
        ta, semester = tahun_ajaran(self.hari_ini)
        hasil = {}
        for nama, nilai in PROGRAM.items():
            hasil[nama] = self.p.simpan(
                ProgramKerja,
                {"kelompok": kk, "nama": nama, "tahun_ajaran": ta, "semester": semester},
                {"sasaran_fase": KelompokKerja.Fase.A, "sasaran_kelas": 2, **nilai},
            )
        for urutan, (tahap, judul) in enumerate(LANGKAH_PKB, 1):
            self.p.simpan(
                LangkahProgram,
                {"program": hasil["PKB Berdiferensiasi"], "urutan": urutan},
                {"tahap": tahap, "judul": judul},
            )
        return hasil

    def rapat(self, kk, r: Rapat, program, anggota: list[Guru], j: int) -> Pertemuan:
        tanggal = self.hari_ini + datetime.timedelta(days=r.hari)
        tuan_rumah = None if r.tempat else kk.sekolah_wilayah().order_by("nama")[j % kk.sekolah_wilayah().count()]
        prog = program.get(r.program)
        nama, _, instansi = r.narasumber.partition("|")
        nilai = {
            "tanggal": tanggal,
            "jenis": r.jenis,
            "program": prog,
            "langkah": prog.langkah.get(urutan=r.langkah) if r.langkah else None,
            "jam_mulai": datetime.time(8, 0),
            "jam_selesai": datetime.time(11, 30),
            "tuan_rumah": tuan_rumah,
            "tempat": r.tempat,
            "sasaran": "Guru kelas 2 SD se-gugus" if kk.kelas == 2 else "Guru anggota KKG",
            "narasumber_guru": next((g for g in anggota if g.nama == nama), None) if not instansi else None,
            "narasumber_nama": nama if instansi else "",
            "narasumber_instansi": instansi,
            "agenda": "1. Pembukaan\n2. Paparan dan diskusi: " + r.topik + "\n3. Rencana tindak lanjut\n4. Penutup",
            "status": r.status,
            "alasan_batal": r.alasan_batal,
        }
        p = self.p.simpan(Pertemuan, {"kelompok": kk, "topik": r.topik}, nilai)
        if r.jenis == J.IN_2 and r.langkah:
            on = Pertemuan.objects.filter(kelompok=kk, langkah__program=prog, langkah__urutan=r.langkah - 1).first()
            self.p.simpan(Pertemuan, {"pk": p.pk}, {"pertemuan_on": on})
        if r.status != S.TERLAKSANA:
            return p
        for i, g in enumerate(anggota):
            status = _status_hadir(i, j)
            cara = Kehadiran.Cara.QR if status == Kehadiran.Status.HADIR and i % 3 == 0 else Kehadiran.Cara.DICATAT
            self.p.simpan(Kehadiran, {"pertemuan": p, "guru": g}, {"status": status, "cara": cara})
        if r.notulen:
            self.notulen(p, r, anggota)
        for n, (judul, jenis, bentuk) in enumerate(r.produk):
            self.produk(p, judul, jenis, bentuk, anggota[n : n + 3])
        for n, keterangan in enumerate(r.foto):
            if not Dokumentasi.objects.filter(pertemuan=p, keterangan=keterangan).exists():
                isi = _png(keterangan, j + n)
                Dokumentasi.objects.create(
                    pertemuan=p,
                    keterangan=keterangan,
                    foto=ContentFile(isi, name="foto.png"),
                    tipe_berkas="image/png",
                    ukuran=len(isi),
                )
                self.p.hasil.dibuat += 1
        return p

    def notulen(self, p: Pertemuan, r: Rapat, anggota: list[Guru]):
        disetujui = r.notulen == "disetujui"
        waktu = timezone.make_aware(datetime.datetime.combine(p.tanggal, datetime.time(14, 0)))
        n = self.p.simpan(
            Notulen,
            {"pertemuan": p, "versi": 1},
            {
                "status": Notulen.Status.DISETUJUI if disetujui else Notulen.Status.DIAJUKAN,
                "pembukaan": NOTULEN["pembukaan"],
                "pembahasan": NOTULEN["pembahasan"].format(topik=r.topik.split(": ", 1)[-1].lower()),
                "kesimpulan": NOTULEN["kesimpulan"],
                "ditulis_oleh": User.objects.get(username="sekretaris"),
                "disetujui_oleh": User.objects.get(username="ketua") if disetujui else None,
                "diajukan_pada": waktu,
                "disetujui_pada": waktu + datetime.timedelta(days=1) if disetujui else None,
            },
        )
        wahyu = next(g for g in anggota if g.nama.startswith("Wahyu Nugroho"))
        self.p.simpan(
            TindakLanjut,
            {"notulen": n, "uraian": "Menerapkan hasil pertemuan di kelas dan membawa bukti praktik"},
            {"penanggung_jawab": wahyu, "batas_waktu": p.tanggal + datetime.timedelta(days=21)},
        )

    def produk(self, p: Pertemuan, judul: str, jenis: str, bentuk: str, penulis: list[Guru]):
        if Produk.objects.filter(pertemuan=p, judul=judul).exists():
            return
        isi = _pdf(judul) if bentuk == "pdf" else _docx(judul)
        tipe = "application/pdf" if bentuk == "pdf" else DOCX
        nama = judul.lower().replace(" ", "-").replace(":", "")[:60] + "." + bentuk
        produk = Produk.objects.create(
            pertemuan=p,
            kelompok=p.kelompok,
            judul=judul,
            jenis=jenis,
            fase=KelompokKerja.Fase.A,
            mata_pelajaran="Matematika" if "Matematika" in judul else "Bahasa Indonesia",
            deskripsi=f"Hasil kerja kelompok pada pertemuan {p.topik}.",
            berkas=ContentFile(isi, name=nama),
            nama_berkas=nama,
            tipe_berkas=tipe,
            ukuran=len(isi),
            dikurasi=jenis == Produk.Jenis.TP_ATP,
        )
        produk.penulis.set(penulis)
        self.p.hasil.dibuat += 1

    def refleksi(self, pertemuan: list[Pertemuan], anggota: list[Guru]):
        teks = [
            "Materi langsung bisa saya terapkan di kelas; siswa lebih aktif.",
            "Perlu contoh yang lebih banyak untuk siswa yang belum lancar membaca.",
            "Diskusi kelompok sangat membantu, waktunya kurang panjang.",
        ]
        for p in pertemuan:
            if p.status != S.TERLAKSANA or p.jenis not in (J.IN_2, J.LOKAKARYA):
                continue
            hadir = Kehadiran.objects.filter(pertemuan=p, status=Kehadiran.Status.HADIR, guru__in=anggota)
            for i, k in enumerate(hadir.order_by("guru__nama")[:5]):
                self.p.simpan(Refleksi, {"pertemuan": p, "guru": k.guru}, {"nilai": 5 - i % 3, "isi": teks[i % 3]})

    def kas(self, kk, anggota, program, pertemuan):
        ta, _ = tahun_ajaran(self.hari_ini)
        awal = datetime.date(int(ta[:4]), 7, 1)
        self.p.simpan(TarifIuran, {"kelompok": kk, "berlaku_mulai": awal}, {"nominal": 10_000})
        rapat = {p.topik.split(":")[0]: p for p in pertemuan}
        entri = [
            dict(tanggal=awal + datetime.timedelta(days=20), arah="masuk", kategori="hibah", jumlah=5_000_000,
                 uraian="Bantuan operasional KKG dari Dinas Pendidikan OKU Timur", sumber_dana="apbd",
                 referensi="900/412/Disdik/2026"),
            dict(tanggal=rapat["BERKARYA 1"].tanggal, arah="keluar", kategori="belanja", jumlah=350_000,
                 uraian="Konsumsi BERKARYA 1 (25 orang)", pertemuan=rapat["BERKARYA 1"], program=program["BERKARYA"]),
            dict(tanggal=rapat["In-1"].tanggal, arah="keluar", kategori="belanja", jumlah=500_000,
                 uraian="Honor narasumber In-1", pertemuan=rapat["In-1"], program=program["PKB Berdiferensiasi"]),
            dict(tanggal=rapat["BERKARYA 2"].tanggal, arah="keluar", kategori="belanja", jumlah=200_000,
                 uraian="Penggandaan modul ajar", pertemuan=rapat["BERKARYA 2"], program=program["BERKARYA"]),
        ]  # fmt: skip
        for e in entri:
            self.entri(kk, e)
        salah = EntriKas.objects.get(kelompok=kk, uraian="Penggandaan modul ajar")
        self.entri(
            kk,
            dict(tanggal=salah.tanggal, arah="masuk", kategori="koreksi", jumlah=salah.jumlah, membalik=salah,
                 uraian="Koreksi: Penggandaan modul ajar", alasan_koreksi="Salah input nominal; seharusnya Rp 150.000"),
        )  # fmt: skip
        self.entri(
            kk,
            dict(tanggal=salah.tanggal, arah="keluar", kategori="belanja", jumlah=150_000, pertemuan=salah.pertemuan,
                 program=salah.program, uraian="Penggandaan modul ajar (benar)"),
        )  # fmt: skip
        bulan = []
        b = awal
        while b <= self.hari_ini.replace(day=1):
            bulan.append(b)
            b = (b + datetime.timedelta(days=32)).replace(day=1)
        for i, g in enumerate(anggota):
            lunas = len(bulan) if i % 3 else max(1, len(bulan) - 2)  # every third member is two months behind
            for m in bulan[:lunas]:
                self.entri(
                    kk,
                    dict(tanggal=m + datetime.timedelta(days=9), arah="masuk", kategori="iuran", jumlah=10_000,
                         anggota=g, periode_iuran=m, uraian=f"Iuran {m:%m/%Y} {g.nama}"),
                )  # fmt: skip

    def entri(self, kk, nilai: dict):
        """Cash entries are immutable: created once (keyed by their description), never updated."""
        if EntriKas.objects.filter(kelompok=kk, uraian=nilai["uraian"]).exists():
            return
        nomor = (
            EntriKas.objects.filter(kelompok=kk).order_by("-nomor").values_list("nomor", flat=True).first() or 0
        ) + 1
        entri = EntriKas(kelompok=kk, nomor=nomor, **nilai)
        entri.full_clean()
        entri.save()
        self.p.hasil.dibuat += 1


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def muat_kegiatan(pemuat, kelompok):
    _Kegiatan(pemuat, kelompok).muat()
