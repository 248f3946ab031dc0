from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LaporanConfig(AppConfig):
    name = "laporan"
    verbose_name = _("Laporan")

    def ready(self):
        from django.db.models.signals import post_save

        from kegiatan.models import Notulen
        from kegiatan.sinyal import pengingat_dikirim

        from .signals import notulen_disimpan, pengingat_terkirim

        post_save.connect(notulen_disimpan, sender=Notulen, dispatch_uid="laporan.notulen_disimpan")
        pengingat_dikirim.connect(pengingat_terkirim, dispatch_uid="laporan.pengingat_terkirim")
