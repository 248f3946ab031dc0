from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import layanan
from .models import Surel


@admin.register(Surel)
class SurelAdmin(admin.ModelAdmin):
    """Read only: messages are written by the app's actions; staff may only send a failed one again."""

    list_display = ["subjek", "kepada", "status", "percobaan", "dibuat", "dikirim_pada"]
    list_filter = ["status"]
    search_fields = ["kepada", "nama", "subjek", "kunci"]
    readonly_fields = [f.name for f in Surel._meta.fields]
    actions = ["kirim_ulang"]

    @admin.action(description=_("Kirim ulang surel yang gagal"), permissions=["view"])
    def kirim_ulang(self, request, queryset):
        n = sum(layanan.kirim_ulang(s) for s in queryset.filter(status=Surel.Status.GAGAL))
        pesan = ngettext("%(n)d surel dikirim ulang.", "%(n)d surel dikirim ulang.", n) % {"n": n}
        self.message_user(request, pesan, messages.SUCCESS if n else messages.WARNING)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
