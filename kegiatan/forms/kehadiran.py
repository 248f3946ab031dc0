"""Forms of the daftar hadir and of reflections. The marking form offers only the members on the meeting's
date, so a crafted POST cannot mark anyone else."""

from crispy_forms.layout import Column, Field, Layout, Row, Submit
from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from gugus.forms import FormTercakup, pembantu
from gugus.models import Guru

from ..models import Kehadiran, Pertemuan, Refleksi


class TandaiForm(forms.Form):
    """One tap: which member, which status (the tapped button's value)."""

    guru = forms.ModelChoiceField(
        queryset=Guru.objects.none(),
        error_messages={"invalid_choice": _("Guru ini bukan anggota kelompok pada tanggal pertemuan.")},
    )
    status = forms.ChoiceField(choices=Kehadiran.Status.choices)

    def __init__(self, *args, pertemuan: Pertemuan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guru"].queryset = Guru.objects.filter(pk__in=pertemuan.keanggotaan_hari_itu().values("guru_id"))


class _Tombol(Submit):
    """A submit button in the colour given by css_class: crispy's Submit starts from "btn btn-primary", whose
    blue background, combined with an outline class, left green text on blue."""

    field_classes = "btn"


class TamuForm(forms.Form):
    nama = forms.CharField(label=_("Nama tamu"), max_length=150)
    instansi = forms.CharField(label=_("Instansi"), max_length=150)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = pembantu()
        self.helper.layout = Layout(
            Row(
                Column("nama", css_class="col-sm"),
                Column("instansi", css_class="col-sm"),
                Column(_Tombol("tambah", _("Tambah tamu"), css_class="btn-outline-success"), css_class="col-sm-auto"),
                css_class="align-items-end",
            )
        )


class RefleksiForm(FormTercakup):
    nilai = forms.TypedChoiceField(
        label=_("Seberapa bermanfaat pertemuan ini?"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Pilih nilai 1 sampai 5."), "required": _("Pilih nilai 1 sampai 5.")},
        help_text=_("1 = kurang bermanfaat, 5 = sangat bermanfaat"),
    )

    class Meta:
        model = Refleksi
        fields = ["nilai", "isi"]
        widgets = {"isi": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, pertemuan: Pertemuan, **kwargs):
        super().__init__(*args, **kwargs)
        isi = self.fields["isi"]
        isi.label = _("Apa yang Anda peroleh dan akan Anda terapkan di kelas?")
        on = pertemuan.pertemuan_on if pertemuan.jenis == Pertemuan.Jenis.IN_2 else None
        if on:
            # An In-2 reflects on the practice at school (the On) that it follows (DOMAIN.md, In-On-In).
            isi.label = _("Refleksi praktik On: %(topik)s") % {"topik": on.topik}
            isi.help_text = _(
                "Bagaimana penerapan di sekolah Anda setelah On “%(topik)s” (%(tanggal)s)? "
                "Apa yang berhasil, apa yang perlu diperbaiki?"
            ) % {"topik": on.topik, "tanggal": date_format(on.tanggal, "j F Y")}

    def tata_letak(self):
        return Layout(Field("nilai", template="kegiatan/kehadiran/_nilai.html"), "isi")
