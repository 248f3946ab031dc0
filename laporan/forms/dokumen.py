from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class CocokkanForm(forms.Form):
    """A PDF to compare with the stored one: a copy received by e-mail or downloaded (a scan never matches)."""

    berkas = forms.FileField(label=_("Berkas PDF yang ingin dicocokkan"))

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > settings.BATAS_UNGGAH_MB * 1024 * 1024:
            raise forms.ValidationError(_("Berkas terlalu besar untuk dicocokkan."))
        return berkas
