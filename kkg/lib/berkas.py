"""Private file storage: uploads and issued documents live under settings.BERKAS_PRIVAT_ROOT, never served by
the web server, under random names; views stream them only to users allowed to see them."""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


class PenyimpananPrivat(FileSystemStorage):
    """A file system storage at settings.BERKAS_PRIVAT_ROOT, read on every use (tests point it elsewhere)."""

    @property
    def base_location(self):
        return settings.BERKAS_PRIVAT_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("private files have no URL; a view streams them")


penyimpanan_privat = PenyimpananPrivat()


@deconstructible
class NamaAcak:
    """<folder>/<yyyy>/<32 random hex><ext>: the name says nothing and cannot be guessed."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, nama_asli: str) -> str:
        from pathlib import PurePath

        from django.utils import timezone

        akhiran = PurePath(nama_asli).suffix.lower()[:10]
        return f"{self.folder}/{timezone.now():%Y}/{uuid.uuid4().hex}{akhiran}"

    def __eq__(self, other):
        return isinstance(other, NamaAcak) and other.folder == self.folder
