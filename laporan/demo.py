"""Demo data of the laporan app: reports in every state, so each role finds work on first login.

KKG Kelas 2 CND (the demo's main group) has its monthly reports of the past six months, from accepted (one after
a return and a re-submission) to last month's draft, a semester report and an LPJ of the group's grant; the two
other OKU Timur groups have a few reports so the Dinas sees submitted, late, returned, approved and accepted ones.
Plus the Dinas's deadlines for OKU Timur and two visits by the demo pengawas.

Every report walks its journey THROUGH the services (laporan/services/berjenjang.py), so versions, timelines,
PDFs and outbox rows are real; the timeline is then backdated to spread it over the past months. A report that
exists (same group, kind and period start) is left alone, so a second run changes nothing, and a report the
user moved on in the app stays where they left it. Dates are relative to today, like kegiatan's demo term.

The PDFs of the versions render after seed_demo's transaction commits (inline without a broker); a version
approved later renders once, with the pengawas's signature: its first document is already "diganti".
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone

from gugus.demo import OKU_TIMUR, email_dari
from gugus.models import Guru, Kabupaten, Pengawas
from kegiatan.models import EntriKas, Pertemuan

from .models import Dokumen, KunjunganPendampingan, Laporan, RiwayatLaporan, TenggatLaporan, VersiLaporan
from .services import berjenjang as layanan

User = get_user_model()
Jenis, Aksi = Laporan.Jenis, RiwayatLaporan.Aksi

KKG2 = "KKG Kelas 2 Gugus Cut Nyak Dien"
KKG5 = "KKG Kelas 5 Gugus Cut Nyak Dien"
KKG_PAI = "KKG PAI Kecamatan Semendawai Suku III"

# The ketua of the two other OKU Timur groups get accounts too: their reports are submitted by them, and they
# are the "ketua of another group" who cannot open KKG Kelas 2's drafts.
AKUN_KETUA = {KKG5: ("ketua_kelas5", "Joko Susilo, S.Pd"), KKG_PAI: ("ketua_pai", "Ahmad Fauzi, S.Pd.I")}

TENGGAT = {Jenis.BULANAN: 10, Jenis.SEMESTER: 14, Jenis.TAHUNAN: 30}

CATATAN_KEMBALI = (
    "Daftar hadir pertemuan kedua belum dilampirkan dan capaian masih terlalu umum. Mohon sebutkan produk yang "
    "dihasilkan anggota dan dampaknya bagi murid kelas 2."
)
CATATAN_KEMBALI_2 = "Bagian kendala belum diisi. Jelaskan juga tindak lanjut untuk anggota yang belum hadir."
CATATAN_SETUJU = "Laporan lengkap dan rapi. Pertahankan dokumentasi produk seperti ini."

NARASI = {
    "capaian": "Seluruh pertemuan terlaksana sesuai jadwal dengan kehadiran rata-rata di atas 80%. Anggota "
    "menghasilkan TP dan ATP Matematika Fase A serta bahan ajar literasi membaca permulaan.",
    "dampak": "Guru mulai menerapkan asesmen diagnostik awal; murid yang belum lancar membaca mendapat "
    "pendampingan kelompok kecil di kelas masing-masing.",
    "kendala": "Beberapa anggota terkendala jarak dan jadwal mengajar; perangkat proyektor di sekolah tuan "
    "rumah terbatas.",
    "tindak_lanjut": "Hasil praktik baik dibagikan pada pertemuan berikutnya; bank soal asesmen sumatif "
    "disusun bersama koordinator mata pelajaran.",
}


@dataclass(frozen=True)
class Langkah:
    aksi: str  # an Aksi, or "tulis" (the ketua writes the narrative)
    hari: int  # days after the period's end
    catatan: str = ""
    teruskan: bool = True  # setujui: forward to the Dinas in the same step (the page's default)


@dataclass(frozen=True)
class Rencana:
    kelompok: str
    jenis: str
    bulan_lalu: int = 0  # bulanan: which month before the current one
    langkah: list[Langkah] = field(default_factory=list)


def _diterima(ajukan=4, setujui=7, terima=11) -> list[Langkah]:
    return [
        Langkah("tulis", ajukan - 1),
        Langkah(Aksi.AJUKAN, ajukan),
        Langkah(Aksi.SETUJUI, setujui, CATATAN_SETUJU),
        Langkah(Aksi.TERIMA, terima),
    ]


A, K, S, T = Aksi.AJUKAN, Aksi.KEMBALIKAN, Aksi.SETUJUI, Aksi.TERIMA
RENCANA = [
    # KKG Kelas 2 CND: the ketua's own history, oldest first.
    Rencana(KKG2, Jenis.BULANAN, 6, [Langkah("tulis", 3), Langkah(A, 5), Langkah(K, 8, CATATAN_KEMBALI),
                                     Langkah("tulis", 9), Langkah(A, 10), Langkah(S, 13, CATATAN_SETUJU),
                                     Langkah(T, 17)]),
    Rencana(KKG2, Jenis.BULANAN, 5, _diterima()),
    Rencana(KKG2, Jenis.BULANAN, 4, _diterima(6, 9, 12)),
    Rencana(KKG2, Jenis.BULANAN, 3, [Langkah("tulis", 5), Langkah(A, 6), Langkah(S, 10)]),  # waits for the Dinas
    Rencana(KKG2, Jenis.BULANAN, 2, [Langkah("tulis", 6), Langkah(A, 7), Langkah(K, 12, CATATAN_KEMBALI)]),
    Rencana(KKG2, Jenis.BULANAN, 1),  # last month: a draft, the ketua's work on first login
    Rencana(KKG2, Jenis.SEMESTER, langkah=_diterima(9, 13, 20)),
    Rencana(KKG2, Jenis.TAHUNAN, langkah=_diterima(12, 16, 24)),
    Rencana(KKG2, Jenis.LPJ, langkah=[Langkah("tulis", 0), Langkah(A, 1)]),  # waits for the pengawas
    # The other OKU Timur groups, for the Dinas matrix and the pengawas's inbox.
    Rencana(KKG5, Jenis.BULANAN, 3, _diterima(3, 6, 9)),
    Rencana(KKG5, Jenis.BULANAN, 2, _diterima(8, 10, 14)),
    Rencana(KKG5, Jenis.BULANAN, 1, [Langkah("tulis", 4), Langkah(A, 5)]),  # waits for the pengawas
    Rencana(KKG_PAI, Jenis.BULANAN, 3, _diterima(16, 18, 22)),  # first submitted after the deadline: late
    Rencana(KKG_PAI, Jenis.BULANAN, 2, [Langkah("tulis", 8), Langkah(A, 9),
                                        Langkah(S, 12, teruskan=False)]),  # approved, not yet forwarded
    Rencana(KKG_PAI, Jenis.BULANAN, 4, [Langkah("tulis", 7), Langkah(A, 8), Langkah(K, 11, CATATAN_KEMBALI_2)]),
    # KKG PAI has no report for last month: missing past the deadline.
]  # fmt: skip

KUNJUNGAN = [
    # (group, the meeting attended by its topic prefix or None, days from today, notes, follow-up)
    (KKG2, "BATIK 2", None, "Pengawas mengikuti BATIK 2. Diskusi hidup; contoh bahan ajar literasi sudah dipakai "
     "di dua sekolah anggota.", "Bahan ajar literasi diunggah ke bank produk sebelum pertemuan berikutnya."),
    (KKG5, None, -45, "Pendampingan penyusunan modul ajar IPAS kelas 5. Sebagian anggota belum memakai asesmen "
     "diagnostik.", "Ketua menjadwalkan In-1 asesmen diagnostik bulan depan."),
]  # fmt: skip


def bulan_lalu(hari_ini: datetime.date, n: int) -> datetime.date:
    """The first day of the n-th month before the one containing `hari_ini`."""
    tanggal = hari_ini.replace(day=1)
    for _i in range(n):
        tanggal = (tanggal - datetime.timedelta(days=1)).replace(day=1)
    return tanggal


class _Laporan:
    def __init__(self, pemuat, kelompok):
        self.p = pemuat
        self.kelompok = kelompok
        self.hari_ini = timezone.localdate()
        self.pengawas = User.objects.get(username="pengawas")
        self.dinas = User.objects.get(username="dinas")

    def muat(self):
        kabupaten = Kabupaten.objects.get(nama=OKU_TIMUR[0])
        for jenis, hari in TENGGAT.items():
            self.p.simpan(TenggatLaporan, {"kabupaten": kabupaten, "jenis": jenis}, {"hari": hari})
        ketua = {KKG2: User.objects.get(username="ketua")}
        for nama, (username, nama_guru) in AKUN_KETUA.items():
            ketua[nama] = self.p.akun(username, nama_guru, email_dari(nama_guru))
            guru = Guru.objects.get(nama=nama_guru, sekolah__kecamatan__kabupaten=kabupaten)
            Guru.objects.filter(user=ketua[nama]).exclude(pk=guru.pk).update(user=None)
            self.p.simpan(Guru, {"pk": guru.pk}, {"user": ketua[nama]})
        for r in RENCANA:
            self.laporan(r, ketua[r.kelompok])
        self.kunjungan()

    def periode(self, r: Rencana) -> tuple[dict, datetime.date] | None:
        """The arguments of buat_laporan and the period's end (the LPJ's: a week ago), or None (no grant)."""
        kk = self.kelompok[r.kelompok]
        if r.jenis == Jenis.BULANAN:
            mulai = bulan_lalu(self.hari_ini, r.bulan_lalu)
            return {"tanggal": mulai}, layanan.periode(r.jenis, mulai)[1]
        if r.jenis == Jenis.LPJ:
            hibah = (
                EntriKas.objects.filter(kelompok=kk, kategori=EntriKas.Kategori.HIBAH, dibalik_oleh__isnull=True)
                .order_by("-tanggal")
                .first()
            )
            selesai = self.hari_ini - datetime.timedelta(days=7)
            if hibah is None or hibah.tanggal >= selesai:
                return None
            return {"hibah": hibah, "selesai": selesai}, selesai
        mulai, selesai = layanan.periode_sebelumnya(r.jenis, self.hari_ini)
        return {"tanggal": mulai}, selesai

    def laporan(self, r: Rencana, ketua):
        kk = self.kelompok[r.kelompok]
        hasil = self.periode(r)
        if hasil is None:
            return
        argumen, selesai = hasil
        mulai = argumen["hibah"].tanggal if r.jenis == Jenis.LPJ else layanan.periode(r.jenis, argumen["tanggal"])[0]
        if Laporan.objects.filter(kelompok=kk, jenis=r.jenis, mulai=mulai).exists():
            return  # made by an earlier run, and perhaps moved on in the app since: left as it is
        lap = layanan.buat_laporan(kk, oleh=ketua, jenis=r.jenis, **argumen)
        pada = self.pada(selesai, 1)
        Laporan.objects.filter(pk=lap.pk).update(dibuat=pada)
        RiwayatLaporan.objects.filter(laporan=lap).update(pada=pada)
        for i, langkah in enumerate(r.langkah):
            self.jalankan(lap, langkah, ketua, self.pada(selesai, langkah.hari, i))
        self.p.hasil.dibuat += 1 + RiwayatLaporan.objects.filter(laporan=lap).count() + lap.daftar_versi.count()

    def pada(self, selesai: datetime.date, hari: int, jam: int = 0) -> datetime.datetime:
        """A working-hours moment `hari` days after the period's end, never later than an hour ago."""
        tanggal = selesai + datetime.timedelta(days=hari)
        saat = timezone.make_aware(datetime.datetime.combine(tanggal, datetime.time(8 + jam % 8, 15 + 7 * jam % 40)))
        return min(saat, timezone.now() - datetime.timedelta(hours=1))

    def jalankan(self, lap: Laporan, langkah: Langkah, ketua, pada: datetime.datetime):
        """One step through its service, then the rows it wrote moved back to `pada`."""
        terakhir = RiwayatLaporan.objects.filter(laporan=lap).order_by("-pk").values_list("pk", flat=True).first()
        if langkah.aksi == "tulis":
            layanan.ubah_narasi(lap, oleh=ketua, **NARASI)
            return
        if langkah.aksi == Aksi.AJUKAN:
            lap = layanan.ajukan_laporan(lap, oleh=ketua)
            versi = VersiLaporan.objects.filter(laporan=lap, nomor=lap.versi)
            versi.update(diajukan_pada=pada)
            Laporan.objects.filter(pk=lap.pk).update(diajukan_pada=pada)
            Laporan.objects.filter(pk=lap.pk, versi=1).update(pertama_diajukan=pada)
        elif langkah.aksi == Aksi.KEMBALIKAN:
            layanan.kembalikan_laporan(lap, oleh=self.pengawas, catatan=langkah.catatan)
        elif langkah.aksi == Aksi.SETUJUI:
            layanan.setujui_laporan(lap, oleh=self.pengawas, catatan=langkah.catatan, teruskan=langkah.teruskan)
        elif langkah.aksi == Aksi.TERIMA:
            layanan.terima_laporan(lap, oleh=self.dinas, catatan=langkah.catatan)
        RiwayatLaporan.objects.filter(laporan=lap, pk__gt=terakhir or 0).update(pada=pada)
        Dokumen.objects.filter(laporan=lap, jenis=Dokumen.Jenis.LAPORAN, dibuat__gt=pada).update(dibuat=pada)

    def kunjungan(self):
        pengawas = Pengawas.objects.get(user=self.pengawas)
        for nama, topik, hari, catatan, tindak_lanjut in KUNJUNGAN:
            kk = self.kelompok[nama]
            pertemuan = None
            if topik:
                pertemuan = Pertemuan.objects.filter(kelompok=kk, topik__startswith=topik).order_by("tanggal").first()
                if pertemuan is None:
                    continue
            tanggal = pertemuan.tanggal if pertemuan else self.hari_ini + datetime.timedelta(days=hari)
            self.p.simpan(
                KunjunganPendampingan,
                {"pengawas": pengawas, "kelompok": kk, "tanggal": tanggal},
                {"pertemuan": pertemuan, "catatan": catatan, "tindak_lanjut": tindak_lanjut},
            )


def muat_laporan(pemuat, kelompok):
    _Laporan(pemuat, kelompok).muat()
