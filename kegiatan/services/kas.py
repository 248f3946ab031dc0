"""The bendahara's cash book: recording receipts, dues, grants and expenses, reversing entries, setting the
monthly dues, and the dues arrears per member.

Entries are immutable (kegiatan/models/kas.py); a mistake is undone by `koreksi`, a reversing entry. Every
writer needs "kelola_kas" and takes a lock on the group row, so the running `nomor` never repeats.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, F, Max, Sum, Value, When, Window
from django.utils import timezone
from django.utils.translation import gettext as _

from gugus.akses import pastikan_boleh
from gugus.models import Guru, Keanggotaan, KelompokKerja

from ..berkas import BUKTI, periksa_berkas
from ..models import EntriKas, Pertemuan, ProgramKerja, TarifIuran
from ..models.kas import jumlah_bertanda

Arah, Kategori = EntriKas.Arah, EntriKas.Kategori


def awal_bulan(tanggal: datetime.date) -> datetime.date:
    return tanggal.replace(day=1)


def bulan_berikut(bulan: datetime.date) -> datetime.date:
    return datetime.date(bulan.year + bulan.month // 12, bulan.month % 12 + 1, 1)


def _kunci(kelompok: KelompokKerja, oleh) -> KelompokKerja:
    """Checks "kelola_kas" and locks the group row until the transaction ends: writers of one group queue up,
    so max(nomor)+1 is never taken twice (the unique constraint backs this)."""
    pastikan_boleh(oleh, "kelola_kas", kelompok)
    return KelompokKerja.objects.select_for_update().get(pk=kelompok.pk)


def _simpan(kelompok: KelompokKerja, oleh, **data) -> EntriKas:
    """Saves one entry with the group's next number; call it inside `_kunci`'s transaction."""
    terakhir = EntriKas.objects.filter(kelompok=kelompok).aggregate(n=Max("nomor"))["n"] or 0
    entri = EntriKas(kelompok=kelompok, nomor=terakhir + 1, dicatat_oleh=oleh, **data)
    entri.full_clean()
    entri.save()
    return entri


@transaction.atomic
def catat_penerimaan(
    kelompok: KelompokKerja,
    *,
    oleh,
    jumlah: int,
    uraian: str,
    tanggal: datetime.date | None = None,
    kategori: str = Kategori.MASUK_LAIN,
    sumber_dana: str = "",
    referensi: str = "",
) -> EntriKas:
    """A receipt: "masuk_lain", or "hibah" (a grant), which names its funding source and a reference number."""
    kelompok = _kunci(kelompok, oleh)
    if kategori not in (Kategori.MASUK_LAIN, Kategori.HIBAH):
        raise ValidationError(_("Iuran dicatat lewat formulir iuran; koreksi lewat tombol koreksi."))
    if kategori == Kategori.HIBAH:
        galat = {}
        if not sumber_dana:
            galat["sumber_dana"] = _("Pilih sumber dana hibah/bantuan.")
        if not referensi.strip():
            galat["referensi"] = _("Isi nomor referensi (SK, surat perjanjian, atau bukti transfer).")
        if galat:
            raise ValidationError(galat)
    else:
        sumber_dana = ""
    return _simpan(
        kelompok,
        oleh,
        tanggal=tanggal or timezone.localdate(),
        arah=Arah.MASUK,
        kategori=kategori,
        jumlah=jumlah,
        uraian=uraian,
        sumber_dana=sumber_dana,
        referensi=referensi.strip(),
    )


@transaction.atomic
def catat_pengeluaran(
    kelompok: KelompokKerja,
    *,
    oleh,
    jumlah: int,
    uraian: str,
    bukti,
    tanggal: datetime.date | None = None,
    kategori: str = Kategori.BELANJA,
    pertemuan: Pertemuan | None = None,
    program: ProgramKerja | None = None,
    referensi: str = "",
) -> EntriKas:
    """An expense with its receipt (a photo or PDF, checked by content), optionally for a meeting or programme
    of the same group."""
    kelompok = _kunci(kelompok, oleh)
    if kategori not in (Kategori.BELANJA, Kategori.KELUAR_LAIN):
        raise ValidationError({"kategori": _("Pilih jenis pengeluaran.")})
    galat = {}
    if pertemuan is not None and pertemuan.kelompok_id != kelompok.pk:
        galat["pertemuan"] = _("Pertemuan itu bukan milik %(kelompok)s.") % {"kelompok": kelompok}
    if program is not None and program.kelompok_id != kelompok.pk:
        galat["program"] = _("Program itu bukan milik %(kelompok)s.") % {"kelompok": kelompok}
    if not bukti:
        galat["bukti"] = _("Unggah foto atau PDF bukti pengeluaran (nota/kuitansi).")
    else:
        try:
            periksa_berkas(bukti, BUKTI)
        except ValidationError as e:
            galat["bukti"] = e.messages
    if galat:
        raise ValidationError(galat)
    return _simpan(
        kelompok,
        oleh,
        tanggal=tanggal or timezone.localdate(),
        arah=Arah.KELUAR,
        kategori=kategori,
        jumlah=jumlah,
        uraian=uraian,
        pertemuan=pertemuan,
        program=program,
        bukti=bukti,
        referensi=referensi.strip(),
    )


def _tarif_pada(tarif: list[TarifIuran], bulan: datetime.date) -> int | None:
    """The monthly dues in force in `bulan`, from the group's tariffs sorted newest first."""
    return next((t.nominal for t in tarif if t.berlaku_mulai <= bulan), None)


