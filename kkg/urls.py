from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("akun/", include("gugus.urls_akun")),
    path("admin/", admin.site.urls),
    path("", include("kegiatan.urls")),
    path("", include("laporan.urls")),
    path("", include("gugus.urls")),
]
