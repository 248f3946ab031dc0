"""The work of a kelompok kerja: programmes, meetings, attendance, minutes, products and the cash book."""

from .kas import EntriKas, TarifIuran
from .kehadiran import Kehadiran, KonfirmasiKehadiran, Refleksi
from .notulen import Notulen, TindakLanjut
from .pertemuan import Pertemuan
from .produk import Dokumentasi, Produk
from .program import LangkahProgram, ProgramKerja

__all__ = [
    "Dokumentasi",
    "EntriKas",
    "Kehadiran",
    "KonfirmasiKehadiran",
    "LangkahProgram",
    "Notulen",
    "Pertemuan",
    "Produk",
    "ProgramKerja",
    "Refleksi",
    "TarifIuran",
    "TindakLanjut",
]
