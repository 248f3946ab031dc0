"""Forms of products and photos. The group and the meeting come from the page, never from the form; the
authors offered are the group's members on the meeting's date."""

from crispy_forms.layout import Layout
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gugus.forms import FormTercakup, _baris, pembantu

from ..berkas import FOTO, PRODUK
from ..models import Produk
from ..services.produk import MAKS_FOTO, calon_penulis

# What the browser's file picker suggests; the server checks the content anyway.
TERIMA_PRODUK = ".pdf,.docx,.xlsx,.pptx,.jpg,.jpeg,.png,.webp,.mp4"
TERIMA_FOTO = "image/jpeg,image/png,image/webp"


def _jenis_berkas(diizinkan) -> str:
    return ", ".join(dict.fromkeys(diizinkan.values()))


class ProdukForm(FormTercakup):
    """Upload (with `berkas`) or edit (without) a product of `pertemuan`."""

    tombol = _("Unggah produk")

    class Meta:
        model = Produk
        fields = ["judul", "jenis", "fase", "mata_pelajaran", "deskripsi", "penulis", "berkas"]
        widgets = {"deskripsi": forms.Textarea(attrs={"rows": 3}), "penulis": forms.CheckboxSelectMultiple}

    def __init__(self, *args, pertemuan, **kwargs):
        self.pertemuan = pertemuan
        super().__init__(*args, **kwargs)
        penulis = self.fields["penulis"]
        penulis.queryset = calon_penulis(pertemuan)
        penulis.help_text = _("Anggota kelompok pada tanggal pertemuan.")
        if self.instance.pk:
            del self.fields["berkas"]
            self.tombol = _("Simpan")
            self.helper.layout = self.tata_letak()
            return
        kelompok = pertemuan.kelompok
        self.fields["fase"].initial = kelompok.fase
        self.fields["mata_pelajaran"].initial = kelompok.mata_pelajaran
        guru = getattr(self.user, "guru", None)
        if guru is not None:
            penulis.initial = [guru.pk]
        berkas = self.fields["berkas"]
        berkas.widget.attrs["accept"] = TERIMA_PRODUK
        berkas.max_length = None  # a long original name is shortened for display, not refused
        berkas.help_text = _("%(jenis)s; paling besar %(mb)d MB.") % {
            "jenis": _jenis_berkas(PRODUK),
            "mb": settings.BATAS_UNGGAH_MB,
        }

    def tata_letak(self):
        berkas = ["berkas"] if "berkas" in self.fields else []
        return Layout("judul", _baris("jenis", "fase"), "mata_pelajaran", "deskripsi", "penulis", *berkas)


class BanyakBerkasInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class BanyakBerkasField(forms.FileField):
    """Several files from one input (the pattern of Django's documentation); cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", BanyakBerkasInput(attrs={"accept": TERIMA_FOTO}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        bersihkan = super().clean
        if isinstance(data, list | tuple):
            return [bersihkan(d, initial) for d in data]
        return [bersihkan(data, initial)] if data else bersihkan(data, initial)


class DokumentasiForm(forms.Form):
    foto = BanyakBerkasField(label=_("Foto"))
    keterangan = forms.CharField(
        label=_("Keterangan"),
        max_length=200,
        required=False,
        help_text=_('Satu keterangan untuk semua foto yang dipilih, mis. "Diskusi kelompok Fase A".'),
    )
    tombol = _("Unggah foto")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["foto"].help_text = _(
            "Boleh beberapa foto sekaligus (paling banyak %(n)d): %(jenis)s, masing-masing paling besar %(mb)d MB."
        ) % {
            "n": MAKS_FOTO,
            "jenis": _jenis_berkas(FOTO),
            "mb": settings.BATAS_UNGGAH_MB,
        }
        self.helper = pembantu()
        self.helper.layout = Layout("foto", "keterangan")
