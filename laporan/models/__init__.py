"""Laporan's tables, one module per capability (DESIGN.md: laporan/models/)."""

from .distribusi import Distribusi, Pengiriman
from .dokumen import Dokumen, kode_baru
from .surat import NomorSurat, SuratUndangan

__all__ = ["Distribusi", "Dokumen", "NomorSurat", "Pengiriman", "SuratUndangan", "kode_baru"]
