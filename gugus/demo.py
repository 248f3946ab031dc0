"""Demo data: two real-world clusters (see DOMAIN.md) with teachers, groups, boards and one account per role.

`muat_demo()` is idempotent: every row is looked up by its natural key (NPSN, NIP/NUPTK, username, names)
and written only when it is new or differs from the table below, so a second run writes nothing (and adds
no history rows). Every row passes `full_clean()` before it is saved, so invalid demo data fails loudly.
Used by `manage.py seed_demo`.
"""

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from axes.utils import reset as reset_axes
from django.contrib.auth import get_user_model
from django.db import models, transaction

from .models import (
    Gugus,
    Guru,
    Kabupaten,
    Keanggotaan,
    Kecamatan,
    KelompokKerja,
    Kepengurusan,
    Pendampingan,
    Pengawas,
    Sekolah,
    StafDinas,
)
from .nama import GELAR_DEPAN, pisah_nama

User = get_user_model()

KATA_SANDI = "demo12345"
URL = "http://127.0.0.1:8000/"

MULAI = datetime.date(2024, 7, 15)
SELESAI = datetime.date(2027, 7, 14)
TANGGAL_SK = datetime.date(2024, 7, 10)

OKU_TIMUR = ("OKU Timur", "Sumatera Selatan")
SUBANG = ("Subang", "Jawa Barat")
SEMENDAWAI = "Semendawai Suku III"
KIARAPEDES = "Kiarapedes"

KEPALA = "kepala"  # the task of a kepala sekolah; others teach a class (1–6) or a subject ("PAI", "PJOK")


class NIP(NamedTuple):
    """The parts of a NIP; the gender digit comes from the guru, so it cannot contradict jenis_kelamin."""

    lahir: str  # yyyymmdd
    tmt: str  # yyyymm
    urut: int

    def untuk(self, jenis_kelamin: str) -> str:
        return f"{self.lahir}{self.tmt}{'1' if jenis_kelamin == 'L' else '2'}{self.urut:03d}"


@dataclass(frozen=True)
class G:
    """One demo guru. Without nip and nuptk: an honorary teacher."""

    nama: str
    jk: str
    tugas: int | str
    nip: NIP | None = None
    nuptk: str | None = None
    akun: str | None = None  # demo username linked to this guru


@dataclass(frozen=True)
class S:
    npsn: str
    nama: str
    desa: str
    guru: list[G]
    jenjang: str = Sekolah.Jenjang.SD
    status: str = Sekolah.Status.NEGERI


@dataclass(frozen=True)
class Gug:
    kabupaten: tuple[str, str]
    kecamatan: str
    nama: str
    nomor: int | None
    sekolah: list[S]
    inti: str | None = None  # NPSN of the sekolah inti; its kepala sekolah is the ketua gugus


@dataclass(frozen=True)
class Kel:
    nama: str
    kabupaten: tuple[str, str]
    gugus: str | None = None
    kecamatan: str | None = None
    kelas: int | None = None
    fase: str = ""
    mata_pelajaran: str = ""
    nomor_sk: str = ""  # the SK that appointed the board below
    pengurus: list[tuple[str, str, str]] = field(default_factory=list)  # (jabatan, guru's name, bidang)

    def anggota(self, g: G) -> bool:
        """Who joins: the teachers of that class, or of that subject, or (all-class KKG) every teacher."""
        if self.kelas:
            return g.tugas == self.kelas
        if self.mata_pelajaran:
            return g.tugas == self.mata_pelajaran
        return g.tugas != KEPALA