@transaction.atomic
def catat_iuran(
    kelompok: KelompokKerja,
    *,
    oleh,
    anggota: list[Guru],
    bulan: list[datetime.date],
    tanggal: datetime.date | None = None,
    nominal: int | None = None,
) -> list[EntriKas]:
    """Dues paid: one entry per member per month, each of `nominal` rupiah or else the tariff of that month.
    A month a member has already paid (and not reversed) is refused, naming who and which month."""
    kelompok = _kunci(kelompok, oleh)
    bulan = sorted({awal_bulan(b) for b in bulan})
    if not anggota:
        raise ValidationError({"anggota": _("Pilih sedikitnya satu anggota.")})
    if not bulan:
        raise ValidationError({"bulan": _("Pilih sedikitnya satu bulan.")})
    terdaftar = set(Keanggotaan.objects.filter(kelompok=kelompok, guru__in=anggota).values_list("guru_id", flat=True))
    bukan = [g.nama for g in anggota if g.pk not in terdaftar]
    if bukan:
        raise ValidationError({"anggota": _("Bukan anggota kelompok ini: %(nama)s.") % {"nama": ", ".join(bukan)}})
    sudah = (
        EntriKas.objects.filter(
            kelompok=kelompok, kategori=Kategori.IURAN, anggota__in=anggota, periode_iuran__in=bulan
        )
        .filter(dibalik_oleh__isnull=True)
        .select_related("anggota")
        .order_by("anggota__nama", "periode_iuran")
    )
    if sudah:
        daftar = ", ".join(f"{e.anggota.nama} ({e.periode_iuran:%m/%Y})" for e in sudah)
        raise ValidationError(_("Iuran bulan ini sudah tercatat: %(daftar)s.") % {"daftar": daftar})
    tarif = list(TarifIuran.objects.filter(kelompok=kelompok).order_by("-berlaku_mulai"))
    jumlah = {b: nominal or _tarif_pada(tarif, b) for b in bulan}
    tanpa_tarif = [f"{b:%m/%Y}" for b, j in jumlah.items() if not j]
    if tanpa_tarif:
        raise ValidationError(
            {
                "nominal": _("Belum ada tarif iuran untuk %(bulan)s; isi nominal per bulan atau atur tarif dulu.")
                % {"bulan": ", ".join(tanpa_tarif)}
            }
        )
    return [
        _simpan(
            kelompok,
            oleh,
            tanggal=tanggal or timezone.localdate(),
            arah=Arah.MASUK,
            kategori=Kategori.IURAN,
            jumlah=jumlah[b],
            uraian=_("Iuran %(bulan)s – %(nama)s") % {"bulan": f"{b:%m/%Y}", "nama": g.nama},
            anggota=g,
            periode_iuran=b,
        )
        for g in anggota
        for b in bulan
    ]


@transaction.atomic
def koreksi(entri: EntriKas, *, alasan: str, oleh) -> EntriKas:
    """Reverses an entry: the same amount in the other direction, with a reason. An entry is reversed once;
    a reversing entry is not reversed (record the right entry anew instead)."""
    _kunci(entri.kelompok, oleh)
    entri = EntriKas.objects.select_related("kelompok").get(pk=entri.pk)
    if not (alasan or "").strip():
        raise ValidationError({"alasan": _("Tuliskan alasan koreksi.")})
    if entri.membalik_id:
        raise ValidationError(
            _("Entri #%(nomor)s sendiri adalah koreksi dan tidak dapat dibalik.") % {"nomor": entri.nomor}
        )
    if EntriKas.objects.filter(membalik=entri).exists():
        raise ValidationError(_("Entri #%(nomor)s sudah dikoreksi sebelumnya.") % {"nomor": entri.nomor})
    return _simpan(
        entri.kelompok,
        oleh,
        tanggal=timezone.localdate(),
        arah=Arah.KELUAR if entri.arah == Arah.MASUK else Arah.MASUK,
        kategori=Kategori.KOREKSI,
        jumlah=entri.jumlah,
        uraian=(_("Koreksi #%(nomor)s: %(uraian)s") % {"nomor": entri.nomor, "uraian": entri.uraian})[:300],
        membalik=entri,
        alasan_koreksi=alasan.strip(),
    )


