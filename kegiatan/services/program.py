"""Program kerja: deleting a programme, its steps (langkah) and the In-On-In pattern; and the progress figures
of a programme (planned vs held, steps done, products, spending), each computed in a fixed number of queries.

Every action takes the acting user as `oleh` and needs "kelola_program" on the programme's group (ketua or
wakil ketua). History is written by django-simple-history on ProgramKerja.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gugus.akses import pastikan_boleh
from gugus.models import KelompokKerja

from ..models import EntriKas, LangkahProgram, Pertemuan, ProgramKerja
from ..models.kas import ringkasan_kas
from ..models.program import Semester, Tahap

# The In-On-In pattern (DOMAIN.md): a funded teacher group runs 3 In + 2 On, KKM and Pokjawas 5 In + 2 On.
POLA_GURU = (Tahap.IN_1, Tahap.ON, Tahap.IN_2, Tahap.ON, Tahap.IN_2)
POLA_KKM = (Tahap.IN_1, Tahap.IN_1, Tahap.ON, Tahap.IN_2, Tahap.ON, Tahap.IN_2, Tahap.IN_2)
JUDUL_TAHAP = {
    Tahap.IN_1: gettext_lazy("Belajar teori bersama"),
    Tahap.ON: gettext_lazy("Praktik di sekolah masing-masing"),
    Tahap.IN_2: gettext_lazy("Refleksi praktik dan perbaikan"),
}


def tahun_ajaran_kini(tanggal: datetime.date | None = None) -> tuple[str, str]:
    """The tahun ajaran ("2025/2026", July–June) and semester (ganjil Jul–Dec, genap Jan–Jun) of a date."""
    tanggal = tanggal or timezone.localdate()
    if tanggal.month >= 7:
        return f"{tanggal.year}/{tanggal.year + 1}", Semester.GANJIL
    return f"{tanggal.year - 1}/{tanggal.year}", Semester.GENAP


def pola_in_on_in(kelompok: KelompokKerja) -> tuple[str, ...]:
    J = KelompokKerja.Jenis
    return POLA_KKM if kelompok.jenis in (J.KKM, J.POKJAWAS) else POLA_GURU


@transaction.atomic
def hapus_program(program: ProgramKerja, *, oleh) -> None:
    """Ketua deletes a programme (with its steps) that no meeting or cash entry refers to yet."""
    pastikan_boleh(oleh, "kelola_program", program)
    jumlah_pertemuan = program.pertemuan.count()
    if jumlah_pertemuan:
        raise ValidationError(
            _("Program %(p)s tidak dapat dihapus: masih ada %(n)d pertemuan yang memakainya.")
            % {"p": program, "n": jumlah_pertemuan}
        )
    if program.kas.exists() or EntriKas.objects.filter(pertemuan__program=program).exists():
        raise ValidationError(_("Program %(p)s tidak dapat dihapus: sudah ada entri kas untuknya.") % {"p": program})
    program.delete()


@transaction.atomic
def simpan_langkah(
    program: ProgramKerja,
    *,
    oleh,
    urutan: int,
    judul: str,
    tahap: str = "",
    rencana_tanggal: datetime.date | None = None,
    langkah: LangkahProgram | None = None,
) -> LangkahProgram:
    """Ketua adds a step to the programme, or edits `langkah`; the order number is unique in the programme."""
    pastikan_boleh(oleh, "kelola_program", program)
    langkah = langkah or LangkahProgram(program=program)
    if langkah.program_id != program.pk:
        raise PermissionDenied
    if program.langkah.filter(urutan=urutan).exclude(pk=langkah.pk).exists():
        raise ValidationError({"urutan": _("Urutan %(n)d sudah dipakai langkah lain program ini.") % {"n": urutan}})
    langkah.urutan, langkah.judul, langkah.tahap, langkah.rencana_tanggal = urutan, judul, tahap, rencana_tanggal
    langkah.full_clean()
    langkah.save()
    return langkah


@transaction.atomic
def hapus_langkah(langkah: LangkahProgram, *, oleh) -> None:
    """Ketua deletes a step that no meeting is linked to."""
    pastikan_boleh(oleh, "kelola_program", langkah.program)
    if langkah.pertemuan.exists():
        raise ValidationError(
            _("Langkah “%(l)s” tidak dapat dihapus: sudah ada pertemuan untuk langkah ini.") % {"l": langkah.judul}
        )
    langkah.delete()


@transaction.atomic
def buat_langkah_in_on_in(program: ProgramKerja, *, oleh) -> list[LangkahProgram]:
    """Ketua fills an empty programme with the standard In-On-In steps of its group's jenis (5 for a teacher
    group, 7 for KKM/Pokjawas), marks it In-On-In and plans one meeting per step."""
    program = ProgramKerja.objects.select_for_update().select_related("kelompok").get(pk=program.pk)
    pastikan_boleh(oleh, "kelola_program", program)
    if program.langkah.exists():
        raise ValidationError(
            _("Program ini sudah punya langkah. Pola In-On-In hanya dapat dibuat untuk program tanpa langkah.")
        )
    pola = pola_in_on_in(program.kelompok)
    langkah = LangkahProgram.objects.bulk_create(
        LangkahProgram(program=program, urutan=i, tahap=tahap, judul=str(JUDUL_TAHAP[tahap]))
        for i, tahap in enumerate(pola, start=1)
    )
    program.in_on_in = True
    program.rencana_pertemuan = len(pola)
    program.save(update_fields=["in_on_in", "rencana_pertemuan"])
    return langkah


# --- Read side: progress figures --------------------------------------------------------------------------


def dengan_kemajuan(program: QuerySet[ProgramKerja]) -> QuerySet[ProgramKerja]:
    """Annotates `jumlah_terlaksana`: the programme's meetings held (for "x dari y pertemuan terlaksana")."""
    return program.annotate(
        jumlah_terlaksana=Count("pertemuan", filter=Q(pertemuan__status=Pertemuan.Status.TERLAKSANA), distinct=True)
    )


