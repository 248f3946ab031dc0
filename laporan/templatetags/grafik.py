"""Server-rendered SVG bar charts (no JavaScript, no CDN): `{% grafik_batang data %}` draws `_grafik_batang.html`.

`data` is a dict: `id` (unique on the page), `judul`, `keterangan` (the SVG's <desc>), `label` (one per bar
group, e.g. month names), `seri` (a list of (name, colour, values)) and optionally `maks` (the top of the scale,
e.g. 100 for percentages). The geometry is computed here, so the template only places shapes. The chart scales
to its container (viewBox, width 100%); the numbers also belong in a table next to it for screen readers.
"""

import math

from django import template

register = template.Library()

LEBAR, TINGGI = 400, 230
KIRI, KANAN, ATAS, BAWAH = 34, 6, 30, 26


def _skala_atas(nilai: float) -> int:
    """A round top of the scale at or above `nilai`: 1, 2, 5, 10, 20, 50, …"""
    if nilai <= 1:
        return 1
    pangkat = 10 ** math.floor(math.log10(nilai))
    return next(int(k * pangkat) for k in (1, 2, 5, 10) if k * pangkat >= nilai)


@register.inclusion_tag("_grafik_batang.html")
def grafik_batang(data: dict) -> dict:
    label, seri = data["label"], data["seri"]
    nilai = [v or 0 for _n, _w, vs in seri for v in vs]
    maks = data.get("maks") or _skala_atas(max(nilai, default=0))
    lebar_plot, tinggi_plot = LEBAR - KIRI - KANAN, TINGGI - ATAS - BAWAH
    slot = lebar_plot / max(len(label), 1)
    lebar_batang = slot * 0.8 / max(len(seri), 1)
    dasar = ATAS + tinggi_plot
    kelompok = []
    for i, teks in enumerate(label):
        x0 = KIRI + i * slot + slot * 0.1
        batang = []
        for j, (nama, warna, vs) in enumerate(seri):
            v = vs[i]
            tinggi = 0 if v is None else tinggi_plot * min(v, maks) / maks
            batang.append(
                {
                    "x": round(x0 + j * lebar_batang, 1),
                    "y": round(dasar - tinggi, 1),
                    "lebar": round(lebar_batang - 1, 1),
                    "tinggi": round(tinggi, 1),
                    "warna": warna,
                    "nama": nama,
                    "nilai": "–" if v is None else v,
                }
            )
        kelompok.append({"label": teks, "x": round(KIRI + (i + 0.5) * slot, 1), "batang": batang})
    garis = [{"y": round(dasar - tinggi_plot * k / 2, 1), "nilai": round(maks * k / 2)} for k in (0, 1, 2)]
    legenda = [{"x": KIRI + 110 * j, "nama": nama, "warna": warna} for j, (nama, warna, _vs) in enumerate(seri)]
    return {
        "g": data,
        "lebar": LEBAR,
        "tinggi": TINGGI,
        "kiri": KIRI,
        "kanan": LEBAR - KANAN,
        "dasar_label": dasar + 16,
        "kelompok": kelompok,
        "garis": garis,
        "legenda": legenda,
    }