@transaction.atomic
def atur_tarif(kelompok: KelompokKerja, *, oleh, nominal: int, berlaku_mulai: datetime.date) -> TarifIuran:
    """Sets the monthly dues from a month on (replacing the tariff set for that same month, if any)."""
    kelompok = _kunci(kelompok, oleh)
    tarif, _dibuat = TarifIuran.objects.update_or_create(
        kelompok=kelompok, berlaku_mulai=awal_bulan(berlaku_mulai), defaults={"nominal": nominal}
    )
    return tarif


# --- read side ----------------------------------------------------------------------------------------------


def buku_dengan_saldo(kelompok: KelompokKerja, dipilih=None):
    """The group's book in date order, each entry with the running balance of the WHOLE book after it
    (`saldo_berjalan`) and the number of its reversal (`nomor_koreksi`); `dipilih` (a queryset of the book)
    keeps only those entries, without changing their balances."""
    hasil = (
        EntriKas.objects.filter(kelompok=kelompok)
        .annotate(
            saldo_berjalan=Window(Sum(jumlah_bertanda()), order_by=[F("tanggal").asc(), F("nomor").asc()]),
            nomor_koreksi=F("dibalik_oleh__nomor"),
        )
        .select_related("anggota", "membalik")
    )
    if dipilih is not None:
        # A WHERE would run before the window and cut rows out of the balance; a filter on a window
        # expression runs in an outer query (Django's QUALIFY), after the balance is computed.
        dipilih = dipilih.values("pk")
        hasil = hasil.annotate(
            dipilih=Window(Max(Case(When(pk__in=dipilih, then=Value(1)), default=Value(0))), partition_by=[F("pk")])
        ).filter(dipilih=1)
    return hasil.order_by("tanggal", "nomor")


# --- read side: dues arrears ----------------------------------------------------------------------------------


@dataclass
class Tunggakan:
    guru: Guru
    lunas: list[datetime.date] = field(default_factory=list)  # months paid in full
    terutang: list[tuple[datetime.date, int]] = field(default_factory=list)  # (month, amount still owed)

    @property
    def jumlah(self) -> int:
        return sum(j for _b, j in self.terutang)


def tunggakan_iuran(kelompok: KelompokKerja, sampai: datetime.date | None = None) -> list[Tunggakan]:
    """Per member: each month from max(tariff start, membership start) up to `sampai` (this month) owes the
    tariff in force that month, less the iuran paid for it (reversed payments do not count). Three queries."""
    sampai = awal_bulan(sampai or timezone.localdate())
    tarif = list(TarifIuran.objects.filter(kelompok=kelompok).order_by("-berlaku_mulai"))
    dibayar = defaultdict(int)
    for guru_id, bulan, jumlah in EntriKas.objects.filter(
        kelompok=kelompok, kategori=Kategori.IURAN, dibalik_oleh__isnull=True
    ).values_list("anggota_id", "periode_iuran", "jumlah"):
        dibayar[guru_id, bulan] += jumlah
    hasil: dict[int, Tunggakan] = {}
    bulan_anggota: dict[int, set[datetime.date]] = defaultdict(set)  # a re-joined member's months count once
    keanggotaan = Keanggotaan.objects.filter(kelompok=kelompok, mulai__lt=bulan_berikut(sampai))
    for k in keanggotaan.select_related("guru__sekolah").order_by("guru__nama", "mulai"):
        hasil.setdefault(k.guru_id, Tunggakan(k.guru))
        akhir = min(awal_bulan(k.selesai), sampai) if k.selesai else sampai
        bulan = awal_bulan(k.mulai)
        while bulan <= akhir:
            bulan_anggota[k.guru_id].add(bulan)
            bulan = bulan_berikut(bulan)
    for guru_id, baris in hasil.items():
        for bulan in sorted(bulan_anggota[guru_id]):
            nominal = _tarif_pada(tarif, bulan)
            if nominal:
                kurang = nominal - dibayar[guru_id, bulan]
                if kurang > 0:
                    baris.terutang.append((bulan, kurang))
                else:
                    baris.lunas.append(bulan)
    return list(hasil.values())
