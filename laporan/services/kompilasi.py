"""Compiling a report from the data: everything the report shows, as one JSON-ready dict.

The ketua never retypes what the app already knows: meetings of the period with their attendance rate,
programmes and their In-On-In progress, products, notulen status, action items, the cash summary (for a grant:
spending against it, with the receipts), the pengawas's visits, plus the ketua's narrative. The same dict is
shown on the report's page while it is a draft, frozen in `VersiLaporan.isi` on submission (later edits of a
meeting change nothing that was submitted) and rendered to the PDF from that frozen copy.

A fixed number of queries whatever the number of meetings (a tahunan report has about 48).
"""

import datetime

from django.db.models import Count, Q

from gugus.models import Kepengurusan, Pendampingan
from kegiatan.models import (
    Dokumentasi,
    EntriKas,
    Kehadiran,
    Notulen,
    Pertemuan,
    Produk,
    ProgramKerja,
    TindakLanjut,
)
from kegiatan.models.kas import ringkasan_kas
from kegiatan.services.kehadiran import persen

from ..models import KunjunganPendampingan, Laporan

Hadir = Kehadiran.Status
StatusPertemuan = Pertemuan.Status


def _tgl(tanggal: datetime.date | None) -> str | None:
    return tanggal.isoformat() if tanggal else None


def _orang(guru) -> dict:
    return {"nama": guru.nama, "nip": guru.nip or ""} if guru else {"nama": "", "nip": ""}


def _kelompok(laporan: Laporan) -> dict:
    k = laporan.kelompok
    return {
        "id": k.pk,
        "nama": k.nama,
        "jenis": k.jenis,
        "gugus": k.gugus.nama if k.gugus_id else "",
        "kecamatan": k.kecamatan.nama if k.kecamatan_id else "",
        "kabupaten": k.kabupaten.nama,
    }


def _pengurus(laporan: Laporan) -> dict:
    """Ketua, sekretaris and bendahara in office at the end of the period (else today's), and the pengawas."""
    J = Kepengurusan.Jabatan
    qs = Kepengurusan.objects.filter(kelompok_id=laporan.kelompok_id, jabatan__in=[J.KETUA, J.SEKRETARIS, J.BENDAHARA])
    hasil = {}
    for baris in list(qs.menjabat(laporan.selesai).select_related("guru")) + list(qs.menjabat().select_related("guru")):
        hasil.setdefault(baris.jabatan, _orang(baris.guru))
    pendamping = Pendampingan.objects.filter(kelompok_id=laporan.kelompok_id).berlaku(laporan.selesai)
    pengawas = [
        {"nama": str(p.pengawas), "nip": p.pengawas.nip or ""} for p in pendamping.select_related("pengawas__user")
    ]
    return {j: hasil.get(j, _orang(None)) for j in (J.KETUA, J.SEKRETARIS, J.BENDAHARA)} | {"pengawas": pengawas}


def _notulen_berlaku(pertemuan_ids: list[int]) -> dict[int, Notulen]:
    """Each meeting's current approved version (the highest approved), in one query."""
    hasil: dict[int, Notulen] = {}
    disetujui = Notulen.objects.filter(pertemuan_id__in=pertemuan_ids, status=Notulen.Status.DISETUJUI)
    for n in disetujui.order_by("pertemuan_id", "-versi"):
        hasil.setdefault(n.pertemuan_id, n)
    return hasil


def _status_notulen(pertemuan_ids: list[int]) -> dict[int, str]:
    """The furthest state of each meeting's minutes: disetujui > diajukan > draft (absent: no minutes)."""
    peringkat = {Notulen.Status.DRAFT: 0, Notulen.Status.DIAJUKAN: 1, Notulen.Status.DISETUJUI: 2}
    hasil: dict[int, str] = {}
    for pid, status in Notulen.objects.filter(pertemuan_id__in=pertemuan_ids).values_list("pertemuan_id", "status"):
        if pid not in hasil or peringkat[status] > peringkat[hasil[pid]]:
            hasil[pid] = status
    return hasil


