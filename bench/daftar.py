"""Queries and time of the list pages and the dashboard at 10 and at 1,000 rows.

    .venv/bin/python bench/daftar.py          # SQLite in memory
    DATABASE_URL=postgres://… .venv/bin/python bench/daftar.py   # a scratch PostgreSQL database

Prints, per page and size, the number of SQL queries of one request and the median time of 20 requests.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kkg.settings")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.data import buat_wilayah  # noqa: E402

HALAMAN = ["/", "/gugus/", "/sekolah/", "/guru/", "/kelompok/"]


def ukur(client, url, ulang=20):
    reset_queries()  # the request resets the log itself; start from empty so the capture counts it all
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200, url
    waktu = []
    for _ in range(ulang):
        t = time.perf_counter()
        client.get(url)
        waktu.append(time.perf_counter() - t)
    return len(q.captured_queries), statistics.median(waktu) * 1000


def main():
    call_command("migrate", verbosity=0)
    print(f"{'page':<12}{'role':<8}{'rows':>6}{'queries':>9}{'median ms':>11}")
    for n in (10, 1000):
        dinas, ketua = buat_wilayah(n, awalan=f"B{n}")
        for peran, user in (("dinas", dinas), ("ketua", ketua)):
            client = Client()
            client.force_login(user)
            for url in HALAMAN:
                jumlah, ms = ukur(client, url)
                print(f"{url:<12}{peran:<8}{n:>6}{jumlah:>9}{ms:>11.1f}")


if __name__ == "__main__":
    main()
