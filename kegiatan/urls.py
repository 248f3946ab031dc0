from .views import kas, kehadiran, notulen, pertemuan, produk, program, riwayat

app_name = "kegiatan"

urlpatterns = [
    *program.urls,
    *pertemuan.urls,
    *kehadiran.urls,
    *notulen.urls,
    *produk.urls,
    *kas.urls,
    *riwayat.urls,
]
