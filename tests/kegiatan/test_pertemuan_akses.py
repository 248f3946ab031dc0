"""Every meeting page × every role: the page, 403 (in scope, not permitted), 404 (out of scope) or login."""

import pytest
from django.urls import reverse

from tests.dunia import PERAN

MASUK = "login"
KE_RINCIAN = 302

# ketua, sekretaris, bendahara, koordinator, anggota, pengawas, dinas, admin, guru_lain, dinas_lain, tamu
# fmt: off
HALAMAN = [
    ("pertemuan-list",        False, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, MASUK]),
    ("pertemuan-kalender",    False, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, MASUK]),
    ("kalender-langganan",    False, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, MASUK]),
    ("pertemuan-create",      False, [200, 200, 403, 403, 403, 403, 403, 200, 403, 403, MASUK]),
    ("pertemuan-detail",      True,  [200, 200, 200, 200, 200, 200, 200, 200, 404, 404, MASUK]),
    ("pertemuan-update",      True,  [200, 200, 403, 403, 403, 403, 403, 200, 404, 404, MASUK]),
    ("pertemuan-delete",      True,  [200, 200, 403, 403, 403, 403, 403, 200, 404, 404, MASUK]),
    ("pertemuan-batal",       True,  [200, 200, 403, 403, 403, 403, 403, 200, 404, 404, MASUK]),
    ("pertemuan-terlaksana",  True,  [405, 405, 403, 403, 403, 403, 403, 405, 404, 404, MASUK]),
    ("pertemuan-konfirmasi",  True,  [KE_RINCIAN] * 5 + [403, 403, KE_RINCIAN, 404, 404, MASUK]),
]
# fmt: on


@pytest.mark.parametrize(
    "nama, per_pertemuan, peran, harapan",
    [(nama, per, peran, h) for nama, per, hasil in HALAMAN for peran, h in zip(PERAN, hasil, strict=True)],
)
def test_akses_halaman_pertemuan(client, pengguna, pertemuan_a, nama, per_pertemuan, peran, harapan):
    if pengguna[peran]:
        client.force_login(pengguna[peran])
    url = reverse(f"kegiatan:{nama}", args=[pertemuan_a.pk] if per_pertemuan else [])

    respons = client.get(url)

    if harapan == MASUK:
        assert respons.status_code == 302 and respons.url.startswith(reverse("login"))
    else:
        assert respons.status_code == harapan
