"""DESIGN.md: data flows one way, gugus → kegiatan → laporan. An app imports only from the apps to its left, and
kkg (settings, URLs, Celery, kkg/lib) from none of them. Imports inside functions count too."""

import ast
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parent.parent
URUTAN = ["kkg", "gugus", "kegiatan", "laporan"]  # kkg is the root: it may import none of the others


def modul_diimpor(sumber: str, paket: str) -> set[str]:
    """Top-level package names imported by a module of `paket` (relative imports stay inside it)."""
    hasil = set()
    for simpul in ast.walk(ast.parse(sumber)):
        if isinstance(simpul, ast.Import):
            hasil |= {a.name.split(".")[0] for a in simpul.names}
        elif isinstance(simpul, ast.ImportFrom) and simpul.level == 0 and simpul.module:
            hasil.add(simpul.module.split(".")[0])
    return hasil


def pelanggaran(paket: str, sumber: str) -> set[str]:
    """The apps to the right of `paket` (or any app, for kkg) that `sumber` imports."""
    posisi = URUTAN.index(paket)
    terlarang = set(URUTAN[1:]) if paket == "kkg" else set(URUTAN[posisi + 1 :])
    return modul_diimpor(sumber, paket) & terlarang


@pytest.mark.parametrize("paket", URUTAN)
def test_aplikasi_hanya_mengimpor_dari_kirinya(paket):
    salah = {
        str(berkas.relative_to(AKAR)): sorted(p)
        for berkas in (AKAR / paket).rglob("*.py")
        if "migrations" not in berkas.parts and (p := pelanggaran(paket, berkas.read_text()))
    }
    assert salah == {}


def test_pemeriksa_menangkap_impor_ke_kanan_juga_di_dalam_fungsi():
    kode = "def f():\n    from laporan.models import Dokumen\n    import kegiatan.akses\n"
    assert pelanggaran("gugus", kode) == {"kegiatan", "laporan"}
    assert pelanggaran("kkg", "from gugus import akses") == {"gugus"}
    assert pelanggaran("laporan", "from gugus import akses\nfrom kegiatan import models\nfrom . import x") == set()
