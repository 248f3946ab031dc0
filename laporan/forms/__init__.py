"""Laporan's forms, one module per capability."""

from .berjenjang import CatatanForm, LaporanBaruForm, NarasiForm, SetujuiForm
from .dokumen import CocokkanForm

__all__ = ["CatatanForm", "CocokkanForm", "LaporanBaruForm", "NarasiForm", "SetujuiForm"]
