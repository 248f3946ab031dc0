"""Render time of the notulen PDF of a meeting with 40 attendees: our archival PDF/A render vs bare WeasyPrint
(a plain PDF), throughput of 2 worker processes, and a worker's peak memory.

    .venv/bin/python bench/pdf.py            # N = 20
    .venv/bin/python bench/pdf.py 50         # N = 50

SQLite in memory, files in a temporary directory. Prints:
- the first render in a fresh process (what a cold worker pays once);
- the median of N runs of the render task (load by id, build the HTML with its QR code, WeasyPrint with the
  shared FontConfiguration and parsed stylesheet, PDF/A-3b with its metadata, store the file, hash it; the row
  is deleted between runs so the task really renders), of `laporan.pdf.ke_pdf` alone (PDF/A-3b), and of bare
  WeasyPrint on the same final HTML (`HTML(string=…).write_pdf(stylesheets=[CSS(string=…)])`: a plain PDF,
  nothing reused), with the ratios task / bare and ke_pdf / bare (issues 5 and 9: ≤ 1.3);
- PDFs per minute with 2 worker processes (each its own warm process and in-memory database, as 2 Celery
  prefork children would be), and the peak resident memory (ru_maxrss) of each.
"""

import logging
import multiprocessing
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kkg.settings")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")
os.environ.pop("CELERY_BROKER_URL", None)  # tasks run inline in this process
os.environ["BERKAS_PRIVAT_ROOT"] = tempfile.mkdtemp(prefix="bench-pdf-")

import django  # noqa: E402

django.setup()
logging.disable(logging.INFO)  # WeasyPrint's progress steps and Celery's task lines

from django.core.management import call_command  # noqa: E402

ANGGOTA = 40
DETIK_THROUGHPUT = 20.0

PEMBAHASAN = "\n".join(
    f"- Kelompok {i} memaparkan hasil analisis CP fase A untuk elemen membaca dan menulis, lalu anggota lain "
    f"memberi masukan tentang urutan tujuan pembelajaran dan contoh asesmen formatif di kelas."
    for i in range(1, 9)
)


def siapkan_data():
    """One KKG with 40 members, one held meeting with full attendance and approved minutes; returns the notulen."""
    from bench.data import buat_kegiatan
    from kegiatan.models import Notulen, TindakLanjut

    call_command("migrate", verbosity=0)
    buat_kegiatan(1, awalan="PDF", anggota=ANGGOTA)
    notulen = Notulen.objects.select_related("pertemuan").get()
    notulen.pembukaan = "Pertemuan dibuka oleh ketua KKG dengan doa bersama dan penjelasan tujuan pertemuan."
    notulen.pembahasan = PEMBAHASAN
    notulen.kesimpulan = "Tujuan pembelajaran kelas 2 untuk semester genap disepakati dan akan diunggah ke bank produk."
    notulen.save()
    pj = notulen.tindak_lanjut.get().penanggung_jawab
    TindakLanjut.objects.bulk_create(
        TindakLanjut(notulen=notulen, uraian=f"Tindak lanjut tambahan {i}", penanggung_jawab=pj) for i in range(3)
    )
    return notulen


def render_task(notulen_id: int) -> float:
    """One real run of the task: the stored document is removed first so it renders again."""
    from laporan.models import Dokumen
    from laporan.tasks import render_pdf_notulen

    for d in Dokumen.objects.all():
        d.berkas.delete(save=False)
        d.delete()
    mulai = time.perf_counter()
    render_pdf_notulen.delay(notulen_id)
    return time.perf_counter() - mulai


def waktu(fungsi, n: int) -> list[float]:
    hasil = []
    for _i in range(n):
        mulai = time.perf_counter()
        fungsi()
        hasil.append(time.perf_counter() - mulai)
    return hasil


def _pekerja(barrier, hasil, detik: float) -> None:
    """A worker process: warm up, wait for the start, render for `detik` seconds, report count and memory."""
    notulen = siapkan_data()
    render_task(notulen.pk)
    barrier.wait()
    mulai, jumlah = time.perf_counter(), 0
    while time.perf_counter() - mulai < detik:
        render_task(notulen.pk)
        jumlah += 1
    hasil.put((jumlah, time.perf_counter() - mulai, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


def throughput(proses: int = 2, detik: float = DETIK_THROUGHPUT):
    ctx = multiprocessing.get_context("spawn")
    barrier, hasil = ctx.Barrier(proses + 1), ctx.Queue()
    anak = [ctx.Process(target=_pekerja, args=(barrier, hasil, detik)) for _i in range(proses)]
    for p in anak:
        p.start()
    barrier.wait()
    laporan = [hasil.get() for _i in range(proses)]
    for p in anak:
        p.join()
    per_menit = sum(j / d for j, d, _m in laporan) * 60
    return per_menit, [m for _j, _d, m in laporan]


def main():
    from weasyprint import CSS, HTML

    from laporan import pdf
    from laporan.models import Dokumen

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    notulen = siapkan_data()
    pertama = render_task(notulen.pk)
    dokumen = Dokumen.objects.get()
    naskah = pdf.naskah_notulen(notulen, dokumen)
    html = naskah.html
    css = pdf.gaya_teks()
    halaman = len(HTML(string=html).render(stylesheets=[CSS(string=css)]).pages)

    def bare():
        HTML(string=html).write_pdf(stylesheets=[CSS(string=css)])

    render_task(notulen.pk), bare()  # warm both paths once more
    tugas, hanya_pdf, polos = [], [], []
    for _i in range(n):  # interleaved, so drift (CPU frequency, other load) hits all three alike
        tugas.append(render_task(notulen.pk))
        hanya_pdf += waktu(lambda: pdf.ke_pdf(naskah), 1)
        polos += waktu(bare, 1)
    m_tugas, m_pdf, m_polos = (statistics.median(x) * 1000 for x in (tugas, hanya_pdf, polos))
    rss_utama = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    print(f"notulen of a meeting with {ANGGOTA} attendees: {halaman} pages, N = {n}")
    print(f"{'first render in a fresh process':<48}{pertama * 1000:>9.0f} ms")
    print(f"{'median: our task (load, HTML, QR, PDF/A, store)':<48}{m_tugas:>9.0f} ms")
    print(f"{'median: laporan.pdf.ke_pdf (PDF/A-3b, warm)':<48}{m_pdf:>9.0f} ms")
    print(f"{'median: bare WeasyPrint, plain PDF, same HTML':<48}{m_polos:>9.0f} ms")
    print(f"{'ratio ke_pdf PDF/A / bare (target <= 1.3)':<48}{m_pdf / m_polos:>9.2f}")
    print(f"{'ratio task / bare (target <= 1.3)':<48}{m_tugas / m_polos:>9.2f}")
    print(f"{'peak memory of this process (ru_maxrss)':<48}{rss_utama / 1024:>9.0f} MB")
    per_menit, rss = throughput()
    print(f"{'PDFs per minute, 2 worker processes':<48}{per_menit:>9.0f}   ({DETIK_THROUGHPUT:.0f} s run)")
    print(f"{'peak memory per worker process (ru_maxrss)':<48}{', '.join(f'{m / 1024:.0f}' for m in rss):>9} MB")


if __name__ == "__main__":
    main()