def kemajuan_program(program: ProgramKerja, *, dengan_kas: bool) -> dict:
    """Planned vs held, steps done, the meetings with their product counts, products and (for those who may
    see the cash book) spending against the budget. Three or four queries whatever the size."""
    pertemuan = list(program.pertemuan.annotate(jumlah_produk=Count("produk")).order_by("tanggal", "jam_mulai", "pk"))
    terlaksana = Pertemuan.objects.filter(langkah=OuterRef("pk"), status=Pertemuan.Status.TERLAKSANA)
    langkah = list(program.langkah.annotate(selesai=Exists(terlaksana)).order_by("urutan"))
    jumlah_terlaksana = sum(p.status == Pertemuan.Status.TERLAKSANA for p in pertemuan)
    data = {
        "pertemuan": pertemuan,
        "langkah": langkah,
        "jumlah_terlaksana": jumlah_terlaksana,
        "persen": min(100, round(100 * jumlah_terlaksana / program.rencana_pertemuan)),
        "langkah_selesai": sum(lk.selesai for lk in langkah),
        "jumlah_produk": sum(p.jumlah_produk for p in pertemuan),
    }
    if dengan_kas:
        data["belanja"] = belanja_program(program)
        data["persen_belanja"] = min(100, round(100 * data["belanja"] / program.anggaran)) if program.anggaran else 0
    return data


def belanja_program(program: ProgramKerja) -> int:
    """Rupiah spent on the programme: expenses linked to it or to its meetings, reversed ones left out."""
    terkait = EntriKas.objects.filter(
        Q(program=program) | Q(pertemuan__program=program), kelompok_id=program.kelompok_id
    )
    return terkait.aggregate(**ringkasan_kas())["pengeluaran"]
