"""Queries and time of the kegiatan list pages at 10 and at 1,000 meetings of one group.

    .venv/bin/python bench/kegiatan.py          # SQLite in memory
    DATABASE_URL=postgres://… .venv/bin/python bench/kegiatan.py   # a scratch PostgreSQL database

Each meeting has a full daftar hadir of 20 members, approved minutes with an action item and a cash entry;
every tenth has a product. Prints, per page and size, the SQL queries of one request and the median time of
10 requests.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kkg.settings")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.daftar import ukur  # noqa: E402
from bench.data import buat_kegiatan  # noqa: E402


def halaman(kk):
    """(role, url) of the main list pages, the role being the one who works on that page."""
    return [
        ("sekretaris", reverse("kegiatan:pertemuan-list")),
        ("sekretaris", reverse("kegiatan:pertemuan-kalender") + "?bulan=2025-08"),
        ("ketua", reverse("kegiatan:program-list")),
        ("anggota", reverse("kegiatan:produk-list")),
        ("anggota", reverse("kegiatan:tindak-lanjut-list")),
        ("anggota", reverse("gugus:beranda")),
        ("ketua", reverse("kegiatan:kehadiran-rekap", args=[kk.pk])),
        ("bendahara", reverse("kegiatan:kas-list")),
        ("bendahara", reverse("kegiatan:kas-buku", args=[kk.pk])),
        ("bendahara", reverse("kegiatan:kas-iuran", args=[kk.pk])),
        ("dinas", reverse("kegiatan:pertemuan-list")),
    ]


def main():
    call_command("migrate", verbosity=0)
    print(f"{'page':<40}{'role':<11}{'meetings':>9}{'queries':>9}{'median ms':>11}")
    for n in (10, 1000):
        pengguna = buat_kegiatan(n, awalan=f"K{n}")
        for peran, url in halaman(pengguna["kelompok"]):
            client = Client()
            client.force_login(pengguna[peran])
            jumlah, ms = ukur(client, url, ulang=10)
            print(f"{url:<40}{peran:<11}{n:>9}{jumlah:>9}{ms:>11.1f}")


if __name__ == "__main__":
    main()
