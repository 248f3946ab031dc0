"""Uploads checked by their content, not their name: the first bytes must show an allowed type, the size
must be within settings.BATAS_UNGGAH_MB, and files are streamed back only by views that check access."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext as _

# Allowed content, by MIME type as detected from the bytes, with the names users know.
DOKUMEN = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (.docx)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel (.xlsx)",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint (.pptx)",
}
GAMBAR = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WebP"}
VIDEO = {"video/mp4": "MP4"}
PRODUK = DOKUMEN | GAMBAR | VIDEO
FOTO = GAMBAR
BUKTI = GAMBAR | {"application/pdf": "PDF"}


def periksa_berkas(berkas, diizinkan: dict[str, str]) -> str:
    """Checks an uploaded file and returns its detected MIME type; a ValidationError says what is wrong."""
    batas = settings.BATAS_UNGGAH_MB * 1024 * 1024
    if berkas.size > batas:
        raise ValidationError(
            _("Berkas terlalu besar (%(ukuran).1f MB); batasnya %(batas)d MB.")
            % {"ukuran": berkas.size / 1024 / 1024, "batas": settings.BATAS_UNGGAH_MB},
            code="terlalu_besar",
        )
    posisi = berkas.tell()
    berkas.seek(0)
    kepala = berkas.read(8192)
    berkas.seek(posisi)
    jenis = filetype.guess(kepala)
    if jenis is None or jenis.mime not in diizinkan:
        raise ValidationError(
            _("Isi berkas bukan jenis yang diizinkan. Unggah berkas %(jenis)s.")
            % {"jenis": ", ".join(dict.fromkeys(diizinkan.values()))},
            code="jenis_berkas",
        )
    return jenis.mime


def unduhan(field_file, nama: str, tipe: str, lampiran: bool = True) -> FileResponse:
    """Streams a private file under its original name; the browser must not guess another type."""
    respons = FileResponse(field_file.open("rb"), as_attachment=lampiran, filename=nama, content_type=tipe)
    respons["X-Content-Type-Options"] = "nosniff"
    respons["Cache-Control"] = "private, max-age=3600"
    return respons


def periksa_gambar(berkas, diizinkan: dict[str, str] = FOTO) -> str:
    """Like `periksa_berkas`, and the whole image must also decode: a forged or truncated picture is refused."""
    from PIL import Image

    mime = periksa_berkas(berkas, diizinkan)
    posisi = berkas.tell()
    try:
        berkas.seek(0)
        with Image.open(berkas) as gambar:
            gambar.load()  # decodes every pixel: raises on truncated data, and on a decompression bomb
    except Exception as e:  # Pillow raises many kinds (OSError, SyntaxError, DecompressionBombError, …)
        raise ValidationError(_("Gambar rusak atau tidak lengkap; unggah ulang fotonya."), code="gambar_rusak") from e
    finally:
        berkas.seek(posisi)
    return mime
