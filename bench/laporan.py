"""A tahunan report of a group with 48 meetings: compile it, render it in parts on two worker processes and join
them, against bare WeasyPrint rendering the same final HTML as one document; and the query count and time of
the Dinas matrix and the pengawas inbox at 500 groups against the demo (they must not grow).

    .venv/bin/python bench/laporan.py                 # SQLite in memory, two worker processes of its own
    DATABASE_URL=postgres://… .venv/bin/python bench/laporan.py

Without a broker the two workers are a process pool calling the function the part tasks call
(`laporan.services.bertahap.render_html`), each warm (fonts and stylesheet loaded) before the clock starts, as
Celery's prefork children are. Photos are inlined as data: URIs in both runs, so both render the same bytes.
The last line reads `laporan: <p> pages, <r>x bare, matrix <q> queries at 500 groups vs <q0> on the demo`.
"""

import base64
import datetime
import io
import logging
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kkg.settings")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")
os.environ.pop("CELERY_BROKER_URL", None)  # tasks run inline in this process
os.environ["EMAIL_URL"] = "dummymail://"  # the demo's notices are not printed
os.environ["BERKAS_PRIVAT_ROOT"] = tempfile.mkdtemp(prefix="bench-laporan-")

import django  # noqa: E402

django.setup()
logging.disable(logging.WARNING)  # WeasyPrint's progress steps and Celery's task lines

PERTEMUAN = 48
KELOMPOK_BESAR = 500
TEKS = "\n".join(
    f"- Kelompok {i} memaparkan praktik baik pembelajaran membaca permulaan, lalu anggota lain memberi umpan balik "
    f"tentang langkah, media dan asesmen formatif yang dipakai di kelas masing-masing."
    for i in range(1, 7)
)


def _foto(i: int) -> bytes:
    from PIL import Image, ImageDraw

    gambar = Image.new("RGB", (1600, 1200), (40 + i * 3 % 200, 120, 160))
    gambar_draw = ImageDraw.Draw(gambar)
    for k in range(0, 1600, 80):
        gambar_draw.line([(k, 0), (1600 - k, 1200)], fill=(255, 255, 255), width=3)
    keluaran = io.BytesIO()
    gambar.save(keluaran, "JPEG", quality=85)
    return keluaran.getvalue()


def siapkan_laporan():
    """bench.data's group with 48 held meetings over the school year, fuller minutes, one photo per meeting, and a
    tahunan report (draft) of the group."""
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from bench.data import buat_kegiatan
    from kegiatan.models import Dokumentasi, Notulen, Pertemuan
    from laporan.models import Laporan

    call_command("migrate", verbosity=0)
    pengguna = buat_kegiatan(PERTEMUAN, awalan="Tahunan", anggota=20)
    kelompok = pengguna["kelompok"]
    pertemuan = list(Pertemuan.objects.filter(kelompok=kelompok).order_by("tanggal"))
    for i, p in enumerate(pertemuan):  # spread over July–June, about one a week in term time
        p.tanggal = datetime.date(2025, 7, 14) + datetime.timedelta(days=7 * i)
    Pertemuan.objects.bulk_update(pertemuan, ["tanggal"])
    Notulen.objects.filter(pertemuan__kelompok=kelompok).update(
        pembukaan="Pertemuan dibuka oleh ketua dengan doa dan penjelasan tujuan.",
        pembahasan=TEKS,
        kesimpulan=TEKS[:300],
    )
    for i, p in enumerate(pertemuan):
        dok = Dokumentasi(pertemuan=p, keterangan=f"Diskusi kelompok {i + 1}", tipe_berkas="image/jpeg", ukuran=1)
        dok.foto.save(f"foto-{i}.jpg", ContentFile(_foto(i)), save=False)
        dok.save()
    return Laporan.objects.create(
        kelompok=kelompok, jenis="tahunan", mulai=datetime.date(2025, 7, 1), selesai=datetime.date(2026, 6, 30)
    )


