"""Products and photos of a meeting: upload, edit, curate, delete.

Uploads are checked by content (`kegiatan.berkas`), stored under a random name in the private storage and
attached to the meeting's group (never a group taken from the request). Files leave storage only after the
deleting transaction commits, so a rolled-back delete keeps its file.
"""

import io
import re
import unicodedata
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from gugus.akses import pastikan_boleh
from gugus.models import Guru, Kepengurusan
from kkg.lib.berkas import penyimpanan_privat

from ..berkas import PRODUK, periksa_berkas, periksa_gambar
from ..models import Dokumentasi, Pertemuan, Produk

MAKS_FOTO = 10  # photos per upload: a phone on a slow line should not send more in one request
LEBAR_KECIL = 480  # thumbnail width in pixels


def calon_penulis(pertemuan: Pertemuan):
    """The teachers who may be named as authors: the group's members and board on the meeting's date."""
    anggota = pertemuan.keanggotaan_hari_itu()
    pengurus = Kepengurusan.objects.menjabat(pertemuan.tanggal).filter(kelompok_id=pertemuan.kelompok_id)
    return Guru.objects.filter(Q(pk__in=anggota.values("guru")) | Q(pk__in=pengurus.values("guru"))).order_by("nama")


def nama_tampilan(nama: str, mime: str) -> str:
    """The original file name made safe to show and to offer as a download name: no folders, no control or
    bidi characters (a right-to-left override can disguise "gpj.exe" as "exe.jpg"), an extension that matches
    the content."""
    nama = unicodedata.normalize("NFC", PurePath(nama.replace("\\", "/")).name)
    nama = "".join(c for c in nama if unicodedata.category(c)[0] != "C")
    nama = re.sub(r"\s+", " ", nama).strip(" .") or "berkas"
    jenis = filetype.get_type(mime=mime)
    akhiran = PurePath(nama).suffix.lower().lstrip(".")
    sama = {akhiran} & ({jenis.extension, "jpeg", "jpg"} if jenis and jenis.extension == "jpg" else {jenis.extension})
    if jenis and not sama:
        nama = f"{nama}.{jenis.extension}"
    if len(nama) > 200:
        stem, ext = PurePath(nama).stem, PurePath(nama).suffix
        nama = stem[: 200 - len(ext)] + ext
    return nama


def _bisa_unggah(pertemuan: Pertemuan, oleh) -> None:
    pastikan_boleh(oleh, "ikut", pertemuan)
    if pertemuan.status == Pertemuan.Status.DIBATALKAN:
        raise ValidationError(_("Pertemuan ini dibatalkan; tidak dapat menerima unggahan."))


def _periksa_penulis(pertemuan: Pertemuan, penulis) -> list[Guru]:
    penulis = list(penulis)
    sah = set(calon_penulis(pertemuan).filter(pk__in=[g.pk for g in penulis]).values_list("pk", flat=True))
    if any(g.pk not in sah for g in penulis):
        raise ValidationError({"penulis": _("Penulis harus anggota kelompok pada tanggal pertemuan.")})
    return penulis


def _hapus_berkas_nanti(*nama: str) -> None:
    def hapus():
        for n in nama:
            if n:
                penyimpanan_privat.delete(n)

    transaction.on_commit(hapus)


@transaction.atomic
def unggah_produk(
    pertemuan: Pertemuan,
    *,
    oleh,
    berkas,
    judul: str,
    jenis: str,
    fase: str = "",
    mata_pelajaran: str = "",
    deskripsi: str = "",
    penulis=(),
) -> Produk:
    """A member (or board member) of the meeting's group uploads a product to a meeting not cancelled."""
    _bisa_unggah(pertemuan, oleh)
    if not berkas:
        raise ValidationError({"berkas": _("Pilih berkas produknya.")})
    try:
        mime = periksa_berkas(berkas, PRODUK)
    except ValidationError as e:
        raise ValidationError({"berkas": e.messages}) from e
    penulis = _periksa_penulis(pertemuan, penulis)
    nama = nama_tampilan(berkas.name, mime)
    # The stored name keeps only an extension that matches the content (NamaAcak takes the suffix).
    berkas.name = f"berkas{PurePath(nama).suffix.lower()}"
    produk = Produk(
        pertemuan=pertemuan,
        kelompok_id=pertemuan.kelompok_id,
        judul=judul,
        jenis=jenis,
        fase=fase,
        mata_pelajaran=mata_pelajaran,
        deskripsi=deskripsi,
        berkas=berkas,
        nama_berkas=nama,
        tipe_berkas=mime,
        ukuran=berkas.size,
        diunggah_oleh=oleh,
    )
    produk.full_clean(exclude=["berkas"])
    produk.save()
    produk.penulis.set(penulis)
    return produk


