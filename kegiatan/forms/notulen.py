"""Forms of the minutes: the three sections, the action items (an inline formset), and the short notes the
ketua and the sekretaris give when returning or revising a version. The service does the saving."""

from crispy_forms.layout import Column, Div, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from gugus.forms import FormTercakup, TanggalInput, pembantu

from ..models import Notulen, TindakLanjut

PETUNJUK_DAFTAR = _('Teks biasa. Awali baris dengan "- " untuk membuat daftar.')


class NotulenForm(FormTercakup):
    tombol = _("Simpan draf")

    class Meta:
        model = Notulen
        fields = ["pembukaan", "pembahasan", "kesimpulan"]
        widgets = {
            "pembukaan": forms.Textarea(
                attrs={"rows": 3, "placeholder": _("Pertemuan dibuka oleh ketua pukul 08.00 dengan doa bersama.")}
            ),
            "pembahasan": forms.Textarea(
                attrs={"rows": 8, "placeholder": _("- Analisis CP Fase A\n- Penyusunan TP kelas 2\n- Tanya jawab")}
            ),
            "kesimpulan": forms.Textarea(
                attrs={"rows": 4, "placeholder": _("- TP kelas 2 disepakati\n- Pertemuan berikut: menyusun ATP")}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True  # the page's form tag has it
        for nama in Notulen.BAGIAN:
            bantuan = self.fields[nama].help_text
            self.fields[nama].help_text = f"{bantuan} {PETUNJUK_DAFTAR}" if bantuan else PETUNJUK_DAFTAR


class TindakLanjutForm(forms.ModelForm):
    class Meta:
        model = TindakLanjut
        fields = ["uraian", "penanggung_jawab", "batas_waktu"]
        widgets = {"batas_waktu": TanggalInput()}

    def __init__(self, *args, anggota, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the group's members on the meeting date: a crafted POST naming anyone else is a form error.
        self.fields["penanggung_jawab"].queryset = anggota
        self.fields["uraian"].widget.attrs["placeholder"] = _("mis. Mengunggah TP ke bank produk")


class _TindakLanjutFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, pertemuan, **kwargs):
        self.anggota = pertemuan.anggota_hari_itu().select_related("sekolah").order_by("nama")
        super().__init__(*args, **kwargs)
        self.helper = pembantu()
        self.helper.render_hidden_fields = True  # the row's id and its notulen
        self.helper.layout = Layout(
            Div(
                Row(
                    Column("uraian", css_class="col-md-6"),
                    Column("penanggung_jawab", css_class="col-md-3"),
                    Column("batas_waktu", css_class="col-md-3"),
                ),
                "DELETE",
                css_class="border rounded p-2 mb-2",
            )
        )

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "anggota": self.anggota}

    def butir(self) -> list[dict]:
        """The kept, filled rows as plain data for `services.notulen.simpan_notulen`."""
        return [
            {"pk": f.instance.pk, **{k: f.cleaned_data.get(k) for k in ("uraian", "penanggung_jawab", "batas_waktu")}}
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]


TindakLanjutFormSet = forms.inlineformset_factory(
    Notulen, TindakLanjut, form=TindakLanjutForm, formset=_TindakLanjutFormSet, extra=2, can_delete=True
)


class CatatanForm(forms.Form):
    """The ketua's note when returning a draft."""

    catatan = forms.CharField(
        label=_("Catatan untuk sekretaris"),
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": _("Apa yang perlu diperbaiki?")}),
    )


class AlasanForm(forms.Form):
    """Why an approved version is being changed."""

    alasan = forms.CharField(
        label=_("Alasan perubahan"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("mis. Salah penulisan nama narasumber")}),
    )
