import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def param_halaman(context, nomor):
    """The current query string (search, filters) with only the page number replaced."""
    query = context["request"].GET.copy()
    query["page"] = nomor
    return query.urlencode()


@register.filter
def halaman_sekitar(paginator, nomor):
    """Page numbers around the current one, with None where pages are left out."""
    return [None if n == paginator.ELLIPSIS else n for n in paginator.get_elided_page_range(nomor, on_each_side=2)]


@register.filter
def rupiah(nilai):
    """An integer of rupiah as "Rp 1.250.000" (negative: "−Rp 50.000"); None stays empty."""
    if nilai is None or nilai == "":
        return ""
    nilai = int(nilai)
    teks = f"{abs(nilai):,}".replace(",", ".")
    return f"{'−' if nilai < 0 else ''}Rp {teks}"


@register.filter
def teks_polos(teks):
    """Plain text as safe HTML: everything escaped; lines starting with "- " or "* " become a bulleted list,
    "1. " a numbered one; blank lines separate paragraphs. No HTML from the text ever reaches the page."""
    blok, hasil = [], []

    def tutup():
        if blok:
            hasil.append("<p>" + "<br>".join(blok) + "</p>")
            blok.clear()

    daftar = None  # "ul" / "ol" while inside a list
    for baris in (teks or "").splitlines():
        baris = baris.rstrip()
        butir = re.match(r"^\s*(?:([-*•])|(\d+)[.)])\s+(.*)$", baris)
        jenis = ("ul" if butir[1] else "ol") if butir else None
        if daftar and jenis != daftar:
            hasil.append(f"</{daftar}>")
            daftar = None
        if butir:
            tutup()
            if not daftar:
                hasil.append(f"<{jenis}>")
                daftar = jenis
            hasil.append(f"<li>{escape(butir[3])}</li>")
        elif baris.strip():
            blok.append(escape(baris.strip()))
        else:
            tutup()
    tutup()
    if daftar:
        hasil.append(f"</{daftar}>")
    return mark_safe("".join(hasil))


@register.filter
def tgl(nilai, format_tanggal="j F Y"):
    """A date, or an ISO date string from a frozen snapshot (a report's JSON), in Django's date format."""
    import datetime

    from django.utils.dateformat import format as format_dt

    if not nilai:
        return ""
    if isinstance(nilai, str):
        try:
            nilai = datetime.date.fromisoformat(nilai[:10])
        except ValueError:
            return nilai
    return format_dt(nilai, format_tanggal)