GUGUS = [
    Gug(
        OKU_TIMUR,
        SEMENDAWAI,
        "Gugus Cut Nyak Dien",
        None,
        inti="10600356",
        sekolah=[
            S(
                "10600312",
                "SDN 01 Trimoharjo",
                "Trimoharjo",
                [
                    G("Sugiyono, S.Pd", "L", KEPALA, NIP("19690403", "199203", 6)),
                    G("Tri Handayani, S.Pd", "P", 2, NIP("19820917", "200801", 11), akun="sekretaris"),
                    G("Heru Prasetyo, S.Pd", "L", 2, nuptk="6249760662200013"),
                    G("Nur Hasanah, S.Pd.I", "P", "PAI", NIP("19850130", "201001", 8)),
                    G("Joko Susilo, S.Pd", "L", 5, NIP("19780620", "200501", 12)),
                ],
            ),
            S(
                "10600313",
                "SDN 02 Trimoharjo",
                "Trimoharjo",
                [
                    G("Suyanto, M.Pd", "L", KEPALA, NIP("19700705", "199303", 9)),
                    G("Endang Purwati, S.Pd", "P", 2, NIP("19840311", "200901", 5), akun="bendahara"),
                    G("Wahyu Nugroho, S.Pd", "L", 2, akun="anggota"),
                    G("Siti Khoiriyah, S.Ag", "P", "PAI", nuptk="9437758660300042"),
                    G("Bambang Riyadi, S.Pd", "L", 5, NIP("19810808", "200701", 10)),
                    G("Ani Rahmawati, S.Pd", "P", 1, nuptk="2353765666300021"),
                ],
            ),
            S(
                "10600327",
                "SDN 02 Taman Agung",
                "Taman Agung",
                [
                    G("Hj. Siti Maryam, S.Pd", "P", KEPALA, NIP("19710126", "199512", 2)),
                    G("Rina Marlina, S.Pd", "P", 2, NIP("19860402", "201001", 14), akun="koordinator"),
                    G("Ahmad Fauzi, S.Pd.I", "L", "PAI", NIP("19790915", "200501", 15)),
                    G("Desi Ratnasari, S.Pd", "P", 5, nuptk="8736764665300033"),
                    G("Fitriani, S.Pd", "P", 3),
                ],
            ),
            S(
                "10600341",
                "SDN 01 Kerujon",
                "Kerujon",
                [
                    G("Sumarno, S.Pd", "L", KEPALA, NIP("19680210", "199102", 3)),
                    G("Eko Wibowo, S.Pd", "L", 2, NIP("19830725", "200902", 6)),
                    G("Lilis Suryani, S.Pd", "P", 5, NIP("19851104", "201001", 9)),
                    G("Muhammad Ridwan, S.Pd.I", "L", "PAI", nuptk="4457761662200024"),
                    G("Putri Anggraini, S.Pd", "P", 4),
                ],
            ),
            S(
                "10600356",
                "SDN Taman Mulya",
                "Taman Mulya",
                [
                    G("Imam Mashudi, S.Pd", "L", KEPALA, NIP("19720814", "199803", 3)),
                    G("Sri Wahyuni, S.Pd", "P", 2, NIP("19800512", "200604", 7), akun="ketua"),
                    G("Dwi Lestari, S.Pd", "P", 2, nuptk="1044766667300052"),
                    G("Agus Salim, S.Pd.I", "L", "PAI", NIP("19830221", "200902", 4)),
                    G("Yuliana, S.Pd", "P", 5, NIP("19870709", "201101", 2)),
                    G("Rahmat Hidayat, S.Pd", "L", "PJOK"),
                ],
            ),
        ],
    ),
    Gug(
        SUBANG,
        KIARAPEDES,
        "Gugus I Wahana Gentra Kiara",
        1,
        inti="20203451",
        sekolah=[
            S(
                "20203451",
                "UPTD SDN Gardu",
                "Gardu",
                [
                    G("Dadang Supriatna, S.Pd", "L", KEPALA, NIP("19700318", "199403", 5)),
                    G("Euis Komalasari, S.Pd", "P", 1, NIP("19810622", "200701", 8)),
                    G("Asep Saepudin, S.Pd", "L", 4, nuptk="3150762663200011"),
                    G("Neng Siti Rohmah, S.Pd", "P", 2),
                    G("Cecep Hidayat, S.Pd.I", "L", "PAI", NIP("19840505", "201001", 13)),
                ],
            ),
            S(
                "20203452",
                "SDN 1 Kiarapedes",
                "Kiarapedes",
                [
                    G("Hj. Iis Aisyah, M.Pd", "P", KEPALA, NIP("19720909", "199703", 4)),
                    G("Yayan Sopyan, S.Pd", "L", 5, NIP("19790112", "200501", 9)),
                    G("Rina Nuraeni, S.Pd", "P", 2, nuptk="7644765667300063"),
                    G("Dede Kurniawan, S.Pd", "L", "PJOK"),
                ],
            ),
            S(
                "20203453",
                "SDN Sumbersari",
                "Sumbersari",
                [
                    G("Ujang Suryana, S.Pd", "L", KEPALA, NIP("19690730", "199203", 7)),
                    G("Lina Herlina, S.Pd", "P", 3, NIP("19860214", "201101", 3)),
                    G("Ade Rukmana, S.Pd", "L", 6, nuptk="5062764665200042"),
                    G("Tati Sumiati, S.Pd", "P", 1, NIP("19820403", "200801", 12)),
                ],
            ),
            S(
                # Madrasah are registered by Kemenag; their NPSN start with 6.
                "60714128",
                "MI Miftahul Huda Kiarapedes",
                "Ciracas",
                [
                    G("H. Mamat Rahmat, S.Ag", "L", KEPALA, nuptk="8842752654200012"),
                    G("Imas Masitoh, S.Pd.I", "P", 1, nuptk="0436763664300032"),
                    G("Ahmad Syarifudin, S.Pd.I", "L", 4),
                    G("Nenden Sri Mulyani, S.Pd", "P", 5, nuptk="9652766667300081"),
                ],
                jenjang=Sekolah.Jenjang.MI,
                status=Sekolah.Status.SWASTA,
            ),
        ],
    ),
    Gug(
        SUBANG,
        KIARAPEDES,
        "Gugus II Wahana Aditya Kiara",
        2,
        inti="20203461",
        sekolah=[
            S(
                "20203461",
                "SDN Cibeber",
                "Cibeber",
                [
                    G("Dadan Ramdani, M.Pd", "L", KEPALA, NIP("19710415", "199603", 2)),
                    G("Yanti Susanti, S.Pd", "P", 2, NIP("19830927", "200902", 5)),
                    G("Irfan Maulana, S.Pd", "L", 5, nuptk="1259765666200053"),
                    G("Siti Nurjanah, S.Pd.I", "P", "PAI", NIP("19870618", "201101", 6)),
                ],
            ),
            S(
                "20203462",
                "SDN Pusakamulya",
                "Pusakamulya",
                [
                    G("Endang Sutisna, S.Pd", "L", KEPALA, NIP("19680811", "199103", 8)),
                    G("Wiwin Winarsih, S.Pd", "P", 1, NIP("19800101", "200501", 16)),
                    G("Hendra Gunawan, S.Pd", "L", 3, nuptk="4746763664200071"),
                    G("Popon Rohaeti, S.Pd", "P", 6),
                ],
            ),
            S(
                "20203463",
                "SDN Mekarjaya",
                "Mekarjaya",
                [
                    G("Iwan Setiawan, S.Pd", "L", KEPALA, NIP("19730523", "199802", 1)),
                    G("Nia Kurniasih, S.Pd", "P", 4, NIP("19850809", "201001", 10)),
                    G("Rudi Hermawan, S.Pd", "L", 5, nuptk="6338766667200014"),
                    G("Elis Nurhayati, S.Pd", "P", 2, NIP("19880302", "201403", 1)),
                ],
            ),
        ],
    ),
]

