"""Forms of the cash book. They parse what the bendahara types; the services in kegiatan/services/kas.py
decide and save. Choices (members, meetings, programmes) come only from the book's own group."""

import datetime
import re

from crispy_forms.layout import Layout
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gugus.forms import TanggalInput, _baris, pembantu
from gugus.models import Guru, Keanggotaan

from ..models import EntriKas, Pertemuan, ProgramKerja
from ..services.kas import bulan_berikut

# "1.250.000", "1250000", "Rp 1.250.000", "Rp1.250.000,-": whole rupiah with optional dots between thousands.
_RUPIAH = re.compile(r"^(?:rp\.?)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,-)?$", re.IGNORECASE)


def baca_rupiah(teks: str) -> int:
    """The integer of rupiah in what an Indonesian types; a ValidationError says what is wrong."""
    polos = re.sub(r"\s+", "", teks or "")
    if polos.startswith("-") or polos.lower().startswith("rp-"):
        raise forms.ValidationError(_("Jumlah harus lebih dari nol."), code="tidak_positif")
    cocok = _RUPIAH.match(polos)
    if not cocok:
        raise forms.ValidationError(
            _("Tulis jumlah dalam rupiah utuh tanpa sen, mis. 1.250.000 atau Rp 1.250.000."), code="format"
        )
    nilai = int(cocok[1].replace(".", ""))
    if nilai <= 0:
        raise forms.ValidationError(_("Jumlah harus lebih dari nol."), code="tidak_positif")
    return nilai


class RupiahField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Jumlah (Rp)"))
        super().__init__(**kwargs)
        self.widget.attrs.update(inputmode="numeric", placeholder="1.250.000", autocomplete="off", maxlength=30)

    def to_python(self, value):
        value = super().to_python(value)
        return baca_rupiah(value) if value else None


class BulanField(forms.CharField):
    """A month as <input type="month"> ("2025-07"); "07/2025" is accepted where the browser has no month picker."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.input_type = "month"
        self.widget.attrs.update(placeholder="2025-07")

    def to_python(self, value):
        value = (super().to_python(value) or "").strip()
        if not value:
            return None
        cocok = re.fullmatch(r"(\d{4})-(\d{1,2})", value) or re.fullmatch(r"(\d{1,2})/(\d{4})", value)
        if cocok:
            tahun, bulan = (cocok[1], cocok[2]) if len(cocok[1]) == 4 else (cocok[2], cocok[1])
            if 1 <= int(bulan) <= 12:
                return datetime.date(int(tahun), int(bulan), 1)
        raise forms.ValidationError(_("Tulis bulan sebagai 2025-07 atau 07/2025."), code="bulan")

    def prepare_value(self, value):
        return f"{value:%Y-%m}" if isinstance(value, datetime.date) else value


class _FormKas(forms.Form):
    """A form for one group's book, laid out with crispy; `tata_letak` names the rows."""

    tombol = _("Simpan")
    tata_letak: tuple = ()

    def __init__(self, *args, kelompok, **kwargs):
        super().__init__(*args, **kwargs)
        self.kelompok = kelompok
        self.helper = pembantu()
        self.helper.layout = Layout(*(_baris(*b) if isinstance(b, tuple) else b for b in self.tata_letak))


class _Entri(_FormKas):
    tanggal = forms.DateField(label=_("Tanggal"), widget=TanggalInput(), initial=timezone.localdate)
    jumlah = RupiahField()
    uraian = forms.CharField(label=_("Uraian"), max_length=300)


class PenerimaanForm(_Entri):
    tombol = _("Catat penerimaan")
    tata_letak = (("tanggal", "jumlah"), "uraian")


class HibahForm(_Entri):
    tombol = _("Catat hibah/bantuan")
    sumber_dana = forms.ChoiceField(label=_("Sumber dana"), choices=[("", "---------"), *EntriKas.SumberDana.choices])
    referensi = forms.CharField(
        label=_("Nomor referensi"), max_length=100, help_text=_("Nomor SK, surat perjanjian, atau bukti transfer.")
    )
    tata_letak = (("tanggal", "jumlah"), ("sumber_dana", "referensi"), "uraian")


class PengeluaranForm(_Entri):
    tombol = _("Catat pengeluaran")
    kategori = forms.ChoiceField(
        label=_("Jenis"),
        choices=[(k, EntriKas.Kategori(k).label) for k in (EntriKas.Kategori.BELANJA, EntriKas.Kategori.KELUAR_LAIN)],
    )
    pertemuan = forms.ModelChoiceField(label=_("Untuk pertemuan"), queryset=Pertemuan.objects.none(), required=False)
    program = forms.ModelChoiceField(label=_("Untuk program"), queryset=ProgramKerja.objects.none(), required=False)
    bukti = forms.FileField(
        label=_("Bukti (foto atau PDF)"),
        help_text=_("Foto nota/kuitansi (JPEG, PNG, WebP) atau PDF."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
    )
    referensi = forms.CharField(label=_("Nomor nota/kuitansi"), max_length=100, required=False)
    tata_letak = (("tanggal", "jumlah"), ("kategori", "referensi"), "uraian", ("pertemuan", "program"), "bukti")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pertemuan"].queryset = Pertemuan.objects.filter(kelompok=self.kelompok).order_by("-tanggal")
        self.fields["pertemuan"].label_from_instance = lambda p: f"{p.tanggal:%d/%m/%Y} – {p.topik}"
        self.fields["program"].queryset = ProgramKerja.objects.filter(kelompok=self.kelompok)


class IuranForm(_FormKas):
    tombol = _("Catat iuran")
    anggota = forms.ModelMultipleChoiceField(
        label=_("Anggota yang membayar"), queryset=Guru.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    bulan_mulai = BulanField(label=_("Mulai bulan"))
    banyak_bulan = forms.IntegerField(label=_("Banyaknya bulan"), min_value=1, max_value=24, initial=1)
    tanggal = forms.DateField(label=_("Tanggal bayar"), widget=TanggalInput(), initial=timezone.localdate)
    nominal = RupiahField(
        label=_("Iuran per bulan (Rp)"),
        required=False,
        help_text=_("Kosongkan untuk memakai tarif iuran yang berlaku."),
    )
    tata_letak = ("anggota", ("bulan_mulai", "banyak_bulan"), ("tanggal", "nominal"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        anggota = Keanggotaan.objects.filter(kelompok=self.kelompok).berlaku().values("guru")
        self.fields["anggota"].queryset = Guru.objects.filter(pk__in=anggota).order_by("nama")
        self.fields["bulan_mulai"].initial = timezone.localdate().replace(day=1)

    def bulan(self) -> list[datetime.date]:
        bulan, hasil = self.cleaned_data["bulan_mulai"], []
        for _i in range(self.cleaned_data["banyak_bulan"]):
            hasil.append(bulan)
            bulan = bulan_berikut(bulan)
        return hasil


class KoreksiForm(_FormKas):
    tombol = _("Ya, buat entri koreksi")
    alasan = forms.CharField(
        label=_("Alasan koreksi"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}), strip=True
    )
    tata_letak = ("alasan",)


class TarifForm(_FormKas):
    tombol = _("Simpan tarif")
    nominal = RupiahField(label=_("Iuran per bulan (Rp)"))
    berlaku_mulai = BulanField(label=_("Berlaku mulai bulan"))
    tata_letak = (("nominal", "berlaku_mulai"),)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["berlaku_mulai"].initial = timezone.localdate().replace(day=1)
