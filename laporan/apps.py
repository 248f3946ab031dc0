from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LaporanConfig(AppConfig):
    name = "laporan"
    verbose_name = _("Laporan")

    def ready(self):
        from django.db.models.signals import post_save

        from kegiatan.models import Notulen

        from .signals import notulen_disimpan

        post_save.connect(notulen_disimpan, sender=Notulen, dispatch_uid="laporan.notulen_disimpan")
