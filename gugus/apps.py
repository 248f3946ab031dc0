from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GugusConfig(AppConfig):
    name = "gugus"
    verbose_name = _("Organisasi")
