from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

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


class LangkahInline(admin.TabularInline):
    model = LangkahProgram
    extra = 0


@admin.register(ProgramKerja)
class ProgramKerjaAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    list_display = ["nama", "kelompok", "tahun_ajaran", "semester", "rencana_pertemuan", "anggaran", "in_on_in"]
    list_filter = ["tahun_ajaran", "semester", "in_on_in"]
    search_fields = ["nama", "kelompok__nama"]
    list_select_related = ["kelompok"]
    inlines = [LangkahInline]


@admin.register(Pertemuan)
class PertemuanAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    list_display = ["topik", "kelompok", "tanggal", "jenis", "status"]
    list_filter = ["status", "jenis"]
    search_fields = ["topik", "kelompok__nama"]
    date_hierarchy = "tanggal"
    list_select_related = ["kelompok"]
    raw_id_fields = ["kelompok", "program", "langkah", "tuan_rumah", "narasumber_guru", "pertemuan_on"]


@admin.register(Kehadiran)
class KehadiranAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    list_display = ["pertemuan", "guru", "nama_tamu", "status", "cara", "waktu"]
    list_filter = ["status", "cara"]
    raw_id_fields = ["pertemuan", "guru"]


class TindakLanjutInline(admin.TabularInline):
    model = TindakLanjut
    extra = 0
    raw_id_fields = ["penanggung_jawab"]


@admin.register(Notulen)
class NotulenAdmin(SimpleHistoryAdmin):
    list_display = ["pertemuan", "versi", "status", "disetujui_pada"]
    list_filter = ["status"]
    raw_id_fields = ["pertemuan"]
    inlines = [TindakLanjutInline]


@admin.register(Produk)
class ProdukAdmin(admin.ModelAdmin):
    list_display = ["judul", "kelompok", "jenis", "fase", "mata_pelajaran", "dikurasi", "diunggah"]
    list_filter = ["jenis", "fase", "dikurasi"]
    search_fields = ["judul", "mata_pelajaran"]
    raw_id_fields = ["pertemuan", "kelompok", "penulis"]


@admin.register(EntriKas)
class EntriKasAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    """Read-only here too: the book is corrected by reversing entries in the app."""

    list_display = ["kelompok", "nomor", "tanggal", "arah", "kategori", "jumlah", "uraian"]
    list_filter = ["arah", "kategori", "sumber_dana"]
    search_fields = ["uraian", "referensi"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model in (Dokumentasi, KonfirmasiKehadiran, LangkahProgram, Refleksi, TarifIuran, TindakLanjut):
    admin.site.register(model, SimpleHistoryAdmin if hasattr(model, "history") else admin.ModelAdmin)
