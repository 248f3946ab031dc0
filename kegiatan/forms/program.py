"""Forms of the program kerja pages: the programme and one of its steps."""

from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from gugus.forms import FormTercakup, TanggalInput, _baris

from .. import akses
from ..models import LangkahProgram, ProgramKerja
from ..models.program import Tujuan
from ..services.program import tahun_ajaran_kini


class ProgramKerjaForm(FormTercakup):
    """Offers only the groups where the user may plan programmes; a saved programme stays in its group."""

    tujuan = forms.MultipleChoiceField(
        label=_("Tujuan (a–g)"),
        choices=Tujuan.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tujuan resmi KKG/MGMP yang dilayani program ini."),
    )

    class Meta:
        model = ProgramKerja
        fields = [
            "kelompok", "nama", "kepanjangan", "tahun_ajaran", "semester", "tujuan", "uraian_tujuan",
            "sasaran_fase", "sasaran_kelas", "sasaran_mapel", "rencana_pertemuan", "anggaran", "in_on_in",
        ]  # fmt: skip
        widgets = {"uraian_tujuan": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kelompok = akses.kelompok_dengan(self.user, "kelola_program")
        self.fields["kelompok"].queryset = kelompok
        if self.instance.pk:
            self.fields["kelompok"].disabled = True
        else:
            tahun, semester = tahun_ajaran_kini()
            self.initial.setdefault("tahun_ajaran", tahun)
            self.initial.setdefault("semester", semester)
            if len(pilihan := list(kelompok[:2])) == 1:
                self.initial.setdefault("kelompok", pilihan[0].pk)
        self.fields["tahun_ajaran"].widget.attrs.update(placeholder="2025/2026", inputmode="numeric")
        self.fields["anggaran"].widget.attrs.update(inputmode="numeric", step=1000)
        self.fields["in_on_in"].help_text = _(
            "In-1 belajar bersama, On praktik di sekolah, In-2 refleksi. Langkahnya dapat dibuat di halaman program."
        )

    def tata_letak(self):
        return Layout(
            "kelompok",
            _baris("nama", "kepanjangan"),
            _baris("tahun_ajaran", "semester"),
            "tujuan",
            "uraian_tujuan",
            Fieldset(_("Sasaran"), _baris("sasaran_fase", "sasaran_kelas", "sasaran_mapel")),
            _baris("rencana_pertemuan", "anggaran"),
            "in_on_in",
        )


class LangkahProgramForm(FormTercakup):
    """One step; the service checks the order number and saves it."""

    class Meta:
        model = LangkahProgram
        fields = ["urutan", "tahap", "judul", "rencana_tanggal"]
        widgets = {"rencana_tanggal": TanggalInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahap"].help_text = _("Kosongkan bila program tidak memakai pola In-On-In.")
        self.fields["urutan"].widget.attrs.update(inputmode="numeric", min=1)

    def tata_letak(self):
        return Layout(_baris("urutan", "tahap"), "judul", "rencana_tanggal")
