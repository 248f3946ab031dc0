"""The site's absolute address, from one place: links in e-mail and in documents are made outside any request
(Celery, beat), so the scheme and host come from settings.ALAMAT_SITUS, never from a request."""

from django.conf import settings


def alamat_situs() -> str:
    """The base URL, without a trailing slash, e.g. "https://kkg.okutimurkab.go.id"."""
    return settings.ALAMAT_SITUS


def url_absolut(path: str) -> str:
    """`path` (from reverse() or get_absolute_url()) as an absolute URL."""
    return alamat_situs() + path
