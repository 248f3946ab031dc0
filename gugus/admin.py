from django.contrib import admin
from import_export import fields, resources
from import_export.admin import ImportExportModelAdmin
from import_export.widgets import ForeignKeyWidget
from simple_history.admin import SimpleHistoryAdmin

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


class AdminDasar(ImportExportModelAdmin, SimpleHistoryAdmin):
    """Every model: import/export for staff, and its change history."""


class SekolahResource(resources.ModelResource):
    class Meta:
        model = Sekolah
        import_id_fields = ["npsn"]
        fields = ["npsn", "nama", "jenjang", "status", "alamat", "kecamatan", "gugus"]


class GuruResource(resources.ModelResource):
    sekolah = fields.Field("sekolah", "sekolah", ForeignKeyWidget(Sekolah, "npsn"))

    class Meta:
        model = Guru
        fields = ["id", "nama", "nip", "nuptk", "jenis_kelamin", "sekolah", "email", "whatsapp"]


@admin.register(Kabupaten)
class KabupatenAdmin(AdminDasar):
    list_display = ["nama", "jenis", "provinsi"]
    search_fields = ["nama", "provinsi"]


@admin.register(Kecamatan)
class KecamatanAdmin(AdminDasar):
    list_display = ["nama", "kabupaten"]
    list_filter = ["kabupaten"]
    search_fields = ["nama"]


@admin.register(Gugus)
class GugusAdmin(AdminDasar):
    list_display = ["nama", "nomor", "kecamatan", "sekolah_inti"]
    list_filter = ["kecamatan__kabupaten"]
    search_fields = ["nama"]
    list_select_related = ["kecamatan", "sekolah_inti"]
    autocomplete_fields = ["kecamatan", "sekolah_inti", "ketua_gugus"]


@admin.register(Sekolah)
class SekolahAdmin(AdminDasar):
    resource_classes = [SekolahResource]
    list_display = ["npsn", "nama", "jenjang", "status", "gugus", "kecamatan"]
    list_filter = ["jenjang", "status", "kecamatan__kabupaten"]
    search_fields = ["nama", "npsn"]
    list_select_related = ["gugus", "kecamatan"]
    autocomplete_fields = ["kecamatan", "gugus", "kepala_sekolah"]


@admin.register(Guru)
class GuruAdmin(AdminDasar):
    resource_classes = [GuruResource]
    list_display = ["nama", "nip", "nuptk", "sekolah", "user"]
    list_filter = ["jenis_kelamin", "sekolah__kecamatan__kabupaten"]
    search_fields = ["nama", "nip", "nuptk", "email"]
    list_select_related = ["sekolah", "user"]
    autocomplete_fields = ["sekolah", "user"]


@admin.register(KelompokKerja)
class KelompokKerjaAdmin(AdminDasar):
    list_display = ["nama", "jenis", "cakupan", "gugus", "kabupaten", "aktif"]
    list_filter = ["jenis", "cakupan", "aktif", "kabupaten"]
    search_fields = ["nama", "mata_pelajaran"]
    list_select_related = ["gugus", "kabupaten"]
    autocomplete_fields = ["gugus", "kecamatan", "kabupaten"]


@admin.register(Keanggotaan)
class KeanggotaanAdmin(AdminDasar):
    list_display = ["guru", "kelompok", "mulai", "selesai"]
    list_filter = ["kelompok__jenis"]
    search_fields = ["guru__nama", "kelompok__nama"]
    list_select_related = ["guru", "kelompok"]
    autocomplete_fields = ["guru", "kelompok"]


@admin.register(Kepengurusan)
class KepengurusanAdmin(AdminDasar):
    list_display = ["kelompok", "jabatan", "guru", "mulai", "selesai", "nomor_sk", "aktif"]
    list_filter = ["jabatan", "aktif"]
    search_fields = ["guru__nama", "kelompok__nama", "nomor_sk"]
    list_select_related = ["guru", "kelompok"]
    autocomplete_fields = ["guru", "kelompok"]


@admin.register(Pengawas)
class PengawasAdmin(AdminDasar):
    list_display = ["__str__", "nip", "kabupaten"]
    search_fields = ["user__first_name", "user__last_name", "nip"]
    list_select_related = ["user", "kabupaten"]
    autocomplete_fields = ["user", "kabupaten"]


@admin.register(Pendampingan)
class PendampinganAdmin(AdminDasar):
    list_display = ["pengawas", "kelompok", "mulai", "selesai"]
    list_select_related = ["pengawas__user", "kelompok"]
    autocomplete_fields = ["pengawas", "kelompok"]


@admin.register(StafDinas)
class StafDinasAdmin(AdminDasar):
    list_display = ["user", "kabupaten", "jabatan"]
    list_select_related = ["user", "kabupaten"]
    autocomplete_fields = ["user", "kabupaten"]