@transaction.atomic
def ubah_produk(produk: Produk, *, oleh, judul, jenis, fase="", mata_pelajaran="", deskripsi="", penulis=()) -> Produk:
    """The uploader or the board corrects a product's description (never its file or group)."""
    pastikan_boleh(oleh, "kelola_unggahan", produk)
    produk.penulis.set(_periksa_penulis(produk.pertemuan, penulis))
    produk.judul, produk.jenis, produk.fase = judul, jenis, fase
    produk.mata_pelajaran, produk.deskripsi = mata_pelajaran, deskripsi
    produk.full_clean(exclude=["berkas"])
    produk.save(update_fields=["judul", "jenis", "fase", "mata_pelajaran", "deskripsi"])
    return produk


@transaction.atomic
def hapus_produk(produk: Produk, *, oleh) -> None:
    """The uploader or the board deletes a product; its file leaves storage after commit."""
    pastikan_boleh(oleh, "kelola_unggahan", produk)
    nama = produk.berkas.name
    produk.delete()
    _hapus_berkas_nanti(nama)


@transaction.atomic
def kurasi_produk(produk: Produk, *, oleh, dikurasi: bool) -> Produk:
    """The ketua or a koordinator puts a product into the group's bank (or takes it out). Setting a value
    rather than toggling makes a repeated click harmless."""
    pastikan_boleh(oleh, "kurasi_produk", produk)
    produk.dikurasi = dikurasi
    produk.dikurasi_oleh = oleh if dikurasi else None
    produk.save(update_fields=["dikurasi", "dikurasi_oleh"])
    return produk


@transaction.atomic
def unggah_dokumentasi(pertemuan: Pertemuan, *, oleh, foto: list, keterangan: str = "") -> list[Dokumentasi]:
    """A member uploads photos of the meeting, all with the same caption; all are saved or none."""
    _bisa_unggah(pertemuan, oleh)
    if not foto:
        raise ValidationError({"foto": _("Pilih minimal satu foto.")})
    if len(foto) > MAKS_FOTO:
        raise ValidationError({"foto": _("Paling banyak %(n)d foto sekali unggah.") % {"n": MAKS_FOTO}})
    galat, jenis = [], []
    for f in foto:
        try:
            jenis.append(periksa_gambar(f))
        except ValidationError as e:
            galat.extend(f"{nama_tampilan(f.name, 'image/jpeg')}: {m}" for m in e.messages)
    if galat:
        raise ValidationError({"foto": galat})
    hasil = []
    for f, mime in zip(foto, jenis, strict=True):
        f.name = f"foto.{filetype.get_type(mime=mime).extension}"
        dok = Dokumentasi(
            pertemuan=pertemuan, foto=f, keterangan=keterangan, tipe_berkas=mime, ukuran=f.size, diunggah_oleh=oleh
        )
        dok.full_clean(exclude=["foto"])
        dok.save()
        hasil.append(dok)
    return hasil


@transaction.atomic
def hapus_dokumentasi(dok: Dokumentasi, *, oleh) -> None:
    """The uploader or the board deletes a photo; the photo and its thumbnail leave storage after commit."""
    pastikan_boleh(oleh, "kelola_unggahan", dok)
    nama = dok.foto.name
    dok.delete()
    _hapus_berkas_nanti(nama, nama_kecil(nama))


def nama_kecil(nama: str) -> str:
    """The storage name of a photo's thumbnail: derived from its random name, so as unguessable."""
    return f"{nama}.kecil.jpg"


def gambar_kecil(dok: Dokumentasi) -> str:
    """The storage name of the photo's thumbnail (a JPEG LEBAR_KECIL wide), made on first use."""
    nama = nama_kecil(dok.foto.name)
    if penyimpanan_privat.exists(nama):
        return nama
    with dok.foto.open("rb") as f, Image.open(f) as gambar:
        gambar = ImageOps.exif_transpose(gambar).convert("RGB")
        gambar.thumbnail((LEBAR_KECIL, LEBAR_KECIL * 2))
        keluaran = io.BytesIO()
        gambar.save(keluaran, "JPEG", quality=80, optimize=True)
    # The storage may pick another name if two requests race; either copy is the same picture.
    return penyimpanan_privat.save(nama, ContentFile(keluaran.getvalue()))