J = Kepengurusan.Jabatan

KELOMPOK = [
    Kel(
        "KKG Kelas 2 Gugus Cut Nyak Dien",
        OKU_TIMUR,
        gugus="Gugus Cut Nyak Dien",
        kelas=2,
        fase=KelompokKerja.Fase.A,
        nomor_sk="421.2/123/SK/KKG-CND/VII/2024",
        pengurus=[
            (J.KETUA, "Sri Wahyuni, S.Pd", ""),
            (J.WAKIL_KETUA, "Heru Prasetyo, S.Pd", ""),
            (J.SEKRETARIS, "Tri Handayani, S.Pd", ""),
            (J.BENDAHARA, "Endang Purwati, S.Pd", ""),
            (J.KOORDINATOR, "Rina Marlina, S.Pd", "Matematika"),
            (J.KOORDINATOR, "Eko Wibowo, S.Pd", "Bahasa Indonesia"),
        ],
    ),
    Kel(
        "KKG Kelas 5 Gugus Cut Nyak Dien",
        OKU_TIMUR,
        gugus="Gugus Cut Nyak Dien",
        kelas=5,
        fase=KelompokKerja.Fase.C,
        nomor_sk="421.2/124/SK/KKG-CND/VII/2024",
        pengurus=[(J.KETUA, "Joko Susilo, S.Pd", "")],
    ),
    Kel(
        "KKG PAI Kecamatan Semendawai Suku III",
        OKU_TIMUR,
        kecamatan=SEMENDAWAI,
        mata_pelajaran="PAI",
        nomor_sk="421.2/131/SK/KKG-PAI/VII/2024",
        pengurus=[(J.KETUA, "Ahmad Fauzi, S.Pd.I", "")],
    ),
    Kel(
        "KKG Gugus I Wahana Gentra Kiara",
        SUBANG,
        gugus="Gugus I Wahana Gentra Kiara",
        nomor_sk="800/214/KKG-WGK/VII/2024",
        pengurus=[(J.KETUA, "Euis Komalasari, S.Pd", ""), (J.SEKRETARIS, "Yayan Sopyan, S.Pd", "")],
    ),
    Kel(
        "KKG Gugus II Wahana Aditya Kiara",
        SUBANG,
        gugus="Gugus II Wahana Aditya Kiara",
        nomor_sk="800/215/KKG-WAK/VII/2024",
        pengurus=[(J.KETUA, "Yanti Susanti, S.Pd", ""), (J.SEKRETARIS, "Wiwin Winarsih, S.Pd", "")],
    ),
]

