"""Settings promises: production refuses to start half-configured, and passes Django's deployment checks."""

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

from django.utils import formats, translation

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args, **env):
    bersih = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_DEBUG")}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**bersih, **env}, capture_output=True, text=True
    )


def test_produksi_tanpa_secret_key_berhenti_dengan_pesan_jelas():
    hasil = _manage("check", DJANGO_DEBUG="0", ALLOWED_HOSTS="kkg.example.id")
    assert hasil.returncode != 0
    assert "SECRET_KEY wajib diisi" in hasil.stderr


def test_produksi_tanpa_allowed_hosts_berhenti_dengan_pesan_jelas():
    hasil = _manage("check", DJANGO_DEBUG="0", SECRET_KEY="x" * 60)
    assert hasil.returncode != 0
    assert "ALLOWED_HOSTS wajib diisi" in hasil.stderr


def test_produksi_lengkap_lolos_check_deploy_tanpa_peringatan():
    kunci = "k9" + "Zq7#" * 15
    hasil = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        SECRET_KEY=kunci,
        ALLOWED_HOSTS="kkg.example.id",
    )
    assert hasil.returncode == 0, hasil.stderr
    assert "no issues" in hasil.stdout


def test_tanggal_ditulis_seperti_surat_resmi():
    with translation.override("id"):
        assert formats.date_format(datetime.date(2025, 2, 17)) == "Senin, 17 Februari 2025"


def test_tugas_terjadwal_dan_tugas_surat_dikenal_worker():
    """A worker knows a task only if autodiscovery imports its module: every task celery beat sends, and every
    task the apps enqueue from a second module, must be registered. Checked in a fresh process, as a worker
    starts, so that modules this test run happened to import do not count."""
    kode = (
        "import django, json; django.setup(); from django.conf import settings; from kkg.celery import app;"
        "app.loader.import_default_modules();"
        "print(json.dumps([sorted(app.tasks), [j['task'] for j in settings.CELERY_BEAT_SCHEDULE.values()]]))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kkg.settings"}
    keluaran = subprocess.run([sys.executable, "-c", kode], env=env, cwd=ROOT, capture_output=True, text=True)
    assert keluaran.returncode == 0, keluaran.stderr
    terdaftar, dijadwalkan = json.loads(keluaran.stdout.strip().splitlines()[-1])
    assert set(dijadwalkan) <= set(terdaftar), set(dijadwalkan) - set(terdaftar)
    assert {"kkg.surel.tasks.kirim_surel", "laporan.tasks.undang_kepala_sekolah"} <= set(terdaftar)