def _pertemuan(laporan: Laporan) -> tuple[list[dict], list[Pertemuan]]:
    qs = (
        Pertemuan.objects.filter(kelompok_id=laporan.kelompok_id, tanggal__range=(laporan.mulai, laporan.selesai))
        .select_related("program", "langkah", "tuan_rumah", "narasumber_guru")
        .annotate(
            hadir=Count("kehadiran", filter=Q(kehadiran__status=Hadir.HADIR, kehadiran__guru__isnull=False)),
            tercatat=Count("kehadiran", filter=Q(kehadiran__guru__isnull=False)),
            jumlah_produk=Count("produk", distinct=True),
        )
        .order_by("tanggal", "jam_mulai", "pk")
    )
    daftar = list(qs)
    status_notulen = _status_notulen([p.pk for p in daftar])
    label_notulen = dict(Notulen.Status.choices)
    baris = [
        {
            "id": p.pk,
            "tanggal": _tgl(p.tanggal),
            "jam": f"{p.jam_mulai:%H.%M}–{p.jam_selesai:%H.%M}",
            "jenis": p.get_jenis_display(),
            "topik": p.topik,
            "narasumber": p.narasumber,
            "lokasi": p.lokasi,
            "program": p.program.nama if p.program_id else "",
            "status": p.status,
            "status_label": p.get_status_display(),
            "alasan_batal": p.alasan_batal,
            "hadir": p.hadir,
            "tercatat": p.tercatat,
            "persen_hadir": persen(p.hadir, p.tercatat),
            "produk": p.jumlah_produk,
            "notulen": str(label_notulen.get(status_notulen.get(p.pk), "")) or "—",
        }
        for p in daftar
    ]
    return baris, daftar


def _program(laporan: Laporan) -> list[dict]:
    """Programmes with meetings in the period or running in it, with planned vs held and their In-On-In steps."""
    qs = (
        ProgramKerja.objects.filter(kelompok_id=laporan.kelompok_id)
        .filter(pertemuan__tanggal__range=(laporan.mulai, laporan.selesai))
        .distinct()
        .annotate(
            terlaksana=Count(
                "pertemuan",
                filter=Q(pertemuan__status=StatusPertemuan.TERLAKSANA, pertemuan__tanggal__lte=laporan.selesai),
                distinct=True,
            )
        )
        .prefetch_related("langkah__pertemuan")
        .order_by("nama")
    )
    hasil = []
    for prog in qs:
        langkah = [
            {
                "urutan": lk.urutan,
                "tahap": lk.get_tahap_display() if lk.tahap else "",
                "judul": lk.judul,
                "selesai": any(
                    p.status == StatusPertemuan.TERLAKSANA and p.tanggal <= laporan.selesai for p in lk.pertemuan.all()
                ),
            }
            for lk in sorted(prog.langkah.all(), key=lambda lk: lk.urutan)
        ]
        hasil.append(
            {
                "nama": prog.nama,
                "kepanjangan": prog.kepanjangan,
                "rencana": prog.rencana_pertemuan,
                "terlaksana": prog.terlaksana,
                "persen": min(100, round(100 * prog.terlaksana / prog.rencana_pertemuan))
                if prog.rencana_pertemuan
                else 0,
                "in_on_in": prog.in_on_in,
                "langkah": langkah,
                "langkah_selesai": sum(lk["selesai"] for lk in langkah),
            }
        )
    return hasil


def _produk(pertemuan_ids: list[int]) -> list[dict]:
    qs = (
        Produk.objects.filter(pertemuan_id__in=pertemuan_ids)
        .select_related("pertemuan")
        .prefetch_related("penulis")
        .order_by("pertemuan__tanggal", "judul")
    )
    return [
        {
            "judul": p.judul,
            "jenis": p.get_jenis_display(),
            "fase": p.fase,
            "mapel": p.mata_pelajaran,
            "penulis": ", ".join(g.nama for g in p.penulis.all()),
            "tanggal": _tgl(p.pertemuan.tanggal),
            "dikurasi": p.dikurasi,
        }
        for p in qs
    ]