PENGAWAS = {"nama": "Drs. Bambang Suharto, M.Pd", "nip": "196606121990031004", "kabupaten": OKU_TIMUR}
DINAS = {"nama": "Hendri Kurniawan, S.E", "jabatan": "Bidang Pembinaan Ketenagaan", "kabupaten": OKU_TIMUR}
KELOMPOK_PENGAWAS = [k.nama for k in KELOMPOK if k.kabupaten == OKU_TIMUR]

# username → (role, what that role sees), in the order printed by seed_demo
AKUN = {
    "ketua": ("Ketua KKG Kelas 2 CND", "kelola anggota, pengurus dan pertemuan; ajukan laporan ke pengawas"),
    "sekretaris": ("Sekretaris KKG Kelas 2 CND", "tulis notulen dan daftar hadir, bagikan ke anggota"),
    "bendahara": ("Bendahara KKG Kelas 2 CND", "buku kas: iuran anggota, hibah dan pengeluaran"),
    "koordinator": ("Koordinator Matematika", "soal, materi dan media mapel Matematika KKG Kelas 2 CND"),
    "anggota": ("Anggota KKG Kelas 2 CND", "jadwal pertemuan, presensi, notulen, bukti keikutsertaan"),
    "pengawas": ("Pengawas OKU Timur", "3 kelompok kerja yang didampingi; periksa dan setujui laporan"),
    "dinas": ("Staf Dinas OKU Timur", "semua sekolah, guru dan kelompok kerja OKU Timur; ekspor"),
    "admin": ("Superuser", "semua data, termasuk /admin/"),
}


def email_dari(nama: str, domain: str = "example.sch.id") -> str:
    """siti.aminah@example.sch.id: the name without titles and degrees."""
    kata = [k for k in nama.partition(",")[0].split() if not GELAR_DEPAN.match(k)]
    return ".".join(k.lower() for k in kata) + "@" + domain


def whatsapp_dari(n: int) -> str:
    """A distinct, stable 12-digit mobile number for the n-th demo guru."""
    awalan = ("0812", "0813", "0821", "0852", "0857", "0878")[n % 6]
    return f"{awalan}{73015000 + n * 379:08d}"


@dataclass
class Hasil:
    dibuat: int = 0
    diubah: int = 0
    akun: list[tuple[str, str, str]] = field(default_factory=list)  # username, role, what it sees


# Apps to the right add their demo data without gugus importing them: each registers, from its
# AppConfig.ready(), a function (pemuat, kelompok by name) that uses `pemuat.simpan`; run after the organisation.
LANGKAH_DEMO: list = []


