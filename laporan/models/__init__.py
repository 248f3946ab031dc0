"""Laporan's tables, one module per capability (DESIGN.md: laporan/models/)."""

from .berjenjang import KunjunganPendampingan, Laporan, RiwayatLaporan, TenggatLaporan, VersiLaporan
from .bertahap import BagianDokumen
from .distribusi import Distribusi, Pengiriman
from .dokumen import Dokumen, kode_baru
from .surat import NomorSurat, SuratUndangan

__all__ = [
    "BagianDokumen",
    "Distribusi",
    "Dokumen",
    "KunjunganPendampingan",
    "Laporan",
    "NomorSurat",
    "Pengiriman",
    "RiwayatLaporan",
    "SuratUndangan",
    "TenggatLaporan",
    "VersiLaporan",
    "kode_baru",
]