def _tindak_lanjut(pertemuan_ids: list[int]) -> list[dict]:
    qs = (
        TindakLanjut.objects.dari_versi_berlaku()
        .filter(notulen__pertemuan_id__in=pertemuan_ids)
        .select_related("penanggung_jawab", "notulen__pertemuan")
        .order_by("notulen__pertemuan__tanggal", "pk")
    )
    return [
        {
            "uraian": t.uraian,
            "penanggung_jawab": t.penanggung_jawab.nama if t.penanggung_jawab_id else "",
            "batas_waktu": _tgl(t.batas_waktu),
            "selesai": t.selesai_pada is not None,
            "pertemuan": t.notulen.pertemuan.topik,
        }
        for t in qs
    ]


def _kas(laporan: Laporan) -> dict:
    kas = EntriKas.objects.filter(kelompok_id=laporan.kelompok_id)
    awal = kas.filter(tanggal__lt=laporan.mulai).aggregate(**ringkasan_kas())["saldo"]
    periode = kas.filter(tanggal__range=(laporan.mulai, laporan.selesai)).aggregate(**ringkasan_kas())
    return {
        "saldo_awal": awal,
        "penerimaan": periode["penerimaan"],
        "pengeluaran": periode["pengeluaran"],
        "saldo_akhir": awal + periode["saldo"],
    }


def _hibah(laporan: Laporan) -> dict | None:
    """For an LPJ: the grant, and every expense in the period with its receipt, against it."""
    if laporan.hibah_id is None:
        return None
    hibah = laporan.hibah
    belanja = (
        EntriKas.objects.filter(
            kelompok_id=laporan.kelompok_id,
            arah=EntriKas.Arah.KELUAR,
            tanggal__range=(laporan.mulai, laporan.selesai),
            membalik__isnull=True,
            dibalik_oleh__isnull=True,
        )
        .select_related("pertemuan", "program")
        .order_by("tanggal", "nomor")
    )
    baris = [
        {
            "nomor": e.nomor,
            "tanggal": _tgl(e.tanggal),
            "uraian": e.uraian,
            "jumlah": e.jumlah,
            "kegiatan": e.pertemuan.topik if e.pertemuan_id else (e.program.nama if e.program_id else ""),
            "bukti": e.bukti.name if e.bukti else "",
        }
        for e in belanja
    ]
    terpakai = sum(b["jumlah"] for b in baris)
    return {
        "uraian": hibah.uraian,
        "tanggal": _tgl(hibah.tanggal),
        "jumlah": hibah.jumlah,
        "sumber": hibah.get_sumber_dana_display() if hibah.sumber_dana else "",
        "referensi": hibah.referensi,
        "belanja": baris,
        "terpakai": terpakai,
        "sisa": hibah.jumlah - terpakai,
    }


def _kunjungan(laporan: Laporan) -> list[dict]:
    qs = KunjunganPendampingan.objects.filter(
        kelompok_id=laporan.kelompok_id, tanggal__range=(laporan.mulai, laporan.selesai)
    ).select_related("pengawas__user")
    return [
        {
            "tanggal": _tgl(k.tanggal),
            "pengawas": str(k.pengawas),
            "catatan": k.catatan,
            "tindak_lanjut": k.tindak_lanjut,
        }
        for k in qs.order_by("tanggal", "pk")
    ]