class _Pemuat:
    def __init__(self):
        self.hasil = Hasil()

    def simpan(self, model: type[models.Model], kunci: dict, nilai: dict | None = None) -> models.Model:
        """The row with the natural key `kunci`, created or brought in line with `nilai`; saved (after
        full_clean) only when something changed, so a repeated run writes nothing."""
        nilai = nilai or {}
        obj = model.objects.filter(**kunci).first()
        if obj is None:
            obj = model(**kunci, **nilai)
            self.hasil.dibuat += 1
        else:
            berubah = False
            for nama, baru in nilai.items():
                f = model._meta.get_field(nama)
                if f.is_relation:
                    lama, baru_cmp = getattr(obj, f.attname), (baru.pk if baru is not None else None)
                else:
                    lama, baru_cmp = getattr(obj, nama), baru
                if lama != baru_cmp:
                    setattr(obj, nama, baru)
                    berubah = True
            if not berubah:
                return obj
            self.hasil.diubah += 1
        obj.full_clean()
        obj.save()
        return obj

    def akun(self, username: str, nama: str, email: str, *, superuser: bool = False) -> User:
        first_name, last_name = pisah_nama(nama)
        nilai = {
            "first_name": first_name,
            "last_name": last_name,
            "email": email,
            "is_active": True,
            "is_staff": superuser,
            "is_superuser": superuser,
        }
        user = User.objects.filter(username=username).first()
        baru = user is None
        if baru:
            user = User(username=username)
        berubah = baru
        for nama_field, v in nilai.items():
            if getattr(user, nama_field) != v:
                setattr(user, nama_field, v)
                berubah = True
        # The demo password is restored on every run (someone may have changed it in the app).
        if baru or not user.check_password(KATA_SANDI):
            user.set_password(KATA_SANDI)
            berubah = True
        if berubah:
            self.hasil.dibuat += baru
            self.hasil.diubah += not baru
            user.full_clean()
            user.save()
        reset_axes(username=username)  # and a demo account locked out by wrong guesses is unlocked
        return user

    def muat(self) -> Hasil:
        kabupaten = {
            k: self.simpan(Kabupaten, {"jenis": Kabupaten.Jenis.KABUPATEN, "nama": k[0]}, {"provinsi": k[1]})
            for k in (OKU_TIMUR, SUBANG)
        }
        kecamatan = {
            nama: self.simpan(Kecamatan, {"kabupaten": kabupaten[kab], "nama": nama})
            for kab, nama in ((OKU_TIMUR, SEMENDAWAI), (SUBANG, KIARAPEDES))
        }
        gugus, guru, data_guru, sekolah_guru = {}, {}, {}, {}
        n = 0
        for gd in GUGUS:
            gugus[gd.nama] = self.simpan(
                Gugus, {"kecamatan": kecamatan[gd.kecamatan], "nama": gd.nama}, {"nomor": gd.nomor}
            )
            for sd in gd.sekolah:
                sekolah = self.simpan(
                    Sekolah,
                    {"npsn": sd.npsn},
                    {
                        "nama": sd.nama,
                        "jenjang": sd.jenjang,
                        "status": sd.status,
                        "alamat": f"Desa {sd.desa}, Kec. {gd.kecamatan}, Kab. {gd.kabupaten[0]}, {gd.kabupaten[1]}",
                        "kecamatan": kecamatan[gd.kecamatan],
                        "gugus": gugus[gd.nama],
                    },
                )
                for g in sd.guru:
                    n += 1
                    nip = g.nip.untuk(g.jk) if g.nip else None
                    if nip:
                        kunci = {"nip": nip}
                    elif g.nuptk:
                        kunci = {"nuptk": g.nuptk}
                    else:  # honorary: no number, so the name within the school is the key
                        kunci = {"sekolah": sekolah, "nama": g.nama}
                    nilai = {
                        "nama": g.nama,
                        "nip": nip,
                        "nuptk": g.nuptk,
                        "jenis_kelamin": g.jk,
                        "sekolah": sekolah,
                        "email": email_dari(g.nama),
                        "whatsapp": whatsapp_dari(n),
                    }
                    nilai = {k: v for k, v in nilai.items() if k not in kunci}
                    guru[g.nama] = self.simpan(Guru, kunci, nilai)
                    data_guru[g.nama] = g
                    sekolah_guru.setdefault(sekolah.pk, []).append(g)
                    if g.tugas == KEPALA:
                        self.simpan(Sekolah, {"npsn": sd.npsn}, {"kepala_sekolah": guru[g.nama]})
            if gd.inti:
                inti = Sekolah.objects.get(npsn=gd.inti)
                self.simpan(
                    Gugus,
                    {"pk": gugus[gd.nama].pk},
                    {"sekolah_inti": inti, "ketua_gugus": inti.kepala_sekolah},
                )

        kelompok = {}
        for kd in KELOMPOK:
            kab = kabupaten[kd.kabupaten]
            kk = self.simpan(
                KelompokKerja,
                {"nama": kd.nama, "kabupaten": kab},
                {
                    "jenis": KelompokKerja.Jenis.KKG,
                    "cakupan": KelompokKerja.Cakupan.GUGUS if kd.gugus else KelompokKerja.Cakupan.KECAMATAN,
                    "gugus": gugus[kd.gugus] if kd.gugus else None,
                    "kecamatan": kecamatan[kd.kecamatan] if kd.kecamatan else gugus[kd.gugus].kecamatan,
                    "kelas": kd.kelas,
                    "fase": kd.fase,
                    "mata_pelajaran": kd.mata_pelajaran,
                    "aktif": True,
                },
            )
            kelompok[kd.nama] = kk
            anggota = set()
            for sekolah_id in kk.sekolah_wilayah().values_list("pk", flat=True):
                for g in sekolah_guru.get(sekolah_id, []):
                    if kd.anggota(g):
                        anggota.add(g.nama)
            for jabatan, nama, _bidang in kd.pengurus:
                if nama not in anggota:
                    raise ValueError(f"{nama} ({jabatan}) is not a member of {kd.nama}: fix the demo data")
            for nama in sorted(anggota):
                self.simpan(Keanggotaan, {"guru": guru[nama], "kelompok": kk, "selesai": None}, {"mulai": MULAI})
            for jabatan, nama, bidang in kd.pengurus:
                # One in-force holder per jabatan (and bidang): re-seeding restores the demo board.
                self.simpan(
                    Kepengurusan,
                    {"kelompok": kk, "jabatan": jabatan, "bidang": bidang, "aktif": True},
                    {
                        "guru": guru[nama],
                        "mulai": MULAI,
                        "selesai": SELESAI,
                        "nomor_sk": kd.nomor_sk,
                        "tanggal_sk": TANGGAL_SK,
                    },
                )

        # Accounts. Teachers' accounts are linked through Guru.user.
        for nama, g in data_guru.items():
            if g.akun:
                user = self.akun(g.akun, nama, email_dari(nama))
                Guru.objects.filter(user=user).exclude(pk=guru[nama].pk).update(user=None)
                self.simpan(Guru, {"pk": guru[nama].pk}, {"user": user})

        user = self.akun("pengawas", PENGAWAS["nama"], email_dari(PENGAWAS["nama"], "example.go.id"))
        pengawas = self.simpan(
            Pengawas, {"user": user}, {"kabupaten": kabupaten[PENGAWAS["kabupaten"]], "nip": PENGAWAS["nip"]}
        )
        for nama in KELOMPOK_PENGAWAS:
            self.simpan(
                Pendampingan, {"pengawas": pengawas, "kelompok": kelompok[nama], "selesai": None}, {"mulai": MULAI}
            )

        user = self.akun("dinas", DINAS["nama"], email_dari(DINAS["nama"], "example.go.id"))
        self.simpan(
            StafDinas, {"user": user}, {"kabupaten": kabupaten[DINAS["kabupaten"]], "jabatan": DINAS["jabatan"]}
        )

        self.akun("admin", "Admin Aplikasi", "admin@example.org", superuser=True)

        for langkah in LANGKAH_DEMO:
            langkah(self, kelompok)

        self.hasil.akun = [(username, *AKUN[username]) for username in AKUN]
        return self.hasil


@transaction.atomic
def muat_demo() -> Hasil:
    """Loads (or brings back) the demo data in one transaction; returns what changed and the accounts."""
    return _Pemuat().muat()
