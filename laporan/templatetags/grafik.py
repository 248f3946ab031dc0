"""Server-rendered SVG bar charts (no JavaScript, no CDN): `{% grafik_batang data %}` draws `_grafik_batang.html`.

`data` is a dict: `id` (unique on the page), `judul`, `keterangan` (the SVG's <desc>), `label` (one per bar group:
a (text, second line) pair, e.g. ("Jan", "2026")), `seri` (a list of (name, colour, values)) and optionally `maks`
(the top of the scale, e.g. 100 for percentages). The geometry is computed here, so the template only places
shapes. The chart scales to its container (viewBox, width 100%); the numbers also belong in a table next to it
for screen readers.
"""

import math

from django import template

register = template.Library()

LEBAR, TINGGI = 400, 230
KIRI, KANAN, ATAS, BAWAH = 34, 6, 30, 36


def _n(x: float) -> str:
    """A coordinate as SVG wants it: a dot for decimals whatever the locale (templates would print "204,5")."""
    return f"{x:.1f}".removesuffix(".0")


def _skala_atas(nilai: float) -> int:
    """A round top of the scale at or above `nilai`: 1, 2, 5, 10, 20, 50, …"""
    if nilai <= 1:
        return 1
    pangkat = 10 ** math.floor(math.log10(nilai))
    return next(int(k * pangkat) for k in (1, 2, 5, 10) if k * pangkat >= nilai)


@register.inclusion_tag("_grafik_batang.html")
def grafik_batang(data: dict) -> dict:
    label, seri = data["label"], data["seri"]
    nilai = [v or 0 for _nama, _warna, vs in seri for v in vs]
    maks = data.get("maks") or _skala_atas(max(nilai, default=0))
    lebar_plot, tinggi_plot = LEBAR - KIRI - KANAN, TINGGI - ATAS - BAWAH
    slot = lebar_plot / max(len(label), 1)
    lebar_batang = slot * 0.8 / max(len(seri), 1)
    dasar = ATAS + tinggi_plot
    kelompok = []
    for i, teks in enumerate(label):
        x0 = KIRI + i * slot + slot * 0.1
        batang, nama_label = [], f"{teks[0]} {teks[1]}".strip()
        for j, (nama, warna, vs) in enumerate(seri):
            v = vs[i]
            tinggi = 0 if v is None else tinggi_plot * min(v, maks) / maks
            batang.append(
                {
                    "x": _n(x0 + j * lebar_batang),
                    "y": _n(dasar - tinggi),
                    "lebar": _n(lebar_batang - 1),
                    "tinggi": _n(tinggi),
                    "warna": warna,
                    "nama": f"{nama_label} – {nama}",
                    "nilai": "–" if v is None else v,
                }
            )
        kelompok.append({"label": teks[0], "label_2": teks[1], "x": _n(KIRI + (i + 0.5) * slot), "batang": batang})
    # Grid lines at 0, half and the top; the half is labelled only when it is a whole number.
    garis = [
        {"y": _n(dasar - tinggi_plot * k / 2), "nilai": str(maks * k // 2) if (maks * k) % 2 == 0 else ""}
        for k in (0, 1, 2)
    ]
    legenda = [
        {"x": str(KIRI + 110 * j), "x_teks": str(KIRI + 110 * j + 14), "nama": nama, "warna": warna}
        for j, (nama, warna, _vs) in enumerate(seri)
    ]
    return {
        "g": data,
        "lebar": str(LEBAR),
        "tinggi": str(TINGGI),
        "kiri": str(KIRI),
        "kiri_label": str(KIRI - 4),
        "kanan": str(LEBAR - KANAN),
        "dasar_label": str(dasar + 15),
        "kelompok": kelompok,
        "garis": garis,
        "legenda": legenda,
    }
