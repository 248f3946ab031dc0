"""Forms of the meeting pages. Choices that depend on the group (host school, programme, step, speaker, the On
of an In-2) are offered from the user's groups and checked against the chosen group, so a crafted POST cannot
attach another group's data."""

from crispy_forms.layout import HTML, Fieldset, Layout
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gugus.forms import FormTercakup, TanggalInput, _baris, pembantu
from gugus.models import Guru, Keanggotaan, Sekolah

from .. import akses
from ..models import KonfirmasiKehadiran, LangkahProgram, Pertemuan, ProgramKerja


class JamInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class PertemuanForm(FormTercakup):
    class Meta:
        model = Pertemuan
        fields = [
            "kelompok", "tanggal", "jam_mulai", "jam_selesai", "jenis", "program", "langkah", "pertemuan_on",
            "topik", "sasaran", "tuan_rumah", "tempat", "narasumber_guru", "narasumber_nama", "narasumber_instansi",
            "agenda",
        ]  # fmt: skip
        widgets = {
            "tanggal": TanggalInput(),
            "jam_mulai": JamInput(),
            "jam_selesai": JamInput(),
            "agenda": forms.Textarea(attrs={"rows": 5, "placeholder": _("1. Pembukaan\n2. Materi\n3. Penutup")}),
        }
        help_texts = {"agenda": _('Teks biasa; baris yang diawali "1." atau "- " menjadi daftar.')}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.kelompok_boleh = akses.kelompok_dengan(self.user, "kelola_pertemuan").filter(
                pk=self.instance.kelompok_id
            )
            self.fields["kelompok"].disabled = True
        else:
            self.kelompok_boleh = akses.kelompok_dengan(self.user, "kelola_pertemuan")
            if len(ids := list(self.kelompok_boleh.values_list("pk", flat=True)[:2])) == 1:
                self.fields["kelompok"].initial = ids[0]
        kelompok = list(self.kelompok_boleh)
        self.fields["kelompok"].queryset = self.kelompok_boleh
        wilayah = Q(pk__in=[])
        for k in kelompok:
            wilayah |= Q(pk__in=k.sekolah_wilayah().values("pk"))
        self.fields["tuan_rumah"].queryset = Sekolah.objects.filter(wilayah).order_by("nama")
        self.fields["program"].queryset = ProgramKerja.objects.filter(kelompok__in=kelompok)
        self.fields["langkah"].queryset = LangkahProgram.objects.filter(program__kelompok__in=kelompok).select_related(
            "program"
        )
        self.fields["langkah"].label_from_instance = lambda lk: f"{lk.program.nama}: {lk}"
        anggota = Keanggotaan.objects.filter(kelompok__in=kelompok).values("guru")
        self.fields["narasumber_guru"].queryset = Guru.objects.filter(pk__in=anggota).select_related("sekolah")
        self.fields["narasumber_guru"].label_from_instance = lambda g: f"{g.nama} – {g.sekolah}"
        self.fields["pertemuan_on"].queryset = Pertemuan.objects.filter(
            kelompok__in=kelompok, jenis=Pertemuan.Jenis.ON
        ).exclude(pk=self.instance.pk)
        self.fields["pertemuan_on"].help_text = _("Hanya untuk In-2: pertemuan On yang direfleksikan.")
        self.fields["tuan_rumah"].help_text = _("Sekolah anggota yang menjadi tuan rumah.")

    def tata_letak(self):
        return Layout(
            "kelompok",
            _baris("tanggal", "jam_mulai", "jam_selesai"),
            "topik",
            _baris("jenis", "sasaran"),
            _baris("program", "langkah"),
            "pertemuan_on",
            Fieldset(_("Tempat"), _baris("tuan_rumah", "tempat")),
            Fieldset(
                _("Narasumber"),
                HTML('<p class="small text-muted">{% load i18n %}{% translate "Pilih anggota, atau tulis nama dan '
                     'instansi narasumber dari luar." %}</p>'),
                "narasumber_guru",
                _baris("narasumber_nama", "narasumber_instansi"),
            ),
            "agenda",
        )  # fmt: skip

    def clean(self):
        data = super().clean()
        kelompok = data.get("kelompok") or (self.instance.kelompok if self.instance.pk else None)
        if not kelompok:
            return data
        tuan_rumah, guru, tanggal = data.get("tuan_rumah"), data.get("narasumber_guru"), data.get("tanggal")
        if tuan_rumah and not kelompok.sekolah_wilayah().filter(pk=tuan_rumah.pk).exists():
            self.add_error("tuan_rumah", _("Sekolah tuan rumah harus sekolah di wilayah %(k)s.") % {"k": kelompok})
        if guru and tanggal:
            anggota = Keanggotaan.objects.berlaku(tanggal).filter(kelompok=kelompok, guru=guru)
            if not anggota.exists():
                self.add_error(
                    "narasumber_guru", _("%(g)s bukan anggota %(k)s pada tanggal itu.") % {"g": guru, "k": kelompok}
                )
        if data.get("narasumber_instansi") and not data.get("narasumber_nama"):
            self.add_error("narasumber_nama", _("Tulis nama narasumber dari luar."))
        if data.get("pertemuan_on") and data.get("jenis") != Pertemuan.Jenis.IN_2:
            self.add_error("pertemuan_on", _("Pertemuan On yang direfleksikan hanya diisi untuk In-2."))
        return data


class BatalForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan pembatalan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mis. bentrok dengan kegiatan dinas; akan dijadwalkan ulang."),
        error_messages={"required": _("Tuliskan alasan pembatalan.")},
    )
    tombol = _("Ya, batalkan pertemuan")

    def __init__(self, *args, **kwargs):
        kwargs.pop("user", None)
        super().__init__(*args, **kwargs)
        self.helper = pembantu()


class KonfirmasiForm(forms.Form):
    jawaban = forms.ChoiceField(label=_("Jawaban"), choices=KonfirmasiKehadiran.Jawaban.choices)
    catatan = forms.CharField(label=_("Catatan (tidak wajib)"), max_length=200, required=False)
