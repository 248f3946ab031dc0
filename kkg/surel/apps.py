from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurelConfig(AppConfig):
    name = "kkg.surel"
    label = "surel"
    verbose_name = _("Kotak keluar e-mail")
