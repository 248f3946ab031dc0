from django.contrib import admin

from .models import Distribusi, DokumenPdf, NomorSurat, Pengiriman, SuratUndangan


@admin.register(DokumenPdf)
class DokumenPdfAdmin(admin.ModelAdmin):
    list_display = ["pertemuan", "jenis", "notulen", "dibuat", "diperbarui"]
    list_filter = ["jenis"]
    search_fields = ["pertemuan__topik", "kode", "sha256"]
    readonly_fields = [
        *("jenis", "pertemuan", "notulen", "kode", "berkas", "sha256", "sidik_html", "dibuat", "diperbarui")
    ]
    list_select_related = ["pertemuan", "notulen"]

    def has_add_permission(self, request):
        return False  # documents are rendered by the app, never typed in


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
    readonly_fields = ["pertemuan", "sekolah", "nomor", "tanggal", "berkas", "sha256", "surel"]

    def has_add_permission(self, request):
        return False
