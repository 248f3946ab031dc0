from django.contrib import admin

from .models import DokumenPdf


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
