from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    BagianDokumen,
    Distribusi,
    Dokumen,
    KunjunganPendampingan,
    Laporan,
    NomorSurat,
    Pengiriman,
    RiwayatLaporan,
    SuratUndangan,
    TenggatLaporan,
    VersiLaporan,
)


@admin.register(Dokumen)
class DokumenAdmin(admin.ModelAdmin):
    """Read-only: documents are issued by the app and their status follows their subject (services/dokumen.py)."""

    list_display = ["judul", "jenis", "kelompok", "status", "progres", "dibuat", "diperbarui"]
    list_filter = ["jenis", "status"]
    search_fields = ["judul", "pertemuan__topik", "kode", "sha256"]
    list_select_related = ["kelompok"]
    # The file by its stored name: private files have no URL (kkg/lib/berkas.py), so no link.
    fields = [
        *("jenis", "kelompok", "pertemuan", "notulen", "judul", "kode", "nama_berkas", "sha256", "sidik_html"),
        *("status", "progres", "galat", "diterbitkan_oleh", "dibuat", "diperbarui"),
    ]
    readonly_fields = fields

    @admin.display(description=_("berkas"))
    def nama_berkas(self, obj):
        return obj.berkas.name

    def has_add_permission(self, request):
        return False  # documents are rendered by the app, never typed in

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Distribusi)
class DistribusiAdmin(admin.ModelAdmin):
    list_display = ["notulen", "dibuat_oleh", "dibuat"]
    list_select_related = ["notulen__pertemuan", "dibuat_oleh"]
    readonly_fields = ["notulen", "dibuat_oleh", "dibuat"]

    def has_add_permission(self, request):
        return False  # made by "Distribusikan"


@admin.register(Pengiriman)
class PengirimanAdmin(admin.ModelAdmin):
    list_display = ["nama", "email", "peran", "status", "dibaca_pada"]
    list_filter = ["surel__status", "peran"]
    search_fields = ["nama", "email", "notulen__pertemuan__topik"]
    list_select_related = ["notulen__pertemuan", "surel"]
    readonly_fields = ["distribusi", "notulen", "user", "surel", "token", "dibaca_pada"]

    def has_add_permission(self, request):
        return False


@admin.register(NomorSurat)
class NomorSuratAdmin(admin.ModelAdmin):
    list_display = ["kelompok", "tahun", "terakhir"]
    list_select_related = ["kelompok"]
    readonly_fields = ["kelompok", "tahun", "terakhir"]  # taken under a row lock only by the app

    def has_add_permission(self, request):
        return False


@admin.register(SuratUndangan)
class SuratUndanganAdmin(admin.ModelAdmin):
    list_display = ["nomor", "sekolah", "pertemuan", "tanggal", "dikirim_pada"]
    search_fields = ["nomor", "sekolah__nama", "pertemuan__topik"]
    list_select_related = ["sekolah", "pertemuan", "surel"]
    readonly_fields = ["pertemuan", "sekolah", "nomor", "tanggal", "dokumen", "surel"]

    def has_add_permission(self, request):
        return False


# --- Laporan berjenjang: the journey changes only through the services; the admin reads it ----------------------


class _HanyaBaca(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RiwayatLaporanInline(admin.TabularInline):
    model = RiwayatLaporan
    extra = 0
    can_delete = False
    readonly_fields = ["aksi", "dari", "ke", "versi", "nama_oleh", "catatan", "pada"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Laporan)
class LaporanAdmin(admin.ModelAdmin):
    list_display = ["kelompok", "jenis", "mulai", "selesai", "status", "versi", "pertama_diajukan"]
    list_filter = ["jenis", "status"]
    search_fields = ["kelompok__nama"]
    list_select_related = ["kelompok"]
    readonly_fields = ["kelompok", "jenis", "mulai", "selesai", "hibah", "status", "versi", "diajukan_pada"]
    inlines = [RiwayatLaporanInline]

    def has_add_permission(self, request):
        return False  # opened by the ketua, moved by the services (laporan/services/berjenjang.py)


@admin.register(VersiLaporan)
class VersiLaporanAdmin(_HanyaBaca):
    list_display = ["laporan", "nomor", "diajukan_pada", "dokumen"]
    list_select_related = ["laporan__kelompok", "dokumen"]


@admin.register(RiwayatLaporan)
class RiwayatLaporanAdmin(_HanyaBaca):
    list_display = ["laporan", "aksi", "nama_oleh", "pada"]
    list_filter = ["aksi"]
    list_select_related = ["laporan__kelompok"]


@admin.register(TenggatLaporan)
class TenggatLaporanAdmin(admin.ModelAdmin):
    list_display = ["kabupaten", "jenis", "hari"]
    list_filter = ["jenis"]


@admin.register(KunjunganPendampingan)
class KunjunganPendampinganAdmin(admin.ModelAdmin):
    list_display = ["kelompok", "pengawas", "tanggal"]
    list_select_related = ["kelompok", "pengawas__user"]
    search_fields = ["kelompok__nama", "catatan"]


@admin.register(BagianDokumen)
class BagianDokumenAdmin(_HanyaBaca):
    list_display = ["dokumen", "urutan", "halaman"]
    exclude = ["html"]
