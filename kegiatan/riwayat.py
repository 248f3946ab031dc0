"""Riwayat: a timeline of who changed what and when, merged from django-simple-history's records of
several models, newest first (read by the riwayat pages, for the board: "lihat_riwayat").

It runs a fixed number of queries whatever the history's length: one narrow query per source (history id,
object id, date) to order and page the lines and to find each line's previous record; one per source for the
page's records and their previous ones; one per related model named in the page (guru, sekolah, …) to show
names instead of ids.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import models
from django.utils import formats
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gugus.templatetags.kkg import rupiah

from .models import EntriKas, Kehadiran, Notulen, Pertemuan, TindakLanjut

# Related models whose names need a join.
_BERSAMA = {Notulen: ("pertemuan",)}
JENIS = {"+": gettext_lazy("dibuat"), "~": gettext_lazy("diubah"), "-": gettext_lazy("dihapus")}


@dataclass
class Sumber:
    """One model's historical records, and how to name one of its objects (`nama(record, names of FKs)`)."""

    riwayat: models.QuerySet
    nama: object  # callable(record, dict[(model, pk) -> str]) -> str


@dataclass
class Baris:
    waktu: object
    oleh: str
    objek: str
    jenis: str
    label_jenis: str
    perubahan: list = field(default_factory=list)  # (field label, old, new)


def _fk(record, nama_fk, atribut):
    """The name of a related object from the resolved names (the id when it no longer exists)."""
    f = record._meta.get_field(atribut)
    pk = getattr(record, f.attname)
    return nama_fk.get((f.related_model, pk), str(pk)) if pk is not None else "—"


def _tampil(f, nilai, nama_fk) -> str:
    if nilai is None or nilai == "":
        return "—"
    if f.is_relation:
        return nama_fk.get((f.related_model, nilai), f"#{nilai}")
    if f.choices:
        return str(dict(f.flatchoices).get(nilai, nilai))
    if isinstance(f, models.PositiveBigIntegerField):  # money is whole rupiah (STYLE.md)
        return rupiah(nilai)
    if isinstance(nilai, bool):
        return _("ya") if nilai else _("tidak")
    return Truncator(formats.localize(nilai)).chars(80)


def linimasa(sumber: list[Sumber], halaman, per_halaman=30):
    """The page `halaman` of the merged timeline: a Page whose object_list holds Baris."""
    semua, sebelum = [], {}
    for i, s in enumerate(sumber):
        terakhir = {}
        for hid, oid, waktu in s.riwayat.order_by("history_date", "history_id").values_list(
            "history_id", "id", "history_date"
        ):
            sebelum[(i, hid)] = terakhir.get(oid)
            terakhir[oid] = hid
            semua.append((waktu, i, hid))
    semua.sort(reverse=True)
    page = Paginator(semua, per_halaman).get_page(halaman)

    perlu = defaultdict(set)
    for _w, i, hid in page.object_list:
        perlu[i] |= {hid, sebelum[(i, hid)]} - {None}
    rekaman = {
        (i, r.history_id): r
        for i, hids in perlu.items()
        for r in sumber[i].riwayat.model.objects.filter(history_id__in=hids).select_related("history_user")
    }

    # Every related id named on the page, fetched once per related model.
    ids = defaultdict(set)
    for r in rekaman.values():
        for f in r.instance_type._meta.concrete_fields:
            if f.is_relation and getattr(r, f.attname) is not None:
                ids[f.related_model].add(getattr(r, f.attname))
    nama_fk = {
        (model, pk): str(obj)
        for model, pks in ids.items()
        for pk, obj in model._default_manager.select_related(*_BERSAMA.get(model, ())).in_bulk(pks).items()
    }

    baris = []
    for waktu, i, hid in page.object_list:
        r, lama = rekaman[(i, hid)], rekaman.get((i, sebelum[(i, hid)]))
        perubahan = []
        if r.history_type == "~" and lama is not None:
            for c in r.diff_against(lama).changes:
                f = r.instance_type._meta.get_field(c.field)
                perubahan.append((f.verbose_name, _tampil(f, c.old, nama_fk), _tampil(f, c.new, nama_fk)))
        u = r.history_user
        baris.append(
            Baris(
                waktu=waktu,
                oleh=(u.get_full_name() or u.get_username()) if u else _("sistem"),
                objek=sumber[i].nama(r, nama_fk),
                jenis=r.history_type,
                label_jenis=str(JENIS[r.history_type]),
                perubahan=perubahan,
            )
        )
    page.object_list = baris
    return page


def _nama_kehadiran(r, nama_fk):
    siapa = _fk(r, nama_fk, "guru") if r.guru_id else _("%(n)s (tamu)") % {"n": r.nama_tamu}
    return _("Kehadiran: %(s)s") % {"s": siapa}


def nama_kas(r, nama_fk):
    return _("Entri kas #%(n)s: %(u)s") % {"n": r.nomor, "u": r.uraian}


def nama_tarif(r, nama_fk):
    return _("Tarif iuran mulai %(b)s") % {"b": formats.date_format(r.berlaku_mulai, "F Y")}


SUMBER_PERTEMUAN = (
    (Pertemuan, "id", lambda r, n: _("Pertemuan: %(t)s") % {"t": r.topik}),
    (Kehadiran, "pertemuan_id", _nama_kehadiran),
    (Notulen, "pertemuan_id", lambda r, n: _("Notulen versi %(v)d") % {"v": r.versi}),
    (TindakLanjut, None, lambda r, n: _("Tindak lanjut: %(u)s") % {"u": r.uraian}),
    (EntriKas, "pertemuan_id", nama_kas),
)
