"""Every table of the app can be looked at in /admin/ (issue 9): a model added without its admin fails here."""

from django.apps import apps
from django.contrib import admin


def test_setiap_model_terdaftar_di_admin():
    tanpa_admin = [
        m._meta.label
        for nama in ("surel", "gugus", "kegiatan", "laporan")
        for m in apps.get_app_config(nama).get_models()
        if m not in admin.site._registry and not m.__name__.startswith("Historical")
    ]
    assert tanpa_admin == []
