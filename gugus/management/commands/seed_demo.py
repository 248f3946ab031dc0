"""`manage.py seed_demo`: demo data and one account per role, safe to run again (see gugus/demo.py)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gugus.demo import KATA_SANDI, URL, muat_demo


class Command(BaseCommand):
    help = (
        "Mengisi basis data dengan data demo (Gugus Cut Nyak Dien di OKU Timur, dua gugus di Kiarapedes) "
        f"dan akun demo dengan kata sandi {KATA_SANDI}. Aman dijalankan berulang: tidak ada data ganda."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Jalankan juga bila DEBUG mati (akun demo memakai kata sandi yang diketahui umum).",
        )

    def handle(self, *args, force=False, **options):
        # The demo accounts have a published password: never create them on a production site by accident.
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG mati: seed_demo membuat akun dengan kata sandi umum. Pakai --force bila yakin.")
        hasil = muat_demo()
        self.stdout.write(
            self.style.SUCCESS(f"Data demo siap: {hasil.dibuat} baris baru, {hasil.diubah} baris diperbarui.")
        )
        kolom = ("Username", "Kata sandi", "Peran", "Yang dilihat")
        baris = [(u, KATA_SANDI, peran, lihat) for u, peran, lihat in hasil.akun]
        lebar = [max(len(r[i]) for r in [kolom, *baris]) for i in range(len(kolom))]
        garis = "  ".join("-" * w for w in lebar)
        self.stdout.write("")
        for r in [kolom, None, *baris]:
            self.stdout.write(
                garis if r is None else "  ".join(c.ljust(w) for c, w in zip(r, lebar, strict=True)).rstrip()
            )
        self.stdout.write("")
        self.stdout.write(f"Buka {URL} dan masuk dengan salah satu akun di atas.")