def _sebaris_foto(html: str) -> str:
    """Photos as data: URIs (downscaled as the parts' fetcher does), so bare WeasyPrint renders the same bytes."""
    import re

    from laporan.pdf import gambar_kecil

    def ganti(m):
        return "data:image/jpeg;base64," + base64.b64encode(gambar_kecil(m.group(1))).decode()

    return re.sub(r"berkas:([^\"']+)", ganti, html)


def _hangat(_i: int) -> int:
    """Runs in each worker process: load fonts and the stylesheet once, as a warm Celery child has."""
    from laporan.services.bertahap import render_html

    return len(render_html("<html><body><p>hangat</p></body></html>"))


def _render(html: str) -> bytes:
    from laporan.services.bertahap import render_html

    return render_html(html)


def _init_pekerja():
    import django as dj

    dj.setup()
    logging.disable(logging.WARNING)


def bandingkan_pdf(laporan):
    from weasyprint import CSS, HTML

    from laporan import pdf
    from laporan.services import bertahap, laporan_pdf
    from laporan.services.kompilasi import kompilasi

    mulai = time.perf_counter()
    isi = kompilasi(laporan)
    t_kompilasi = time.perf_counter() - mulai
    konteks = laporan_pdf.konteks(laporan, None, isi, None)
    mulai = time.perf_counter()
    bagian = laporan_pdf.html_bagian(konteks, isi)
    t_html = time.perf_counter() - mulai
    bagian = [(_sebaris_foto(html), s) for html, s in bagian]  # bench only: photos inlined for bare WeasyPrint
    utuh = _sebaris_foto(laporan_pdf.html_utuh(konteks, isi))
    css = pdf.gaya_teks()

    ctx = get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx, initializer=_init_pekerja) as kolam:
        list(kolam.map(_hangat, range(2)))
        HTML(string="<p>hangat</p>").write_pdf(stylesheets=[CSS(string=css)])  # warm this process too
        kami, polos, halaman = [], [], 0
        for _putaran in range(2):  # interleaved, so drift hits both alike
            mulai = time.perf_counter()
            hasil = list(kolam.map(_render, [html for html, _s in bagian]))
            gabungan = bertahap.gabung_pdf(hasil, judul="Bench", penulis="Bench", subjek="Laporan")
            kami.append(time.perf_counter() - mulai)
            mulai = time.perf_counter()
            dokumen = HTML(string=utuh).render(stylesheets=[CSS(string=css)])
            dokumen.write_pdf()
            polos.append(time.perf_counter() - mulai)
            halaman = len(dokumen.pages)
    halaman_kami = bertahap.jumlah_halaman(gabungan)
    if os.environ.get("SIMPAN_PDF"):  # to look at it: SIMPAN_PDF=/tmp/laporan.pdf
        Path(os.environ["SIMPAN_PDF"]).write_bytes(gabungan)
    return {
        "kompilasi": t_kompilasi,
        "html": t_html,
        "bagian": len(bagian),
        "kami": statistics.median(kami),
        "polos": statistics.median(polos),
        "halaman": halaman,
        "halaman_kami": halaman_kami,
    }