def _lampiran(daftar: list[Pertemuan]) -> dict:
    """The annexes: daftar hadir of each held meeting, photos, and the compiled notulen per programme."""
    terlaksana = [p for p in daftar if p.status == StatusPertemuan.TERLAKSANA]
    ids = [p.pk for p in terlaksana]
    hadir: dict[int, list] = {pid: [] for pid in ids}
    for k in (
        Kehadiran.objects.filter(pertemuan_id__in=ids)
        .select_related("guru__sekolah")
        .order_by("pertemuan_id", "guru__nama", "nama_tamu", "pk")
    ):
        hadir[k.pertemuan_id].append(
            {
                "nama": k.nama,
                "nip": (k.guru.nip or "") if k.guru_id else "",
                "asal": k.guru.sekolah.nama if k.guru_id else k.instansi_tamu,
                "status": k.get_status_display(),
            }
        )
    foto = [
        {"berkas": d.foto.name, "keterangan": d.keterangan, "pertemuan_id": d.pertemuan_id}
        for d in Dokumentasi.objects.filter(pertemuan_id__in=ids).order_by("pertemuan__tanggal", "pk")
    ]
    berlaku = _notulen_berlaku(ids)
    notulen: dict[str, list] = {}
    for p in terlaksana:
        n = berlaku.get(p.pk)
        if n is None:
            continue
        notulen.setdefault(p.program.nama if p.program_id else "", []).append(
            {
                "tanggal": _tgl(p.tanggal),
                "topik": p.topik,
                "versi": n.versi,
                "pembukaan": n.pembukaan,
                "pembahasan": n.pembahasan,
                "kesimpulan": n.kesimpulan,
            }
        )
    return {
        "daftar_hadir": [
            {"pertemuan_id": p.pk, "tanggal": _tgl(p.tanggal), "topik": p.topik, "baris": hadir[p.pk]}
            for p in terlaksana
        ],
        "foto": foto,
        "notulen": [{"program": nama, "pertemuan": isi} for nama, isi in notulen.items()],
    }


def ringkas(pertemuan: list[dict], produk: list[dict], tindak_lanjut: list[dict]) -> dict:
    """The headline figures of the period (BAB II and the reviewers' pages)."""
    terlaksana = [p for p in pertemuan if p["status"] == StatusPertemuan.TERLAKSANA]
    tingkat = [p["persen_hadir"] for p in terlaksana if p["persen_hadir"] is not None]
    return {
        "direncanakan": len(pertemuan),
        "terlaksana": len(terlaksana),
        "dibatalkan": sum(p["status"] == StatusPertemuan.DIBATALKAN for p in pertemuan),
        "rata_hadir": round(sum(tingkat) / len(tingkat)) if tingkat else None,
        "notulen_disetujui": sum(p["notulen"] == str(Notulen.Status.DISETUJUI.label) for p in terlaksana),
        "produk": len(produk),
        "tindak_lanjut": len(tindak_lanjut),
        "tindak_lanjut_selesai": sum(t["selesai"] for t in tindak_lanjut),
    }


def kompilasi(laporan: Laporan) -> dict:
    """The report's whole content from the data as of now, JSON-ready (dates as ISO strings)."""
    laporan = Laporan.objects.select_related(
        "kelompok__gugus", "kelompok__kecamatan", "kelompok__kabupaten", "hibah"
    ).get(pk=laporan.pk)
    pertemuan, daftar = _pertemuan(laporan)
    ids = [p.pk for p in daftar]
    produk = _produk(ids)
    tindak_lanjut = _tindak_lanjut(ids)
    return {
        "judul": laporan.judul,
        "jenis": laporan.jenis,
        "periode": {"nama": laporan.nama_periode, "mulai": _tgl(laporan.mulai), "selesai": _tgl(laporan.selesai)},
        "kelompok": _kelompok(laporan),
        "pengurus": _pengurus(laporan),
        "ringkasan": ringkas(pertemuan, produk, tindak_lanjut),
        "pertemuan": pertemuan,
        "program": _program(laporan),
        "produk": produk,
        "tindak_lanjut": tindak_lanjut,
        "kas": _kas(laporan),
        "hibah": _hibah(laporan),
        "kunjungan": _kunjungan(laporan),
        "narasi": {
            "capaian": laporan.capaian,
            "kendala": laporan.kendala,
            "tindak_lanjut": laporan.tindak_lanjut,
            "dampak": laporan.dampak,
        },
        "lampiran": _lampiran(daftar),
    }