def ukur_halaman(user, nama_url: str, **query) -> tuple[int, float]:
    """Queries and median time of one page for `user` (Django's test client, in this process)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    klien = Client()
    klien.force_login(user)
    url = reverse(nama_url)
    klien.get(url, query)  # warm
    waktu = []
    for _i in range(5):
        with CaptureQueriesContext(connection) as q:
            mulai = time.perf_counter()
            respons = klien.get(url, query)
            waktu.append(time.perf_counter() - mulai)
        assert respons.status_code == 200, (nama_url, respons.status_code)
    return len(q.captured_queries), statistics.median(waktu) * 1000


def kabupaten_dengan_laporan(n: int, awalan: str):
    """bench.data's kabupaten of `n` groups, one pengawas accompanying all of them, and for each group the
    monthly reports of the last 6 months in mixed states (submitted, returned, approved, accepted, missing)."""
    from django.contrib.auth import get_user_model

    from bench.data import MULAI, buat_wilayah
    from gugus.models import KelompokKerja, Pendampingan, Pengawas
    from laporan.models import Laporan
    from laporan.services.berjenjang import periode

    dinas, _ketua = buat_wilayah(n, awalan=awalan)
    kabupaten = dinas.staf_dinas.kabupaten
    user = get_user_model().objects.create_user(f"pengawas-{awalan}".lower())
    pengawas = Pengawas.objects.create(user=user, kabupaten=kabupaten)
    kelompok = list(KelompokKerja.objects.filter(kabupaten=kabupaten))
    Pendampingan.objects.bulk_create(Pendampingan(pengawas=pengawas, kelompok=k, mulai=MULAI) for k in kelompok)
    status = ["diajukan", "dikembalikan", "disetujui", "diteruskan", "diterima", None]
    hari = datetime.date.today().replace(day=1)
    laporan = []
    for bulan in range(1, 7):
        tanggal = (hari - datetime.timedelta(days=28 * bulan)).replace(day=1)
        mulai, selesai = periode("bulanan", tanggal)
        for i, k in enumerate(kelompok):
            s = status[(i + bulan) % len(status)]
            if s is not None:
                sekarang = datetime.datetime.now(datetime.UTC)
                laporan.append(
                    Laporan(kelompok=k, jenis="bulanan", mulai=mulai, selesai=selesai, status=s, versi=1,
                            diajukan_pada=sekarang, pertama_diajukan=sekarang)
                )  # fmt: skip
    Laporan.objects.bulk_create(laporan)
    return dinas, user


def akun_demo():
    """The demo (seed_demo: OKU Timur, its groups and their reports in every state): its Dinas and pengawas."""
    from django.contrib.auth import get_user_model

    from gugus.demo import muat_demo

    muat_demo()
    User = get_user_model()
    return User.objects.get(username="dinas"), User.objects.get(username="pengawas")


def bandingkan_halaman() -> dict:
    from django.urls import NoReverseMatch

    hasil = {}
    kecil = akun_demo()
    besar = kabupaten_dengan_laporan(KELOMPOK_BESAR, "Besar")
    for nama, url, peran in (("matriks", "laporan:matriks", 0), ("kotak pengawas", "laporan:kotak-laporan", 1)):
        try:
            hasil[nama] = (ukur_halaman(kecil[peran], url), ukur_halaman(besar[peran], url))
        except NoReverseMatch:
            hasil[nama] = None
    return hasil


def main():
    laporan = siapkan_laporan()
    pdf = bandingkan_pdf(laporan)
    rasio = pdf["kami"] / pdf["polos"]
    print(f"tahunan report, {PERTEMUAN} meetings with lampiran: {pdf['halaman']} pages ({pdf['halaman_kami']} joined)")
    print(f"{'compile (kompilasi, all queries)':<52}{pdf['kompilasi'] * 1000:>9.0f} ms")
    print(f"{'final HTML of the parts':<52}{pdf['html'] * 1000:>9.0f} ms   ({pdf['bagian']} parts)")
    print(f"{'bare WeasyPrint, whole HTML as one document':<52}{pdf['polos']:>9.1f} s")
    print(f"{'ours: parts on 2 worker processes, joined, numbered':<52}{pdf['kami']:>9.1f} s")
    print(f"{'ratio ours / bare (target <= 0.7)':<52}{rasio:>9.2f}")
    print(f"{'pages per second, ours':<52}{pdf['halaman_kami'] / pdf['kami']:>9.1f}")
    halaman = bandingkan_halaman()
    for nama, ukur in halaman.items():
        if ukur is None:
            print(f"{nama}: page not built")
            continue
        (q0, t0), (q1, t1) = ukur
        print(f"{nama:<20} demo: {q0} queries {t0:.0f} ms", end="   ")
        print(f"{KELOMPOK_BESAR} groups: {q1} queries {t1:.0f} ms")
    matriks = halaman.get("matriks") or ((0, 0), (0, 0))
    print(
        f"laporan: {pdf['halaman_kami']} pages, {rasio:.2f}x bare, matrix {matriks[1][0]} queries at "
        f"{KELOMPOK_BESAR} groups vs {matriks[0][0]} on the demo"
    )


if __name__ == "__main__":
    main()
